/** Helpers the Google Cloud policy rules share (not exported from the package). */

/** IAM resources that grant a role to a member (`member`) or to several (`members`). */
export const IAM_GRANT_TYPES = [
  'google_project_iam_member', 'google_project_iam_binding',
  'google_storage_bucket_iam_member', 'google_storage_bucket_iam_binding',
  'google_kms_crypto_key_iam_member', 'google_kms_crypto_key_iam_binding',
  'google_kms_key_ring_iam_member', 'google_kms_key_ring_iam_binding',
  'google_bigquery_dataset_iam_member', 'google_bigquery_dataset_iam_binding',
  'google_secret_manager_secret_iam_member', 'google_secret_manager_secret_iam_binding',
  'google_artifact_registry_repository_iam_member', 'google_artifact_registry_repository_iam_binding',
  'google_service_account_iam_member', 'google_service_account_iam_binding',
];

/** Project-level IAM grants. */
export const PROJECT_IAM_TYPES = ['google_project_iam_member', 'google_project_iam_binding'];

/** The members a grant names. */
export function membersOf(c: any): string[] {
  return [...(c?.member !== undefined ? [String(c.member)] : []), ...((c?.members ?? []) as unknown[]).map(String)];
}

/** Instances and the templates they are made from. */
export const INSTANCE_TYPES = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template'];

/** A block the provider takes as a list of one, read whether synthesized as a list or an object. */
export function first(v: any): any {
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The resource a `${type.name.attr}` reference in a synthesized document points at.
 * @returns undefined when the value is not a plain reference or the resource is not in the document
 */
export function referenced(document: any, value: unknown): any {
  const m = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.[a-z_]+\}$/.exec(String(value ?? ''));
  return m ? document?.resource?.[m[1]]?.[m[2]] : undefined;
}
