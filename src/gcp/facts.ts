import { gcpFleetsFromTerraform } from './fleet-facts';
import { FleetFact, PlatformFacts, PurchaseFact } from '../core/facts';

import { cronDays } from '../core/internal/cron';

const COST_TAGS = ['project', 'strategy', 'workload'];

function all(doc: any, type: string): Array<[string, any]> {
  return Object.entries(doc?.resource?.[type] ?? {});
}

/** Reads the governance facts of a synthesized Google Cloud Terraform document. */
export function factsFromGoogleTerraform(doc: any, stackName: string): PlatformFacts {
  const templates = all(doc, 'google_compute_instance_template');
  const fleets: FleetFact[] = gcpFleetsFromTerraform(doc, stackName).map((f, i) => {
    const [name, t] = templates[i];
    const group = all(doc, 'google_compute_instance_group_manager').find(([, g]) => JSON.stringify(g.version ?? []).includes(`.${name}.`));
    const scaler = group ? all(doc, 'google_compute_autoscaler').find(([, s]) => String(s.target).includes(`.${group[0]}.`))?.[1] : undefined;
    const sched = scaler?.autoscaling_policy?.scaling_schedules?.[0];
    const purchase: PurchaseFact = t.scheduling?.provisioning_model === 'SPOT' ? 'spot' : t.reservation_affinity ? 'reservation' : 'on-demand';
    return {
      ...f,
      placement: (t.resource_policies ?? []).length > 0,
      purchase,
      hoursPerWeek: sched ? (sched.duration_sec / 3600) * cronDays(String(sched.schedule)).length : 168,
    };
  });
  const buckets = all(doc, 'google_storage_bucket').filter(([, b]) => !String(b.name).endsWith('-logs'));
  const storage = buckets.map(([, b]) => {
    const moves = (b.lifecycle_rule ?? []).filter((r: any) => r.action?.type === 'SetStorageClass');
    const classes: string[] = [...new Set<string>(moves.map((r: any) => r.action.storage_class))];
    const firstPrefix = JSON.stringify(moves[0]?.condition?.matches_prefix ?? null);
    const transitions = moves.filter((r: any) => JSON.stringify(r.condition?.matches_prefix ?? null) === firstPrefix)
      .map((r: any) => ({ storageClass: r.action.storage_class, afterDays: Number(r.condition.age) }));
    return {
      path: '',
      tiered: classes.length > 0 || b.autoclass?.enabled === true,
      versioned: b.versioning?.enabled === true,
      customerManagedKey: b.encryption?.default_kms_key_name !== undefined,
      highThroughput: false,
      classes,
      transitions,
    };
  });
  const endpoints = all(doc, 'google_vertex_ai_endpoint').map(([name, e]) => {
    const command: string = Object.values<any>(doc.output ?? {}).map((o) => String(o.value)).find((v) => v.startsWith('gcloud ai endpoints deploy-model')) ?? '';
    const flag = (f: string) => /--[a-z-]+=(\S+)/.exec(command.slice(command.indexOf(`--${f}=`)))?.[1];
    const min = Number(flag('min-replica-count') ?? 0);
    const max = Number(flag('max-replica-count') ?? min);
    void name;
    return {
      path: '',
      instanceType: flag('machine-type') ?? 'unknown',
      minInstances: min,
      maxInstances: max,
      autoscaling: max > min,
      private: e.private_service_connect_config?.enable_private_service_connect === true || e.network !== undefined,
    };
  });
  const labels = doc?.provider?.google?.[0]?.default_labels ?? {};
  return {
    cloud: 'gcp',
    fleets,
    storage,
    endpoints,
    alarms: all(doc, 'google_monitoring_alert_policy').length,
    costTags: COST_TAGS.every((k) => labels[k] !== undefined),
    publicIps: templates.filter(([, t]) => (t.network_interface ?? []).some((n: any) => n.access_config !== undefined)).length,
    openIngress: all(doc, 'google_compute_firewall').filter(([, f]) => (f.allow ?? []).length > 0 && (f.source_ranges ?? []).includes('0.0.0.0/0')).length,
    natGateways: all(doc, 'google_compute_router_nat').length,
    vpnConnections: all(doc, 'google_compute_vpn_tunnel').length,
    interfaceEndpoints: 0,
    flowLogs: all(doc, 'google_compute_subnetwork').some(([, s]) => s.log_config !== undefined),
  };
}

