import { acknowledged } from './util';
import { PolicyRule } from '../../core/contract';

/** Container registries serve only signed, scanned images, keep untagged manifests a bounded time, and allow no anonymous pull. */
export const AzureContainerRegistry: PolicyRule = {
  id: 'AZ-ACR-1',
  description: 'Container registries allow no anonymous pull (CKV_AZURE_138), trust only signed images (CKV_AZURE_164), quarantine images until scanned (CKV_AZURE_166) and set a retention policy (CKV_AZURE_167)',
  mirrors: ['CKV_AZURE_138', 'CKV_AZURE_164', 'CKV_AZURE_166', 'CKV_AZURE_167'],
  resourceTypes: ['azurerm_container_registry'],
  check: (c) => {
    const out: string[] = [];
    if (c.anonymous_pull_enabled === true) out.push('anonymous pull is on');
    if (c.trust_policy_enabled !== true) out.push('content trust (signed images) is off');
    // quarantine alone may be acknowledged (tag ai-infra-acknowledged-AZ-ACR-1 with a reason): with it on, nothing can
    // pull an image until a scanner marks it Passed; the other three checks take no acknowledgement
    if (c.quarantine_policy_enabled !== true && !acknowledged(c, 'AZ-ACR-1')) out.push('quarantine is off (acknowledge it with a reason when nothing marks images Passed)');
    if (typeof c.retention_policy_in_days !== 'number') out.push('untagged manifests are kept forever (no retention policy)');
    return out;
  },
};
