import { GcpBucketPublicAccessPrevention } from './bucket-public-access-prevention';
import { GcpBucketUniformAccess } from './bucket-uniform-access';
import { GcpBucketVersioningLogging } from './bucket-versioning-logging';
import { GcpFirewallNoOpenIngress } from './firewall-no-open-ingress';
import { GcpKmsRotation } from './kms-rotation';
import { GcpNoExternalIp } from './no-external-ip';
import { GcpOsLogin } from './os-login';
import { GcpShieldedVm } from './shielded-vm';
import { GcpSubnetPrivateAccessFlowLogs } from './subnet-private-access-flow-logs';
import { PolicyRule } from '../../core/contract';

/** The Google Cloud policy rules, one per file (the pack runs them in this order). */
export const GCP_POLICY_RULES: PolicyRule[] = [
  GcpFirewallNoOpenIngress,
  GcpNoExternalIp,
  GcpShieldedVm,
  GcpOsLogin,
  GcpBucketPublicAccessPrevention,
  GcpBucketUniformAccess,
  GcpBucketVersioningLogging,
  GcpKmsRotation,
  GcpSubnetPrivateAccessFlowLogs,
];
