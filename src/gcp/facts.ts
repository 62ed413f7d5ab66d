/**
 * Reads the governance facts of a synthesized Google Cloud Terraform document. Fleets, storage and endpoints
 * start from the facts manifest (`locals.ai_infra`) that the constructs write, and follow the Terraform addresses
 * it records into `resource`, so escape-hatch overrides show and nothing else in the stack is taken for ours.
 * A document without a manifest has no fleets, storage or endpoints.
 *
 * Roles recorded per kind (`../terraform/manifest.ts` `recordResources`, called at the end of each constructor):
 * - GpuFleet: `instanceTemplate` (machine type, NICs, provisioning model, reservation, placement policy),
 *   `instanceGroupManager` (target size), `autoscaler` (the scale-to-zero schedule), `placementPolicy`, `serviceAccount`.
 * - TieredStorage: `bucket` (the data bucket the facts describe), `logBucket`, `key`.
 * - ModelEndpoint: `endpoint` (a Vertex AI endpoint, with settings `machineType`, `minReplicas`, `maxReplicas`: the
 *   model is deployed by the `gcloud` command the construct renders, not by a resource, so its size is recorded as
 *   values), or `modelGardenDeployment` (the size is read from the resource); `loggingDataset`.
 * - ClusterNetwork: `hostNetwork`, `hostSubnet`, `fabricNetworks` and `fabricSubnets` (lists), `firewalls` (list), `nat`.
 * - PlatformMonitoring: `alertPolicies` (list), `dashboard`, `channel`.
 *
 * The posture counts (alert policies, cost labels, external IPs, open ingress, NAT, VPN tunnels, flow logs) are
 * stack-wide on purpose: they describe everything the stack deploys, ours or not.
 */
import { InterconnectKind } from '../core/catalog/network-layout';
import { catalogTypeOf, COST_TAGS, declaredDataTiB, EndpointFact, FleetFact, manifestEntries, ManifestEntry, PlatformFacts, PurchaseFact, StorageFact } from '../core/facts';

import { cronDays } from '../core/internal/cron';
import { one, resourcesOfType, roleResolver, terraformManifest } from '../terraform/document';


/** Reads the governance facts of a synthesized Google Cloud Terraform document. */
export function factsFromGoogleTerraform(doc: any): PlatformFacts {
  const manifest = terraformManifest(doc);
  const at = roleResolver(doc);
  const all = (type: string) => resourcesOfType(doc, type);

  const fleets = manifestEntries(manifest, 'GpuFleet').flatMap((entry) => fleetFact(entry, at));
  const storage = manifestEntries(manifest, 'TieredStorage').flatMap((entry) => storageFact(entry, at));
  const endpoints = manifestEntries(manifest, 'ModelEndpoint').flatMap((entry) => endpointFact(entry, at));

  // stack-wide posture: everything the document deploys counts, whoever created it
  const labels = doc?.provider?.google?.[0]?.default_labels ?? {};
  // the stack's region: the provider's, else the data buckets' location where it is one region
  const literal = (v: unknown) => (typeof v === 'string' && !v.includes('${') ? v.toLowerCase() : undefined);
  const bucketRegions = [...new Set(manifestEntries(manifest, 'TieredStorage').map((e) => literal(at(e, 'bucket', 'google_storage_bucket')?.location)))];
  const region = literal(doc?.provider?.google?.[0]?.region) ?? (bucketRegions.length === 1 ? bucketRegions[0] : undefined);
  return {
    cloud: 'gcp',
    ...(region !== undefined ? { region } : {}),
    fleets,
    storage,
    endpoints,
    alarms: all('google_monitoring_alert_policy').length,
    costTags: COST_TAGS.every((k) => labels[k] !== undefined),
    publicIps: all('google_compute_instance_template').filter(([, t]) => (t.network_interface ?? []).some((n: any) => n.access_config !== undefined)).length,
    openIngress: all('google_compute_firewall').filter(([, f]) => (f.allow ?? []).length > 0 && (f.source_ranges ?? []).includes('0.0.0.0/0')).length,
    natGateways: all('google_compute_router_nat').length,
    vpnConnections: all('google_compute_vpn_tunnel').length,
    interfaceEndpoints: 0,
    flowLogs: all('google_compute_subnetwork').some(([, s]) => s.log_config !== undefined),
  };
}

type At = (entry: ManifestEntry, role: string, type: string) => any;

