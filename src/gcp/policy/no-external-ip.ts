import { INSTANCE_TYPES } from './shared';
import { PolicyRule } from '../../core/contract';

/** Instances have no external IP. */
export const GcpNoExternalIp: PolicyRule = {
  id: 'GCP-VM-1',
  description: 'Instances and instance templates have no external IP (access_config) (CKV_GCP_40)',
  resourceTypes: INSTANCE_TYPES,
  mirrors: ['CKV_GCP_40', 'tfsec:google-compute-no-public-ip'],
  check: (c) => (c.network_interface ?? []).some((n: any) => n.access_config !== undefined && (n.access_config?.length ?? 1) > 0)
    ? ['a network interface has an access_config (external IP)'] : [],
};
