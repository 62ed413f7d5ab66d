import { PolicyRule } from '../../core/contract';

const OPEN = ['*', '0.0.0.0/0', 'Internet', 'Any', 'any', '0.0.0.0'];

/** No NSG rule allows inbound traffic from the internet (CKV_AZURE_9, CKV_AZURE_10, CKV_AZURE_160). */
export const AzureNsgNoOpenInbound: PolicyRule = {
  id: 'AZ-NSG-1',
  description: 'Network security groups allow no inbound traffic from the internet (CKV_AZURE_9, CKV_AZURE_10, CKV_AZURE_160)',
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  check: (c) => {
    const rules: any[] = c.security_rule ?? (c.direction ? [c] : []);
    return rules
      .filter((r) => r.direction === 'Inbound' && r.access === 'Allow')
      .filter((r) => [r.source_address_prefix, ...(r.source_address_prefixes ?? [])].some((p) => OPEN.includes(p)))
      .map((r) => `rule ${r.name} allows inbound from ${r.source_address_prefix ?? r.source_address_prefixes}`);
  },
};
