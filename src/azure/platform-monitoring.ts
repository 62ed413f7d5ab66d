import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import { Construct } from 'constructs';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { Cloud } from '../core/catalog/cloud';
import { isEmail, requireProps } from '../core/internal/checks';
import { shortHash } from '../core/internal/names';
import { servingCostTile } from '../core/internal/serving-cost';
import { recordResources } from '../terraform/manifest';

/** Properties of Azure platform monitoring. */
export interface PlatformMonitoringProps {
  /** The training fleet. */
  readonly fleet: GpuFleet;
  /** The endpoint. */
  readonly endpoint: ModelEndpoint;
  /**
   * Email address of the action group.
   * @default - an action group without receivers
   */
  readonly alertEmail?: string;
}

const ENDPOINT_NS = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints';
const SCALE_SET_NS = 'Microsoft.Compute/virtualMachineScaleSets';

/**
 * An action group every alert of the fleet and the endpoint notifies (the fleet's GPU idle log search alert, with
 * `gpuMetrics`: a VM's average GPU utilization below `idleGpuPercent` for an hour; the endpoint's p99 latency and 5xx
 * metric alerts), and an Azure Monitor workbook: node CPU, node GPU utilization (the fleet's `GpuUtilization_CL`
 * table, with `gpuMetrics`), endpoint p99 latency, requests, deployment GPU utilization, and a chart of cost per 1,000
 * predictions from the serving type's catalog price over the endpoint's traffic log (a text saying why for a pending
 * endpoint or an unpriced type).
 *
 * @example
 * declare const fleet: azure.GpuFleet;
 * declare const endpoint: azure.ModelEndpoint;
 * new azure.PlatformMonitoring(this, 'Monitoring', { fleet, endpoint, alertEmail: 'ml-oncall@example.com' });
 */
export class PlatformMonitoring extends Construct {
  /** The action group alerts notify. */
  public readonly actionGroup: MonitorActionGroup;
  /** The metric alerts routed to the action group. */
  public readonly alerts: MonitorMetricAlert[];
  /** The log search alerts routed to the action group (the fleet's GPU idle alert, with `gpuMetrics`). */
  public readonly logAlerts: MonitorScheduledQueryRulesAlertV2[];
  /** The workbook. */
  public readonly workbook: ApplicationInsightsWorkbook;
  /**
   * The endpoint's traffic log (`AmlOnlineEndpointTrafficLog`) sent to its Log Analytics workspace, which the
   * workbook's cost-per-1,000-predictions chart counts predictions from; absent when there is no chart (a pending
   * endpoint or an unpriced serving type).
   */
  public readonly trafficLogs?: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    requireProps('PlatformMonitoring', this.node.path, props, {
      fleet: [(v) => v instanceof GpuFleet, 'a GpuFleet of this cloud'],
      endpoint: [(v) => v instanceof ModelEndpoint, 'a ModelEndpoint of this cloud'],
    });
    if (props.alertEmail !== undefined && !isEmail(props.alertEmail)) {
      throw new Error(`[ai-infra] PlatformMonitoring '${this.node.path}': invalid property\n  - alertEmail = '${props.alertEmail}': allowed: an email address`);
    }
    const fleet = props.fleet;
    const vmss = fleet.scaleSet;
    const rg = vmss.resourceGroupName;
    const endpointId = `${props.endpoint.workspace.id}/onlineEndpoints/${props.endpoint.endpointName}`;
    this.actionGroup = new MonitorActionGroup(this, 'ActionGroup', {
      name: `${vmss.name}-alerts`,
      resourceGroupName: rg,
      shortName: `ai${shortHash(this.node.path).slice(0, 8)}`,
      emailReceiver: props.alertEmail ? [{ name: 'platform-owner', emailAddress: props.alertEmail, useCommonAlertSchema: true }] : undefined,
    });
    this.alerts = [props.endpoint.latencyAlert, props.endpoint.errorAlert].filter((a): a is MonitorMetricAlert => a !== undefined);
    for (const alert of this.alerts) alert.putAction([{ actionGroupId: this.actionGroup.id }]);
    this.logAlerts = fleet.gpuIdleAlert ? [fleet.gpuIdleAlert] : [];
    for (const alert of this.logAlerts) alert.putAction({ actionGroups: [this.actionGroup.id] });

