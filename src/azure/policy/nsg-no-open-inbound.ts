import { PolicyRule } from '../../core/contract';

/**
 * Sources that mean "the internet" in an NSG rule, compared case-insensitively: Azure accepts the service tags in
 * any case (`internet`, `Internet`, `INTERNET`), and checkov lower-cases before it compares.
 */
const OPEN = ['*', '0.0.0.0', '0.0.0.0/0', '::/0', 'internet', 'any'];

/** Whether a source prefix admits the internet. */
export function isOpenSource(prefix: unknown): boolean {
  return typeof prefix === 'string' && OPEN.includes(prefix.trim().toLowerCase());
}

/**
 * No NSG rule allows inbound traffic from the internet, on any port (so SSH 22 and RDP 3389 too), whether the rule is
 * a `security_rule` block of the group or an `azurerm_network_security_rule` of its own.
 */
export const AzureNsgNoOpenInbound: PolicyRule = {
  id: 'AZ-NSG-1',
  description: 'Network security groups allow no inbound traffic from the internet (*, 0.0.0.0/0, Internet or Any, in any case), so no SSH or RDP from it (CKV_AZURE_9, CKV_AZURE_10, CKV_AZURE_160, CKV_AZURE_77)',
  mirrors: ['CKV_AZURE_9', 'CKV_AZURE_10', 'CKV_AZURE_160', 'CKV_AZURE_77', 'tfsec azure-network-no-public-ingress', 'tfsec azure-network-disable-rdp-from-internet', 'tfsec azure-network-ssh-blocked-from-internet'],
  resourceTypes: ['azurerm_network_security_group', 'azurerm_network_security_rule'],
  check: (c) => {
    const rules: any[] = c.security_rule ?? (c.direction ? [c] : []);
    return rules
      .filter((r) => String(r.direction).toLowerCase() === 'inbound' && String(r.access).toLowerCase() === 'allow')
      .filter((r) => [r.source_address_prefix, ...(r.source_address_prefixes ?? [])].some(isOpenSource))
      .map((r) => `rule ${r.name} allows inbound from ${r.source_address_prefix ?? r.source_address_prefixes} to ports ${r.destination_port_range ?? r.destination_port_ranges ?? '*'}`);
  },
};
