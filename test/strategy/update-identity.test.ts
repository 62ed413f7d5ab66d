import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Testing, TerraformStack } from 'cdktf';
import { cfnReplacements, terraformReplacements } from './replacement-diff';
import { Cloud, ClusterNetworkSpec, EfaInterfaceMode, GpuFleetSpec, InstanceType, StorageTierClass, StrategySelector, aws, azure, gcp } from '../../src';
import { cloudDefinition } from '../../src/clouds';
import { DEFAULT_SCENARIOS, Scenario } from '../../src/demo/scenarios';

/**
 * Updates that keep identity: each demo stack (3 scenarios x 3 clouds, built as the demo builds them) is synthesized
 * before and after an update within what it declared at creation, and no stateful resource is replaced.
 */
const CLOUDS = [Cloud.AWS, Cloud.GCP, Cloud.AZURE];
/** The declared maximum per cloud: past the /24 floor of the cluster subnet where the type allows it. */
const MAX_GPUS: Record<Cloud, number> = {
  // p5.48xlarge: 128 nodes need 261 cluster addresses (a /23)
  [Cloud.AWS]: 1024,
  // a3-megagpu-8g: 256 nodes, past the /24 GPU subnets' 252
  [Cloud.GCP]: 2048,
  // Standard_ND96isr_H100_v5: 100 VMs per placement (the type's fabric domain)
  [Cloud.AZURE]: 800,
};

interface Change { trainingGpus?: number; platform?: object }

function synth(cloud: Cloud, s: Scenario, change: Change = {}): any {
  const def = cloudDefinition(cloud);
  const requirements = { ...s.requirements, ...(change.trainingGpus ? { trainingGpus: change.trainingGpus } : {}) };
  const options = { ...s.platform, ...change.platform, selection: StrategySelector.select(requirements) };
  if (def.engine === 'cloudformation') {
    return Template.fromStack(def.demoStack(new App(), `${s.name}-${cloud}`, options as any).stack as any).toJSON();
  }
  return JSON.parse(Testing.synth(def.demoStack(Testing.app(), `${s.name}-${cloud}`, options as any).stack as any));
}

function replacements(cloud: Cloud, before: any, after: any): string[] {
  return cloudDefinition(cloud).engine === 'cloudformation' ? cfnReplacements(before, after) : terraformReplacements(before, after);
}

/** The stack's subnet ranges, to show a growth test reaches past the floor. */
function subnetRanges(cloud: Cloud, doc: any): string[] {
  if (cloud === Cloud.AWS) return Object.values<any>(doc.Resources).filter((r) => r.Type === 'AWS::EC2::Subnet').map((r) => r.Properties.CidrBlock);
  if (cloud === Cloud.GCP) return Object.values<any>(doc.resource.google_compute_subnetwork ?? {}).map((r) => r.ip_cidr_range);
  return Object.values<any>(doc.resource.azurerm_subnet ?? {}).flatMap((r) => r.address_prefixes);
}

const grown = DEFAULT_SCENARIOS.filter((s) => s.name !== 'factory-vision');
const edge = DEFAULT_SCENARIOS.find((s) => s.name === 'factory-vision')!;

describe.each(CLOUDS)('%s', (cloud) => {
  test.each(grown.map((s) => [s.name, s]))('%s: growing the fleet to its declared maximum replaces nothing stateful', (_name, s) => {
    const max = { platform: { maxTrainingGpus: MAX_GPUS[cloud] } };
    const before = synth(cloud, s as Scenario, max);
    const after = synth(cloud, s as Scenario, { ...max, trainingGpus: MAX_GPUS[cloud] });
    expect(replacements(cloud, before, after)).toEqual([]);
    // the test is not vacuous: the fleet did grow, and (except Azure's 100 VMs) past the /24 floor
    expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
    if (cloud !== Cloud.AZURE) expect(subnetRanges(cloud, before).some((c) => Number(c.split('/')[1]) < 24)).toBe(true);
  });

  test('factory-vision: the edge fleet is one node; a larger training budget changes nothing stateful', () => {
    expect(replacements(cloud, synth(cloud, edge), synth(cloud, edge, { trainingGpus: 64 }))).toEqual([]);
  });

  test('control: growing past the /24 floor without a declared maximum replaces the cluster subnet', () => {
    if (cloud === Cloud.AZURE) {
      // 100 VMs (the type's placement limit) stay within the /24 floor on Azure: nothing to replace
      expect(replacements(cloud, synth(cloud, grown[1]), synth(cloud, grown[1], { trainingGpus: 800 }))).toEqual([]);
      return;
    }
    const found = replacements(cloud, synth(cloud, grown[1]), synth(cloud, grown[1], { trainingGpus: MAX_GPUS[cloud] }));
    expect(found.join('\n')).toMatch(cloud === Cloud.AWS
      ? /AWS::EC2::Subnet NetworkClusterSubnet\w+: CidrBlock "10\.40\.255\.0\/24" -> "10\.40\.254\.0\/23" \(replacement\)/
      : /google_compute_subnetwork\.\w+: ip_cidr_range "192\.168\.\d+\.0\/24" -> "192\.168\.\d+\.0\/23" \(replacement\)/);
    // cloud-first on AWS: the Lustre file system in the cluster subnet goes with it
    if (cloud === Cloud.AWS) expect(found.join('\n')).toMatch(/AWS::FSx::FileSystem DataLustre\w+: SubnetIds refers to NetworkClusterSubnet\w+, which is replaced/);
  });
});

