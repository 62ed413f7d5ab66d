import { Cloud } from '../core/catalog/cloud';
import { CapabilityTable, CloudDefinition } from '../core/contract';
import { MANIFEST_KEY } from '../core/facts';
import { StorageRedundancy } from '../core/specs/tiered-storage-spec';

/**
 * The neutral settings AWS does not honour for every value (each construct adds the problems of
 * `unsupportedSettings(AWS_CLOUD, kind, props)` to its validation). Refusals that depend on another prop or on the
 * stack are checked by the constructs themselves: `redundancy: GEO` without `replication`, GPU or CPU scaling on a
 * serving type without GPUs or of unknown size, `dataCapturePercent` with a serverless endpoint, `idleGpuPercent` or
 * `gpuMetrics` without NVIDIA GPU metrics, more `zones` than the stack's region offers, and the network settings an
 * existing VPC fixes.
 */
export const AWS_CAPABILITIES: CapabilityTable = {
  GpuFleet: {
    placementMaxDistance: { supports: 'unset (a cluster placement group has no distance setting; it is Google Cloud\'s compact placement)' },
  },
  ClusterNetwork: {
    // EFA needs every interface of a node in one subnet (the cluster subnet); there are no per-GPU networks
    // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-acc-inst-types.html)
    gpuNetworkCidr: { supports: 'unset (EFA runs every interface in the cluster subnet; AWS fleets have no separate GPU networks)' },
  },
  TieredStorage: {
    // S3 Standard stores objects across at least three zones of the region; the single-zone classes (One Zone-IA,
    // Express One Zone) are lifecycle tiers or the high-throughput tier, not the bucket's redundancy
    // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html)
    redundancy: {
      supports: 'zone (S3 Standard keeps copies in at least three zones) or geo (with `replication` to a bucket in another region); ' +
        'a general purpose bucket has no single-zone storage (highThroughput: express-one-zone adds a single-zone tier)',
      accepts: (v) => v !== StorageRedundancy.LOCAL,
    },
  },
  ModelEndpoint: {
    auth: { supports: 'unset (IAM decides who may invoke a SageMaker endpoint: grantInvoke)' },
  },
};

/**
 * AWS behind the cloud contract (registered in `src/clouds.ts`). A pure module: loading it loads no
 * aws-cdk-lib code; the constructs and the platform stack are exported from `./index` and `./platform-stack`.
 */
export const AWS_CLOUD: CloudDefinition = {
  cloud: Cloud.AWS,
  displayName: 'AWS',
  engine: 'cloudformation',
  capabilities: AWS_CAPABILITIES,
  pricing: {
    hotStorageClass: 'STANDARD',
    vpnComponent: 'vpn-connection',
    interfaceEndpointHoursPerEndpoint: 2,
  },
  // cdk-nag (AwsSolutions, HIPAA), cfn-guard and cfn-lint check CloudFormation
  advice: { highThroughputProducts: 'TieredStorage highThroughput: FSx for Lustre or S3 Express One Zone', cacheStorageClass: 'EXPRESS_ONEZONE' },
  policyRules: [],
  owns: (doc) => doc?.Metadata?.[MANIFEST_KEY]?.cloud === Cloud.AWS || (doc?.Resources !== undefined && typeof doc.Resources === 'object' && doc.resource === undefined),
  resourceCount: (doc) => Object.keys(doc?.Resources ?? {}).length,
  demoStack: (app, id, options) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AwsPlatformStack } = require('./platform-stack') as typeof import('./platform-stack');
    const s = new AwsPlatformStack(app as any, id, { ...options, env: { region: 'us-east-1' } } as any);
    return { stack: s, strategy: s.plan.strategy, artifactName: s.artifactId };
  },
  // the reader loads when asked for: the constructs import this module for the capability table
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  readFacts: (doc) => (require('./facts') as typeof import('./facts')).factsFromCloudFormation(doc),
};
