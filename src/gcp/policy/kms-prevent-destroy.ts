import { PolicyRule } from '../../core/contract';

/** KMS keys are protected from deletion: destroying a key makes everything encrypted with it unreadable. */
export const GcpKmsPreventDestroy: PolicyRule = {
  id: 'GCP-KMS-2',
  description: 'Cloud KMS keys carry lifecycle prevent_destroy (CKV_GCP_82)',
  resourceTypes: ['google_kms_crypto_key'],
  mirrors: ['CKV_GCP_82'],
  check: (c) => (c.lifecycle?.prevent_destroy === true ? [] : ['the key is not protected from deletion (lifecycle prevent_destroy)']),
};