test('AWS: a training type within the family (p5 to p5en) replaces nothing stateful', () => {
  const [, cloudFirst] = DEFAULT_SCENARIOS;
  const before = synth(Cloud.AWS, cloudFirst);
  const after = synth(Cloud.AWS, cloudFirst, { platform: { trainingInstanceType: InstanceType.P5EN_48XLARGE } });
  expect(JSON.stringify(after)).toContain('p5en.48xlarge');
  expect(cfnReplacements(before, after)).toEqual([]);
});

describe('the differ', () => {
  test('catches a moved subnet, a renamed bucket, a removed key and a Lustre deployment type', () => {
    const before = {
      Resources: {
        S: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: '10.0.0.0/24', VpcId: { Ref: 'V' } } },
        B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'a' } },
        K: { Type: 'AWS::KMS::Key', Properties: {} },
        F: { Type: 'AWS::FSx::FileSystem', Properties: { StorageCapacity: 1200, LustreConfiguration: { DeploymentType: 'PERSISTENT_2' } } },
      },
    };
    const after = {
      Resources: {
        S: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: '10.0.0.0/23', VpcId: { Ref: 'V' } } },
        B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b' } },
        F: { Type: 'AWS::FSx::FileSystem', Properties: { StorageCapacity: 2400, LustreConfiguration: { DeploymentType: 'SCRATCH_2' } } },
      },
    };
    expect(cfnReplacements(before, after)).toEqual([
      'AWS::EC2::Subnet S: CidrBlock "10.0.0.0/24" -> "10.0.0.0/23" (replacement)',
      'AWS::S3::Bucket B: BucketName "a" -> "b" (replacement)',
      'AWS::KMS::Key K: removed (logical ID gone)',
      'AWS::FSx::FileSystem F: LustreConfiguration.DeploymentType "PERSISTENT_2" -> "SCRATCH_2" (replacement)',
    ]);
  });

  test('cascades: a file system in a replaced subnet is replaced (its template text unchanged); the Lustre capacity is not', () => {
    const doc = (cidr: string, capacity: number) => ({
      Resources: {
        S: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: cidr } },
        F: { Type: 'AWS::FSx::FileSystem', Properties: { StorageCapacity: capacity, SubnetIds: [{ Ref: 'S' }] } },
      },
    });
    expect(cfnReplacements(doc('10.0.0.0/24', 1200), doc('10.0.0.0/24', 2400))).toEqual([]);
    expect(cfnReplacements(doc('10.0.0.0/24', 1200), doc('10.0.0.0/23', 1200))).toEqual([
      'AWS::EC2::Subnet S: CidrBlock "10.0.0.0/24" -> "10.0.0.0/23" (replacement)',
      'AWS::FSx::FileSystem F: SubnetIds refers to S, which is replaced (replacement)',
    ]);
    const tf = (range: string) => ({
      resource: {
        google_compute_subnetwork: { s: { ip_cidr_range: range, network: 'n' } },
        google_compute_router: { r: { name: 'r', network: '${google_compute_subnetwork.s.network}' } },
      },
    });
    // a range that does not hold the old one (a /23 that does is an expansion in place: replacement-diff.test.ts)
    expect(terraformReplacements(tf('10.0.1.0/24'), tf('10.0.2.0/23'))).toEqual([
      'google_compute_subnetwork.s: ip_cidr_range "10.0.1.0/24" -> "10.0.2.0/23" (replacement)',
      'google_compute_router.r: refers to google_compute_subnetwork.s, which is replaced (replacement)',
    ]);
  });

  test('Terraform: a subnet range may grow in place, not move or shrink; a renamed bucket is replaced', () => {
    const doc = (range: string, bucket: string) => ({
      resource: { google_compute_subnetwork: { s: { ip_cidr_range: range, network: 'n' } }, google_storage_bucket: { b: { name: bucket } } },
    });
    expect(terraformReplacements(doc('10.0.0.0/24', 'x'), doc('10.0.0.0/23', 'x'))).toEqual([]);
    expect(terraformReplacements(doc('10.0.0.0/24', 'x'), doc('10.0.1.0/24', 'y'))).toEqual([
      'google_compute_subnetwork.s: ip_cidr_range "10.0.0.0/24" -> "10.0.1.0/24" (replacement)',
      'google_storage_bucket.b: name "x" -> "y" (replacement)',
    ]);
    expect(terraformReplacements(doc('10.0.0.0/23', 'x'), doc('10.0.0.0/24', 'x'))).toHaveLength(1);
    expect(terraformReplacements({ resource: { azurerm_subnet: { s: { address_prefixes: ['10.0.0.0/24'] } } } }, { resource: {} }))
      .toEqual(['azurerm_subnet.s: removed (address gone)']);
  });
});

