import { Cloud, ClusterNetworkSpec, EfaInterfaceMode, GpuFleetSpec, GpuFleetSpecProps, InstanceType } from '../../src';

describe('ClusterNetworkSpec', () => {
  test('defaults are valid', () => {
    const n = new ClusterNetworkSpec();
    expect(n.validate()).toEqual([]);
    expect(n.cidr).toBe('10.40.0.0/16');
    expect(n.internetEgress).toBe(false);
    expect(n.flowLogs).toBe(true);
  });

  test('the cluster subnet is sized for the fleet interfaces', () => {
    // efa mode: 32 IPs per p5 node; 16 nodes x 32 x 2 + 5 = 1029 -> /21 (efaInterfaceMode is aws.GpuFleetProps' and
    // aws.ClusterNetworkProps' own: the spec follows it when the props carry it)
    const fleet = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 16, efaInterfaceMode: EfaInterfaceMode.EFA } as GpuFleetSpecProps);
    const n = new ClusterNetworkSpec({ fleet });
    expect(n.clusterAddressesNeeded).toBe(1029);
    expect(n.clusterSubnetPrefix).toBe(21);
    // efa-only mode: one IP per node would fit a /28, but the floor is a /24
    expect(new ClusterNetworkSpec({ fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 2 }) }).clusterSubnetPrefix).toBe(24);
  });

  test('resizing a fleet within the floor keeps the cluster subnet (a CIDR change would replace it)', () => {
    const cidrFor = (nodes: number) => new ClusterNetworkSpec({ fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes }) }).clusterSubnetCidr;
    expect(cidrFor(4)).toBe('10.40.255.0/24');
    expect(cidrFor(6)).toBe(cidrFor(4));
    expect(cidrFor(60)).toBe(cidrFor(4));
    // a small network: the floor is a quarter of it
    expect(new ClusterNetworkSpec({ cidr: '10.0.0.0/24' }).clusterSubnetCidr).toBe('10.0.0.192/26');
  });

  test('fails when the network cannot hold the cluster subnet', () => {
    const fleet = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 16, efaInterfaceMode: EfaInterfaceMode.EFA } as GpuFleetSpecProps);
    const v = new ClusterNetworkSpec({ cidr: '10.0.0.0/24', fleet }).validate(Cloud.AWS);
    expect(v.map((p) => p.property)).toEqual(['cidr']);
    expect(v[0].allowed).toMatch(/needs 1029 addresses \(16 nodes x 32 addresses x 2/);
  });

  test('Google Cloud GPU networks come from the fleet', () => {
    const fleet = new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2 });
    const n = new ClusterNetworkSpec({ fleet });
    expect(n.gpuNetworks()).toEqual(Array.from({ length: 8 }, (_, i) => `gpu-${i}`));
    expect(n.gpuNetworkSubnet(3)).toBe('192.168.3.0/24');
  });

  test.each<[string, any, string]>([
    ['a malformed CIDR', { cidr: '10.0.0/16' }, 'cidr'],
    ['host bits set', { cidr: '10.0.0.1/16' }, 'cidr'],
    ['a /8 network', { cidr: '10.0.0.0/8' }, 'cidr'],
    ['zero zones', { zones: 0 }, 'zones'],
    ['an on-premises range that overlaps', { onPremisesCidrs: ['10.40.1.0/24'] }, 'onPremisesCidrs[0]'],
    ['a malformed on-premises range', { onPremisesCidrs: ['office'] }, 'onPremisesCidrs[0]'],
    ['a small GPU range', { gpuNetworkCidr: '192.168.0.0/24' }, 'gpuNetworkCidr'],
  ])('fails on %s', (_n, p, property) => {
    expect(new ClusterNetworkSpec(p).validate().map((x) => x.property)).toContain(property);
  });

  test('fails when the fleet is of another cloud', () => {
    const fleet = new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G });
    expect(new ClusterNetworkSpec({ fleet }).validate(Cloud.AWS).map((p) => p.property)).toEqual(['fleet.instanceType']);
  });
});
