import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { GpuFleet } from './gpu-fleet';
import { limitGrantsToAwsServices } from './kms-policy';
import { recordResources } from './manifest';
import { ModelEndpoint } from './model-endpoint';
import { Cloud } from '../core/catalog/cloud';
import { isEmail, requireProps } from '../core/internal/checks';
import { servingCostTile } from '../core/internal/serving-cost';
import { EndpointMode } from '../core/specs/model-endpoint-spec';

/** Properties of AWS platform monitoring. */
export interface PlatformMonitoringProps {
  /** The training fleet. */
  readonly fleet: GpuFleet;
  /** The endpoint. */
  readonly endpoint: ModelEndpoint;
  /**
   * Email address subscribed to the alarm topic.
   * @default - the topic has no subscription; subscribe your own target
   */
  readonly alertEmail?: string;
}

/**
 * A CloudWatch dashboard (GPU utilization, endpoint p99 latency, error rate, invocations, estimated cost per
 * 1,000 predictions) and an encrypted SNS topic that every fleet and endpoint alarm notifies.
 *
 * @example
 * declare const fleet: aws.GpuFleet;
 * declare const endpoint: aws.ModelEndpoint;
 * new aws.PlatformMonitoring(this, 'Monitoring', { fleet, endpoint, alertEmail: 'ml-oncall@example.com' });
 */
export class PlatformMonitoring extends Construct {
  /** The dashboard. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The topic alarms notify. */
  public readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: PlatformMonitoringProps) {
    super(scope, id);
    requireProps('PlatformMonitoring', this.node.path, props, {
      fleet: [(v) => v instanceof GpuFleet, 'a GpuFleet of this cloud'],
      endpoint: [(v) => v instanceof ModelEndpoint, 'a ModelEndpoint of this cloud'],
    });
    if (props.alertEmail !== undefined && !isEmail(props.alertEmail)) {
      throw new Error(`[ai-infra] PlatformMonitoring '${this.node.path}': invalid property\n  - alertEmail = '${props.alertEmail}': allowed: an email address`);
    }
    const key = new kms.Key(this, 'TopicKey', { enableKeyRotation: true, description: `Alarm topic of ${this.node.path}`, removalPolicy: RemovalPolicy.RETAIN });
    limitGrantsToAwsServices(key);
    key.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'], // a key policy's resource is the key itself
    }));
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: key, enforceSSL: true, displayName: 'ai-infra platform alarms' });
    if (props.alertEmail) this.alarmTopic.addSubscription(new subs.EmailSubscription(props.alertEmail));

    const action = new actions.SnsAction(this.alarmTopic);
    const f = props.fleet;
    const e = props.endpoint;
    for (const alarm of [f.statusCheckAlarm, f.inServiceAlarm, f.gpuIdleAlarm, e.latencyAlarm, e.errorAlarm, e.idleAlarm]) {
      alarm?.addAlarmAction(action);
      alarm?.addOkAction(action);
    }

    const period = Duration.hours(1);
    const invocations = e.metricInvocations({ period });
    const errors = e.metricInvocation5xxErrors({ period });
    // the same tile rules as Google Cloud and Azure (src/core/internal/serving-cost.ts): the catalog price the cost
    // estimate charges, named in the title; a pending endpoint or an unpriced type gets a text saying why. Serverless
    // endpoints are billed per request and compute time, not per instance-hour: a text too.
    const tile = e.spec.mode === EndpointMode.SERVERLESS
      ? { kind: 'text' as const, title: 'Cost per 1,000 predictions', text: `Cost per 1,000 predictions: ${e.node.path} is a serverless endpoint, billed per request and compute duration (not per instance-hour), so no instance-hour chart.` }
      : servingCostTile(Cloud.AWS, e.node.path, e.spec.instanceTypeFor(Cloud.AWS), e.spec.minInstances, e.pending);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'GPU utilization (%)', left: [f.metricGpuUtilization({ period: Duration.minutes(5) })], leftYAxis: { min: 0, max: 100 }, width: 12 }),
          new cloudwatch.GraphWidget({ title: 'Endpoint p99 model latency (ms)', left: [new cloudwatch.MathExpression({ expression: 'lat / 1000', usingMetrics: { lat: e.metricModelLatency() }, label: 'p99 ms' })], width: 12 }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Endpoint error rate (%)',
            left: [new cloudwatch.MathExpression({ expression: '100 * err / MAX([inv, 1])', usingMetrics: { err: errors, inv: invocations }, label: '5xx %', period })],
            width: 8,
          }),
          new cloudwatch.GraphWidget({ title: 'Invocations per hour', left: [invocations], width: 8 }),
          tile.kind === 'chart'
            ? new cloudwatch.GraphWidget({
              title: tile.title,
              left: [new cloudwatch.MathExpression({
                // an hour without invocations has no point: IF without a false value returns none for it (no clamp,
                // no division by zero; CloudWatch metric math, IF(condition, trueValue[, falseValue]))
                expression: `IF(inv > 0, 1000 * ${tile.usdPerHour} / inv)`, usingMetrics: { inv: invocations }, label: 'USD per 1,000', period,
              })],
              width: 8,
            })
            : new cloudwatch.TextWidget({ markdown: `### ${tile.title}\n\n${tile.text}`, width: 8 }),
        ],
      ],
    });
    recordResources(this, 'PlatformMonitoring', { alarmTopic: this.alarmTopic, dashboard: this.dashboard });
  }
}
