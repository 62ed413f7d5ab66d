import { InstanceType } from '../core/catalog/instance-type';
import { InterconnectKind } from '../core/catalog/network-layout';
import { FleetJson } from '../core/facts';


/**
 * Reads the Azure GPU fleets out of synthesized Terraform JSON. InfiniBand links count only when the
 * scale set is one placement group (`single_placement_group = true`); the host NIC counts where the
 * catalog counts it.
 */
export function azureFleetsFromTerraform(doc: any, stackName: string): FleetJson[] {
  const sets: Record<string, any> = doc?.resource?.azurerm_linux_virtual_machine_scale_set ?? {};
  const scalers: Record<string, any> = doc?.resource?.azurerm_monitor_autoscale_setting ?? {};
  const fleets: FleetJson[] = [];
  for (const [name, vmss] of Object.entries(sets)) {
    let type: InstanceType;
    try {
      type = InstanceType.of(vmss.sku);
    } catch {
      continue;
    }
    const nics = (vmss.network_interface ?? []).length;
    const fabric = type.network.kind === InterconnectKind.INFINIBAND && vmss.single_placement_group === true ? type.network.fabricNics : 0;
    const scaler = Object.values(scalers).find((s) => String(s.target_resource_id).includes(`azurerm_linux_virtual_machine_scale_set.${name}.`));
    const nodes = scaler ? Math.max(...(scaler.profile ?? []).map((p: any) => Number(p.capacity?.default ?? 0))) : Number(vmss.instances ?? 0);
    const path: string = vmss['//']?.metadata?.path ?? `${stackName}/${name.replace(/_[0-9A-F]{8}$/, '').replace(/_/g, '/')}`;
    fleets.push({
      path: path.replace(/\/ScaleSet$/, ''),
      instanceType: type.name,
      nodes,
      configuredGbps: type.configuredGbps(Math.min(1, nics), fabric),
      maxGbps: type.maxGbps,
    });
  }
  return fleets;
}
