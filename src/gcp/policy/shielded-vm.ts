import { PolicyRule } from '../../core/contract';

/** Shielded VM with secure boot and integrity monitoring (CKV_GCP_39, CKV_GCP_45 family). */
export const GcpShieldedVm: PolicyRule = {
  id: 'GCP-VM-2',
  description: 'Instance templates enable Shielded VM secure boot, vTPM and integrity monitoring (CKV_GCP_39)',
  resourceTypes: ['google_compute_instance_template'],
  check: (c) => {
    const s = c.shielded_instance_config ?? {};
    return s.enable_secure_boot && s.enable_vtpm !== false && s.enable_integrity_monitoring !== false ? [] : ['Shielded VM is not fully enabled'];
  },
};
