import { INSTANCE_TYPES } from './shared';
import { PolicyRule } from '../../core/contract';

/** The interactive serial console is off: it accepts connections from any IP address. */
export const GcpNoSerialPort: PolicyRule = {
  id: 'GCP-VM-5',
  description: 'Instances and instance templates do not enable the interactive serial console (CKV_GCP_35)',
  resourceTypes: INSTANCE_TYPES,
  mirrors: ['CKV_GCP_35', 'tfsec:google-compute-no-serial-port'],
  check: (c) => {
    const v = String(c.metadata?.['serial-port-enable'] ?? '').toUpperCase();
    return v === 'TRUE' || v === '1' ? ['serial-port-enable is on'] : [];
  },
};
