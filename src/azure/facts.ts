/**
 * Reads the governance facts of a synthesized Azure Terraform document. Fleets, storage and endpoints start
 * from the facts manifest (`locals.ai_infra`) that the constructs write, and follow the Terraform addresses it
 * records into `resource`, so escape-hatch overrides show and nothing else in the stack is taken for ours.
 * A document without a manifest has no fleets, storage or endpoints.
 *
 * Roles recorded per kind (`../terraform/manifest.ts` `recordResources`, called at the end of each constructor):
 * - GpuFleet: `scaleSet` (size, NICs, placement group, priority, reservation), `autoscale` (the scale-to-zero
 *   profiles), `proximityPlacementGroup`.
 * - TieredStorage: `account` (versioning, customer-managed key), `managementPolicy` (tiering rules), `container`,
 *   `keyVault`, `key`.
 * - ModelEndpoint: `endpointDeployment` (the ARM template deployment holding the online endpoint and its
 *   deployment: the provider has no online endpoint resource), `autoscale` (the Azure Monitor autoscale setting
 *   of the deployment, when it autoscales), `workspace`, `keyVault`, `containerRegistry`, `alerts` (list).
 * - ClusterNetwork: `virtualNetwork`, `computeSubnet`, `privateEndpointSubnet`, `gatewaySubnet`, `securityGroups`
 *   (list), `natGateway`.
 * - PlatformMonitoring: `actionGroup`, `alerts` (list), `workbook`.
 *
 * The posture counts (metric alerts, cost tags, public IPs, open inbound rules, NAT gateways, VPN connections,
 * private endpoints, flow logs) are stack-wide on purpose: they describe everything the stack deploys, ours or not.
 */
import { InterconnectKind } from '../core/catalog/network-layout';
import { catalogTypeOf, COST_TAGS, declaredDataTiB, EndpointFact, FleetFact, manifestEntries, ManifestEntry, PlatformFacts, PurchaseFact, StorageFact } from '../core/facts';

import { one, resourcesOfType, roleResolver, terraformManifest } from '../terraform/document';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIERS = [['Cool', 'tier_to_cool'], ['Cold', 'tier_to_cold'], ['Archive', 'tier_to_archive']];


/** Reads the governance facts of a synthesized Azure Terraform document. */
export function factsFromAzureTerraform(doc: any): PlatformFacts {
  const manifest = terraformManifest(doc);
  const at = roleResolver(doc);
  const all = (type: string) => resourcesOfType(doc, type);

  const fleets = manifestEntries(manifest, 'GpuFleet').flatMap((entry) => fleetFact(entry, at));
  const storage = manifestEntries(manifest, 'TieredStorage').flatMap((entry) => storageFact(entry, at));
  const endpoints = manifestEntries(manifest, 'ModelEndpoint').flatMap((entry) => endpointFact(entry, at));

  // stack-wide posture: everything the document deploys counts, whoever created it
  const groups = all('azurerm_resource_group');
  const open = ['*', '0.0.0.0/0', 'Internet', 'Any'];
  // the stack's region: its resource groups' location, where it is a literal (not a reference)
  const locations = [...new Set(groups.map(([, g]) => g.location).filter((l: unknown) => typeof l === 'string' && !l.includes('${')))];
  return {
    cloud: 'azure',
    ...(locations.length === 1 ? { region: String(locations[0]).toLowerCase().replace(/\s+/g, '') } : {}),
    fleets,
    storage,
    endpoints,
    // the fleet's GPU idle alert is a log search alert over its GPU table
    alarms: all('azurerm_monitor_metric_alert').length + all('azurerm_monitor_scheduled_query_rules_alert_v2').length,
    costTags: groups.length > 0 && groups.every(([, g]) => COST_TAGS.every((k) => g.tags?.[k] !== undefined)),
    publicIps: all('azurerm_linux_virtual_machine_scale_set').filter(([, v]) => JSON.stringify(v.network_interface ?? []).includes('public_ip_address')).length,
    openIngress: all('azurerm_network_security_group').flatMap(([, g]) => g.security_rule ?? [])
      .filter((r: any) => r.direction === 'Inbound' && r.access === 'Allow' && open.includes(r.source_address_prefix)).length,
    natGateways: all('azurerm_nat_gateway').length,
    // connections the platform renders as ARM deployments (to keep their pre-shared key out of the state) count too
    vpnConnections: all('azurerm_virtual_network_gateway_connection').length + all('azurerm_resource_group_template_deployment')
      .filter(([, d]) => templateTypes(d.template_content).includes('Microsoft.Network/connections')).length,
    interfaceEndpoints: all('azurerm_private_endpoint').length,
    flowLogs: all('azurerm_network_watcher_flow_log').length > 0,
  };
}

type At = (entry: ManifestEntry, role: string, type: string) => any;

/**
 * A fleet from its scale set (size, NICs, placement, priority) and its autoscale setting (working hours).
 * InfiniBand links count only when the scale set is one placement group (`single_placement_group = true`);
 * the host NIC counts where the catalog counts it.
 */
