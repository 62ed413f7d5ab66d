import { INSTANCE_TYPES } from './shared';
import { PolicyRule } from '../../core/contract';

/** Instances do not forward packets for other addresses (they are not routers). */
export const GcpNoIpForwarding: PolicyRule = {
  id: 'GCP-VM-6',
  description: 'Instances and instance templates do not enable IP forwarding (CKV_GCP_36)',
  resourceTypes: INSTANCE_TYPES,
  mirrors: ['CKV_GCP_36', 'tfsec:google-compute-disable-ip-forwarding'],
  check: (c) => (c.can_ip_forward === true ? ['can_ip_forward is on'] : []),
};
