/**
 * A Google Cloud platform from the four constructs: copy this into a cdktf app.
 *
 *   npx cdktf synth   (with cdktf.json: { "language": "typescript", "app": "npx ts-node main.ts" })
 */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GpuFleetSpec, InstanceType, PurchaseOption, gcp } from 'ai-infra-constructs';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

export class TrainingPlatform extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = 'my-ml-project';
    const region = 'us-east4';
    new GoogleProvider(this, 'google', { project, region });

    // Eight GPU NICs, each in its own VPC with MTU 8244, derived from the machine type.
    const fleetProps = { instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 4, purchase: PurchaseOption.spot() };
    const network = new gcp.ClusterNetwork(this, 'Network', { project, region, zone: 'us-east4-a', fleet: new GpuFleetSpec(fleetProps) });
    const fleet = new gcp.GpuFleet(this, 'Training', { ...fleetProps, network });

    const data = new gcp.TieredStorage(this, 'Data', { project, location: region });
    data.grantReadWrite(fleet);

    // Two steps from empty: the first apply creates the endpoint with no model; copy the model directory to Cloud Storage,
    // apply again with MODEL_ARTIFACT=gs://<bucket>/<path> and run the deploy_model_command output.
    const endpoint = new gcp.ModelEndpoint(this, 'Serving', { network, maxInstances: 8, modelArtifact: process.env.MODEL_ARTIFACT || undefined });
    endpoint.grantInvoke(gcp.Grantee.member('group:ml-apps@example.com'));
  }
}

export function buildApp(app: App = new App()): App {
  new TrainingPlatform(app, 'training-platform');
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
