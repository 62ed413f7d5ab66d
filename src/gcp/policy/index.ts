import { GcpBigqueryNoPublicAccess } from './bigquery-no-public-access';
import { GcpBucketPublicAccessPrevention } from './bucket-public-access-prevention';
import { GcpBucketUniformAccess } from './bucket-uniform-access';
import { GcpBucketVersioningLogging } from './bucket-versioning-logging';
import { GcpCmekConsistent } from './cmek-consistent';
import { GcpFirewallNoOpenIngress } from './firewall-no-open-ingress';
import { GcpIamNoBasicRoles } from './iam-no-basic-roles';
import { GcpIamNoProjectImpersonation } from './iam-no-project-impersonation';
import { GcpIamNoPublicMembers } from './iam-no-public-members';
import { GcpKmsPreventDestroy } from './kms-prevent-destroy';
import { GcpKmsRotation } from './kms-rotation';
import { GcpNoDefaultServiceAccount } from './no-default-service-account';
import { GcpNoExternalIp } from './no-external-ip';
import { GcpNoIpForwarding } from './no-ip-forwarding';
import { GcpNoSerialPort } from './no-serial-port';
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
  GcpNoDefaultServiceAccount,
  GcpNoSerialPort,
  GcpNoIpForwarding,
  GcpIamNoPublicMembers,
  GcpIamNoBasicRoles,
  GcpIamNoProjectImpersonation,
  GcpBucketPublicAccessPrevention,
  GcpBucketUniformAccess,
  GcpBucketVersioningLogging,
  GcpBigqueryNoPublicAccess,
  GcpCmekConsistent,
  GcpKmsRotation,
  GcpKmsPreventDestroy,
  GcpSubnetPrivateAccessFlowLogs,
];