describe('constructs: scaling nodes within maxNodes, tier days and endpoint counts keep identity', () => {
  test('core: nodes within maxNodes (or within maxFleetNodes) give the same subnets and GPU subnets', () => {
    const plan = (fleet: object, extra: object = {}) => {
      const spec = new ClusterNetworkSpec({ fleet: new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, ...fleet }), ...extra });
      return [spec.subnetPlan(), spec.gpuNetworkSubnet(7)];
    };
    expect(plan({ nodes: 2, maxNodes: 300 })).toEqual(plan({ nodes: 300, maxNodes: 300 }));
    expect(plan({ nodes: 2 }, { maxFleetNodes: 300 })).toEqual(plan({ nodes: 300 }));
    // control: without the declared maximum, growing moves both
    expect(plan({ nodes: 2 })).not.toEqual(plan({ nodes: 300 }));
  });

  const TIERS = (days: number) => [{ storageClass: StorageTierClass.INFREQUENT, afterDays: days }];

  test('AWS: fleet nodes within maxNodes, tier days, endpoint counts', () => {
    const build = (nodes: number, days: number, max: number) => {
      const s = new Stack(new App(), 'S');
      const fleet = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes, maxNodes: 8 });
      const network = new aws.ClusterNetwork(s, 'Network', { fleet, efaInterfaceMode: EfaInterfaceMode.EFA });
      new aws.GpuFleet(s, 'Training', { network, nodes });
      const storage = new aws.TieredStorage(s, 'Data', { network, tiers: TIERS(days) });
      new aws.ModelEndpoint(s, 'Serving', { network, storage, minInstances: 1, maxInstances: max });
      return Template.fromStack(s).toJSON();
    };
    const before = build(2, 30, 4);
    const after = build(8, 60, 8);
    expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
    expect(cfnReplacements(before, after)).toEqual([]);
  });

  test('Google Cloud: fleet within maxFleetNodes, tier days, endpoint counts', () => {
    const build = (nodes: number, days: number, max: number) => JSON.parse(Testing.synth((() => {
      const s = new TerraformStack(Testing.app(), 's');
      const network = new gcp.ClusterNetwork(s, 'Network', {
        project: 'my-project', region: 'us-east4', maxFleetNodes: 300, fleet: new GpuFleetSpec({ instanceType: InstanceType.A3_MEGAGPU_8G, nodes }),
      });
      new gcp.GpuFleet(s, 'Training', { network });
      new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4', tiers: TIERS(days) });
      new gcp.ModelEndpoint(s, 'Serving', { network, minInstances: 1, maxInstances: max });
      return s;
    })()));
    const before = build(2, 30, 4);
    const after = build(300, 60, 8);
    expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
    expect(terraformReplacements(before, after)).toEqual([]);
  });

  test('Azure: fleet nodes within maxNodes, tier days, endpoint counts', () => {
    const where = { resourceGroupName: 'rg-ml', location: 'eastus' };
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 test';
    const build = (nodes: number, days: number, max: number) => JSON.parse(Testing.synth((() => {
      const s = new TerraformStack(Testing.app(), 's');
      const network = new azure.ClusterNetwork(s, 'Network', { ...where, fleet: new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, nodes, maxNodes: 100 }) });
      new azure.GpuFleet(s, 'Training', { network, adminSshPublicKey: key });
      new azure.TieredStorage(s, 'Data', { ...where, tiers: TIERS(days) } as any);
      new azure.ModelEndpoint(s, 'Serving', { network, minInstances: 1, maxInstances: max });
      return s;
    })()));
    const before = build(2, 30, 4);
    const after = build(100, 60, 8);
    expect(JSON.stringify(after)).not.toEqual(JSON.stringify(before));
    expect(terraformReplacements(before, after)).toEqual([]);
  });
});
