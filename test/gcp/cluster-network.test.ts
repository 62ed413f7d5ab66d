import { fleetDoc, network, resources, synth } from './util';
import { GpuFleetSpec, InstanceType, PurchaseOption, gcp } from '../../src';

describe('gcp.ClusterNetwork', () => {
  test('a3-megagpu-8g: a host VPC plus 8 GPU VPCs, all with MTU 8244 (the host one too, as Google\'s blueprint), no auto subnets', () => {
    const doc = fleetDoc('a3-megagpu-8g');
    const nets = resources(doc, 'google_compute_network');
    expect(nets).toHaveLength(9);
    expect(nets.every((n) => n.auto_create_subnetworks === false)).toBe(true);
    expect(nets.filter((n) => n.mtu === 8244)).toHaveLength(9);
    expect(nets.find((n) => n.name === 'test-host').mtu).toBe(8244);
    expect(resources(doc, 'google_compute_subnetwork').find((s) => s.name === 'test-host')).toMatchObject({
      private_ip_google_access: true, ip_cidr_range: '10.40.0.0/16', log_config: expect.objectContaining({ metadata: 'INCLUDE_ALL_METADATA' }),
    });
  });

  test('a3-highgpu-8g: 4 GPU VPCs and the host VPC at MTU 8244', () => {
    expect(resources(fleetDoc('a3-highgpu-8g'), 'google_compute_network').filter((n) => n.mtu === 8244)).toHaveLength(5);
  });

  test.each(['a3-ultragpu-8g', 'a4-highgpu-8g'])('%s: both gVNIC VPCs (host, host-1) and the RoCE VPC at MTU 8896', (type) => {
    const nets = resources(fleetDoc(type), 'google_compute_network');
    expect(nets.map((n) => [n.name, n.mtu]).sort()).toEqual([['test-host', 8896], ['test-host-1', 8896], ['test-rdma', 8896]]);
  });

  test('a network without a GPU fleet keeps Google\'s default MTU on the host VPC', () => {
    expect(resources(synth((s) => { network(s); }), 'google_compute_network')[0].mtu).toBeUndefined();
  });

  test('a4x-highgpu-4g: host and host-1 gVNIC VPCs, one RoCE VPC with the zone\'s vpc-roce profile and 4 RDMA subnets', () => {
    const doc = synth((s) => {
      const fleet = { instanceType: InstanceType.A4X_HIGHGPU_4G, purchase: PurchaseOption.reservation('a4x-res') };
      new gcp.GpuFleet(s, 'Fleet', { ...fleet, network: network(s, fleet) });
    });
    const nets = resources(doc, 'google_compute_network');
    expect(nets.map((n) => [n.name, n.mtu]).sort()).toEqual([['test-host', 8896], ['test-host-1', 8896], ['test-rdma', 8896]]);
    expect(nets.find((n) => n.name === 'test-rdma').network_profile)
      .toBe('https://www.googleapis.com/compute/beta/projects/my-project/global/networkProfiles/us-east4-a-vpc-roce');
    expect(resources(doc, 'google_compute_subnetwork').filter((s) => /test-rdma-\d$/.test(s.name)).map((s) => s.name).sort())
      .toEqual(['test-rdma-0', 'test-rdma-1', 'test-rdma-2', 'test-rdma-3']);
  });

  test('a3-ultragpu-8g: a second gVNIC VPC and one RoCE VPC with its network profile and 8 subnets', () => {
    const doc = fleetDoc('a3-ultragpu-8g');
    const rdma = resources(doc, 'google_compute_network').find((n) => n.name === 'test-rdma');
    expect(rdma.network_profile).toBe('https://www.googleapis.com/compute/beta/projects/my-project/global/networkProfiles/us-east4-a-vpc-roce');
    expect(resources(doc, 'google_compute_subnetwork').filter((s) => /test-rdma-\d$/.test(s.name))).toHaveLength(8);
  });

  test('firewall: internal traffic allowed, every other ingress denied, nothing open to the internet', () => {
    const doc = fleetDoc('a3-megagpu-8g');
    const fw = resources(doc, 'google_compute_firewall');
    expect(fw.find((f) => f.name === 'test-deny-ingress')).toMatchObject({ deny: [{ protocol: 'all' }], source_ranges: ['0.0.0.0/0'], priority: 65534 });
    expect(fw.filter((f) => f.allow && f.source_ranges.includes('0.0.0.0/0'))).toEqual([]);
  });

  test('Cloud NAT only with internetEgress', () => {
    expect(resources(synth((s) => { network(s); }), 'google_compute_router_nat')).toHaveLength(0);
    const doc = synth((s) => { new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', internetEgress: true }); });
    expect(resources(doc, 'google_compute_router_nat')).toEqual([expect.objectContaining({ source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES' })]);
  });

  test.each<[string, any, RegExp]>([
    ['a bad project', { project: 'My Project', region: 'us-east4' }, /project = 'My Project'/],
    ['a bad region', { project: 'my-project', region: 'virginia' }, /region = 'virginia'/],
    ['a zone of another region', { project: 'my-project', region: 'us-east4', zone: 'us-central1-a' }, /zone = 'us-central1-a': allowed: a zone of us-east4/],
  ])('fails on %s', (_n, props, msg) => {
    expect(() => synth((s) => { new gcp.ClusterNetwork(s, 'Network', props); })).toThrow(msg);
  });
});

describe('gcp.ClusterNetwork: neutral settings Google Cloud honours or refuses', () => {
  test('fails on an explicit zones: Google Cloud subnets are regional, so the setting would do nothing', () => {
    // an AWS prop (aws.ClusterNetworkProps): passed anyway (JavaScript), it is refused by name
    expect(() => synth((s) => { new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', zones: 3 } as gcp.ClusterNetworkProps); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*- zones = 3: allowed: on Google Cloud: unset \(subnets are regional/);
  });

  test('GPU subnets stay /24 up to 252 nodes, so existing ranges keep their CIDRs', () => {
    const subnets = resources(fleetDoc('a3-megagpu-8g', { nodes: 252 }), 'google_compute_subnetwork');
    expect(subnets.find((s) => s.name === 'test-gpu-0').ip_cidr_range).toBe('192.168.0.0/24');
    expect(subnets.find((s) => s.name === 'test-gpu-7').ip_cidr_range).toBe('192.168.7.0/24');
  });

  test('a 300-node A3 Mega fleet gets GPU subnets of /23 (304 addresses with the 4 reserved), and firewalls for those ranges', () => {
    const doc = fleetDoc('a3-megagpu-8g', { nodes: 300 });
    const gpu = resources(doc, 'google_compute_subnetwork').filter((s) => /^test-gpu-\d$/.test(s.name))
      .sort((a, b) => a.name.localeCompare(b.name)).map((s) => s.ip_cidr_range);
    expect(gpu).toEqual(Array.from({ length: 8 }, (_, i) => `192.168.${i * 2}.0/23`));
    expect(resources(doc, 'google_compute_firewall').find((f) => f.name === 'test-gpu-3-allow-internal').source_ranges).toEqual(['192.168.6.0/23']);
  });

  test('a3-ultragpu-8g at 300 nodes: the host-1 subnet and 8 RDMA subnets are /23 blocks in order', () => {
    const subnets = resources(fleetDoc('a3-ultragpu-8g', { nodes: 300 }), 'google_compute_subnetwork');
    expect(subnets.find((s) => s.name === 'test-host-1').ip_cidr_range).toBe('192.168.0.0/23');
    expect(subnets.find((s) => s.name === 'test-rdma-0').ip_cidr_range).toBe('192.168.2.0/23');
    expect(subnets.find((s) => s.name === 'test-rdma-7').ip_cidr_range).toBe('192.168.16.0/23');
  });

  test('fails when the GPU subnets for the fleet maximum do not fit in gpuNetworkCidr', () => {
    const fleet = (nodes: number) => new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes });
    // 600 nodes: 8 subnets of /22 need a /19
    expect(() => synth((s) => {
      new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', fleet: fleet(600), gpuNetworkCidr: '192.168.0.0/20' });
    })).toThrow(/ClusterNetwork 'test\/Network'[\s\S]*- gpuNetworkCidr = '192\.168\.0\.0\/20': allowed: a range of at least \/19: a3-megagpu-8g needs 8 GPU subnets of \/22 \(600 nodes/);
    // 300 nodes: 8 subnets of /23 fill a /20 exactly
    const fits = synth((s) => { new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', fleet: fleet(300), gpuNetworkCidr: '10.128.0.0/20' }); });
    expect(resources(fits, 'google_compute_subnetwork').find((x) => x.name === 'test-gpu-7').ip_cidr_range).toBe('10.128.14.0/23');
  });

  test('fails on gpuNetworkCidr without a fleet that has GPU networks (it would be dropped)', () => {
    expect(() => synth((s) => { new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', gpuNetworkCidr: '172.20.0.0/16' }); }))
      .toThrow(/- gpuNetworkCidr = '172\.20\.0\.0\/16': allowed: unset without a fleet whose type has GPU NICs/);
  });

  test('onPremisesCidrs: the site may reach the host network over the VPN; the deny-all rule stays', () => {
    const doc = synth((s) => { new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', onPremisesCidrs: ['172.16.0.0/16'] }); });
    const fw = resources(doc, 'google_compute_firewall');
    expect(fw.find((f) => f.name === 'test-allow-on-premises')).toMatchObject({
      direction: 'INGRESS', source_ranges: ['172.16.0.0/16'], allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }],
    });
    expect(fw.find((f) => f.name === 'test-deny-ingress')).toBeDefined();
    expect(resources(synth((s) => { network(s); }), 'google_compute_firewall').map((f) => f.name)).not.toContain('test-allow-on-premises');
  });
});
