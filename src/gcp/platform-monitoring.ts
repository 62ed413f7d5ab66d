import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { MonitoringDashboard } from '@cdktf/provider-google/lib/monitoring-dashboard';
import type { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { Construct } from 'constructs';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { isEmail } from '../core/internal/checks';
import { load } from '../lazy';

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
 * A Cloud Monitoring dashboard (GPU utilization, endpoint p99 latency, error count, predictions, and cost per
 * 1,000 predictions where the serving type has a catalog price) and alert policies (idle GPUs, p99 latency,
 * errors) routed to an email notification channel.
 */
export class PlatformMonitoring extends Construct {
  /** The dashboard. */
  public readonly dashboard: MonitoringDashboard;
  /** The alert policies. */
  public readonly alertPolicies: MonitoringAlertPolicy[];
  /** The notification channel, when an email is given. */
  public readonly channel?: MonitoringNotificationChannel;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    if (props.alertEmail !== undefined && !isEmail(props.alertEmail)) {
      throw new Error(`[ai-infra] PlatformMonitoring '${this.node.path}': invalid property\n  - alertEmail = '${props.alertEmail}': allowed: an email address`);
    }
    const project = props.fleet.instanceTemplate.project!;
    const fleetLabel = `metadata.user_labels."ai-infra-fleet"="${props.fleet.instanceGroupManager.name}"`;
    const gpu = `metric.type="agent.googleapis.com/gpu/utilization" AND resource.type="gce_instance" AND ${fleetLabel}`;
    const endpointFilter = `resource.type="aiplatform.googleapis.com/Endpoint" AND resource.label.endpoint_id="${props.endpoint.endpointId}"`;
    const latency = `metric.type="aiplatform.googleapis.com/prediction/online/prediction_latencies" AND ${endpointFilter}`;
    const errors = `metric.type="aiplatform.googleapis.com/prediction/online/error_count" AND ${endpointFilter}`;
    const responses = `metric.type="aiplatform.googleapis.com/prediction/online/response_count" AND ${endpointFilter}`;

    if (props.alertEmail) {
      this.channel = new (emailModules().MonitoringNotificationChannel)(this, 'Email', {
        project, displayName: `ai-infra alarms (${props.alertEmail})`, type: 'email', labels: { email_address: props.alertEmail },
      });
    }
    const channels = this.channel ? [this.channel.id] : undefined;
    const policy = (cid: string, name: string, filter: string, comparison: string, threshold: number, aligner: string, duration: string) =>
      new MonitoringAlertPolicy(this, cid, {
        project,
        displayName: name,
        combiner: 'OR',
        notificationChannels: channels,
        conditions: [{
          displayName: name,
          conditionThreshold: {
            filter,
            comparison,
            thresholdValue: threshold,
            duration,
            aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: aligner }],
          },
        }],
      });
    this.alertPolicies = [
      policy('GpuIdle', `${props.fleet.node.path}: GPUs under 10% busy for an hour`, gpu, 'COMPARISON_LT', 10, 'ALIGN_MEAN', '3600s'),
      policy('Latency', `${props.endpoint.node.path}: p99 latency over ${props.endpoint.spec.latencyAlarmMs} ms`, latency, 'COMPARISON_GT', props.endpoint.spec.latencyAlarmMs, 'ALIGN_PERCENTILE_99', '900s'),
      policy('Errors', `${props.endpoint.node.path}: prediction errors`, errors, 'COMPARISON_GT', 0, 'ALIGN_SUM', '600s'),
    ];

    const chart = (title: string, filter: string, aligner: string) => ({
      title,
      xyChart: { dataSets: [{ timeSeriesQuery: { timeSeriesFilter: { filter, aggregation: { alignmentPeriod: '300s', perSeriesAligner: aligner } } }, plotType: 'LINE' }] },
    });
    this.dashboard = new MonitoringDashboard(this, 'Dashboard', {
      project,
      dashboardJson: JSON.stringify({
        displayName: `ai-infra ${props.fleet.node.scope?.node.id ?? 'platform'}`,
        mosaicLayout: {
          columns: 12,
          tiles: [
            { xPos: 0, yPos: 0, width: 6, height: 4, widget: chart('GPU utilization (%)', gpu, 'ALIGN_MEAN') },
            { xPos: 6, yPos: 0, width: 6, height: 4, widget: chart('Endpoint p99 latency (ms)', latency, 'ALIGN_PERCENTILE_99') },
            { xPos: 0, yPos: 4, width: 4, height: 4, widget: chart('Prediction errors', errors, 'ALIGN_SUM') },
            { xPos: 4, yPos: 4, width: 4, height: 4, widget: chart('Predictions', responses, 'ALIGN_SUM') },
            {
              xPos: 8,
              yPos: 4,
              width: 4,
              height: 4,
              widget: {
                title: 'Cost per 1,000 predictions',
                text: { format: 'MARKDOWN', content: 'Cost per 1,000 predictions = serving $/hour x replicas / predictions per hour x 1000. The serving machine type has no price in the library catalog yet, so the figure is not charted.' },
              },
            },
          ],
        },
      }),
    });
  }
}
