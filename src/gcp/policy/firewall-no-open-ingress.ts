import { PolicyRule } from '../../core/contract';

const OPEN = ['0.0.0.0/0', '::/0'];

/**
 * No firewall rule allows ingress from the internet. An ingress rule without `source_ranges`, `source_tags` and
 * `source_service_accounts` applies to 0.0.0.0/0 (https://cloud.google.com/firewall/docs/firewalls#sources-for-rules),
 * so it is open too; checkov's per-port checks (22, 3389, 80, 21) are the special cases of any open allow.
 */
export const GcpFirewallNoOpenIngress: PolicyRule = {
  id: 'GCP-FW-1',
  description: 'Firewall rules do not allow ingress from 0.0.0.0/0, given or implied by no source (CKV_GCP_2, CKV_GCP_3, CKV_GCP_106, CKV_GCP_77)',
  resourceTypes: ['google_compute_firewall'],
  mirrors: ['CKV_GCP_2', 'CKV_GCP_3', 'CKV_GCP_106', 'CKV_GCP_77', 'tfsec:google-compute-no-public-ingress'],
  check: (c) => {
    if ((c.direction ?? 'INGRESS') !== 'INGRESS' || (c.allow ?? []).length === 0) return [];
    const ranges: string[] = c.source_ranges ?? [];
    if (ranges.some((r) => OPEN.includes(r))) return ['allows ingress from the internet'];
    const unsourced = ranges.length === 0 && (c.source_tags ?? []).length === 0 && (c.source_service_accounts ?? []).length === 0;
    return unsourced ? ['allows ingress with no source ranges, tags or service accounts (Google Cloud applies it to 0.0.0.0/0)'] : [];
  },
};
