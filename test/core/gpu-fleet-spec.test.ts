import { Cloud, EfaInterfaceMode, GpuFleetSpec, GpuFleetSpecProps, InstanceType, NicRole, PurchaseOption, SpotEvictionPolicy } from '../../src';

function problems(spec: GpuFleetSpec, cloud?: Cloud) {
  return spec.validate(cloud).map((p) => p.property);
}

describe('GpuFleetSpec NIC plan (derived from the catalog)', () => {
  test.each([
    ['p5.48xlarge', 32],
    ['p5en.48xlarge', 16],
    ['p4d.24xlarge', 4],
    ['trn1.32xlarge', 8],
    ['trn1n.32xlarge', 16],
    ['g6.xlarge', 0],
  ])('%s gets %d EFA interfaces', (name, efa) => {
    const plan = new GpuFleetSpec({ instanceType: InstanceType.of(name) }).nicPlan();
    expect(plan.filter((a) => a.interfaceType === 'efa-only' || a.interfaceType === 'efa')).toHaveLength(efa);
  });

  test('efa-only mode: ENA primary at card 0 device 0, efa-only at card 0 device 1 and device 0 of every other card', () => {
    const plan = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE }).nicPlan();
    expect(plan[0]).toMatchObject({ interfaceType: 'interface', networkCardIndex: 0, deviceIndex: 0, role: NicRole.HOST, takesIp: true });
    expect(plan[1]).toMatchObject({ interfaceType: 'efa-only', networkCardIndex: 0, deviceIndex: 1, takesIp: false });
    expect(plan.slice(2).map((a) => [a.networkCardIndex, a.deviceIndex])).toEqual(Array.from({ length: 31 }, (_, i) => [i + 1, 0]));
    expect(new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE }).ipsPerNode).toBe(1);
  });

  test('efa mode: efa at device 0 of every card, each with an IP', () => {
    const spec = new GpuFleetSpec({ instanceType: InstanceType.P5EN_48XLARGE, efaInterfaceMode: EfaInterfaceMode.EFA } as GpuFleetSpecProps);
    expect(spec.nicPlan().every((a) => a.interfaceType === 'efa' && a.deviceIndex === 0)).toBe(true);
    expect(spec.ipsPerNode).toBe(16);
  });

  test.each([
    ['a3-highgpu-8g', 5, ['host', 'gpu-0', 'gpu-1', 'gpu-2', 'gpu-3']],
    ['a3-megagpu-8g', 9, ['host', ...Array.from({ length: 8 }, (_, i) => `gpu-${i}`)]],
    ['a3-ultragpu-8g', 10, ['host', 'host-1', 'rdma']],
    ['g2-standard-4', 1, ['host']],
  ])('%s gets %d NICs on networks %j', (name, count, networks) => {
    const plan = new GpuFleetSpec({ instanceType: InstanceType.of(name) }).nicPlan();
    expect(plan).toHaveLength(count);
    expect([...new Set(plan.map((a) => a.network))]).toEqual(networks);
  });

  test('every type in the catalog is planned at its maximum bandwidth', () => {
    for (const t of InstanceType.all()) {
      const spec = new GpuFleetSpec({ instanceType: t, purchase: t.spec.capacityBlocksOnly ? PurchaseOption.capacityBlock('cr-0123456789abcdef0') : undefined });
      expect([t.name, spec.plannedGbps]).toEqual([t.name, t.maxGbps]);
    }
  });
});

describe('GpuFleetSpec defaults', () => {
  test('placement is on for several nodes of a fabric type', () => {
    expect(new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 4 }).placement).toBe(true);
    expect(new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 1 }).placement).toBe(false);
    expect(new GpuFleetSpec({ instanceType: InstanceType.G6_XLARGE, nodes: 4 }).placement).toBe(false);
  });

  test('placement is off for a capacity block', () => {
    const s = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 4, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0') });
    expect(s.placement).toBe(false);
    expect(s.validate(Cloud.AWS)).toEqual([]);
  });

  test('scale-to-zero schedule gets default crons', () => {
    const s = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, scaleToZero: {} });
    expect(s.scaleToZero).toEqual({ scaleDownCron: '0 20 * * 1-5', scaleUpCron: '0 7 * * 1-5', timeZone: 'UTC' });
  });

  test('A3 compact placement defaults to max distance 2', () => {
    expect(new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2 }).placementMaxDistance).toBe(2);
  });
});

