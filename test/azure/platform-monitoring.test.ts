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

describe('azure.PlatformMonitoring cost per 1,000 predictions', () => {
  const MODEL = 'azureml://registries/azureml/models/bert/versions/1';
  function build(endpoints: Record<string, Partial<azure.ModelEndpointProps>>) {
    return synth((s) => {
      const n = network(s);
      const f = new azure.GpuFleet(s, 'Training', { instanceType: InstanceType.STANDARD_NC24ADS_A100_V4, network: n, adminSshPublicKey: SSH_PUBLIC_KEY });
      for (const [id, props] of Object.entries(endpoints)) {
        const e = new azure.ModelEndpoint(s, `Serving${id}`, { network: n, ...props });
        new azure.PlatformMonitoring(s, `Monitoring${id}`, { fleet: f, endpoint: e });
      }
    });
  }
  const workbooks = (doc: any): any[] => resources(doc, 'azurerm_application_insights_workbook').map((w) => JSON.parse(w.data_json));
  const costItem = (wb: any): any => wb.items.find((i: any) => (i.content.title ?? i.content.json ?? '').includes('Cost per 1,000 predictions'));
  const endpointNames = (doc: any): string[] => resources(doc, 'azurerm_resource_group_template_deployment')
    .filter((d) => d.name.endsWith('-online-endpoint')).map((d) => d.name.replace(/-online-endpoint$/, ''));

  test('a priced endpoint (Standard_NC4as_T4_v3, 0.526 $/h): a KQL line chart over the endpoint\'s traffic log, sent there by a diagnostic setting', () => {
    const doc = build({ '': { modelArtifact: MODEL } });
    const item = costItem(workbooks(doc)[0]);
    const [name] = endpointNames(doc);
    expect(item.type).toBe(3);
    expect(item.content).toMatchObject({
      version: 'KqlItem/1.0',
      visualization: 'linechart',
      queryType: 0,
      resourceType: 'microsoft.operationalinsights/workspaces',
      crossComponentResources: [expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.Serving_Logs_\w+\.id\}$/)],
    });
    expect(item.content.title).toMatch(/^Cost per 1,000 predictions \(USD; minimum 1 x \$0\.526\/h Standard_NC4as_T4_v3, eastus, price of 2026-12-01; source: Azure VM rate/);
    expect(item.content.query).toBe([
      'AmlOnlineEndpointTrafficLog',
      `| where EndpointName == '${name}'`,
      '| summarize predictions = count() by bin(TimeGenerated, 1h)',
      '| extend usd_per_1000_predictions = 1000.0 * 0.526 / predictions',
      '| project TimeGenerated, usd_per_1000_predictions',
      '| order by TimeGenerated asc',
    ].join('\n'));
    const [diag] = resources(doc, 'azurerm_monitor_diagnostic_setting');
    expect(diag).toMatchObject({
      target_resource_id: `\${azurerm_machine_learning_workspace.Serving_Workspace_${diag.target_resource_id.match(/Serving_Workspace_(\w+)\.id/)[1]}.id}/onlineEndpoints/${name}`,
      log_analytics_workspace_id: item.content.crossComponentResources[0],
      log_analytics_destination_type: 'Dedicated',
      enabled_log: [{ category: 'AmlOnlineEndpointTrafficLog' }],
      depends_on: [expect.stringMatching(/^azurerm_resource_group_template_deployment\.Serving_OnlineEndpoint_\w+$/)],
    });
  });

  test('the larger priced SKU, two instances: twice its hourly price', () => {
    const item = costItem(workbooks(build({ '': { modelArtifact: MODEL, instanceType: 'Standard_NC24ads_A100_v4', minInstances: 2, maxInstances: 2 } }))[0]);
    expect(item.content.title).toContain('2 x $3.673/h Standard_NC24ads_A100_v4, eastus, price of 2026-11-09');
    expect(item.content.query).toContain('1000.0 * 7.346 / predictions');
  });

  test('an unpriced SKU: a text item naming why, no chart, no diagnostic setting', () => {
    const doc = build({ '': { modelArtifact: MODEL, instanceType: 'Standard_NC96ads_A100_v4' } });
    const item = costItem(workbooks(doc)[0]);
    expect(item.type).toBe(1);
    expect(item.content.json).toMatch(/Standard_NC96ads_A100_v4 has no serving price in the library catalog \(no price for the 4-GPU size in the sources read\), so no figure is given/);
    expect(resources(doc, 'azurerm_monitor_diagnostic_setting')).toEqual([]);
  });

  test('a pending endpoint (no modelArtifact): a text item saying it is pending, no chart', () => {
    const doc = build({ '': {} });
    const item = costItem(workbooks(doc)[0]);
    expect(item.type).toBe(1);
    expect(item.content.json).toMatch(/test\/Serving is pending \(no modelArtifact\), so no model serves and nothing is billed for serving/);
    expect(resources(doc, 'azurerm_monitor_diagnostic_setting')).toEqual([]);
  });

  test('two endpoints in one stack: each workbook counts its own endpoint\'s requests in its own workspace', () => {
    const doc = build({ A: { modelArtifact: MODEL }, B: { modelArtifact: MODEL } });
    const names = endpointNames(doc);
    expect(new Set(names).size).toBe(2);
    const items = workbooks(doc).map(costItem);
    expect(items.map((i) => names.findIndex((n) => i.content.query.includes(`EndpointName == '${n}'`)))).toEqual([0, 1]);
    expect(items[0].content.crossComponentResources[0]).toMatch(/ServingA_Logs/);
    expect(items[1].content.crossComponentResources[0]).toMatch(/ServingB_Logs/);
    expect(resources(doc, 'azurerm_monitor_diagnostic_setting').map((d) => d.log_analytics_workspace_id)).toEqual([
      expect.stringMatching(/ServingA_Logs/), expect.stringMatching(/ServingB_Logs/),
    ]);
  });
});
