import { PolicyRule } from '../../core/contract';

/** Host subnets have Private Google Access and flow logs (CKV_GCP_74, CKV_GCP_26). GPU and RDMA subnets are exempt from flow logs. */
export const GcpSubnetPrivateAccessFlowLogs: PolicyRule = {
  id: 'GCP-NET-1',
  description: 'Host subnets enable Private Google Access (CKV_GCP_74) and flow logs (CKV_GCP_26)',
  resourceTypes: ['google_compute_subnetwork'],
  check: (c) => {
    if (!/-host$/.test(String(c.name))) return [];
    const out: string[] = [];
    if (c.private_ip_google_access !== true) out.push('Private Google Access is off');
    if (!c.log_config) out.push('flow logs are off');
    return out;
  },
};
