import { PolicyRule } from '../../core/contract';

/** Key vaults keep purge protection and deny network access by default (CKV_AZURE_110, CKV_AZURE_42, CKV_AZURE_109). */
export const AzureKeyVault: PolicyRule = {
  id: 'AZ-KV-1',
  description: 'Key vaults enable purge protection (CKV_AZURE_110, CKV_AZURE_42) and deny network access by default (CKV_AZURE_109)',
  resourceTypes: ['azurerm_key_vault'],
  check: (c) => {
    const out: string[] = [];
    if (c.purge_protection_enabled !== true) out.push('purge protection is off');
    if (c.network_acls?.default_action !== 'Deny') out.push('network access is allowed by default');
    return out;
  },
};
