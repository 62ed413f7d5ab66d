import { LinuxVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { MonitorAutoscaleSetting } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Testing, TerraformStack } from 'cdktf';
import { InstanceType, PurchaseOption, StorageTierClass, azure } from '../../src';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';
import { factsOf, synthTerraform } from '../helpers';

/**
 * Facts are read by construct identity (the manifest's Terraform addresses), never by position or tag: each
 * stack below declares the resources that mislead such a reader first.
 */
interface Options {
  /** Resources of the same kinds that are not the library's, declared before the library's own. */
  readonly foreign?: boolean;
  /** Escape hatches on the library's resources. */
  readonly overrides?: boolean;
}

const rg = { resourceGroupName: 'rg-ml', location: 'eastus' };
const model = 'azureml://registries/azureml/models/bert/versions/1';

function foreignScaleSet(stack: TerraformStack, id: string, sku: string, spot: boolean) {
  return new LinuxVirtualMachineScaleSet(stack, id, {
    ...rg,
    name: id.toLowerCase(),
    sku,
    instances: 6,
    adminUsername: 'azureuser',
    adminSshKey: [{ username: 'azureuser', publicKey: DEMO_ADMIN_SSH_PUBLIC_KEY }],
    sourceImageReference: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' },
    osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS' },
    networkInterface: [{ name: 'nic', primary: true, ipConfiguration: [{ name: 'ip', primary: true, subnetId: 'subnet-id' }] }],
    priority: spot ? 'Spot' : 'Regular',
    evictionPolicy: spot ? 'Delete' : undefined,
    singlePlacementGroup: true,
  });
}

function platform(options: Options = {}) {
  const stack = new TerraformStack(Testing.app(), 'test');
  if (options.foreign) {
    // a spot scale set of a size outside the catalog, then one of a catalog GPU size
    const other = foreignScaleSet(stack, 'ForeignSpotSet', 'Standard_D4s_v5', true);
    foreignScaleSet(stack, 'ForeignGpuSet', 'Standard_ND96isr_H100_v5', false);
    new MonitorAutoscaleSetting(stack, 'ForeignAutoscale', {
      ...rg, name: 'other', targetResourceId: other.id, profile: [{ name: 'always', capacity: { minimum: 5, default: 5, maximum: 9 } }],
    });
    // tagged as ours were once tagged: a tag is not an identity
    new StorageAccount(stack, 'ForeignAccount', {
      ...rg, name: 'otherdata', accountTier: 'Standard', accountReplicationType: 'LRS', tags: { 'ai-infra-storage': 'Data' },
    });
    new ResourceGroupTemplateDeployment(stack, 'ForeignDeployment', {
      resourceGroupName: 'rg-ml',
      name: 'other',
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify({
        resources: [
          { type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', properties: { publicNetworkAccess: 'Enabled' } },
          { type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments', sku: { capacity: 5 }, properties: { instanceType: 'Standard_NC6s_v3', scaleSettings: { scaleType: 'Default' } } },
        ],
      }),
    });
  }
  const type = InstanceType.STANDARD_NC4AS_T4_V3;
  // no fleet spec: the network serves two fleets of different sizes
  const network = new azure.ClusterNetwork(stack, 'Network', rg);
  // the spot fleet first: the on-demand one must not take its scale set
  new azure.GpuFleet(stack, 'SpotFleet', { instanceType: type, nodes: 3, network, purchase: PurchaseOption.spot(), adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
  const onDemand = new azure.GpuFleet(stack, 'OnDemandFleet', { instanceType: type, nodes: 2, network, adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
  // tiers that end at cold: zone-redundant accounts have no Archive tier
  const storage = new azure.TieredStorage(stack, 'Data', { ...rg, tiers: [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 30 }, { storageClass: StorageTierClass.COLD, afterDays: 90 }] });
  new azure.ModelEndpoint(stack, 'Fixed', { network, modelAssetId: model, minInstances: 2, maxInstances: 2 });
  const scaled = new azure.ModelEndpoint(stack, 'Scaled', { network, modelAssetId: model, minInstances: 1, maxInstances: 8 });
  if (options.overrides) {
    onDemand.scaleSet.addOverride('instances', 4);
    onDemand.scaleSet.addOverride('priority', 'Spot');
    storage.account.addOverride('blob_properties.versioning_enabled', false);
    scaled.autoscale!.addOverride('profile.0.capacity.maximum', 12);
  }
  return factsOf(synthTerraform(stack));
}

const t4 = { instanceType: 'Standard_NC4as_T4_v3', configuredGbps: 8, maxGbps: InstanceType.STANDARD_NC4AS_T4_V3.maxGbps, placement: false, hoursPerWeek: 168 };

describe('azure facts by construct identity', () => {
  const facts = platform();

  test('two endpoints, fixed 2-2 and autoscaled 1-8: each with its own range', () => {
    expect(facts.endpoints).toEqual([
      { path: 'test/Fixed', instanceType: 'Standard_NC4as_T4_v3', minInstances: 2, maxInstances: 2, autoscaling: false, private: true },
      { path: 'test/Scaled', instanceType: 'Standard_NC4as_T4_v3', minInstances: 1, maxInstances: 8, autoscaling: true, private: true },
    ]);
  });

  test('two fleets of one size, spot declared first: each with its own purchase and size', () => {
    expect(facts.fleets).toEqual([
      { path: 'test/SpotFleet', nodes: 3, purchase: 'spot', ...t4 },
      { path: 'test/OnDemandFleet', nodes: 2, purchase: 'on-demand', ...t4 },
    ]);
  });

  test('storage: the tiered storage account, by path (not the workspace accounts)', () => {
    expect(facts.storage).toEqual([{
      path: 'test/Data',
      dataTiB: 10,
      tiered: true,
      versioned: true,
      customerManagedKey: false,
      highThroughput: false,
      classes: ['Cool', 'Cold'],
      transitions: [{ storageClass: 'Cool', afterDays: 30 }, { storageClass: 'Cold', afterDays: 90 }],
    }]);
  });

  test('foreign scale sets, storage account, autoscale setting and endpoint deployment are not reported, and ours are unchanged', () => {
    const withForeign = platform({ foreign: true });
    expect(withForeign.fleets).toEqual(facts.fleets);
    expect(withForeign.storage).toEqual(facts.storage);
    expect(withForeign.endpoints).toEqual(facts.endpoints);
  });

  test('escape-hatch overrides on our resources show in the facts', () => {
    const overridden = platform({ foreign: true, overrides: true });
    expect(overridden.fleets.map((f) => [f.path, f.nodes, f.purchase])).toEqual([['test/SpotFleet', 3, 'spot'], ['test/OnDemandFleet', 4, 'spot']]);
    expect(overridden.storage.map((s) => [s.path, s.versioned])).toEqual([['test/Data', false]]);
    expect(overridden.endpoints.map((e) => [e.path, e.minInstances, e.maxInstances, e.autoscaling])).toEqual([['test/Fixed', 2, 2, false], ['test/Scaled', 1, 12, true]]);
  });

  test('a document without a manifest has no fleets, storage or endpoints', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    foreignScaleSet(stack, 'Set', 'Standard_ND96isr_H100_v5', false);
    const plain = factsOf(synthTerraform(stack));
    expect([plain.fleets, plain.storage, plain.endpoints]).toEqual([[], [], []]);
  });
});
