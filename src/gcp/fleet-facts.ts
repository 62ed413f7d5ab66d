import { InstanceType } from '../core/catalog/instance-type';
import { InterconnectKind } from '../core/catalog/network-layout';
import { FleetJson } from '../core/facts';


/**
 * Reads the Google Cloud GPU fleets out of synthesized Terraform JSON: each instance template's machine
 * type and network interfaces, the size of the group that uses it, and the bandwidth those interfaces
 * give according to the catalog.
 */
export function gcpFleetsFromTerraform(doc: any, stackName: string): FleetJson[] {
  const templates: Record<string, any> = doc?.resource?.google_compute_instance_template ?? {};
  const groups: Record<string, any> = doc?.resource?.google_compute_instance_group_manager ?? {};
  const scalers: Record<string, any> = doc?.resource?.google_compute_autoscaler ?? {};
  const fleets: FleetJson[] = [];
  for (const [name, t] of Object.entries(templates)) {
    let type: InstanceType;
    try {
      type = InstanceType.of(t.machine_type);
    } catch {
      continue;
    }
    const nics: any[] = t.network_interface ?? [];
    let host: number;
    let fabric: number;
    if (type.network.kind === InterconnectKind.RDMA) {
      host = nics.filter((n) => n.nic_type === 'GVNIC').length;
      fabric = nics.filter((n) => n.nic_type === 'MRDMA').length;
    } else {
      host = Math.min(1, nics.length);
      fabric = Math.max(0, nics.length - 1);
    }
    const groupEntry = Object.entries(groups).find(([, g]) => JSON.stringify(g.version ?? []).includes(`google_compute_instance_template.${name}.`));
    const scaler = groupEntry ? Object.values(scalers).find((s) => String(s.target).includes(`google_compute_instance_group_manager.${groupEntry[0]}.`)) : undefined;
    const nodes = scaler
      ? Math.max(...(scaler.autoscaling_policy?.scaling_schedules ?? []).map((x: any) => x.min_required_replicas ?? 0), scaler.autoscaling_policy?.min_replicas ?? 0)
      : Number(groupEntry?.[1].target_size ?? 0);
    // the construct path cdktf records, or the logical id read back as a path (Fleet_Template_1A2B3C4D)
    const path: string = t['//']?.metadata?.path ?? `${stackName}/${name.replace(/_[0-9A-F]{8}$/, '').replace(/_/g, '/')}`;
    fleets.push({
      path: path.replace(/\/Template$/, ''),
      instanceType: type.name,
      nodes,
      configuredGbps: type.configuredGbps(host, fabric),
      maxGbps: type.maxGbps,
    });
  }
  return fleets;
}

