/**
 * An Azure platform from the four constructs: copy this into a cdktf app.
 *
 *   npx cdktf synth   (with cdktf.json: { "language": "typescript", "app": "npx ts-node main.ts" })
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { GpuFleetSpec, InstanceType, PurchaseOption, SpotEvictionPolicy, StorageTierClass, azure } from 'ai-infra-constructs';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export class TrainingPlatform extends TerraformStack {
  constructor(scope: Construct, id: string, adminSshPublicKey: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}], storageUseAzuread: true });
    const group = new ResourceGroup(this, 'Group', { name: 'training-rg', location: 'eastus' });
    const where = { resourceGroupName: group.name, location: 'eastus' };

    // 3.2 Tb/s InfiniBand: one placement group, one fault domain, no overprovisioning.
    const fleetProps = {
      instanceType: InstanceType.STANDARD_ND96ISR_H100_V5,
      nodes: 8,
      purchase: PurchaseOption.spot({ evictionPolicy: SpotEvictionPolicy.DELETE }),
      scaleToZero: { scaleUpCron: '0 7 * * 1-5', scaleDownCron: '0 19 * * 1-5', timeZone: 'Europe/Berlin' },
    };
    const network = new azure.ClusterNetwork(this, 'Network', { ...where, fleet: new GpuFleetSpec(fleetProps) });
    const fleet = new azure.GpuFleet(this, 'Training', { ...fleetProps, network, adminSshPublicKey });

    // zone-redundant (ZRS) data tiers to cool and cold: Azure has no Archive tier on ZRS accounts
    const tiers = [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 30 }, { storageClass: StorageTierClass.COLD, afterDays: 90 }];
    const data = new azure.TieredStorage(this, 'Data', { ...where, network, tiers });
    data.grantReadWrite(fleet);

    // Two steps from empty: the first apply creates the online endpoint without a deployment; register the model
    // (az ml model create) and apply again with MODEL_ARTIFACT=azureml://... to deploy it.
    new azure.ModelEndpoint(this, 'Serving', {
      network, instanceType: 'Standard_NC24ads_A100_v4', maxInstances: 4, modelArtifact: process.env.MODEL_ARTIFACT || undefined,
    });
  }
}

export function buildApp(app: App = new App(), adminSshPublicKey = process.env.ADMIN_SSH_PUBLIC_KEY ?? ''): App {
  new TrainingPlatform(app, 'training-platform', adminSshPublicKey);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
