import { fail, na, pass, ReadinessRule } from '../rule';

export const FullBandwidth: ReadinessRule = {
  id: 'RDY-NET-1',
  weight: 20,
  description: 'Every GPU fleet is configured for the maximum bandwidth of its instance type (an EFA interface per network card, a NIC per GPU network, InfiniBand in one placement group)',
  evaluate: (f) => {
    if (f.fleets.length === 0) return na('no GPU fleet');
    const short = f.fleets.filter((x) => x.configuredGbps < x.maxGbps);
    return short.length === 0 ? pass(f.fleets.map((x) => `${x.path}: ${x.configuredGbps}/${x.maxGbps} Gbps`).join('; '))
      : fail(short.map((x) => `${x.path}: ${x.configuredGbps} of ${x.maxGbps} Gbps`).join('; '));
  },
};
