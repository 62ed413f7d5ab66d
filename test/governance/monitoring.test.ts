import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import { StrategySelector, AwsPlatformStack, AzurePlatformStack, GcpPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';

const s = DEFAULT_SCENARIOS[1];
const common = { ...s.platform, selection: StrategySelector.select(s.requirements), alertEmail: 'ml-oncall@example.com' };
const res = (doc: any, type: string): any[] => Object.values(doc.resource?.[type] ?? {});

test('AWS: a pending endpoint (no modelArtifact) gets a text tile saying why, no cost chart', () => {
  const t = Template.fromStack(new AwsPlatformStack(new App(), 'P', { ...common }));
  const body = JSON.stringify(Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0]);
  expect(body).toContain('is pending (no modelArtifact)');
  expect(body).not.toContain('IF(inv > 0');
});

test('AWS: dashboard with GPU, latency, error rate, invocations and cost per 1,000; alarms notify an encrypted topic', () => {
  // the second deploy: the model is in the bucket, so the endpoint and its idle alarm exist
  const t = Template.fromStack(new AwsPlatformStack(new App(), 'P', { ...common, modelArtifact: 'models/model.tar.gz' }));
  const body = JSON.stringify(Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0]);
  for (const title of ['GPU utilization', 'p99 model latency', 'error rate', 'Invocations per hour', 'Cost per 1,000 predictions']) expect(body).toContain(title);
  expect(body).toContain('IF(inv > 0, 1000 * 1.41 / inv)');
  expect(body).toContain('Cost per 1,000 predictions (USD; minimum 1 x $1.41/h ml.g5.xlarge');
  t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ml-oncall@example.com' });
  const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')) as any[];
  expect(alarms.length).toBeGreaterThanOrEqual(6);
  expect(alarms.every((a) => JSON.stringify(a.Properties.AlarmActions ?? []).includes('AlarmTopic'))).toBe(true);
});

