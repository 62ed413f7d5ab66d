import { ApplicationInsightsWorkbook } from '@cdktf/provider-azurerm/lib/application-insights-workbook';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct } from 'constructs';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { isEmail } from '../core/internal/checks';
import { shortHash } from '../core/internal/names';

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

/**
 * An Azure Monitor workbook (scale set CPU as the node-activity signal, endpoint p99 latency, requests, errors,
 * and deployment GPU utilization) and metric alerts routed to an action group: idle nodes, p99 latency over the
 * threshold, and failed requests.
 */
export class PlatformMonitoring extends Construct {
  /** The action group alerts notify. */
  public readonly actionGroup: MonitorActionGroup;
  /** The metric alerts. */
  public readonly alerts: MonitorMetricAlert[];
  /** The workbook. */
  public readonly workbook: ApplicationInsightsWorkbook;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    if (props.alertEmail !== undefined && !isEmail(props.alertEmail)) {
      throw new Error(`[ai-infra] PlatformMonitoring '${this.node.path}': invalid property\n  - alertEmail = '${props.alertEmail}': allowed: an email address`);
    }
    const vmss = props.fleet.scaleSet;
    const rg = vmss.resourceGroupName;
    const endpointId = `${props.endpoint.workspace.id}/onlineEndpoints/${props.endpoint.endpointName}`;
    this.actionGroup = new MonitorActionGroup(this, 'ActionGroup', {
      name: `${vmss.name}-alerts`,
      resourceGroupName: rg,
      shortName: `ai${shortHash(this.node.path).slice(0, 8)}`,
      emailReceiver: props.alertEmail ? [{ name: 'platform-owner', emailAddress: props.alertEmail, useCommonAlertSchema: true }] : undefined,
    });
    const alert = (cid: string, name: string, target: string, namespace: string, metric: string, aggregation: string, operator: string, threshold: number, dependsOn: any[] = []) =>
      new MonitorMetricAlert(this, cid, {
        name,
        resourceGroupName: rg,
        scopes: [target],
        severity: 2,
        frequency: 'PT5M',
        windowSize: 'PT1H',
        criteria: [{ metricNamespace: namespace, metricName: metric, aggregation, operator, threshold }],
        action: [{ actionGroupId: this.actionGroup.id }],
        dependsOn,
      });
    this.alerts = [
      alert('NodesIdle', `${vmss.name}-idle`, vmss.id, 'Microsoft.Compute/virtualMachineScaleSets', 'Percentage CPU', 'Average', 'LessThan', 5),
      alert('Latency', `${vmss.name}-endpoint-p99`, endpointId, ENDPOINT_NS, 'RequestLatency_P99', 'Average', 'GreaterThan', props.endpoint.spec.latencyAlarmMs, [props.endpoint.endpointDeployment]),
      alert('Errors', `${vmss.name}-endpoint-errors`, endpointId, ENDPOINT_NS, 'RequestsPerMinute', 'Total', 'GreaterThan', 0, [props.endpoint.endpointDeployment]),
    ];
    // the errors alert counts requests answered with 5xx through a dimension filter
    this.alerts[2].addOverride('criteria.0.dimension', [{ name: 'statusCodeClass', operator: 'Include', values: ['5xx'] }]);

    const metricItem = (title: string, resource: string, namespace: string, metric: string, aggregation: number) => ({
      type: 10,
      content: {
        version: 'MetricsItem/2.0',
        size: 0,
        chartType: 2,
        resourceType: namespace.toLowerCase(),
        metricScope: 0,
        resourceIds: [resource],
        timeContext: { durationMs: 86400000 },
        metrics: [{ namespace: namespace.toLowerCase(), metric: `${namespace.toLowerCase()}--${metric}`, aggregation }],
        title,
      },
    });
    this.workbook = new ApplicationInsightsWorkbook(this, 'Workbook', {
      name: '00000000-0000-4000-8000-' + shortHash(this.node.path) + '0000',
      resourceGroupName: rg,
      location: vmss.location,
      displayName: `ai-infra ${vmss.name}`,
      dataJson: JSON.stringify({
        version: 'Notebook/1.0',
        items: [
          metricItem('Node CPU (%)', vmss.id, 'Microsoft.Compute/virtualMachineScaleSets', 'Percentage CPU', 4),
          metricItem('Endpoint p99 latency (ms)', endpointId, ENDPOINT_NS, 'RequestLatency_P99', 4),
          metricItem('Requests per minute', endpointId, ENDPOINT_NS, 'RequestsPerMinute', 1),
          metricItem('Deployment GPU utilization (%)', endpointId, ENDPOINT_NS, 'GpuUtilizationPercentage', 4),
          { type: 1, content: { json: 'Cost per 1,000 predictions = serving $/hour x instances / predictions per hour x 1000; the serving SKU has no price in the library catalog yet.' } },
        ],
      }),
    });
  }
}