/**
 * A fleet from its instance template (machine type, NICs, provisioning, placement) and its group or autoscaler
 * (size, working hours). Bandwidth: the NICs according to the catalog.
 */
function fleetFact(entry: ManifestEntry, at: At): FleetFact[] {
  const t = at(entry, 'instanceTemplate', 'google_compute_instance_template');
  const type = catalogTypeOf(t?.machine_type);
  if (!type) return []; // no template, or not a catalog type: no fleet figures to give
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
  const group = at(entry, 'instanceGroupManager', 'google_compute_instance_group_manager');
  const policy = one(at(entry, 'autoscaler', 'google_compute_autoscaler')?.autoscaling_policy);
  const schedules: any[] = policy?.scaling_schedules ?? [];
  const nodes = policy
    ? Math.max(...schedules.map((x) => Number(x.min_required_replicas ?? 0)), Number(policy.min_replicas ?? 0))
    : Number(group?.target_size ?? 0);
  const sched = schedules[0];
  const scheduling = one(t.scheduling);
  const purchase: PurchaseFact = scheduling?.provisioning_model === 'SPOT' ? 'spot' : t.reservation_affinity ? 'reservation' : 'on-demand';
  return [{
    path: entry.path,
    instanceType: type.name,
    nodes,
    configuredGbps: type.configuredGbps(host, fabric),
    maxGbps: type.maxGbps,
    placement: (t.resource_policies ?? []).length > 0,
    purchase,
    hoursPerWeek: sched ? (Number(sched.duration_sec) / 3600) * cronDays(String(sched.schedule)).length : 168,
  }];
}

/** The data bucket's SetStorageClass rules, Autoclass, versioning and CMEK. */
function storageFact(entry: ManifestEntry, at: At): StorageFact[] {
  const b = at(entry, 'bucket', 'google_storage_bucket');
  if (!b) return [];
  const moves = (b.lifecycle_rule ?? []).filter((r: any) => one(r.action)?.type === 'SetStorageClass');
  const classes: string[] = [...new Set<string>(moves.map((r: any) => one(r.action).storage_class))];
  const firstPrefix = JSON.stringify(one(moves[0]?.condition)?.matches_prefix ?? null);
  const transitions = moves.filter((r: any) => JSON.stringify(one(r.condition)?.matches_prefix ?? null) === firstPrefix)
    .map((r: any) => ({ storageClass: one(r.action).storage_class, afterDays: Number(one(r.condition).age) }));
  return [{
    path: entry.path,
    dataTiB: declaredDataTiB(entry),
    tiered: classes.length > 0 || one(b.autoclass)?.enabled === true,
    versioned: one(b.versioning)?.enabled === true,
    customerManagedKey: one(b.encryption)?.default_kms_key_name !== undefined,
    highThroughput: false,
    classes,
    transitions,
  }];
}

/**
 * A Vertex AI endpoint sized by the settings its construct recorded (the values of its `gcloud` deploy command),
 * or a Model Garden deployment sized by its own resource.
 */
function endpointFact(entry: ManifestEntry, at: At): EndpointFact[] {
  const endpoint = at(entry, 'endpoint', 'google_vertex_ai_endpoint');
  if (endpoint) {
    const s = entry.settings ?? {};
    const min = Number(s.minReplicas ?? 0);
    const max = Number(s.maxReplicas ?? min);
    return [{
      path: entry.path,
      instanceType: s.machineType !== undefined ? String(s.machineType) : 'unknown',
      minInstances: min,
      maxInstances: max,
      autoscaling: max > min,
      private: one(endpoint.private_service_connect_config)?.enable_private_service_connect === true || endpoint.network !== undefined,
      ...(s.pending === true ? { pending: true } : {}),
    }];
  }
  const garden = at(entry, 'modelGardenDeployment', 'google_vertex_ai_endpoint_with_model_garden_deployment');
  if (!garden) return [];
  const dedicated = one(one(garden.deploy_config)?.dedicated_resources) ?? {};
  const min = Number(dedicated.min_replica_count ?? 0);
  const max = Number(dedicated.max_replica_count ?? min);
  return [{
    path: entry.path,
    instanceType: one(dedicated.machine_spec)?.machine_type ?? 'unknown',
    minInstances: min,
    maxInstances: max,
    autoscaling: max > min,
    private: false, // a Model Garden endpoint is reached over a public (shared or dedicated) DNS name
  }];
}