test('Google Cloud: dashboard, three alert policies on an email channel', () => {
  const doc = JSON.parse(Testing.synth(new GcpPlatformStack(Testing.app(), 'p', { ...common, gcpProject: 'demo-project', region: 'us-east4' })));
  const dash = JSON.parse(res(doc, 'google_monitoring_dashboard')[0].dashboard_json);
  expect(dash.mosaicLayout.tiles.map((x: any) => x.widget.title)).toEqual([
    'GPU utilization (%)', 'Endpoint p99 latency (ms)', 'Prediction errors', 'Predictions', 'Cost per 1,000 predictions',
  ]);
  // the first deploy: the endpoint is pending; the default Vertex machine type (g2-standard-4) has no Vertex prediction
  // price either: the tile says both, and charts nothing
  expect(dash.mosaicLayout.tiles[4].widget.xyChart).toBeUndefined();
  expect(dash.mosaicLayout.tiles[4].widget.text.content).toMatch(/p\/Serving is pending \(no modelArtifact\)[\s\S]*g2-standard-4 has no serving price in the library catalog \(no Vertex AI prediction SKU rate/);
  // the second deploy: the model is set, the type is still unpriced: still a text naming why, never a guessed figure
  const deployed = JSON.parse(Testing.synth(new GcpPlatformStack(Testing.app(), 'p', { ...common, gcpProject: 'demo-project', region: 'us-east4', modelArtifact: 'gs://demo-models/llm/v1' })));
  const tile = JSON.parse(res(deployed, 'google_monitoring_dashboard')[0].dashboard_json).mosaicLayout.tiles[4].widget;
  expect(tile.xyChart).toBeUndefined();
  expect(tile.text.content).toMatch(/^Cost per 1,000 predictions: g2-standard-4 has no serving price/);
  expect(res(doc, 'google_monitoring_notification_channel')[0]).toMatchObject({ type: 'email', labels: { email_address: 'ml-oncall@example.com' } });
  const policies = res(doc, 'google_monitoring_alert_policy');
  expect(policies).toHaveLength(3);
  expect(policies.every((p) => p.notification_channels.length === 1)).toBe(true);
  const latency = policies.find((p) => p.display_name.includes('p99 latency'));
  expect(latency.conditions[0].condition_threshold.aggregations[0].per_series_aligner).toBe('ALIGN_PERCENTILE_99');
});

test('Azure: workbook, metric and log search alerts routed to an action group', () => {
  const doc = JSON.parse(Testing.synth(new AzurePlatformStack(Testing.app(), 'p', { ...common, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY })));
  expect(res(doc, 'azurerm_monitor_action_group')[0].email_receiver[0].email_address).toBe('ml-oncall@example.com');
  const alerts = res(doc, 'azurerm_monitor_metric_alert');
  expect(alerts.map((a) => a.criteria[0].metric_name).sort()).toEqual(['RequestLatency_P99', 'RequestsPerMinute']);
  expect(alerts.every((a) => a.action[0].action_group_id.includes('azurerm_monitor_action_group'))).toBe(true);
  // the GPU idle alert is a log search alert over the fleet's GPU table, routed to the same group
  const logAlerts = res(doc, 'azurerm_monitor_scheduled_query_rules_alert_v2');
  expect(logAlerts.map((a) => a.criteria[0].metric_measure_column)).toEqual(['GpuUtilization']);
  expect(logAlerts[0].action.action_groups[0]).toContain('azurerm_monitor_action_group');
  const wb = JSON.parse(res(doc, 'azurerm_application_insights_workbook')[0].data_json);
  // the first deploy: pending (no model, nothing billed): a text item; Standard_NC4as_T4_v3 (the default) at 0.526 $/h
  expect(wb.items.find((i: any) => i.type === 1).content.json).toMatch(/p\/Serving is pending \(no modelArtifact\)[\s\S]*= 1000 x 1 x \$0\.526\/h \/ predictions per hour \(Standard_NC4as_T4_v3, eastus, .*\): \$0\.5260 at 1,000 predictions an hour, \$0\.0526 at 10,000/);
  expect(res(doc, 'azurerm_monitor_diagnostic_setting')).toEqual([]);
  // the second deploy: a model is set: a KQL line chart of 1000 x 0.526 $/h over the endpoint's requests per hour
  const deployed = JSON.parse(Testing.synth(new AzurePlatformStack(Testing.app(), 'p', {
    ...common, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY, modelArtifact: 'azureml://registries/azureml/models/bert/versions/1',
  })));
  const cost = JSON.parse(res(deployed, 'azurerm_application_insights_workbook')[0].data_json).items.find((i: any) => i.type === 3 && String(i.content.title).startsWith('Cost per 1,000'));
  expect(cost.content).toMatchObject({ visualization: 'linechart', title: expect.stringMatching(/^Cost per 1,000 predictions \(USD; minimum 1 x \$0\.526\/h Standard_NC4as_T4_v3, eastus, price of 2026-12-01; source: /) });
  expect(cost.content.query).toMatch(/^AmlOnlineEndpointTrafficLog\n\| where EndpointName == '[a-z0-9-]+'\n[\s\S]*1000\.0 \* 0\.526 \/ predictions/);
  expect(res(deployed, 'azurerm_monitor_diagnostic_setting')).toEqual([expect.objectContaining({ enabled_log: [{ category: 'AmlOnlineEndpointTrafficLog' }] })]);
  expect(wb.items.map((i: any) => i.content.title).filter(Boolean)).toEqual(['Node CPU (%)', 'Node GPU utilization (%)', 'Endpoint p99 latency (ms)', 'Requests per minute', 'Deployment GPU utilization (%)']);
});

test('a bad alert email fails with the construct path', () => {
  expect(() => new AwsPlatformStack(new App(), 'P', { ...common, alertEmail: 'oncall' })).toThrow(/PlatformPlan 'P'[\s\S]*alertEmail = 'oncall': allowed: an email address/);
});
