import { TerraformFinding } from './policy-rule';
import { cloudDefinitions } from '../clouds';
import { PolicyRule } from '../core/contract';

/** The rules of the pack: every Terraform cloud's policy rules, in registry order. */
function terraformRules(): PolicyRule[] {
  return cloudDefinitions().flatMap((c) => c.policyRules);
}

/** A rule as listed by the pack. */
export interface TerraformRuleInfo {
  /** Stable id. */
  readonly id: string;
  /** What the rule requires. */
  readonly description: string;
  /** Resource types it reads. */
  readonly resourceTypes: string[];
  /**
   * The checks of other scanners the rule mirrors, as its file declares them: checkov ids (`CKV_GCP_2`,
   * `CKV2_AZURE_31`), tfsec ids prefixed with `tfsec` (`tfsec:google-compute-no-public-ingress`,
   * `tfsec azure-storage-enforce-https`), or another scanner's check by name, so a finding can be matched with
   * what those scanners report for the same document. Empty when the rule mirrors none.
   */
  readonly mirrors: string[];
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
 * firewall rules, logging, key rotation). One rule per file under `src/<cloud>/policy/`.
 */
export class TerraformPolicyChecks {
  /** Every rule of the pack, each with the checkov / tfsec ids it mirrors. */
  public static rules(): TerraformRuleInfo[] {
    return terraformRules().map((r) => ({ id: r.id, description: r.description, resourceTypes: [...r.resourceTypes], mirrors: [...(r.mirrors ?? [])] }));
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
    for (const rule of terraformRules()) {
      for (const type of rule.resourceTypes) {
        for (const [name, config] of Object.entries<any>(resources[type] ?? {})) {
          evaluations++;
          for (const message of rule.check(config, document)) findings.push({ ruleId: rule.id, address: `${type}.${name}`, message });
        }
      }
    }
    return { evaluations, findings };
  }

  private constructor() {}
}
