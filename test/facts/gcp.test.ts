import { ComputeAutoscaler } from '@cdktf/provider-google/lib/compute-autoscaler';
import { ComputeInstanceTemplate } from '@cdktf/provider-google/lib/compute-instance-template';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { InstanceType, PurchaseOption, gcp } from '../../src';
import { factsOf, synthTerraform } from '../helpers';

/**
 * Facts are read by construct identity (the manifest's Terraform addresses and settings), never by position,
 * name suffix or output text: each stack below declares the resources that mislead such a reader first.
 */
interface Options {
  /** Resources of the same kinds that are not the library's, declared before the library's own. */
  readonly foreign?: boolean;
  /** Escape hatches on the library's resources. */
  readonly overrides?: boolean;
}

const project = 'my-project';

function foreignTemplate(stack: TerraformStack, id: string, machineType: string, spot: boolean) {
  return new ComputeInstanceTemplate(stack, id, {
    project,
    machineType,
    disk: [{ boot: true, sourceImage: 'debian-cloud/debian-12' }],
    networkInterface: [{ network: 'default' }],
    scheduling: spot ? { provisioningModel: 'SPOT', preemptible: true, automaticRestart: false } : undefined,
  });
}

function platform(options: Options = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  if (options.foreign) {
    // a spot template of a machine type outside the catalog, then one of a catalog GPU type
    foreignTemplate(stack, 'ForeignSpotTemplate', 'n2-standard-4', true);
    foreignTemplate(stack, 'ForeignGpuTemplate', 'a3-megagpu-8g', false);
    new StorageBucket(stack, 'ForeignBucket', {
      project,
      name: 'other-data',
      location: 'US',
      lifecycleRule: [{ action: { type: 'SetStorageClass', storageClass: 'ARCHIVE' }, condition: { age: 10 } }],
    });
    new ComputeAutoscaler(stack, 'ForeignAutoscaler', {
      project,
      zone: 'us-east4-a',
      name: 'other',
      target: 'projects/my-project/zones/us-east4-a/instanceGroupManagers/other',
      autoscalingPolicy: { minReplicas: 5, maxReplicas: 9 },
    });
    new VertexAiEndpoint(stack, 'ForeignEndpoint', { project, location: 'us-east4', name: '123', displayName: 'other' });
    new TerraformOutput(stack, 'ForeignCommand', {
      value: 'gcloud ai endpoints deploy-model 123 --machine-type=a2-highgpu-1g --min-replica-count=5 --max-replica-count=9',
    });
  }
  const network = new gcp.ClusterNetwork(stack, 'Network', { project, region: 'us-east4' });
  const type = InstanceType.G2_STANDARD_4;
  // the spot fleet first: the on-demand one must not take its template
  new gcp.GpuFleet(stack, 'SpotFleet', { instanceType: type, nodes: 3, network, purchase: PurchaseOption.spot() });
  const onDemand = new gcp.GpuFleet(stack, 'OnDemandFleet', { instanceType: type, nodes: 2, network });
  const storage = new gcp.TieredStorage(stack, 'Data', { project, location: 'us-east4' });
  new gcp.ModelEndpoint(stack, 'Fixed', { network, modelArtifact: 'gs://my-models/fixed', minInstances: 2, maxInstances: 2 });
  const scaled = new gcp.ModelEndpoint(stack, 'Scaled', { network, modelArtifact: 'gs://my-models/scaled', minInstances: 1, maxInstances: 8 });
  if (options.overrides) {
    onDemand.instanceGroupManager.addOverride('target_size', 4);
    onDemand.instanceTemplate.addOverride('scheduling.provisioning_model', 'SPOT');
    storage.bucket.addOverride('versioning.enabled', false);
    scaled.endpoint!.addOverride('private_service_connect_config', null);
  }
  return factsOf(synthTerraform(stack));
}

const g2 = { instanceType: 'g2-standard-4', configuredGbps: 10, maxGbps: InstanceType.G2_STANDARD_4.maxGbps, placement: false, hoursPerWeek: 168 };

describe('gcp facts by construct identity', () => {
  const facts = platform();

  test('two endpoints, fixed 2-2 and autoscaled 1-8: each with the size its own deploy command uses', () => {
    expect(facts.endpoints).toEqual([
      { path: 'test/Fixed', instanceType: 'g2-standard-4', minInstances: 2, maxInstances: 2, autoscaling: false, private: true },
      { path: 'test/Scaled', instanceType: 'g2-standard-4', minInstances: 1, maxInstances: 8, autoscaling: true, private: true },
    ]);
  });

  test('two fleets of one type, spot declared first: each with its own purchase and size', () => {
    expect(facts.fleets).toEqual([
      { path: 'test/SpotFleet', nodes: 3, purchase: 'spot', ...g2 },
      { path: 'test/OnDemandFleet', nodes: 2, purchase: 'on-demand', ...g2 },
    ]);
  });

  test('storage: the data bucket only, by path (not the log bucket)', () => {
    expect(facts.storage).toEqual([{
      path: 'test/Data',
      dataTiB: 10,
      tiered: true,
      versioned: true,
      customerManagedKey: false,
      highThroughput: false,
      classes: ['NEARLINE', 'COLDLINE', 'ARCHIVE'],
      transitions: [{ storageClass: 'NEARLINE', afterDays: 30 }, { storageClass: 'COLDLINE', afterDays: 90 }, { storageClass: 'ARCHIVE', afterDays: 365 }],
    }]);
  });

  test('foreign instance templates, bucket, autoscaler, endpoint and deploy command are not reported, and ours are unchanged', () => {
    const withForeign = platform({ foreign: true });
    expect(withForeign.fleets).toEqual(facts.fleets);
    expect(withForeign.storage).toEqual(facts.storage);
    expect(withForeign.endpoints).toEqual(facts.endpoints);
  });

  test('escape-hatch overrides on our resources show in the facts', () => {
    const overridden = platform({ foreign: true, overrides: true });
    expect(overridden.fleets.map((f) => [f.path, f.nodes, f.purchase])).toEqual([['test/SpotFleet', 3, 'spot'], ['test/OnDemandFleet', 4, 'spot']]);
    expect(overridden.storage.map((s) => [s.path, s.versioned])).toEqual([['test/Data', false]]);
    expect(overridden.endpoints.map((e) => [e.path, e.private])).toEqual([['test/Fixed', true], ['test/Scaled', false]]);
  });

  test('a document without a manifest has no fleets, storage or endpoints', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    foreignTemplate(stack, 'Template', 'a3-megagpu-8g', false);
    const plain = factsOf(synthTerraform(stack));
    expect([plain.fleets, plain.storage, plain.endpoints]).toEqual([[], [], []]);
  });
});
