import { InstanceType, InstanceTypeSpec } from '../../src';

describe('published bandwidth, recorded apart from the NIC layout', () => {
  test('every catalog type: the layout (host NICs x Gbps + fabric NICs x Gbps) adds up to the published figure', () => {
    for (const t of InstanceType.all()) {
      const n = t.network;
      const sum = n.hostNics * n.hostNicGbps + n.fabricNics * n.fabricNicGbps;
      expect({ name: t.name, sum }).toEqual({ name: t.name, sum: t.spec.publishedBandwidth.gbps });
      expect({ name: t.name, problems: InstanceType.bandwidthProblems(t.spec) }).toEqual({ name: t.name, problems: [] });
    }
  });

  test('every published figure carries a source and the date it was checked; unverified ones say so', () => {
    for (const t of InstanceType.all()) {
      const b = t.spec.publishedBandwidth;
      expect(b.gbps).toBeGreaterThan(0);
      expect(b.asOf).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(b.source.length).toBeGreaterThan(10);
      // a source is a repository path, a provider page, or marked UNVERIFIED: never a bare guess
      expect({ name: t.name, ok: /UNVERIFIED|https:\/\/|\//.test(b.source) }).toEqual({ name: t.name, ok: true });
    }
    expect(InstanceType.G5_XLARGE.spec.publishedBandwidth.source).toMatch(/^UNVERIFIED/);
    expect(InstanceType.P5_48XLARGE.spec.publishedBandwidth.source).toMatch(/karpenter-provider-aws .*zz_generated\.bandwidth\.go/);
  });

  test('maxGbps is the published figure; configuredGbps is what the configured interfaces of the layout carry', () => {
    const t = InstanceType.P6_B200_48XLARGE;
    expect(t.maxGbps).toBe(t.spec.publishedBandwidth.gbps);
    expect(t.maxGbps).toBe(3200);
    expect(t.configuredGbps(0, 8)).toBe(3200);
    expect(t.configuredGbps(0, 4)).toBe(1600);
    expect(t.layoutGbps).toBe(3200);
  });

  test('fails when a copy of p6-b200 carries half the per-card bandwidth (the check is not circular)', () => {
    const spec = InstanceType.P6_B200_48XLARGE.spec;
    const halved: InstanceTypeSpec = { ...spec, network: { ...spec.network, fabricNicGbps: spec.network.fabricNicGbps / 2 } };
    const problems = InstanceType.bandwidthProblems(halved);
    expect(problems).toHaveLength(1);
    expect(problems[0].property).toBe('p6-b200.48xlarge.network');
    expect(problems[0].value).toMatch(/8 x 200 = 1600 Gbps/);
    expect(problems[0].allowed).toMatch(/published 3200 Gbps \(aws\/karpenter-provider-aws/);
    // the published figure stays where it was, so a fleet rendered from the halved layout reads as short of it
    expect(InstanceType.sumOfLayout(halved.network)).toBeLessThan(halved.publishedBandwidth.gbps);
  });

  test('fails when an EFA layout\'s interfaces do not match its cards (p6-b300 with card 0 counted as EFA)', () => {
    const spec = InstanceType.P6_B300_48XLARGE.spec;
    const wrong: InstanceTypeSpec = { ...spec, network: { ...spec.network, hostOnlyCards: 0 } };
    expect(InstanceType.bandwidthProblems(wrong).map((x) => x.property)).toEqual(['p6-b300.48xlarge.network.fabricNics']);
    expect(InstanceType.bandwidthProblems(spec)).toEqual([]);
  });

  test('p6-b300 reaches its published 6400 Gbps only with all 16 EFA cards', () => {
    const t = InstanceType.P6_B300_48XLARGE;
    expect([t.maxGbps, t.configuredGbps(1, 16), t.configuredGbps(1, 15)]).toEqual([6400, 6400, 6000]);
  });

  test('fails when a record has no published figure', () => {
    const spec = InstanceType.G6_XLARGE.spec;
    expect(InstanceType.bandwidthProblems({ ...spec, publishedBandwidth: undefined as any })[0].property).toBe('g6.xlarge.publishedBandwidth');
  });
});
