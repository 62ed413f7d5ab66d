import { INSTANCE_TYPES, first } from './shared';
import { PolicyRule } from '../../core/contract';

/** Shielded VM with secure boot, vTPM and integrity monitoring. */
export const GcpShieldedVm: PolicyRule = {
  id: 'GCP-VM-2',
  description: 'Instances and instance templates enable Shielded VM secure boot, vTPM and integrity monitoring (CKV_GCP_39)',
  resourceTypes: INSTANCE_TYPES,
  mirrors: ['CKV_GCP_39', 'tfsec:google-compute-enable-shielded-vm-sb', 'tfsec:google-compute-enable-shielded-vm-im', 'tfsec:google-compute-enable-vtpm'],
  check: (c) => {
    const s = first(c.shielded_instance_config) ?? {};
    return s.enable_secure_boot === true && s.enable_vtpm !== false && s.enable_integrity_monitoring !== false ? [] : ['Shielded VM is not fully enabled'];
  },
};
