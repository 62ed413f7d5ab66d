import { PolicyRule } from '../../core/contract';

/** Blob containers are private: no anonymous read of blobs or of the container listing. */
export const AzureStorageContainerPrivate: PolicyRule = {
  id: 'AZ-ST-4',
  description: 'Blob containers take no anonymous access: container_access_type private (CKV_AZURE_34)',
  mirrors: ['CKV_AZURE_34', 'tfsec azure-storage-no-public-access'],
  resourceTypes: ['azurerm_storage_container'],
  // the provider defaults container_access_type to private
  check: (c) => (c.container_access_type === undefined || c.container_access_type === 'private' ? [] : [`container access type is ${c.container_access_type} (anonymous read)`]),
};
