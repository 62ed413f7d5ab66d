import { PolicyRule } from '../../core/contract';

/** Key vaults keep purge protection and deny network access by default (CKV_AZURE_110, CKV_AZURE_42, CKV_AZURE_109). */
export const AzureKeyVault: PolicyRule = {
  id: 'AZ-KV-1',
  description: 'Key vaults enable purge protection (CKV_AZURE_110, CKV_AZURE_42) and deny network access by default (CKV_AZURE_109)',
  mirrors: ['CKV_AZURE_110', 'CKV_AZURE_42', 'CKV_AZURE_109', 'CKV_AZURE_189', 'tfsec azure-keyvault-no-purge', 'tfsec azure-keyvault-specify-network-acl'],
  resourceTypes: ['azurerm_key_vault'],
  check: (c) => {
    const out: string[] = [];
    if (c.purge_protection_enabled !== true) out.push('purge protection is off');
    if (c.network_acls?.default_action !== 'Deny') out.push('network access is allowed by default');
    const open = (c.network_acls?.ip_rules ?? []).filter((r: unknown) => typeof r === 'string' && /^(\*|0\.0\.0\.0(\/0)?)$/.test(r.trim()));
    if (open.length > 0) out.push(`the network ACL lets in ${open.join(', ')} (every address)`);
    if (typeof c.soft_delete_retention_days === 'number' && c.soft_delete_retention_days < 7) out.push(`soft delete keeps items ${c.soft_delete_retention_days} days (7 at least)`);
    return out;
  },
};
