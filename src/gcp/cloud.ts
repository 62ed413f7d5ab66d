import { factsFromGoogleTerraform } from './facts';
import { GcpBucketPublicAccessPrevention } from './policy/bucket-public-access-prevention';
import { GcpBucketUniformAccess } from './policy/bucket-uniform-access';
import { GcpBucketVersioningLogging } from './policy/bucket-versioning-logging';
import { GcpFirewallNoOpenIngress } from './policy/firewall-no-open-ingress';
import { GcpKmsRotation } from './policy/kms-rotation';
import { GcpNoExternalIp } from './policy/no-external-ip';
import { GcpOsLogin } from './policy/os-login';
import { GcpShieldedVm } from './policy/shielded-vm';
import { GcpSubnetPrivateAccessFlowLogs } from './policy/subnet-private-access-flow-logs';
import { Cloud } from '../core/catalog/cloud';
import { CloudDefinition } from '../core/contract';
import { terraformManifest, terraformResourceCount } from '../terraform/document';

/**
 * Google Cloud behind the cloud contract (registered in `src/clouds.ts`). A pure module: loading it loads no
 * provider code; the constructs and the platform stack are exported from `./index` and `./platform-stack`.
 */
export const GCP_CLOUD: CloudDefinition = {
  cloud: Cloud.GCP,
  displayName: 'Google Cloud',
  engine: 'terraform',
  capabilities: {},
  pricing: { hotStorageClass: 'STANDARD', vpnComponent: 'vpn-tunnel', interfaceEndpointHoursPerEndpoint: 1 },
  advice: { highThroughputProducts: 'Parallelstore or Managed Lustre', commitment: { discount: 0.31, basis: '1-year CUD, lower end of 31-37%, cloud-facts.md' } },
  policyRules: [
    GcpFirewallNoOpenIngress, GcpNoExternalIp, GcpShieldedVm, GcpOsLogin, GcpBucketPublicAccessPrevention, GcpBucketUniformAccess,
    GcpBucketVersioningLogging, GcpKmsRotation, GcpSubnetPrivateAccessFlowLogs,
  ],
  owns: (doc) => {
    const m = terraformManifest(doc);
    if (m) return m.cloud === Cloud.GCP;
    return Object.keys(doc?.resource ?? {}).some((t) => t.startsWith('google_'));
  },
  resourceCount: terraformResourceCount,
  readFacts: (doc) => factsFromGoogleTerraform(doc, doc?.['//']?.metadata?.stackName ?? 'stack'),
};
