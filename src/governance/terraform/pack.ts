import { TerraformFinding, TerraformRule } from './rule';
import { AzureKeyVault } from './rules/azure-key-vault';
import { AzureNoPublicIp } from './rules/azure-no-public-ip';
import { AzureNsgNoOpenInbound } from './rules/azure-nsg-no-open-inbound';
import { AzurePrivateServices } from './rules/azure-private-services';
import { AzureStoragePrivate } from './rules/azure-storage-private';
import { AzureStorageTls } from './rules/azure-storage-tls';
import { GcpBucketPublicAccessPrevention } from './rules/gcp-bucket-public-access-prevention';
import { GcpBucketUniformAccess } from './rules/gcp-bucket-uniform-access';
import { GcpBucketVersioningLogging } from './rules/gcp-bucket-versioning-logging';
import { GcpFirewallNoOpenIngress } from './rules/gcp-firewall-no-open-ingress';
import { GcpKmsRotation } from './rules/gcp-kms-rotation';
import { GcpNoExternalIp } from './rules/gcp-no-external-ip';
import { GcpOsLogin } from './rules/gcp-os-login';
import { GcpShieldedVm } from './rules/gcp-shielded-vm';
import { GcpSubnetPrivateAccessFlowLogs } from './rules/gcp-subnet-private-access-flow-logs';

/** The rules of the pack, in order. */
const TERRAFORM_RULES: TerraformRule[] = [
  GcpFirewallNoOpenIngress,
  GcpNoExternalIp,
  GcpShieldedVm,
  GcpOsLogin,
  GcpBucketPublicAccessPrevention,
  GcpBucketUniformAccess,
  GcpBucketVersioningLogging,
  GcpKmsRotation,
  GcpSubnetPrivateAccessFlowLogs,
  AzureStorageTls,
  AzureStoragePrivate,
  AzureNoPublicIp,
  AzureNsgNoOpenInbound,
  AzureKeyVault,
  AzurePrivateServices,
];

/** A rule as listed by the pack. */
export interface TerraformRuleInfo {
  /** Stable id. */
  readonly id: string;
  /** What the rule requires. */
  readonly description: string;
  /** Resource types it reads. */
  readonly resourceTypes: string[];
}

/** Result of a policy run. */
export interface TerraformPolicyReport {
  /** Resources evaluated (one per rule that applied to it). */
  readonly evaluations: number;
  /** Findings (empty when the document complies). */
  readonly findings: TerraformFinding[];
}

/**
 * Policy checks over synthesized Terraform JSON (`cdk.tf.json`) for Google Cloud and Azure: the checks
 * checkov and tfsec make for these resource types (public access, TLS, encryption, public IPs, open
 * firewall rules, logging, key rotation). One rule per file under `rules/`.
 */
export class TerraformPolicyChecks {
  /** Every rule of the pack. */
  public static rules(): TerraformRuleInfo[] {
    return TERRAFORM_RULES.map((r) => ({ id: r.id, description: r.description, resourceTypes: r.resourceTypes }));
  }

  /**
   * Runs every rule over a synthesized document.
   *
   * @param document the parsed `cdk.tf.json`
   */
  public static check(document: any): TerraformPolicyReport {
    const findings: TerraformFinding[] = [];
    let evaluations = 0;
    const resources = document?.resource ?? {};
    for (const rule of TERRAFORM_RULES) {
      for (const type of rule.resourceTypes) {
        for (const [name, config] of Object.entries<any>(resources[type] ?? {})) {
          evaluations++;
          for (const message of rule.check(config)) findings.push({ ruleId: rule.id, address: `${type}.${name}`, message });
        }
      }
    }
    return { evaluations, findings };
  }

  private constructor() {}
}
