import { TerraformStack } from 'cdktf';
import { network, resources, synth } from './util';
import { InstanceType, gcp } from '../../src';

function monitoringDoc(fleet: Record<string, unknown> = {}, endpoint: Record<string, unknown> = {}, alertEmail?: string): any {
  return synth((s: TerraformStack) => {
    const fleetProps = { instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2, ...fleet };
    const net = network(s, fleetProps);
    const f = new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: net });
    const e = new gcp.ModelEndpoint(s, 'Serving', { network: net, ...endpoint });
    new gcp.PlatformMonitoring(s, 'Monitoring', { fleet: f, endpoint: e, alertEmail });
  });
}
const thresholds = (doc: any) => Object.fromEntries(resources(doc, 'google_monitoring_alert_policy')
  .map((p) => [p.display_name, p.conditions[0].condition_threshold.threshold_value]));
const tiles = (doc: any): string[] => JSON.parse(resources(doc, 'google_monitoring_dashboard')[0].dashboard_json).mosaicLayout.tiles.map((t: any) => t.widget.title);

describe('gcp.PlatformMonitoring', () => {
  test('routes the fleet\'s idle alert and the endpoint\'s latency and error alerts, with the specs\' thresholds', () => {
    expect(thresholds(monitoringDoc({ idleGpuPercent: 15 }, { latencyAlarmMs: 400 }))).toEqual({
      'test/Fleet: GPUs under 15% busy for an hour': 15,
      'test/Serving: p99 latency over 400 ms': 400,
      'test/Serving: prediction errors': 0,
    });
  });

  test('the defaults: idle under 10%, p99 over 1000 ms', () => {
    expect(thresholds(monitoringDoc())).toEqual({
      'test/Fleet: GPUs under 10% busy for an hour': 10,
      'test/Serving: p99 latency over 1000 ms': 1000,
      'test/Serving: prediction errors': 0,
    });
  });

  test('without gpuMetrics: no idle alert and no GPU chart (no agent publishes the metric)', () => {
    const doc = monitoringDoc({ gpuMetrics: false });
    expect(Object.keys(thresholds(doc)).sort()).toEqual(['test/Serving: p99 latency over 1000 ms', 'test/Serving: prediction errors']);
    expect(tiles(doc)).not.toContain('GPU utilization (%)');
    expect(tiles(monitoringDoc())).toContain('GPU utilization (%)');
  });

  test('an alert address: one email channel on every routed alert', () => {
    const doc = monitoringDoc({}, {}, 'ops@example.com');
    expect(resources(doc, 'google_monitoring_notification_channel')).toEqual([expect.objectContaining({ type: 'email', labels: { email_address: 'ops@example.com' } })]);
    const policies = resources(doc, 'google_monitoring_alert_policy');
    expect(policies).toHaveLength(3);
    for (const p of policies) expect(p.notification_channels).toEqual([expect.stringMatching(/^\$\{google_monitoring_notification_channel\.Monitoring_Email_[0-9A-F]+\.id\}$/)]);
  });

  test('fails on an alert address that is not one', () => {
    expect(() => monitoringDoc({}, {}, 'ops')).toThrow(/PlatformMonitoring 'test\/Monitoring': invalid property\n {2}- alertEmail = 'ops': allowed: an email address/);
  });
});
