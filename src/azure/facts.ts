import { azureFleetsFromTerraform } from './fleet-facts';
import { FleetFact, PlatformFacts, PurchaseFact } from '../core/facts';

const COST_TAGS = ['project', 'strategy', 'workload'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function all(doc: any, type: string): Array<[string, any]> {
  return Object.entries(doc?.resource?.[type] ?? {});
}

/** Reads the governance facts of a synthesized Azure Terraform document. */
export function factsFromAzureTerraform(doc: any, stackName: string): PlatformFacts {
  const sets = all(doc, 'azurerm_linux_virtual_machine_scale_set');
  const fleets: FleetFact[] = azureFleetsFromTerraform(doc, stackName).map((f, i) => {
    const [name, v] = sets[i];
    const scaler = all(doc, 'azurerm_monitor_autoscale_setting').find(([, s]) => String(s.target_resource_id).includes(`.${name}.`))?.[1];
    let hours = 168;
    if (scaler) {
      const work = scaler.profile.find((p: any) => p.capacity.maximum > 0)?.recurrence;
      const off = scaler.profile.find((p: any) => p.capacity.maximum === 0)?.recurrence;
      if (work && off) {
        const start = work.hours[0] * 60 + work.minutes[0];
        const end = off.hours[0] * 60 + off.minutes[0];
        hours = ((end > start ? end - start : end + 1440 - start) / 60) * work.days.filter((d: string) => DAYS.includes(d)).length;
      }
    }
    const purchase: PurchaseFact = v.priority === 'Spot' ? 'spot' : v.capacity_reservation_group_id ? 'reservation' : 'on-demand';
    return { ...f, placement: v.proximity_placement_group_id !== undefined, purchase, hoursPerWeek: hours };
  });
  const policies = all(doc, 'azurerm_storage_management_policy');
  const storage = all(doc, 'azurerm_storage_account').filter(([, a]) => a.tags?.['ai-infra-storage'] !== undefined).map(([name, a]) => {
    const policy = policies.find(([, p]) => String(p.storage_account_id).includes(`.${name}.`))?.[1];
    const text = JSON.stringify(policy ?? {});
    const classes = [['Cool', 'tier_to_cool'], ['Cold', 'tier_to_cold'], ['Archive', 'tier_to_archive']].filter(([, k]) => text.includes(k)).map(([c]) => c);
    const base = (policy?.rule ?? []).find((r: any) => Object.keys(r.actions?.base_blob ?? {}).some((k) => k.startsWith('tier_to_')))?.actions.base_blob ?? {};
    const transitions = [['Cool', 'tier_to_cool'], ['Cold', 'tier_to_cold'], ['Archive', 'tier_to_archive']]
      .map(([c, k]) => ({ storageClass: c, afterDays: Number(base[`${k}_after_days_since_modification_greater_than`]) }))
      .filter((t) => Number.isFinite(t.afterDays));
    return {
      path: '',
      tiered: classes.length > 0,
      versioned: a.blob_properties?.versioning_enabled === true,
      customerManagedKey: a.customer_managed_key !== undefined,
      highThroughput: false,
      classes,
      transitions,
    };
  });
  const endpoints = all(doc, 'azurerm_resource_group_template_deployment').map(([, d]) => {
    const template = JSON.parse(d.template_content ?? '{}');
    const endpoint = (template.resources ?? []).find((r: any) => r.type.endsWith('/onlineEndpoints'));
    const dep = (template.resources ?? []).find((r: any) => r.type.endsWith('/deployments'));
    const scale = dep?.properties?.scaleSettings ?? {};
    const min = dep ? Number(scale.minInstances ?? dep.sku?.capacity ?? 1) : 0;
    return {
      path: '',
      instanceType: dep?.properties?.instanceType ?? 'none (no deployment)',
      minInstances: min,
      maxInstances: dep ? Number(scale.maxInstances ?? min) : 0,
      autoscaling: scale.scaleType === 'TargetUtilization',
      private: endpoint?.properties?.publicNetworkAccess === 'Disabled',
    };
  }).filter((e) => e !== undefined);
  const groups = all(doc, 'azurerm_resource_group');
  const open = ['*', '0.0.0.0/0', 'Internet', 'Any'];
  return {
    cloud: 'azure',
    fleets,
    storage,
    endpoints,
    alarms: all(doc, 'azurerm_monitor_metric_alert').length,
    costTags: groups.length > 0 && groups.every(([, g]) => COST_TAGS.every((k) => g.tags?.[k] !== undefined)),
    publicIps: sets.filter(([, v]) => JSON.stringify(v.network_interface ?? []).includes('public_ip_address')).length,
    openIngress: all(doc, 'azurerm_network_security_group').flatMap(([, g]) => g.security_rule ?? [])
      .filter((r: any) => r.direction === 'Inbound' && r.access === 'Allow' && open.includes(r.source_address_prefix)).length,
    natGateways: all(doc, 'azurerm_nat_gateway').length,
    vpnConnections: all(doc, 'azurerm_virtual_network_gateway_connection').length,
    interfaceEndpoints: all(doc, 'azurerm_private_endpoint').length,
    flowLogs: all(doc, 'azurerm_network_watcher_flow_log').length > 0,
  };
}
