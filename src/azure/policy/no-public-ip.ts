import { PolicyRule } from '../../core/contract';

/** Scale set NICs carry no public IP and password login is off (CKV_AZURE_49, tfsec azure-compute-disable-password-authentication). */
export const AzureNoPublicIp: PolicyRule = {
  id: 'AZ-VM-1',
  description: 'Scale sets give their NICs no public IP and disable password authentication (CKV_AZURE_49)',
  mirrors: ['CKV_AZURE_49', 'tfsec azure-compute-disable-password-authentication'],
  resourceTypes: ['azurerm_linux_virtual_machine_scale_set'],
  check: (c) => {
    const out: string[] = [];
    const publicIp = (c.network_interface ?? []).some((n: any) => (n.ip_configuration ?? []).some((ip: any) => ip.public_ip_address !== undefined));
    if (publicIp) out.push('a NIC has a public IP');
    if (c.disable_password_authentication === false) out.push('password authentication is on');
    return out;
  },
};
