import { acknowledged } from './util';
import { PolicyRule } from '../../core/contract';

/**
 * ML workspaces and registries take no public traffic; registries have no admin user (CKV_AZURE_144, CKV_AZURE_137,
 * CKV_AZURE_139). Public network access is accepted where the resource acknowledges the rule with its reason (the edge
 * registry, which devices reach over the internet); the admin user never is.
 */
export const AzurePrivateServices: PolicyRule = {
  id: 'AZ-PRIV-1',
  description: 'Azure ML workspaces (CKV_AZURE_144) and container registries (CKV_AZURE_139) disable public network access; registries disable the admin user (CKV_AZURE_137)',
  mirrors: ['CKV_AZURE_144', 'CKV_AZURE_139', 'CKV_AZURE_137'],
  resourceTypes: ['azurerm_machine_learning_workspace', 'azurerm_container_registry'],
  check: (c) => {
    const out: string[] = [];
    if (c.public_network_access_enabled !== false && !acknowledged(c, 'AZ-PRIV-1')) out.push('public network access is on');
    if (c.admin_enabled === true) out.push('the admin user is on');
    return out;
  },
};
