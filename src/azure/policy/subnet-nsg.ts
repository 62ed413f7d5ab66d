import { referencedName, resourcesOf } from './util';
import { PolicyRule } from '../../core/contract';

/** Subnets Azure forbids an NSG on (or manages itself). */
const EXEMPT = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

/**
 * Every subnet is associated with a network security group (an `azurerm_subnet_network_security_group_association`
 * in the document that refers to it), except the subnets Azure forbids one on, as checkov's graph check does.
 */
export const AzureSubnetNsg: PolicyRule = {
  id: 'AZ-NET-1',
  description: 'Subnets are associated with a network security group, except GatewaySubnet and the firewall and route server subnets (CKV2_AZURE_31)',
  mirrors: ['CKV2_AZURE_31'],
  resourceTypes: ['azurerm_subnet'],
  check: (c, doc) => {
    if (EXEMPT.includes(c.name)) return [];
    const mine = (assoc: any) => {
      const n = referencedName(assoc.subnet_id, 'azurerm_subnet');
      return n !== undefined && doc?.resource?.azurerm_subnet?.[n] === c;
    };
    return resourcesOf(doc, 'azurerm_subnet_network_security_group_association').some(([, a]) => mine(a)) ? [] : [`subnet ${c.name} has no network security group`];
  },
};
