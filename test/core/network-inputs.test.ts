import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TerraformStack, Testing } from 'cdktf';
import { AwsPlatformStack, AzurePlatformStack, Cloud, ClusterNetworkSpec, ClusterNetworkSpecProps, GcpPlatformStack, GpuFleetSpec, InstanceType, PlatformPlan, StrategySelector, gcp } from '../../src';
import { cidrsOverlap, parseCidr } from '../../src/core/internal/checks';
import { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

/**
 * Network inputs that synthesized but failed at deploy: each is refused at synth with the library's error (the
 * construct path, the property, the value and what is allowed).
 */
const [hybrid, , edge] = DEFAULT_SCENARIOS;
const site = hybrid.platform.onPremises!;
const select = (s: typeof hybrid) => StrategySelector.select(s.requirements);

function awsHybrid(onPremises: object): AwsPlatformStack {
  return new AwsPlatformStack(new App(), 'Hybrid', { ...hybrid.platform, onPremises: { ...site, ...onPremises }, selection: select(hybrid) } as any);
}

describe('the VPN peer is a public address of the site', () => {
  test.each([
    ['0.0.0.0', '0.0.0.0/8'],
    ['10.20.30.40', '10.0.0.0/8'],
    ['172.20.1.1', '172.16.0.0/12'],
    ['192.168.1.1', '192.168.0.0/16'],
    ['100.64.0.1', '100.64.0.0/10'],
    ['127.0.0.1', '127.0.0.0/8'],
    ['169.254.10.1', '169.254.0.0/16'],
    ['224.0.0.5', '224.0.0.0/4'],
    ['255.255.255.255', '240.0.0.0/4'],
  ])('%s is refused on every cloud (in %s)', (peerAddress, range) => {
    for (const cloud of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) {
      expect(() => PlatformPlan.of(cloud, select(hybrid), { ...hybrid.platform, onPremises: { ...site, peerAddress } }, `p-${cloud}`))
        .toThrow(new RegExp(`PlatformPlan 'p-${cloud}': invalid property\\n  - onPremises.peerAddress = '${peerAddress.replace(/\./g, '\\.')}': allowed: a public IPv4 address .*not in ${range.replace(/\./g, '\\.')}`));
    }
  });

  test('the AWS stack names its path; a public address still builds its customer gateway', () => {
    expect(() => awsHybrid({ peerAddress: '10.0.0.1' })).toThrow(/PlatformPlan 'Hybrid': invalid property\n {2}- onPremises\.peerAddress = '10\.0\.0\.1'/);
    Template.fromStack(awsHybrid({ peerAddress: '198.51.100.7' })).hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '198.51.100.7' });
  });
});

describe('the site ASN differs from the cloud side and is not reserved', () => {
  test.each([
    [Cloud.AWS, 64512], [Cloud.GCP, 64514], [Cloud.AZURE, 65515],
  ])('%s: the cloud side\'s own ASN %d is refused', (cloud, asn) => {
    expect(() => PlatformPlan.of(cloud, select(hybrid), { ...hybrid.platform, onPremises: { ...site, bgpAsn: asn } }, 'p'))
      .toThrow(new RegExp(`- onPremises\\.bgpAsn = ${asn}: allowed: an ASN other than the ${cloud} side's own, ${asn}`));
  });

  test('the stacks render the cloud side ASN the plan checks against', () => {
    const plan = (cloud: Cloud) => PlatformPlan.of(cloud, select(hybrid), hybrid.platform);
    const t = Template.fromStack(awsHybrid({}));
    t.hasResourceProperties('AWS::EC2::VPNGateway', { AmazonSideAsn: plan(Cloud.AWS).cloudSideBgpAsn });
    t.hasResourceProperties('AWS::EC2::CustomerGateway', { BgpAsn: 65010 });
    const gcpDoc = JSON.parse(Testing.synth(new GcpPlatformStack(Testing.app(), 'g', { ...hybrid.platform, selection: select(hybrid), gcpProject: 'demo-project', region: 'us-east4' })));
    expect(Object.values<any>(gcpDoc.resource.google_compute_router).map((r) => r.bgp.asn)).toEqual([plan(Cloud.GCP).cloudSideBgpAsn]);
    const az = JSON.parse(Testing.synth(new AzurePlatformStack(Testing.app(), 'a', {
      ...hybrid.platform, selection: select(hybrid), location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY,
    })));
    expect(Object.values<any>(az.resource.azurerm_virtual_network_gateway).map((r) => r.bgp_settings.asn)).toEqual([plan(Cloud.AZURE).cloudSideBgpAsn]);
  });

  test.each([
    [Cloud.AZURE, 65517, '65517-65520'], [Cloud.AZURE, 12076, '12076'], [Cloud.AWS, 23456, '23456'], [Cloud.GCP, 64500, '64496-64511'],
  ])('%s: reserved ASN %d is refused', (cloud, asn, range) => {
    expect(() => PlatformPlan.of(cloud, select(hybrid), { ...hybrid.platform, onPremises: { ...site, bgpAsn: asn } }, 'p'))
      .toThrow(new RegExp(`- onPremises\\.bgpAsn = ${asn}: allowed: an ASN outside the reserved ${range}`));
  });

  test('AWS: a 4-byte ASN past BgpAsn\'s 2147483647 is refused; Google Cloud takes it', () => {
    expect(() => awsHybrid({ bgpAsn: 4200000000 })).toThrow(/- onPremises\.bgpAsn = 4200000000: allowed: a whole number from 1 to 2147483647 on aws/);
    expect(PlatformPlan.of(Cloud.GCP, select(hybrid), { ...hybrid.platform, onPremises: { ...site, bgpAsn: 4200000000 } }).validate()).toEqual([]);
  });
});

