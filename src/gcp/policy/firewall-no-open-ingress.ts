import { PolicyRule } from '../../core/contract';

/** No firewall rule allows ingress from 0.0.0.0/0 (checkov CKV_GCP_2/3/106, tfsec google-compute-no-public-ingress). */
export const GcpFirewallNoOpenIngress: PolicyRule = {
  id: 'GCP-FW-1',
  description: 'Firewall rules do not allow ingress from 0.0.0.0/0 (CKV_GCP_2, CKV_GCP_3, CKV_GCP_106)',
  resourceTypes: ['google_compute_firewall'],
  check: (c) => {
    const ingress = (c.direction ?? 'INGRESS') === 'INGRESS';
    const open = (c.source_ranges ?? []).some((r: string) => r === '0.0.0.0/0' || r === '::/0');
    return ingress && open && (c.allow ?? []).length > 0 ? ['allows ingress from the internet'] : [];
  },
};
