/** One finding of a Terraform policy rule. */
export interface TerraformFinding {
  /** Rule id, e.g. `GCP-FW-1`. */
  readonly ruleId: string;
  /** Terraform address, e.g. `google_compute_firewall.net_allow_all`. */
  readonly address: string;
  /** What is wrong. */
  readonly message: string;
}

/** A policy rule over one resource type of a synthesized Terraform JSON document. Internal shape. */
export interface TerraformRule {
  /** Stable id. */
  readonly id: string;
  /** What the rule requires (checkov / tfsec equivalent in brackets). */
  readonly description: string;
  /** Terraform resource types the rule reads. */
  readonly resourceTypes: string[];
  /** Violations of one resource (empty when it complies). */
  check(config: any): string[];
}
