import { PolicyRule } from '../../core/contract';

/** Flow logs are enabled, version 2, and kept at least 90 days. */
export const AzureFlowLogRetention: PolicyRule = {
  id: 'AZ-NET-3',
  description: 'Network Watcher flow logs are enabled, version 2, with a retention policy of 90 days or more (CKV_AZURE_12)',
  mirrors: ['CKV_AZURE_12', 'tfsec azure-network-retention-policy-set'],
  resourceTypes: ['azurerm_network_watcher_flow_log'],
  check: (c) => {
    const out: string[] = [];
    if (c.enabled !== true) out.push('the flow log is disabled');
    if (c.version !== undefined && c.version !== 2) out.push(`flow log version ${c.version}, not 2`);
    const r = c.retention_policy;
    if (r?.enabled !== true || !(typeof r?.days === 'number' && (r.days === 0 || r.days >= 90))) out.push(`flow logs are kept ${r?.enabled === true ? `${r?.days} days` : 'without a retention policy'} (90 days at least)`);
    return out;
  },
};