describe('GpuFleetSpec validation', () => {
  const p5 = InstanceType.P5_48XLARGE;
  test('a plain fleet is valid', () => {
    expect(new GpuFleetSpec({ instanceType: p5, nodes: 2 }).validate(Cloud.AWS)).toEqual([]);
  });

  test.each<[string, any, string]>([
    ['negative nodes', { nodes: -1 }, 'nodes'],
    ['fractional nodes', { nodes: 1.5 }, 'nodes'],
    ['min above desired', { nodes: 2, minNodes: 3, maxNodes: 4 }, 'minNodes'],
    ['desired above max', { nodes: 5, maxNodes: 4 }, 'maxNodes'],
    ['more than 1000 nodes', { nodes: 1001 }, 'nodes'],
    ['placement for one node', { nodes: 1, placement: true }, 'placement'],
    ['placement with a capacity block', { nodes: 2, placement: true, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0') }, 'placement'],
    ['a malformed capacity block id', { purchase: PurchaseOption.capacityBlock('block-1') }, 'purchase.reservationId'],
    ['a malformed reservation id', { purchase: PurchaseOption.reservation('my-res') }, 'purchase.reservationId'],
    ['a spot price of zero', { purchase: PurchaseOption.spot({ maxPricePerHour: 0 }) }, 'purchase.maxPricePerHour'],
    ['an eviction policy off Azure', { purchase: PurchaseOption.spot({ evictionPolicy: SpotEvictionPolicy.DELETE }) }, 'purchase.evictionPolicy'],
    ['a small root volume', { rootVolumeGiB: 50 }, 'rootVolumeGiB'],
    ['a bad cron', { scaleToZero: { scaleDownCron: 'every evening' } }, 'scaleToZero.scaleDownCron'],
    ['scale-to-zero with a reservation', { scaleToZero: {}, purchase: PurchaseOption.reservation('cr-0123456789abcdef0') }, 'scaleToZero'],
    ['an unknown purchase object', { purchase: { kind: 'spot' } }, 'purchase'],
  ])('fails on %s', (_n, patch, property) => {
    expect(problems(new GpuFleetSpec({ instanceType: p5, ...patch }), Cloud.AWS)).toContain(property);
  });

  test('fails on a type of another cloud, naming the closest types', () => {
    const v = new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G }).validate(Cloud.AWS);
    expect(v[0]).toMatchObject({ property: 'instanceType', value: "'a3-megagpu-8g'" });
    expect(v[0].allowed).toMatch(/a aws type \(this is a gcp type\)/);
  });

  test('a null schedule or a non-boolean flag is a problem, not a TypeError (found by the construct fuzz)', () => {
    const base = { instanceType: InstanceType.P5_48XLARGE, nodes: 2 };
    expect(problems(new GpuFleetSpec({ ...base, scaleToZero: null } as any))).toEqual(['scaleToZero']);
    expect(problems(new GpuFleetSpec({ ...base, placement: 'yes', gpuMetrics: 1 } as any))).toEqual(['placement', 'gpuMetrics']);
  });

  test('fails without an instance type', () => {
    expect(problems(new GpuFleetSpec({} as any))).toEqual(['instanceType']);
  });

  test('p5e has no on-demand: spot or Capacity Blocks (catalog audit 2026-12: spot price history exists)', () => {
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.P5E_48XLARGE }))).toContain('purchase');
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.P5E_48XLARGE, purchase: PurchaseOption.spot() }))).toEqual([]);
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.P5E_48XLARGE, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0') }))).toEqual([]);
  });

  test('capacity blocks are AWS only and for the types sold that way', () => {
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0') }))).toContain('purchase');
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.G6_XLARGE, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0') }))).toContain('purchase');
  });

  test('reservation ids follow each cloud', () => {
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, purchase: PurchaseOption.reservation('a3-mega-res') }))).toEqual([]);
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, purchase: PurchaseOption.reservation('Bad_Name') }))).toContain('purchase.reservationId');
    const crg = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/capacityReservationGroups/gpu';
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, purchase: PurchaseOption.reservation(crg) }))).toEqual([]);
    expect(problems(new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, purchase: PurchaseOption.reservation('gpu') }))).toContain('purchase.reservationId');
  });

  test('A3 does not accept max_distance 1', () => {
    // placementMaxDistance is gcp.GpuFleetProps' own; the spec checks it when the props carry it
    const v = new GpuFleetSpec({ instanceType: InstanceType.A3_HIGHGPU_8G, nodes: 2, placementMaxDistance: 1 } as GpuFleetSpecProps).validate(Cloud.GCP);
    expect(v).toEqual([expect.objectContaining({ property: 'placementMaxDistance', value: '1' })]);
    expect(v[0].allowed).toMatch(/from 2 to 3 \(A3 does not accept 1\)/);
  });

  test('efaInterfaceMode (aws.GpuFleetProps\' own) is checked when the props carry it: a mode, on an AWS type with EFA', () => {
    const v = (t: InstanceType, mode: unknown) => new GpuFleetSpec({ instanceType: t, efaInterfaceMode: mode } as GpuFleetSpecProps).validate(Cloud.AWS);
    expect(v(InstanceType.P5_48XLARGE, 'efa')).toEqual([]);
    expect(v(InstanceType.P5_48XLARGE, 'efa-plus')).toEqual([expect.objectContaining({ property: 'efaInterfaceMode', allowed: 'efa-only or efa' })]);
    expect(v(InstanceType.G6_XLARGE, 'efa')).toEqual([expect.objectContaining({ property: 'efaInterfaceMode', allowed: 'unset for g6.xlarge (no EFA)' })]);
    // the neutral props do not declare it; Google Cloud and Azure refuse it in their capability tables
    expect(Object.keys(new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE }).props)).not.toContain('efaInterfaceMode');
  });

  test('an InfiniBand set above 100 VMs fails with the reason', () => {
    const v = new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, nodes: 101 }).validate(Cloud.AZURE);
    expect(v[0].property).toBe('nodes');
    expect(v[0].allowed).toMatch(/one placement group of at most 100 VMs: declare several fleets/);
  });

  test('assertValid names the construct path, property, value and what is allowed', () => {
    expect(() => new GpuFleetSpec({ instanceType: p5, nodes: -2 }).assertValid('Stack/Training', Cloud.AWS))
      .toThrow("[ai-infra] GpuFleet 'Stack/Training': invalid property\n  - nodes = -2: allowed: a whole number from 0 to 1000");
  });
});
