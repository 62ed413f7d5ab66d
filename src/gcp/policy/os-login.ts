import { INSTANCE_TYPES } from './shared';
import { PolicyRule } from '../../core/contract';

/** OS Login on and project-wide SSH keys blocked. */
export const GcpOsLogin: PolicyRule = {
  id: 'GCP-VM-3',
  description: 'Instances and instance templates enable OS Login and block project-wide SSH keys (CKV_GCP_32, CKV_GCP_34)',
  resourceTypes: INSTANCE_TYPES,
  mirrors: ['CKV_GCP_32', 'CKV_GCP_34', 'tfsec:google-compute-no-project-wide-ssh-keys'],
  check: (c) => {
    const m = c.metadata ?? {};
    const out: string[] = [];
    if (String(m['enable-oslogin']).toUpperCase() !== 'TRUE') out.push('OS Login is not enabled');
    if (String(m['block-project-ssh-keys']).toUpperCase() !== 'TRUE') out.push('project-wide SSH keys are not blocked');
    return out;
  },
};
