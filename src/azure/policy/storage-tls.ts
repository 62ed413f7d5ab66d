import { PolicyRule } from '../../core/contract';

/** HTTPS only and TLS 1.2 at least (CKV_AZURE_3, CKV_AZURE_44, tfsec azure-storage-enforce-https / use-secure-tls-policy). */
export const AzureStorageTls: PolicyRule = {
  id: 'AZ-ST-1',
  description: 'Storage accounts take HTTPS only with TLS 1.2 or later (CKV_AZURE_3, CKV_AZURE_44)',
  mirrors: ['CKV_AZURE_3', 'CKV_AZURE_44', 'tfsec azure-storage-enforce-https', 'tfsec azure-storage-use-secure-tls-policy'],
  resourceTypes: ['azurerm_storage_account'],
  check: (c) => {
    const out: string[] = [];
    if (c.https_traffic_only_enabled === false) out.push('HTTP is allowed');
    if (c.min_tls_version !== 'TLS1_2' && c.min_tls_version !== 'TLS1_3') out.push(`minimum TLS is ${c.min_tls_version ?? 'the provider default'}, not TLS1_2`);
    return out;
  },
};
