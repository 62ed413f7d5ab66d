import { PolicyRule } from '../../core/contract';

/**
 * Scale sets encrypt at the host (temp disks, caches, and the OS disk's data in flight to storage) and run with a
 * managed identity (no secrets on the VMs). Encryption at host needs the subscription feature
 * `Microsoft.Compute/EncryptionAtHost` registered.
 */
export const AzureScaleSetEncryption: PolicyRule = {
  id: 'AZ-VM-2',
  description: 'Scale sets enable encryption at host (CKV_AZURE_97) and have a managed identity',
  mirrors: ['CKV_AZURE_97'],
  resourceTypes: ['azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  check: (c) => {
    const out: string[] = [];
    if (c.encryption_at_host_enabled !== true) out.push('encryption at host is off');
    if (!c.identity?.type) out.push('the scale set has no managed identity');
    return out;
  },
};
