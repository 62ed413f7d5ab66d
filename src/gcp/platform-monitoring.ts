import type { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringDashboard } from '@cdktf/provider-google/lib/monitoring-dashboard';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Construct } from 'constructs';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { Cloud } from '../core/catalog/cloud';
import { isEmail, requireProps } from '../core/internal/checks';
import { servingCostTile } from '../core/internal/serving-cost';
import { load } from '../lazy';
import { recordResources } from '../terraform/manifest';

/** Provider modules loaded on first use: only an alert address needs it. */
const emailModules = () => ({
  MonitoringNotificationChannel: load<typeof import('@cdktf/provider-google/lib/monitoring-notification-channel')>('@cdktf/provider-google/lib/monitoring-notification-channel').MonitoringNotificationChannel,
});

/** Properties of Google Cloud platform monitoring. */
export interface PlatformMonitoringProps {
  /** The training fleet. */
  readonly fleet: GpuFleet;
  /** The endpoint. */
  readonly endpoint: ModelEndpoint;
  /**
   * Email address of the notification channel.
   * @default - no channel; alert policies open incidents in the console only
   */
  readonly alertEmail?: string;
}

/**
 * A Cloud Monitoring dashboard (GPU utilization with `gpuMetrics`, endpoint p99 latency, error count, predictions, and
 * a chart of cost per 1,000 predictions from the serving type's catalog price; a text saying why for a pending endpoint
 * or an unpriced type) and the alert policies of the fleet (idle
 * GPUs, with `gpuMetrics`) and the endpoint (p99 latency, errors) routed to an email notification channel.
 *
 * @example
 * declare const fleet: gcp.GpuFleet;
 * declare const endpoint: gcp.ModelEndpoint;
 * new gcp.PlatformMonitoring(this, 'Monitoring', { fleet, endpoint, alertEmail: 'ml-oncall@example.com' });
 */
export class PlatformMonitoring extends Construct {
  /** The dashboard. */
  public readonly dashboard: MonitoringDashboard;
  /** The alert policies it routes: the fleet's idle alert (with `gpuMetrics`) and the endpoint's latency and error alerts. */
  public readonly alertPolicies: MonitoringAlertPolicy[];
  /** The notification channel, when an email is given. */
  public readonly channel?: MonitoringNotificationChannel;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    requireProps('PlatformMonitoring', this.node.path, props, {
      fleet: [(v) => v instanceof GpuFleet, 'a GpuFleet of this cloud'],
      endpoint: [(v) => v instanceof ModelEndpoint, 'a ModelEndpoint of this cloud'],
    });
    if (props.alertEmail !== undefined && !isEmail(props.alertEmail)) {
      throw new Error(`[ai-infra] PlatformMonitoring '${this.node.path}': invalid property\n  - alertEmail = '${props.alertEmail}': allowed: an email address`);
    }
    const project = props.fleet.instanceTemplate.project!;
    const gpuMetrics = props.fleet.spec.gpuMetrics;
    const gpu = props.fleet.gpuUtilizationFilter;
    const latency = props.endpoint.metricFilter('prediction/online/prediction_latencies');
    const errors = props.endpoint.metricFilter('prediction/online/error_count');
    const responses = props.endpoint.metricFilter('prediction/online/response_count');

    if (props.alertEmail) {
      this.channel = new (emailModules().MonitoringNotificationChannel)(this, 'Email', {
        project, displayName: `ai-infra alarms (${props.alertEmail})`, type: 'email', labels: { email_address: props.alertEmail },
      });
    }
    // the alerts belong to the fleet and the endpoint (their thresholds come from their specs); this routes them
    this.alertPolicies = [props.fleet.gpuIdleAlert, props.endpoint.latencyAlert, props.endpoint.errorAlert]
      .filter((a): a is MonitoringAlertPolicy => a !== undefined);
    if (this.channel) {
      for (const alert of this.alertPolicies) alert.notificationChannels = [this.channel.id];
    }

    const chart = (title: string, filter: string, aligner: string) => ({
      title,
      xyChart: { dataSets: [{ timeSeriesQuery: { timeSeriesFilter: { filter, aggregation: { alignmentPeriod: '300s', perSeriesAligner: aligner } } }, plotType: 'LINE' }] },
    });
    const cost = costWidget(props.endpoint);
    this.dashboard = new MonitoringDashboard(this, 'Dashboard', {
      project,
      dashboardJson: JSON.stringify({
        displayName: `ai-infra ${props.fleet.node.scope?.node.id ?? 'platform'}`,
        mosaicLayout: {
          columns: 12,
          tiles: [
            // without gpuMetrics no agent publishes the GPU metric: no chart of it
            ...(gpuMetrics ? [{ xPos: 0, yPos: 0, width: 6, height: 4, widget: chart('GPU utilization (%)', gpu, 'ALIGN_MEAN') }] : []),
            { xPos: 6, yPos: 0, width: 6, height: 4, widget: chart('Endpoint p99 latency (ms)', latency, 'ALIGN_PERCENTILE_99') },
            { xPos: 0, yPos: 4, width: 4, height: 4, widget: chart('Prediction errors', errors, 'ALIGN_SUM') },
            { xPos: 4, yPos: 4, width: 4, height: 4, widget: chart('Predictions', responses, 'ALIGN_SUM') },
            { xPos: 8, yPos: 4, width: 4, height: 4, widget: cost },
          ],
        },
      }),
    });
    recordResources(this, Cloud.GCP, 'PlatformMonitoring', { alertPolicies: this.alertPolicies, dashboard: this.dashboard, channel: this.channel });
  }
}

/**
 * The cost-per-1,000-predictions tile: an xyChart of a PromQL query, `1000 x instances x $/h` (the serving type's
 * catalog price, as the cost estimate charges it) over the endpoint's predictions in the last hour
 * (`aiplatform.googleapis.com/prediction/online/prediction_count`, in PromQL
 * `aiplatform_googleapis_com:prediction_online_prediction_count`: the first `/` becomes `:`, other `.` and `/`
 * become `_`, https://cloud.google.com/monitoring/promql/promql-mapping). The dashboard's `TimeSeriesQuery` takes
 * PromQL in `prometheusQuery` (https://cloud.google.com/monitoring/api/ref_v3/rest/v1/projects.dashboards#timeseriesquery).
 * An hour without predictions has no point (`> 0`), not an infinite or clamped one. A pending endpoint or an unpriced
 * serving type: a text tile saying why.
 */
function costWidget(endpoint: ModelEndpoint): Record<string, unknown> {
  const spec = endpoint.spec;
  const tile = servingCostTile(Cloud.GCP, endpoint.node.path, spec.instanceTypeFor(Cloud.GCP), spec.minInstances, endpoint.pending);
  if (tile.kind === 'text') return { title: tile.title, text: { format: 'MARKDOWN', content: tile.text } };
  const endpointId = endpoint.endpoint ? endpoint.endpointId : endpoint.modelGardenDeployment!.endpoint;
  const predictions = 'aiplatform_googleapis_com:prediction_online_prediction_count' +
    `{monitored_resource="aiplatform.googleapis.com/Endpoint",endpoint_id="${endpointId}"}`;
  return {
    title: tile.title,
    xyChart: {
      dataSets: [{
        timeSeriesQuery: { prometheusQuery: `1000 * ${tile.usdPerHour} / (sum(increase(${predictions}[1h])) > 0)` },
        plotType: 'LINE',
        legendTemplate: 'USD per 1,000 predictions',
      }],
      yAxis: { label: 'USD per 1,000 predictions', scale: 'LINEAR' },
    },
  };
}
