import { acknowledged } from './util';
import { PolicyRule } from '../../core/contract';

/**
 * Storage accounts refuse shared-key (account key and SAS) authorization, so data is reached with Entra ID only.
 * A resource may acknowledge it with the tag `ai-infra-acknowledged-AZ-ST-3` carrying the reason (checkov's skip
 * comment): the VNet flow log account does, since the flow log service writes with the account key.
 */
export const AzureStorageSharedKey: PolicyRule = {
  id: 'AZ-ST-3',
  description: 'Storage accounts disable shared-key authorization (CKV2_AZURE_40), unless the account acknowledges the rule with its reason',
  mirrors: ['CKV2_AZURE_40'],
  resourceTypes: ['azurerm_storage_account'],
  check: (c) => (c.shared_access_key_enabled === false || acknowledged(c, 'AZ-ST-3') ? [] : ['shared-key authorization is on (shared_access_key_enabled defaults to true)']),
};
