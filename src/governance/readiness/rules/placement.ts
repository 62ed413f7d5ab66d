import { InstanceType } from '../../../core/catalog/instance-type';
import { fail, na, pass, ReadinessRule } from '../rule';

export const Placement: ReadinessRule = {
  id: 'RDY-PLC-1',
  weight: 10,
  description: 'Multi-node fleets of fabric types are co-located (cluster placement group, compact placement, proximity placement group) or bought as a capacity block',
  evaluate: (f) => {
    const multi = f.fleets.filter((x) => x.nodes > 1 && InstanceType.of(x.instanceType).hasFabric);
    if (multi.length === 0) return na('no multi-node fabric fleet');
    const loose = multi.filter((x) => !x.placement && x.purchase !== 'capacity-block');
    return loose.length === 0 ? pass(`${multi.length} fleet(s) co-located`) : fail(`not co-located: ${loose.map((x) => x.path).join(', ')}`);
  },
};
