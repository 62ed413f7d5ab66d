import { PolicyRule } from '../../core/contract';

/** No public blobs, infrastructure encryption, deny-by-default network rules (CKV_AZURE_190, CKV_AZURE_35, CKV_AZURE_59). */
export const AzureStoragePrivate: PolicyRule = {
  id: 'AZ-ST-2',
  description: 'Storage accounts allow no public nested items (CKV_AZURE_190), encrypt the infrastructure layer, and deny network access by default or take no public traffic (CKV_AZURE_35, CKV_AZURE_59)',
  mirrors: ['CKV_AZURE_190', 'CKV_AZURE_35', 'CKV_AZURE_59', 'tfsec azure-storage-default-action-deny', 'tfsec azure-storage-no-public-access'],
  resourceTypes: ['azurerm_storage_account'],
  check: (c) => {
    const out: string[] = [];
    if (c.allow_nested_items_to_be_public !== false) out.push('nested items may be public');
    if (c.infrastructure_encryption_enabled !== true) out.push('infrastructure encryption is off');
    if (c.public_network_access_enabled !== false && c.network_rules?.default_action !== 'Deny') out.push('network access is allowed by default');
    return out;
  },
};
