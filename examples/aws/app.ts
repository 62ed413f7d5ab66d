/**
 * An AWS platform from the four constructs: copy this into a CDK app.
 *
 *   npx cdk synth   (with cdk.json: { "app": "npx ts-node app.ts" })
 */
import {
  aws, GpuFleetSpec, HighThroughputTier, InstanceType, PurchaseOption, StorageEncryption, StorageTierClass,
} from 'ai-infra-constructs';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export class TrainingPlatformStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // Four p5.48xlarge nodes on spot, scaled to zero at night. The fleet spec sizes the network.
    // `cdk synth -c fleetNodes=6 -c coldTier=true` changes the size and adds a tier (the emulated deploy's update).
    const fleetProps = {
      instanceType: InstanceType.P5_48XLARGE,
      nodes: Number(this.node.tryGetContext('fleetNodes') ?? 4),
      purchase: PurchaseOption.spot(),
      scaleToZero: { scaleDownCron: '0 22 * * *', scaleUpCron: '0 6 * * 1-5', timeZone: 'Europe/Berlin' },
    };
    const network = new aws.ClusterNetwork(this, 'Network', { cidr: '10.50.0.0/16', fleet: new GpuFleetSpec(fleetProps) });

    // 32 EFA interfaces per node, computed from the catalog.
    const fleet = new aws.GpuFleet(this, 'Training', { ...fleetProps, network });

    const data = new aws.TieredStorage(this, 'Data', {
      network,
      encryption: StorageEncryption.CUSTOMER_MANAGED,
      highThroughput: HighThroughputTier.EXPRESS_ONE_ZONE,
      tiers: [
        { storageClass: StorageTierClass.INFREQUENT, afterDays: 30 },
        ...(String(this.node.tryGetContext('coldTier')) === 'true' ? [{ storageClass: StorageTierClass.COLD, afterDays: 90 }] : []),
        { storageClass: StorageTierClass.DEEP_ARCHIVE, afterDays: 180 },
      ],
    });
    data.grantReadWrite(fleet, 'checkpoints/*');
    data.grantRead(fleet, 'raw/*');

    // Two steps from empty: the first `cdk deploy` leaves the endpoint pending (the bucket holds no model yet); upload
    // the model.tar.gz to s3://<the Data bucket>/models/model.tar.gz, then `cdk deploy -c modelArtifact=models/model.tar.gz`.
    const endpoint = new aws.ModelEndpoint(this, 'Serving', {
      storage: data,
      network,
      modelArtifact: this.node.tryGetContext('modelArtifact'),
      instanceType: 'ml.g6.xlarge',
      maxInstances: 8,
      latencyAlarmMs: 250,
    });
    endpoint.grantInvoke(new Role(this, 'Caller', { assumedBy: new AccountRootPrincipal() }));

    // A dashboard, and every fleet and endpoint alarm routed to an encrypted SNS topic (an alarm nobody hears is no alarm).
    new aws.PlatformMonitoring(this, 'Monitoring', { fleet, endpoint });
  }
}

export function buildApp(app: App = new App()): App {
  new TrainingPlatformStack(app, 'TrainingPlatform');
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
