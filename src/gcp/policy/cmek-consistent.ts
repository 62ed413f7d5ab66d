import { first } from './shared';
import { PolicyRule } from '../../core/contract';

/** Where each resource type names its customer-managed key. */
const KEY_OF: Record<string, (c: any) => unknown> = {
  google_bigquery_dataset: (c) => first(c.default_encryption_configuration)?.kms_key_name,
  google_artifact_registry_repository: (c) => c.kms_key_name,
};

/**
 * Where a stack holds customer-managed keys (it chose CMEK, as the hybrid strategy does), its BigQuery datasets and
 * Artifact Registry repositories are encrypted with one too: captured inference requests are as sensitive as the
 * training data. A stack without a Cloud KMS key chose Google-managed encryption and is not flagged (checkov's
 * CKV_GCP_81 and CKV_GCP_84 flag every dataset and repository; here the stack's own choice decides).
 */
export const GcpCmekConsistent: PolicyRule = {
  id: 'GCP-CMEK-1',
  description: 'In a stack with customer-managed keys, BigQuery datasets and Artifact Registry repositories use one (CKV_GCP_81, CKV_GCP_84)',
  resourceTypes: Object.keys(KEY_OF),
  mirrors: ['CKV_GCP_81', 'CKV_GCP_84'],
  check: (c, document) => {
    const cmek = Object.keys(document?.resource?.google_kms_crypto_key ?? {}).length > 0;
    const keyed = Object.values(KEY_OF).some((keyOf) => !!keyOf(c));
    return cmek && !keyed ? ['the stack uses customer-managed keys but this resource is encrypted with a Google-managed key'] : [];
  },
};
