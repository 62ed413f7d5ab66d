import { factsFromCloudFormation } from './facts';
import { Cloud } from '../core/catalog/cloud';
import { CloudDefinition } from '../core/contract';
import { MANIFEST_KEY } from '../core/facts';

/**
 * AWS behind the cloud contract (registered in `src/clouds.ts`). A pure module: loading it loads no
 * aws-cdk-lib code; the constructs and the platform stack are exported from `./index` and `./platform-stack`.
 */
export const AWS_CLOUD: CloudDefinition = {
  cloud: Cloud.AWS,
  displayName: 'AWS',
  engine: 'cloudformation',
  capabilities: {},
  pricing: { hotStorageClass: 'STANDARD', vpnComponent: 'vpn-connection', interfaceEndpointHoursPerEndpoint: 2 },
  // cdk-nag (AwsSolutions, HIPAA), cfn-guard and cfn-lint check CloudFormation
  advice: { highThroughputProducts: 'TieredStorage highThroughput: FSx for Lustre or S3 Express One Zone', cacheStorageClass: 'EXPRESS_ONEZONE' },
  policyRules: [],
  owns: (doc) => doc?.Metadata?.[MANIFEST_KEY]?.cloud === Cloud.AWS || (doc?.Resources !== undefined && typeof doc.Resources === 'object' && doc.resource === undefined),
  resourceCount: (doc) => Object.keys(doc?.Resources ?? {}).length,
  readFacts: (doc) => factsFromCloudFormation(doc),
};
