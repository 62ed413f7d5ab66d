/** One finding of a Terraform policy rule. */
export interface TerraformFinding {
  /** Rule id, e.g. `GCP-FW-1`. */
  readonly ruleId: string;
  /** Terraform address, e.g. `google_compute_firewall.net_allow_all`. */
  readonly address: string;
  /** What is wrong. */
  readonly message: string;
}