function fleetFact(entry: ManifestEntry, at: At): FleetFact[] {
  const vmss = at(entry, 'scaleSet', 'azurerm_linux_virtual_machine_scale_set');
  const type = catalogTypeOf(vmss?.sku);
  if (!type) return []; // no scale set, or not a catalog size: no fleet figures to give
  const nics = (vmss.network_interface ?? []).length;
  const fabric = type.network.kind === InterconnectKind.INFINIBAND && vmss.single_placement_group === true ? type.network.fabricNics : 0;
  const scaler = at(entry, 'autoscale', 'azurerm_monitor_autoscale_setting');
  const profiles: any[] = scaler?.profile ?? [];
  const nodes = scaler ? Math.max(...profiles.map((p) => Number(one(p.capacity)?.default ?? 0))) : Number(vmss.instances ?? 0);
  let hours = 168;
  const work = one(profiles.find((p) => Number(one(p.capacity)?.maximum) > 0)?.recurrence);
  const off = one(profiles.find((p) => Number(one(p.capacity)?.maximum) === 0)?.recurrence);
  if (work && off) {
    const start = work.hours[0] * 60 + work.minutes[0];
    const end = off.hours[0] * 60 + off.minutes[0];
    hours = ((end > start ? end - start : end + 1440 - start) / 60) * work.days.filter((d: string) => DAYS.includes(d)).length;
  }
  const purchase: PurchaseFact = vmss.priority === 'Spot' ? 'spot' : vmss.capacity_reservation_group_id ? 'reservation' : 'on-demand';
  return [{
    path: entry.path,
    instanceType: type.name,
    nodes,
    configuredGbps: type.configuredGbps(Math.min(1, nics), fabric),
    maxGbps: type.maxGbps,
    placement: vmss.proximity_placement_group_id !== undefined,
    purchase,
    hoursPerWeek: hours,
  }];
}

/** The account's versioning and key, and the tiers of its own management policy. */
function storageFact(entry: ManifestEntry, at: At): StorageFact[] {
  const account = at(entry, 'account', 'azurerm_storage_account');
  if (!account) return [];
  const policy = at(entry, 'managementPolicy', 'azurerm_storage_management_policy');
  const text = JSON.stringify(policy ?? {});
  const classes = TIERS.filter(([, k]) => text.includes(k)).map(([c]) => c);
  const base = (policy?.rule ?? []).map((r: any) => one(one(r.actions)?.base_blob) ?? {})
    .find((b: any) => Object.keys(b).some((k) => k.startsWith('tier_to_'))) ?? {};
  const transitions = TIERS
    .map(([c, k]) => ({ storageClass: c, afterDays: Number(base[`${k}_after_days_since_modification_greater_than`]) }))
    .filter((t) => Number.isFinite(t.afterDays));
  return [{
    path: entry.path,
    dataTiB: declaredDataTiB(entry),
    tiered: classes.length > 0,
    versioned: one(account.blob_properties)?.versioning_enabled === true,
    customerManagedKey: account.customer_managed_key !== undefined,
    highThroughput: false,
    classes,
    transitions,
  }];
}

/** The online endpoint and its deployment, from the ARM template the construct's template deployment carries. */
function endpointFact(entry: ManifestEntry, at: At): EndpointFact[] {
  const d = at(entry, 'endpointDeployment', 'azurerm_resource_group_template_deployment');
  if (!d) return [];
  let template: any;
  try {
    template = JSON.parse(d.template_content ?? '{}');
  } catch {
    return []; // not literal JSON (an expression): nothing to read at synthesis
  }
  const endpoint = (template.resources ?? []).find((r: any) => String(r.type).endsWith('/onlineEndpoints'));
  const dep = (template.resources ?? []).find((r: any) => String(r.type).endsWith('/deployments'));
  const scale = dep?.properties?.scaleSettings ?? {};
  // the deployment's own autoscale setting gives the range; else the template's scale settings (or its fixed size)
  const capacity = one(one(at(entry, 'autoscale', 'azurerm_monitor_autoscale_setting')?.profile)?.capacity);
  const min = !dep ? 0 : capacity ? Number(capacity.minimum) : Number(scale.minInstances ?? dep.sku?.capacity ?? 1);
  const max = !dep ? 0 : capacity ? Number(capacity.maximum) : Number(scale.maxInstances ?? min);
  return [{
    path: entry.path,
    instanceType: dep?.properties?.instanceType ?? 'none (no deployment)',
    minInstances: min,
    maxInstances: max,
    autoscaling: dep !== undefined && (capacity ? max > min : scale.scaleType === 'TargetUtilization'),
    private: endpoint?.properties?.publicNetworkAccess === 'Disabled',
    ...(entry.settings?.pending === true ? { pending: true } : {}),
  }];
}

/** The resource types an ARM template (a JSON string in the document) declares; none when it is not literal JSON. */
function templateTypes(content: unknown): string[] {
  if (typeof content !== 'string') return [];
  try {
    return ((JSON.parse(content).resources ?? []) as any[]).map((r) => r?.type);
  } catch {
    return [];
  }
}
