import { PolicyRule } from '../../core/contract';

/**
 * Azure ML workspaces mark high business impact (less diagnostic data leaves the workspace) and isolate their managed
 * network (only approved outbound), beyond the public network access AZ-PRIV-1 checks.
 */
export const AzureMlWorkspace: PolicyRule = {
  id: 'AZ-ML-1',
  description: 'Azure ML workspaces set high business impact and a managed network that allows only approved outbound (checkov has neither; CloudSploit checks high business impact)',
  mirrors: ['cloudsploit Machine Learning Workspace High Business Impact Enabled'],
  resourceTypes: ['azurerm_machine_learning_workspace'],
  check: (c) => {
    const out: string[] = [];
    if (c.high_business_impact !== true) out.push('high business impact is off');
    if (c.managed_network?.isolation_mode !== 'AllowOnlyApprovedOutbound') out.push(`managed network isolation is ${c.managed_network?.isolation_mode ?? 'Disabled'}, not AllowOnlyApprovedOutbound`);
    return out;
  },
};
