import { PolicyRule } from '../../core/contract';

/** GPU nodes have no external IP (CKV_GCP_40, tfsec google-compute-no-public-ip). */
export const GcpNoExternalIp: PolicyRule = {
  id: 'GCP-VM-1',
  description: 'Instances and instance templates have no external IP (access_config) (CKV_GCP_40)',
  resourceTypes: ['google_compute_instance_template', 'google_compute_instance', 'google_compute_region_instance_template'],
  check: (c) => (c.network_interface ?? []).some((n: any) => n.access_config !== undefined && (n.access_config?.length ?? 1) > 0)
    ? ['a network interface has an access_config (external IP)'] : [],
};
