import { PolicyRule } from '../../core/contract';

/**
 * Where a stack holds customer-managed keys (it chose CMEK, as the hybrid strategy does), its BigQuery datasets are
 * encrypted with one too: captured inference requests are as sensitive as the training data. A stack without a
 * Cloud KMS key chose Google-managed encryption and is not flagged (checkov's CKV_GCP_81 flags every dataset).
 */
export const GcpCmekConsistent: PolicyRule = {
  id: 'GCP-CMEK-1',
  description: 'In a stack with customer-managed keys, BigQuery datasets set default_encryption_configuration (CKV_GCP_81)',
  resourceTypes: ['google_bigquery_dataset'],
  mirrors: ['CKV_GCP_81'],
  check: (c, document) => {
    const cmek = Object.keys(document?.resource?.google_kms_crypto_key ?? {}).length > 0;
    const key = (Array.isArray(c.default_encryption_configuration) ? c.default_encryption_configuration[0] : c.default_encryption_configuration)?.kms_key_name;
    return cmek && !key ? ['the stack uses customer-managed keys but the dataset is Google-managed (no default_encryption_configuration)'] : [];
  },
};
