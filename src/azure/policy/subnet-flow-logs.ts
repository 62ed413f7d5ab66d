import { referencedName, resourcesOf } from './util';
import { PolicyRule } from '../../core/contract';

/**
 * Every subnet's traffic is recorded: an enabled `azurerm_network_watcher_flow_log` in the document targets the
 * subnet's virtual network (a VNet flow log covers all its subnets), or the subnet itself. checkov checks a flow
 * log's retention (CKV_AZURE_12) but not that a subnet has one; tfsec neither.
 */
export const AzureSubnetFlowLogs: PolicyRule = {
  id: 'AZ-NET-2',
  description: 'Subnets are covered by an enabled flow log of their virtual network or of the subnet itself (the coverage side of CKV_AZURE_12)',
  mirrors: ['CKV_AZURE_12'],
  resourceTypes: ['azurerm_subnet'],
  check: (c, doc) => {
    const vnet = referencedName(c.virtual_network_name, 'azurerm_virtual_network');
    const subnet = Object.entries<any>(doc?.resource?.azurerm_subnet ?? {}).find(([, s]) => s === c)?.[0];
    const covers = (f: any) => {
      if (f.enabled === false) return false;
      const target = f.target_resource_id;
      return (vnet !== undefined && referencedName(target, 'azurerm_virtual_network') === vnet)
        || (subnet !== undefined && referencedName(target, 'azurerm_subnet') === subnet);
    };
    return resourcesOf(doc, 'azurerm_network_watcher_flow_log').some(([, f]) => covers(f)) ? [] : [`subnet ${c.name} is not covered by a flow log`];
  },
};
