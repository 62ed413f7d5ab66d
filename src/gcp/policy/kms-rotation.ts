import { PolicyRule } from '../../core/contract';

/** KMS keys rotate at most every 90 days. */
export const GcpKmsRotation: PolicyRule = {
  id: 'GCP-KMS-1',
  description: 'Cloud KMS keys rotate at least every 90 days (CKV_GCP_43)',
  resourceTypes: ['google_kms_crypto_key'],
  mirrors: ['CKV_GCP_43', 'tfsec:google-kms-rotate-kms-keys'],
  check: (c) => {
    const secs = parseInt(String(c.rotation_period ?? '').replace(/s$/, ''), 10);
    return Number.isFinite(secs) && secs <= 7776000 ? [] : ['rotation period is missing or longer than 90 days'];
  },
};
