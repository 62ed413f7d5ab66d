import { referenced } from './shared';
import { PolicyRule } from '../../core/contract';

/**
 * Every subnet, GPU subnets included, has Private Google Access and flow logs. Subnets of an RDMA (RoCE or Falcon)
 * network are exempt: the RDMA network profile supports neither
 * (https://cloud.google.com/vpc/docs/rdma-network-profiles), and their traffic is GPU-to-GPU inside the zone.
 */
export const GcpSubnetPrivateAccessFlowLogs: PolicyRule = {
  id: 'GCP-NET-1',
  description: 'Subnets enable Private Google Access (CKV_GCP_74) and flow logs (CKV_GCP_26), except on RDMA network profiles',
  resourceTypes: ['google_compute_subnetwork'],
  mirrors: ['CKV_GCP_26', 'CKV_GCP_74', 'tfsec:google-compute-enable-vpc-flow-logs'],
  check: (c, document) => {
    const network = referenced(document, c.network);
    if (/-vpc-(roce|falcon)(-metal)?$/.test(String(network?.network_profile ?? ''))) return [];
    const out: string[] = [];
    if (c.private_ip_google_access !== true) out.push('Private Google Access is off');
    if (!c.log_config) out.push('flow logs are off');
    return out;
  },
};