describe('the AWS Local Zone subnet', () => {
  const build = (localZone: object, scenario = edge) => new AwsPlatformStack(new App(), 'Edge', {
    ...scenario.platform, selection: select(scenario), env: { region: 'us-west-2' }, localZone,
  } as any);

  test('inside the VPC and clear of its subnets, it renders in its zone', () => {
    Template.fromStack(build({ zoneName: 'us-west-2-lax-1a', cidr: '10.40.128.0/24' }))
      .hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'us-west-2-lax-1a', CidrBlock: '10.40.128.0/24' });
  });

  test('outside the VPC is refused', () => {
    expect(() => build({ zoneName: 'us-west-2-lax-1a', cidr: '10.99.0.0/24' }))
      .toThrow(/AwsPlatformStack 'Edge': invalid property\n {2}- localZone\.cidr = '10\.99\.0\.0\/24': allowed: a range inside the network's cidr 10\.40\.0\.0\/16/);
  });

  test('overlapping a planned subnet is refused, naming the one it overlaps', () => {
    const plan = new ClusterNetworkSpec(PlatformPlan.of(Cloud.AWS, select(edge), edge.platform).network).subnetPlan();
    expect(() => build({ zoneName: 'us-west-2-lax-1a', cidr: '10.40.0.0/24' }))
      .toThrow(new RegExp(`- localZone\\.cidr = '10\\.40\\.0\\.0/24': allowed: .*${plan.privateSubnets[0].replace(/\./g, '\\.')} overlaps`));
    expect(() => build({ zoneName: 'us-west-2-lax-1a', cidr: '10.40.255.0/28' })).toThrow(/localZone\.cidr = '10\.40\.255\.0\/28'.*10\.40\.255\.0\/24 overlaps/);
  });

  test('host bits, a zone of another region or a non-edge platform are refused (never dropped)', () => {
    expect(() => build({ zoneName: 'us-west-2-lax-1a', cidr: '10.40.128.1/24' })).toThrow(/localZone\.cidr = '10\.40\.128\.1\/24': allowed: an IPv4 CIDR from \/16 to \/28 with no host bits set/);
    expect(() => build({ zoneName: 'us-east-1-bos-1a', cidr: '10.40.128.0/24' })).toThrow(/localZone\.zoneName = 'us-east-1-bos-1a': allowed: a Local Zone of the stack's region us-west-2/);
    expect(() => build({ zoneName: 'us-west-2-lax-1a', cidr: '10.40.128.0/24' }, hybrid))
      .toThrow(/localZone = 'us-west-2-lax-1a': allowed: unset for a hybrid platform/);
  });
});

