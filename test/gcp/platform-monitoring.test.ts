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

describe('gcp.PlatformMonitoring cost per 1,000 predictions', () => {
  const costTile = (doc: any, i = 0): any => JSON.parse(resources(doc, 'google_monitoring_dashboard')[i].dashboard_json).mosaicLayout.tiles
    .find((t: any) => t.widget.title.startsWith('Cost per 1,000 predictions')).widget;
  const endpointIds = (doc: any): string[] => resources(doc, 'google_vertex_ai_endpoint').map((e) => e.name);

  test('a priced endpoint (a3-highgpu-8g, 101.0074 $/h): an xyChart whose PromQL divides the catalog price by the endpoint\'s predictions per hour', () => {
    const doc = monitoringDoc({}, { instanceType: 'a3-highgpu-8g', modelArtifact: 'gs://my-models/llm/v1' });
    const tile = costTile(doc);
    expect(tile.text).toBeUndefined();
    expect(tile.title).toBe('Cost per 1,000 predictions (USD; minimum 1 x $101.0074/h a3-highgpu-8g, us-central1, price of 2025-08-15; source: '
      + 'Vertex AI Online/Batch Prediction SKUs AE9C-DB60-DF46, A002-4323-D900, 2424-9F04-82A8 (Iowa) from a billing report, zenn.dev/google_cloud_jp DWS Flex-Start pricing article (secondary))');
    const [id] = endpointIds(doc);
    expect(tile.xyChart.dataSets).toEqual([expect.objectContaining({
      plotType: 'LINE',
      timeSeriesQuery: {
        prometheusQuery: '1000 * 101.0074 / (sum(increase(aiplatform_googleapis_com:prediction_online_prediction_count'
          + `{monitored_resource="aiplatform.googleapis.com/Endpoint",endpoint_id="${id}"}[1h])) > 0)`,
      },
    })]);
  });

  test('two replicas: twice the hourly price in the query and the title', () => {
    const tile = costTile(monitoringDoc({}, { instanceType: 'a3-highgpu-8g', modelArtifact: 'gs://my-models/llm/v1', minInstances: 2, maxInstances: 2 }));
    expect(tile.title).toContain('2 x $101.0074/h');
    expect(tile.xyChart.dataSets[0].timeSeriesQuery.prometheusQuery).toMatch(/^1000 \* 202\.0148 \/ /);
  });

  test('an unpriced serving type (g2-standard-4): a text tile naming why, no chart and no figure', () => {
    const tile = costTile(monitoringDoc({}, { modelArtifact: 'gs://my-models/llm/v1' }));
    expect(tile.xyChart).toBeUndefined();
    expect(tile.text.content).toMatch(/^Cost per 1,000 predictions: g2-standard-4 has no serving price in the library catalog \(no Vertex AI prediction SKU rate for G2 \/ L4/);
    expect(tile.text.content).not.toMatch(/\$\d/);
  });

  test('a pending endpoint (no modelArtifact): a text tile saying it is pending, even when priced', () => {
    const tile = costTile(monitoringDoc({}, { instanceType: 'a3-highgpu-8g' }));
    expect(tile.xyChart).toBeUndefined();
    expect(tile.text.content).toMatch(/^Cost per 1,000 predictions: test\/Serving is pending \(no modelArtifact\), so no model serves and nothing is billed/);
  });

  test('two endpoints in one stack: each dashboard charts its own endpoint', () => {
    const doc = synth((s: TerraformStack) => {
      const fleetProps = { instanceType: InstanceType.A3_MEGAGPU_8G, nodes: 2 };
      const net = network(s, fleetProps);
      const f = new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: net });
      for (const id of ['A', 'B']) {
        const e = new gcp.ModelEndpoint(s, `Serving${id}`, { network: net, instanceType: 'a3-highgpu-8g', modelArtifact: `gs://my-models/${id}` });
        new gcp.PlatformMonitoring(s, `Monitoring${id}`, { fleet: f, endpoint: e });
      }
    });
    const ids = endpointIds(doc);
    expect(new Set(ids).size).toBe(2);
    const queries = [0, 1].map((i) => costTile(doc, i).xyChart.dataSets[0].timeSeriesQuery.prometheusQuery);
    expect(queries.map((q) => ids.findIndex((id) => q.includes(`endpoint_id="${id}"`)))).toEqual([0, 1]);
  });
});