    // a chart of one metric of one resource (a custom metric has its own namespace on the resource's type)
    const metricItem = (title: string, resource: string, resourceType: string, metric: string, aggregation: number, metricNamespace = resourceType) => ({
      type: 10,
      content: {
        version: 'MetricsItem/2.0',
        size: 0,
        chartType: 2,
        resourceType: resourceType.toLowerCase(),
        metricScope: 0,
        resourceIds: [resource],
        timeContext: { durationMs: 86400000 },
        metrics: [{ namespace: metricNamespace.toLowerCase(), metric: `${metricNamespace.toLowerCase()}--${metric}`, aggregation }],
        title,
      },
    });
    // the GPU utilization is a Log Analytics table: a query chart over the fleet's workspace, one line per VM
    const gpuItem = fleet.logAnalyticsWorkspaceId ? [{
      type: 3,
      content: {
        version: 'KqlItem/1.0',
        query: `${GpuFleet.GPU_TABLE}\n| where ScaleSet == '${vmss.name}'\n| summarize avg(${GpuFleet.GPU_UTILIZATION_METRIC}) by bin(TimeGenerated, 5m), Computer`,
        size: 0,
        queryType: 0,
        resourceType: 'microsoft.operationalinsights/workspaces',
        crossComponentResources: [fleet.logAnalyticsWorkspaceId],
        timeContext: { durationMs: 86400000 },
        visualization: 'timechart',
        title: 'Node GPU utilization (%)',
      },
    }] : [];
    const cost = this.costItem(props.endpoint, endpointId);
    this.trafficLogs = cost.trafficLogs;
    this.workbook = new ApplicationInsightsWorkbook(this, 'Workbook', {
      name: '00000000-0000-4000-8000-' + shortHash(this.node.path) + '0000',
      resourceGroupName: rg,
      location: vmss.location,
      displayName: `ai-infra ${vmss.name}`,
      dataJson: JSON.stringify({
        version: 'Notebook/1.0',
        items: [
          metricItem('Node CPU (%)', vmss.id, SCALE_SET_NS, 'Percentage CPU', 4),
          ...gpuItem,
          metricItem('Endpoint p99 latency (ms)', endpointId, ENDPOINT_NS, 'RequestLatency_P99', 4),
          metricItem('Requests per minute', endpointId, ENDPOINT_NS, 'RequestsPerMinute', 1),
          metricItem('Deployment GPU utilization (%)', endpointId, ENDPOINT_NS, 'GpuUtilizationPercentage', 4),
          cost.item,
        ],
      }),
    });
    recordResources(this, Cloud.AZURE, 'PlatformMonitoring', { actionGroup: this.actionGroup, alerts: [...this.alerts, ...this.logAlerts], workbook: this.workbook, trafficLogs: this.trafficLogs });
  }

  /**
   * The workbook's cost-per-1,000-predictions item: a line chart of a KQL query, `1000 x instances x $/h` (the
   * serving type's catalog price, as the cost estimate charges it) over the endpoint's requests per hour. The
   * endpoint's `RequestsPerMinute` metric cannot be exported to Logs ("DS Export: No",
   * https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-machinelearningservices-workspaces-onlineendpoints-metrics)
   * and a workbook metrics item has no arithmetic, so the requests are counted from the endpoint's traffic log
   * (one row per request, columns EndpointName and TimeGenerated,
   * https://learn.microsoft.com/azure/azure-monitor/reference/tables/amlonlineendpointtrafficlog), which a diagnostic
   * setting on the endpoint sends to the endpoint's Log Analytics workspace in its resource-specific table
   * (https://learn.microsoft.com/azure/machine-learning/how-to-monitor-online-endpoints). Only hours with requests
   * have a point (no division by zero, no clamping). A pending endpoint or an unpriced serving type: a text item saying why.
   */
  private costItem(endpoint: ModelEndpoint, endpointId: string): { item: Record<string, unknown>; trafficLogs?: MonitorDiagnosticSetting } {
    const spec = endpoint.spec;
    const tile = servingCostTile(Cloud.AZURE, endpoint.node.path, spec.instanceTypeFor(Cloud.AZURE), spec.minInstances, endpoint.pending);
    if (tile.kind === 'text') return { item: { type: 1, content: { json: `### ${tile.title}\n\n${tile.text}` } } };
    // the endpoint's own workspace (ModelEndpoint's child 'Logs', which its application insights writes to)
    const logs = endpoint.node.tryFindChild('Logs');
    if (!(logs instanceof LogAnalyticsWorkspace)) {
      throw new Error(`[ai-infra] PlatformMonitoring '${this.node.path}': endpoint ${endpoint.node.path} has no Log Analytics workspace (child 'Logs') to send its traffic log to`);
    }
    const trafficLogs = new MonitorDiagnosticSetting(this, 'EndpointTrafficLogs', {
      name: `${endpoint.endpointName}-traffic`,
      targetResourceId: endpointId,
      logAnalyticsWorkspaceId: logs.id,
      logAnalyticsDestinationType: 'Dedicated',
      enabledLog: [{ category: 'AmlOnlineEndpointTrafficLog' }],
      // the online endpoint is created by the ARM deployment
      dependsOn: [endpoint.endpointDeployment],
    });
    const query = [
      'AmlOnlineEndpointTrafficLog',
      `| where EndpointName == '${endpoint.endpointName}'`,
      '| summarize predictions = count() by bin(TimeGenerated, 1h)',
      `| extend usd_per_1000_predictions = 1000.0 * ${tile.usdPerHour} / predictions`,
      '| project TimeGenerated, usd_per_1000_predictions',
      '| order by TimeGenerated asc',
    ].join('\n');
    return {
      trafficLogs,
      item: {
        type: 3,
        content: {
          version: 'KqlItem/1.0',
          query,
          size: 0,
          title: tile.title,
          timeContext: { durationMs: 7 * 86400000 },
          queryType: 0,
          resourceType: 'microsoft.operationalinsights/workspaces',
          crossComponentResources: [logs.id],
          visualization: 'linechart',
        },
      },
    };
  }
}
