import { PolicyRule } from '../../core/contract';

/**
 * Key vault keys expire: an `expiration_date`, or a rotation policy that sets `expire_after` and rotates the key
 * automatically before it (each new version then carries its expiry). checkov's CKV_AZURE_40 reads `expiration_date`
 * only, and users skip it for keys governed by a rotation policy; this rule accepts that policy instead of a
 * fixed date, which a rotated key would drift from.
 */
export const AzureKeyExpiry: PolicyRule = {
  id: 'AZ-KV-2',
  description: 'Key vault keys expire: expiration_date, or a rotation policy with expire_after and automatic rotation (CKV_AZURE_40)',
  mirrors: ['CKV_AZURE_40', 'tfsec azure-keyvault-ensure-key-expiry'],
  resourceTypes: ['azurerm_key_vault_key'],
  check: (c) => {
    if (typeof c.expiration_date === 'string' && c.expiration_date !== '') return [];
    const p = c.rotation_policy;
    const auto = p?.automatic?.time_before_expiry ?? p?.automatic?.time_after_creation;
    if (p?.expire_after && auto) return [];
    return [p?.expire_after ? 'the rotation policy sets expire_after but never rotates the key automatically' : 'the key never expires (no expiration_date, no rotation policy expire_after)'];
  },
};