describe('planned subnets (regressions, already fixed in core\'s allocator)', () => {
  test('no two subnets of any valid small network overlap, and each is aligned (no host bits)', () => {
    let checked = 0;
    for (const prefix of [16, 20, 22, 23, 24]) {
      for (const zones of [1, 2, 3, 4, 5, 6]) {
        // zones is aws.ClusterNetworkProps' own; the spec's allocator spreads the private subnets over it when given
        const spec = new ClusterNetworkSpec({ cidr: `10.0.0.0/${prefix}`, zones } as ClusterNetworkSpecProps);
        for (const options of [{}, { publicSubnets: true }, { privateSubnets: 1, gatewaySubnet: true }]) {
          let plan;
          try {
            plan = spec.subnetPlan(options);
          } catch (e) {
            expect((e as Error).message).toMatch(/^\[ai-infra\] ClusterNetwork: cidr = .*: allowed: a range that holds/);
            continue;
          }
          const all = [...plan.publicSubnets, ...plan.privateSubnets, plan.clusterSubnet, ...(plan.gatewaySubnet ? [plan.gatewaySubnet] : [])];
          const parsed = all.map((c) => parseCidr(c));
          expect(parsed.every((r) => r !== undefined)).toBe(true);
          for (let i = 0; i < all.length; i++) {
            for (let j = i + 1; j < all.length; j++) expect([all[i], all[j], cidrsOverlap(parsed[i]!, parsed[j]!)]).toEqual([all[i], all[j], false]);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});

describe('the declared maximum the subnets are sized for', () => {
  const fleet = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 4 });
  test('maxFleetNodes sizes the cluster subnet (one address per node without a fleet)', () => {
    expect(new ClusterNetworkSpec({ fleet, maxFleetNodes: 300 }).clusterSubnetCidr).toBe('10.40.252.0/22');
    expect(new ClusterNetworkSpec({ maxFleetNodes: 300 }).clusterSubnetCidr).toBe('10.40.252.0/22');
    expect(new ClusterNetworkSpec({ fleet }).clusterSubnetCidr).toBe('10.40.255.0/24');
  });

  test.each([
    ['fewer than the fleet\'s maxNodes', { fleet, maxFleetNodes: 2 }, /maxFleetNodes = 2: allowed: unset, or at least the fleet's maxNodes \(4\)/],
    ['a fraction', { fleet, maxFleetNodes: 2.5 }, /maxFleetNodes = 2\.5: allowed: a whole number from 1 to 1000/],
    ['more than half a small network holds', { cidr: '10.40.0.0/24', maxFleetNodes: 100 }, /cidr = '10\.40\.0\.0\/24': allowed: a range of at least \/23: the cluster subnet needs 205 addresses \(100 nodes x 1/],
  ])('%s is refused', (_name, props, message) => {
    expect(() => new ClusterNetworkSpec(props as any).assertValid('Stack/Network')).toThrow(message);
  });

  test('maxTrainingGpus: at least trainingGpus, within the type\'s fabric domain, not on edge-centric', () => {
    const [h, , e] = DEFAULT_SCENARIOS;
    const plan = (s: typeof h, cloud: Cloud, maxTrainingGpus: number) => () => PlatformPlan.of(cloud, select(s), { ...s.platform, maxTrainingGpus }, 'p');
    expect(plan(h, Cloud.AWS, 8)).toThrow(/maxTrainingGpus = 8: allowed: a whole number of at least requirements\.trainingGpus \(16\)/);
    expect(plan(h, Cloud.AZURE, 808)).toThrow(/maxTrainingGpus = 808: allowed: at most 800 on azure with Standard_ND96isr_H100_v5/);
    expect(plan(e, Cloud.AWS, 64)).toThrow(/maxTrainingGpus = 64: allowed: unset for an edge-centric platform/);
    expect(plan(h, Cloud.GCP, 2048)().network.maxFleetNodes).toBe(256);
  });
});

test('Google Cloud: maxFleetNodes sizes the GPU subnets; without GPU NICs (the host subnet is the whole range) it is refused', () => {
  const build = (type: InstanceType) => {
    const s = new TerraformStack(Testing.app(), 's');
    new gcp.ClusterNetwork(s, 'Network', { project: 'my-project', region: 'us-east4', maxFleetNodes: 300, fleet: new GpuFleetSpec({ instanceType: type, nodes: 2 }) });
    return JSON.parse(Testing.synth(s));
  };
  const ranges = Object.values<any>(build(InstanceType.A3_MEGAGPU_8G).resource.google_compute_subnetwork).map((r) => r.ip_cidr_range);
  expect(ranges).toContain('192.168.0.0/23');
  expect(ranges.filter((r: string) => r.startsWith('192.168.')).every((r: string) => r.endsWith('/23'))).toBe(true);
  expect(() => build(InstanceType.G2_STANDARD_4)).toThrow(/ClusterNetwork 's\/Network': invalid property\n {2}- maxFleetNodes = 300: allowed: on Google Cloud: unset without a fleet whose type has GPU NICs/);
});
