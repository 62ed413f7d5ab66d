import { network, resources, SSH_PUBLIC_KEY, synth } from './util';
import { azure, InstanceType } from '../../src';

function monitored(fleet: Partial<azure.GpuFleetProps> = {}, alertEmail?: string) {
  return synth((s) => {
    const n = network(s);
    const f = new azure.GpuFleet(s, 'Training', { instanceType: InstanceType.STANDARD_NC24ADS_A100_V4, network: n, adminSshPublicKey: SSH_PUBLIC_KEY, ...fleet });
    const e = new azure.ModelEndpoint(s, 'Serving', { network: n, latencyAlarmMs: 300 });
    new azure.PlatformMonitoring(s, 'Monitoring', { fleet: f, endpoint: e, alertEmail });
  });
}

describe('azure.PlatformMonitoring', () => {
  const doc = monitored({}, 'ml-oncall@example.com');
  const alerts = resources(doc, 'azurerm_monitor_metric_alert');

  test('GPU idle (a log search alert over the fleet\'s GPU table), p99 latency and 5xx alerts, each routed to the action group', () => {
    expect(alerts.map((a) => `${a.criteria[0].metric_namespace}/${a.criteria[0].metric_name}`).sort()).toEqual([
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/RequestLatency_P99',
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/RequestsPerMinute',
    ]);
    const [idle] = resources(doc, 'azurerm_monitor_scheduled_query_rules_alert_v2');
    expect(idle).toMatchObject({ window_duration: 'PT1H', criteria: [{ time_aggregation_method: 'Average', operator: 'LessThan', threshold: 10, metric_measure_column: 'GpuUtilization' }] });
    expect(idle.action).toEqual({ action_groups: [expect.stringMatching(/^\$\{azurerm_monitor_action_group\.Monitoring_ActionGroup_\w+\.id\}$/)] });
    for (const a of alerts) expect(a.action).toEqual([{ action_group_id: expect.stringMatching(/^\$\{azurerm_monitor_action_group\.Monitoring_ActionGroup_\w+\.id\}$/) }]);
    expect(resources(doc, 'azurerm_monitor_action_group')[0].email_receiver[0].email_address).toBe('ml-oncall@example.com');
  });

  test('no CPU stand-in for GPU idleness', () => {
    expect(alerts.map((a) => a.criteria[0].metric_name)).not.toContain('Percentage CPU');
  });

  test('the workbook charts node CPU, node GPU utilization (a query of the GPU table), endpoint latency, requests and deployment GPU', () => {
    const wb = JSON.parse(resources(doc, 'azurerm_application_insights_workbook')[0].data_json);
    expect(wb.items.map((i: any) => i.content.title).filter(Boolean)).toEqual([
      'Node CPU (%)', 'Node GPU utilization (%)', 'Endpoint p99 latency (ms)', 'Requests per minute', 'Deployment GPU utilization (%)',
    ]);
    expect(wb.items[1]).toMatchObject({ type: 3, content: { version: 'KqlItem/1.0', resourceType: 'microsoft.operationalinsights/workspaces', visualization: 'timechart' } });
    expect(wb.items[1].content.crossComponentResources).toEqual([expect.stringMatching(/azurerm_log_analytics_workspace\.Training_GpuLogs_\w+\.id/)]);
    expect(wb.items[1].content.query).toMatch(/^GpuUtilization_CL\n\| where ScaleSet == '\$\{azurerm_linux_virtual_machine_scale_set\.Training_ScaleSet_\w+\.name\}'\n\| summarize avg\(GpuUtilization\) by bin\(TimeGenerated, 5m\), Computer$/);
  });

  test('without gpuMetrics: no GPU metric, no idle alert (as on AWS)', () => {
    const d = monitored({ gpuMetrics: false });
    const names = resources(d, 'azurerm_monitor_metric_alert').map((a) => a.criteria[0].metric_name).sort();
    expect(names).toEqual(['RequestLatency_P99', 'RequestsPerMinute']);
    expect(resources(d, 'azurerm_monitor_scheduled_query_rules_alert_v2')).toHaveLength(0);
    const wb = JSON.parse(resources(d, 'azurerm_application_insights_workbook')[0].data_json);
    expect(wb.items.map((i: any) => i.content.title)).not.toContain('Node GPU utilization (%)');
  });

  test('fails on a bad alert email, naming the path', () => {
    expect(() => monitored({}, 'oncall')).toThrow(/PlatformMonitoring 'test\/Monitoring'[\s\S]*alertEmail = 'oncall': allowed: an email address/);
  });
});
