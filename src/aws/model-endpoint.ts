import { Annotations, Arn, Aws, CfnMapping, Duration, Names, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { AWS_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { dlcRegistryAccounts } from './dlc-accounts';
import { limitGrantsToAwsServices } from './kms-policy';
import { ManagedPolicyRole } from './managed-policy-role';
import { recordResources } from './manifest';
import { acknowledge, acknowledgeCompliance } from './nag';
import { isNeuronServingFamily, isNvidiaServingFamily, servingInstanceSize } from './serving-instances';
import { TieredStorage } from './tiered-storage';
import { Cloud } from '../core/catalog/cloud';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { EndpointMode, ModelEndpointSpec, ModelEndpointSpecProps, ScalingMetric } from '../core/specs/model-endpoint-spec';
import { Validation, ValidationProblem } from '../core/validation';

/** SageMaker instance families with local NVMe storage: SageMaker refuses a volume KMS key for them. */
const INSTANCE_STORAGE_FAMILIES = ['g4dn', 'g5', 'g6', 'g6e', 'p3dn', 'p4d', 'p4de', 'p5', 'p5e', 'p5en', 'm5d', 'c5d', 'r5d', 'm6id', 'c6id', 'r6id'];
const VARIANT = 'AllTraffic';
/** Where SageMaker publishes endpoint instance metrics (CPUUtilization, GPUUtilization, ...). */
const INSTANCE_METRICS = '/aws/sagemaker/Endpoints';
/** The default inference containers (AWS Deep Learning Containers, PyTorch 2.3): CUDA for NVIDIA types, CPU otherwise. */
const DLC_GPU = 'pytorch-inference:2.3.0-gpu-py311-cu121-ubuntu20.04-sagemaker';
const DLC_CPU = 'pytorch-inference:2.3.0-cpu-py311-ubuntu20.04-sagemaker';
/** The network's interface endpoint callers reach SageMaker runtime through. */
const RUNTIME_ENDPOINT = ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME.shortName;
/** SageMaker Serverless Inference does not support these (https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html, feature exclusions). */
const SERVERLESS_EXCLUSION = 'SageMaker Serverless Inference supports no data capture, VPC configuration or network isolation';

/**
 * Properties of an AWS SageMaker endpoint.
 */
export interface ModelEndpointProps extends ModelEndpointSpecProps {
  /**
   * Serving mode: real-time, serverless or asynchronous (SageMaker's modes; Google Cloud and Azure serve real-time only
   * and refuse another mode by name).
   * @default EndpointMode.REALTIME
   */
  readonly mode?: EndpointMode;
  /**
   * Run the model container without network access (SageMaker network isolation: the model data and image still
   * arrive through SageMaker, the container itself reaches nothing).
   * @default - true on AWS for real-time and async endpoints; false for serverless endpoints (SageMaker Serverless
   *   Inference does not support it)
   */
  readonly networkIsolation?: boolean;
  /**
   * Serverless: memory in MiB (1024 to 6144, steps of 1024).
   * @default 4096
   */
  readonly serverlessMemoryMiB?: number;
  /**
   * Serverless: maximum concurrent invocations (1 to 200).
   * @default 20
   */
  readonly serverlessMaxConcurrency?: number;
  /** Storage holding the model artifact (read) and receiving data capture (write). */
  readonly storage: TieredStorage;
  /** The cluster network: the model runs in its private subnets behind its endpoint security group. */
  readonly network: ClusterNetwork;
  /**
   * Inference container image URI.
   * @default - the AWS Deep Learning Container for PyTorch 2.3 inference (GPU for NVIDIA types, CPU for CPU types and
   *   serverless) from the registry account of the stack's region (a CloudFormation mapping over the known regions
   *   when the stack is environment-agnostic); required for Inferentia and Trainium types
   */
  readonly image?: string;
  /**
   * Key of the model artifact in the storage bucket: setting it says the artifact is there (as `modelArtifact` does).
   * @default - `modelArtifact`; without either the endpoint is pending and its role may read `models/model.tar.gz`,
   *   where the second step uploads the artifact
   * @deprecated use `modelArtifact` (a key in the storage bucket or an `s3://` URI)
   */
  readonly modelDataKey?: string;
}

/** Where the second step uploads the artifact of a pending endpoint (and what its role may read meanwhile). */
const DEFAULT_MODEL_KEY = 'models/model.tar.gz';

/**
 * A SageMaker model, endpoint configuration and endpoint: private subnets, a least-privilege role,
 * KMS-encrypted volumes where the instance type allows it, data capture to the storage bucket,
 * blue/green deployment with automatic rollback on alarms, target-tracking autoscaling, and alarms
 * on p99 model latency, 5xx errors and idle time.
 *
 * Two steps from an empty account: without `modelArtifact` the endpoint is pending. The first `cdk deploy` creates
 * the role, key, security group and the latency and error alarms, but no model, endpoint configuration or endpoint
 * (SageMaker fails to create a model whose artifact is missing, and the stack would roll back); a synth-time warning
 * names the second step. Upload the `model.tar.gz` (by default to `models/model.tar.gz` in the storage bucket, which
 * the role may read), set `modelArtifact`, and deploy again.
 *
 * @example
 * declare const network: aws.ClusterNetwork;
 * declare const data: aws.TieredStorage;
 * declare const caller: iam.IGrantable;
 * // first deploy without `modelArtifact` (pending); upload models/model.tar.gz to the bucket, then deploy with it
 * const endpoint = new aws.ModelEndpoint(this, 'Serving', {
 *   network,
 *   storage: data,
 *   instanceType: 'ml.g6.xlarge',
 *   maxInstances: 8,
 *   modelArtifact: 'models/model.tar.gz',
 * });
 * endpoint.grantInvoke(caller);
 */
export class ModelEndpoint extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ModelEndpointSpec;
  /** The execution role. */
  public readonly role: iam.Role;
  /** The key for endpoint storage volumes and captured data. */
  public readonly key: kms.Key;
  /** The model (undefined while the endpoint is pending: no `modelArtifact` yet). */
  public readonly model?: sagemaker.CfnModel;
  /**
   * The model containers' security group (not for serverless endpoints, which take no VPC): HTTPS out to the VPC
   * endpoints, nothing in.
   */
  public readonly securityGroup?: ec2.SecurityGroup;
  /** The endpoint configuration (undefined while the endpoint is pending). */
  public readonly endpointConfig?: sagemaker.CfnEndpointConfig;
  /** The endpoint (undefined while the endpoint is pending). */
  public readonly endpoint?: sagemaker.CfnEndpoint;
  /** True when no `modelArtifact` is set yet: no model, endpoint configuration or endpoint is created. */
  public readonly pending: boolean;
  /** The endpoint name (fixed at synth, so alarms and rollback can refer to it). */
  public readonly endpointName: string;
  /** The autoscaling target, when autoscaling applies. */
  public readonly scalableTarget?: appscaling.ScalableTarget;
  /** Alarm: p99 model latency over the threshold. */
  public readonly latencyAlarm: cloudwatch.Alarm;
  /** Alarm: 5xx errors. */
  public readonly errorAlarm: cloudwatch.Alarm;
  /** Alarm: no invocations for an hour (an idle endpoint still costs money); undefined while the endpoint is pending. */
  public readonly idleAlarm?: cloudwatch.Alarm;
  /** The target-tracking policy of `scaling`, when autoscaling applies. */
  public readonly scalingPolicy?: appscaling.TargetTrackingScalingPolicy;
  /** The network's SageMaker runtime interface endpoint, through which `privateOnly` grants admit calls. */
  private readonly runtimeEndpoint?: ec2.InterfaceVpcEndpoint;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    requireProps('ModelEndpoint', this.node.path, props);
    // an explicit modelDataKey (deprecated) says the artifact is there, as modelArtifact does
    const artifact = props.modelArtifact ?? props.modelDataKey;
    this.spec = new ModelEndpointSpec({ ...props, modelArtifact: artifact });
    const problems = [...this.spec.validate(Cloud.AWS), ...unsupportedSettings(AWS_CLOUD, 'ModelEndpoint', props)];
    if (props.modelArtifact !== undefined && props.modelDataKey !== undefined) {
      problems.push(Validation.problem('modelDataKey', props.modelDataKey, 'unset when modelArtifact is set (it is the deprecated form of modelArtifact)'));
    }
    Validation.throwIfAny('ModelEndpoint', this.node.path, problems.length > 0 ? problems : this.awsProblems(props));
    const spec = this.spec;
    const type = spec.instanceTypeFor(Cloud.AWS);
    const serverless = spec.mode === EndpointMode.SERVERLESS;
    const captures = spec.dataCapturePercent > 0 && !serverless;
    this.runtimeEndpoint = spec.privateOnly ? props.network.interfaceEndpoints[RUNTIME_ENDPOINT] : undefined;
    this.pending = spec.pending;
    const external = artifact !== undefined && artifact.startsWith('s3://');
    const modelKey = external ? undefined : artifact ?? DEFAULT_MODEL_KEY;
    this.endpointName = Names.uniqueResourceName(this, { maxLength: 63, separator: '-' }).replace(/[^A-Za-z0-9-]/g, '');

    this.key = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `SageMaker endpoint ${this.node.path}: volumes and captured data`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    limitGrantsToAwsServices(this.key);

    this.role = new ManagedPolicyRole(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `SageMaker endpoint ${this.node.path}: read its model, write captured data, pull its image`,
    });
    if (modelKey !== undefined) {
      props.storage.grantRead(this.role, modelKey);
    } else {
      // an artifact in another bucket: read that one object
      const [bucket, ...key] = artifact!.slice('s3://'.length).split('/');
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [Arn.format({ partition: Aws.PARTITION, service: 's3', region: '', account: '', resource: bucket, resourceName: key.join('/') })],
      }));
    }
    if (captures) props.storage.grantPut(this.role, 'data-capture/*');
    if (spec.mode === EndpointMode.ASYNC) props.storage.grantPut(this.role, 'async-output/*');
    this.key.grant(this.role, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant');
    const { policyDependable } = this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ecr:GetAuthorizationToken'],
      resources: ['*'], // the action has no resource type
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
      resources: [`arn:${Aws.PARTITION}:ecr:${Aws.REGION}:*:repository/*`],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/sagemaker/Endpoints/${this.endpointName}*`],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringLike: { 'cloudwatch:namespace': ['/aws/sagemaker/*', 'AWS/SageMaker'] } },
    }));
    acknowledge(this.role, 'ecr:GetAuthorizationToken, cloudwatch:PutMetricData (namespace-conditioned), the EC2 Describe* calls and ec2:DeleteNetworkInterfacePermission have no resource-level permissions',
      'AwsSolutions-IAM5[Resource::*]');
    acknowledge(this.role, 'The inference image may come from any repository of the region (the default is an AWS Deep Learning Container in AWS\'s account)',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ecr:<AWS::Region>:*:repository/*]');
    acknowledge(this.role, 'SageMaker names the endpoint\'s log streams at run time under the endpoint\'s own log group',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/sagemaker/Endpoints/${this.endpointName}*]`);

    if (!serverless) {
      // the container downloads its model data from S3 (gateway endpoint) and pulls its image from ECR and writes its
      // logs (interface endpoints) over HTTPS: without this egress a VPC-attached model cannot start ("Failed to
      // download model data"); the interface endpoints' group admits HTTPS from the VPC
      // (https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html)
      this.securityGroup = new ec2.SecurityGroup(this, 'ModelSecurityGroup', {
        vpc: props.network.vpc,
        allowAllOutbound: false,
        description: 'SageMaker model containers: HTTPS out to the VPC endpoints (model data, image, logs); nothing in',
      });
      this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
        'HTTPS to the S3 gateway endpoint and the ECR and CloudWatch Logs interface endpoints (no internet route unless internetEgress)');
    }

    if (!serverless) this.grantVpcAccess(props.network);

    this.latencyAlarm = this.metricModelLatency().createAlarm(this, 'LatencyAlarm', {
      alarmDescription: `${this.node.path}: p99 model latency over ${spec.latencyAlarmMs} ms`,
      threshold: spec.latencyAlarmMs * 1000, // ModelLatency is in microseconds
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errorAlarm = this.metricInvocation5xxErrors().createAlarm(this, 'ErrorAlarm', {
      alarmDescription: `${this.node.path}: 5xx errors`,
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (this.pending) {
      // no model yet: the first deploy must succeed from an empty bucket (SageMaker refuses a model whose artifact is
      // missing and the whole stack would roll back); the idle alarm would fire on the endpoint that does not exist
      Annotations.of(this).addWarningV2('ai-infra:model-endpoint-pending',
        `${this.node.path} is pending: no modelArtifact, so no SageMaker model, endpoint configuration or endpoint is created. ` +
        `Second step: upload the model.tar.gz (e.g. to s3://<the storage bucket>/${DEFAULT_MODEL_KEY}, which the endpoint's role may read), ` +
        `set modelArtifact: '${DEFAULT_MODEL_KEY}' (or an s3:// URI) and deploy again`);
      recordResources(this, 'ModelEndpoint', { securityGroup: this.securityGroup, alarms: [this.latencyAlarm, this.errorAlarm] },
        { pending: true, instanceType: spec.mode === EndpointMode.SERVERLESS ? 'serverless' : type, minInstances: spec.minInstances, maxInstances: spec.maxInstances });
      return;
    }
    this.idleAlarm = this.metricInvocations({ period: Duration.hours(1) }).createAlarm(this, 'IdleAlarm', {
      alarmDescription: `${this.node.path}: no invocations for an hour (idle instances still bill)`,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });

    const image = props.image ?? `${this.dlcRegistryAccount()}.dkr.ecr.${Aws.REGION}.${Aws.URL_SUFFIX}/${!serverless && isNvidiaServingFamily(type) ? DLC_GPU : DLC_CPU}`;
    this.model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: this.role.roleArn,
      primaryContainer: { image, modelDataUrl: modelKey !== undefined ? props.storage.s3UrlForObject(modelKey) : artifact! },
      // serverless endpoints take no VPC configuration (SERVERLESS_EXCLUSION)
      vpcConfig: serverless ? undefined : {
        subnets: props.network.privateSubnets.map((s) => s.subnetId),
        securityGroupIds: [this.securityGroup!.securityGroupId],
      },
      enableNetworkIsolation: spec.networkIsolationFor(Cloud.AWS),
    });
    // the model is created once the role's policy (not only the role) exists
    if (policyDependable) this.model.node.addDependency(policyDependable);

    const family = type.split('.')[1];
    const volumeKey = spec.mode === EndpointMode.SERVERLESS || INSTANCE_STORAGE_FAMILIES.includes(family) ? undefined : this.key.keyArn;
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'EndpointConfig', {
      kmsKeyId: volumeKey,
      productionVariants: [spec.mode === EndpointMode.SERVERLESS
        ? {
          variantName: VARIANT,
          modelName: this.model.attrModelName,
          serverlessConfig: { memorySizeInMb: spec.serverlessMemoryMiB, maxConcurrency: spec.serverlessMaxConcurrency },
        }
        : {
          variantName: VARIANT,
          modelName: this.model.attrModelName,
          initialInstanceCount: spec.minInstances,
          instanceType: type,
          initialVariantWeight: 1,
        }],
      dataCaptureConfig: captures ? {
        enableCapture: true,
        initialSamplingPercentage: spec.dataCapturePercent,
        destinationS3Uri: props.storage.s3UrlForObject('data-capture'),
        kmsKeyId: this.key.keyArn,
        captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
        captureContentTypeHeader: { jsonContentTypes: ['application/json'] },
      } : undefined,
      asyncInferenceConfig: spec.mode === EndpointMode.ASYNC ? {
        outputConfig: { s3OutputPath: props.storage.s3UrlForObject('async-output'), kmsKeyId: this.key.keyArn },
        clientConfig: { maxConcurrentInvocationsPerInstance: 4 },
      } : undefined,
    });


    if (!volumeKey) {
      acknowledgeCompliance(this.endpointConfig, spec.mode === EndpointMode.SERVERLESS
        ? 'Serverless endpoints take no volume key (SageMaker manages their storage); capture uses the endpoint\'s key'
        : `SageMaker refuses a volume key for ${type}: its storage is local NVMe, encrypted by the hardware; capture and output use the endpoint's key`,
      'SageMakerEndpointConfigurationKMSKeyConfigured');
    }
    this.endpoint = new sagemaker.CfnEndpoint(this, 'Endpoint', {
      endpointName: this.endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
      deploymentConfig: spec.mode === EndpointMode.SERVERLESS ? undefined : {
        blueGreenUpdatePolicy: {
          trafficRoutingConfiguration: {
            type: 'CANARY',
            canarySize: { type: 'CAPACITY_PERCENT', value: 10 },
            waitIntervalInSeconds: 600,
          },
          terminationWaitInSeconds: 600,
          maximumExecutionTimeoutInSeconds: 3600,
        },
        autoRollbackConfiguration: {
          alarms: [{ alarmName: this.latencyAlarm.alarmName }, { alarmName: this.errorAlarm.alarmName }],
        },
      },
    });

    if (spec.autoscaling) {
      this.scalableTarget = new appscaling.ScalableTarget(this, 'Scaling', {
        serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
        resourceId: `endpoint/${this.endpointName}/variant/${VARIANT}`,
        scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
        minCapacity: spec.minInstances,
        maxCapacity: spec.maxInstances,
        // the service-linked role Application Auto Scaling creates for SageMaker, not a new role
        role: iam.Role.fromRoleArn(this, 'ScalingRole', Stack.of(this).formatArn({
          service: 'iam',
          region: '',
          resource: 'role',
          resourceName: 'aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
        })),
      });
      this.scalableTarget.node.addDependency(this.endpoint);
      this.scalingPolicy = this.renderScaling(this.scalableTarget, type);
    }
    recordResources(this, 'ModelEndpoint', {
      endpoint: this.endpoint,
      endpointConfig: this.endpointConfig,
      model: this.model,
      securityGroup: this.securityGroup,
      scalableTarget: this.scalableTarget,
      alarms: [this.latencyAlarm, this.errorAlarm, this.idleAlarm],
    });
  }

  /**
   * The EC2 permissions SageMaker uses with the execution role to attach the model's containers to the VPC
   * (https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createmodel-perms), scoped
   * to this network (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html):
   * CreateNetworkInterface only in the private subnets and with the model's security group, and the network-interface
   * actions only on interfaces in this VPC (`ec2:Vpc`); the Describe* calls and DeleteNetworkInterfacePermission
   * (keyed by a permission id) support no resource-level permissions and stay on `*`.
   */
  private grantVpcAccess(network: ClusterNetwork): void {
    const ec2Arn = (resource: string) => `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:${resource}`;
    const vpcArn = ec2Arn(`vpc/${network.vpc.vpcId}`);
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface'],
      resources: [...network.privateSubnets.map((s) => ec2Arn(`subnet/${s.subnetId}`)), ec2Arn(`security-group/${this.securityGroup!.securityGroupId}`)],
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterface'],
      resources: [ec2Arn('network-interface/*')],
      conditions: { ArnEquals: { 'ec2:Vpc': vpcArn } },
    }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
        'ec2:DeleteNetworkInterfacePermission'],
      resources: ['*'],
    }));
    acknowledge(this.role, 'SageMaker creates the model\'s network interfaces at run time; the statement admits only interfaces in this VPC (ec2:Vpc)',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*]');
  }

  /**
   * Target tracking of `scaling` (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html):
   * requests per instance on the predefined `SageMakerVariantInvocationsPerInstance`; GPU and CPU utilization on the
   * customized metrics `GPUUtilization` / `CPUUtilization` of `/aws/sagemaker/Endpoints`, which SageMaker reports
   * summed over the instance's GPUs or vCPUs, so the target is the percent times their count.
   */
  private renderScaling(target: appscaling.ScalableTarget, type: string): appscaling.TargetTrackingScalingPolicy {
    const scaling = this.spec.scaling;
    const cooldowns = { scaleInCooldown: Duration.minutes(10), scaleOutCooldown: Duration.minutes(2) };
    switch (scaling.metric) {
      case ScalingMetric.GPU_UTILIZATION:
        return target.scaleToTrackMetric('GpuUtilization', {
          customMetric: this.metricGpuUtilization(), targetValue: scaling.target * servingInstanceSize(type)!.gpus, ...cooldowns,
        });
      case ScalingMetric.CPU_UTILIZATION:
        return target.scaleToTrackMetric('CpuUtilization', {
          customMetric: this.metricCpuUtilization(), targetValue: scaling.target * servingInstanceSize(type)!.vcpus, ...cooldowns,
        });
      default:
        return target.scaleToTrackMetric('InvocationsPerInstance', {
          predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE, targetValue: scaling.target, ...cooldowns,
        });
    }
  }

  /**
   * The Deep Learning Containers registry account of the stack's region: from the table when the region is known
   * (an unknown one is refused by `awsProblems`), else a CloudFormation mapping over the known regions, looked up
   * with `AWS::Region` at deploy time (a region missing from it fails the deploy instead of pulling from a wrong account).
   */
  private dlcRegistryAccount(): string {
    const accounts = dlcRegistryAccounts();
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region)) return accounts[region];
    const mapping = new CfnMapping(this, 'DlcRegistryAccounts', {
      mapping: Object.fromEntries(Object.entries(accounts).map(([r, account]) => [r, { account }])),
    });
    return mapping.findInMap(Aws.REGION, 'account');
  }

  /** Refusals that depend on another prop, the serving type or the stack's region. */
  private awsProblems(props: ModelEndpointProps): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const spec = this.spec;
    const type = spec.instanceTypeFor(Cloud.AWS);
    const on = `on ${AWS_CLOUD.displayName}`;
    if (spec.mode === EndpointMode.SERVERLESS) {
      if (props.dataCapturePercent !== undefined && props.dataCapturePercent > 0) {
        p.push(Validation.problem('dataCapturePercent', props.dataCapturePercent, `${on}: 0 or unset with mode serverless (${SERVERLESS_EXCLUSION})`));
      }
      if (props.networkIsolation === true) {
        p.push(Validation.problem('networkIsolation', true, `${on}: false or unset with mode serverless (${SERVERLESS_EXCLUSION})`));
      }
    }
    if (props.image === undefined) {
      const region = Stack.of(this).region;
      if (!Token.isUnresolved(region) && dlcRegistryAccounts()[region] === undefined) {
        p.push(Validation.problem('image', `unset in region ${region}`, `${on}: an image URI: no Deep Learning Containers registry account is known for ${region} ` +
          `(known: ${Object.keys(dlcRegistryAccounts()).join(', ')})`));
      }
      if (spec.mode !== EndpointMode.SERVERLESS && isNeuronServingFamily(type)) {
        p.push(Validation.problem('image', 'unset', `${on}: an image URI for ${type} (a Neuron container; the default PyTorch container runs on NVIDIA GPUs or CPUs)`));
      }
    }
    if (spec.privateOnly && props.network?.interfaceEndpoints?.[RUNTIME_ENDPOINT] === undefined) {
      p.push(Validation.problem('privateOnly', true, `${on}: false, or a network with the ${RUNTIME_ENDPOINT} interface endpoint ` +
        '(private-only grants admit calls only through it; SageMaker endpoints take no resource policy)'));
    }
    if (!spec.autoscaling) {
      // the deprecated alias first: with both set the spec already refused one of them
      for (const prop of ['targetInvocationsPerInstance', 'scaling'] as const) {
        if (props[prop] !== undefined) {
          p.push(Validation.problem(prop, prop === 'scaling' ? String(props[prop]) : props[prop], `${on}: unset unless autoscaling applies (mode realtime and maxInstances > minInstances)`));
        }
      }
      return p;
    }
    const scaling = spec.scaling;
    if (scaling.metric === ScalingMetric.REQUESTS_PER_INSTANCE) return p;
    const size = servingInstanceSize(type);
    const shown = props.scaling === undefined ? `${scaling} (the default)` : String(scaling);
    const gpu = scaling.metric === ScalingMetric.GPU_UTILIZATION;
    if (!size) {
      p.push(Validation.problem('scaling', shown, `${on}: requestsPerInstance(perMinute) for ${type}, whose ${gpu ? 'GPU' : 'vCPU'} count is not known ` +
        '(SageMaker sums utilization over them, so the target needs it); or a type of the serving table, e.g. ml.g5.xlarge'));
    } else if (gpu && size.gpus === 0) {
      p.push(Validation.problem('scaling', shown, `${on}: cpuUtilization(percent) or requestsPerInstance(perMinute) for ${type} (it has no NVIDIA GPUs)`));
    }
    return p;
  }

  /** The endpoint ARN. */
  public get endpointArn(): string {
    return Stack.of(this).formatArn({ service: 'sagemaker', resource: 'endpoint', resourceName: this.endpointName.toLowerCase() });
  }

  /**
   * Grants `sagemaker:InvokeEndpoint` (and the async variant) on this endpoint. With `privateOnly` (the default) the
   * grant admits calls only through the network's SageMaker runtime interface endpoint (`aws:SourceVpce`): SageMaker
   * endpoints take no resource policy, so the grant is where the restriction can be carried.
   */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['sagemaker:InvokeEndpoint', 'sagemaker:InvokeEndpointAsync'],
      resourceArns: [this.endpointArn],
      conditions: this.runtimeEndpoint ? { StringEquals: { 'aws:SourceVpce': this.runtimeEndpoint.vpcEndpointId } } : undefined,
    });
  }

  /** A metric of this endpoint's variant in `AWS/SageMaker`. */
  public metric(metricName: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/SageMaker',
      metricName,
      dimensionsMap: { EndpointName: this.endpointName, VariantName: VARIANT },
      period: Duration.minutes(5),
      ...props,
    });
  }

  /**
   * GPU utilization of the variant's instances (`/aws/sagemaker/Endpoints`): per instance the sum over its GPUs,
   * 0-100 x GPUs; the average across instances.
   */
  public metricGpuUtilization(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.instanceMetric('GPUUtilization', props);
  }

  /** CPU utilization of the variant's instances (`/aws/sagemaker/Endpoints`): per instance 0-100 x vCPUs; the average across instances. */
  public metricCpuUtilization(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.instanceMetric('CPUUtilization', props);
  }

  private instanceMetric(metricName: string, props: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: INSTANCE_METRICS,
      metricName,
      dimensionsMap: { EndpointName: this.endpointName, VariantName: VARIANT },
      statistic: 'Average',
      period: Duration.minutes(1),
      ...props,
    });
  }

  /** p99 model latency (microseconds). */
  public metricModelLatency(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('ModelLatency', { statistic: 'p99', ...props });
  }

  /** Invocations (sum). */
  public metricInvocations(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('Invocations', { statistic: 'Sum', ...props });
  }

  /** 5xx errors (sum). */
  public metricInvocation5xxErrors(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metric('Invocation5XXErrors', { statistic: 'Sum', ...props });
  }
}
