import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { MonitorScheduledQueryRulesAlertV2 } from '@cdktf/provider-azurerm/lib/monitor-scheduled-query-rules-alert-v2';
import { Construct } from 'constructs';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { Cloud } from '../core/catalog/cloud';
import { ServingType } from '../core/catalog/serving-type';
import { isEmail, requireProps } from '../core/internal/checks';
import { shortHash } from '../core/internal/names';
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
 * table, with `gpuMetrics`), endpoint p99 latency, requests and deployment GPU utilization.
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
          { type: 1, content: { json: ServingType.costPerThousandNote(Cloud.AZURE, props.endpoint.spec.instanceTypeFor(Cloud.AZURE), props.endpoint.spec.minInstances) } },
        ],
      }),
    });
    recordResources(this, Cloud.AZURE, 'PlatformMonitoring', { actionGroup: this.actionGroup, alerts: [...this.alerts, ...this.logAlerts], workbook: this.workbook });
  }
}
