import { PolicyRule } from '../../core/contract';

/** Key vault secrets carry a content type and an expiry. */
export const AzureSecret: PolicyRule = {
  id: 'AZ-KV-4',
  description: 'Key vault secrets set a content type (CKV_AZURE_114) and an expiration date (CKV_AZURE_41)',
  mirrors: ['CKV_AZURE_114', 'CKV_AZURE_41', 'tfsec azure-keyvault-content-type-for-secret', 'tfsec azure-keyvault-ensure-secret-expiry'],
  resourceTypes: ['azurerm_key_vault_secret'],
  check: (c) => {
    const out: string[] = [];
    if (typeof c.content_type !== 'string' || c.content_type === '') out.push('the secret has no content type');
    if (typeof c.expiration_date !== 'string' || c.expiration_date === '') out.push('the secret never expires');
    return out;
  },
};
