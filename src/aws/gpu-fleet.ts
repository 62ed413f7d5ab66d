import { Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AWS_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { ManagedPolicyRole } from './managed-policy-role';
import { recordResources } from './manifest';
import { acknowledge, acknowledgeCompliance, acknowledgeGuard } from './nag';
import { Cloud } from '../core/catalog/cloud';
import { CpuArchitecture } from '../core/catalog/instance-type';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { EfaInterfaceMode, GpuFleetSpec, GpuFleetSpecProps, NicRole } from '../core/specs/gpu-fleet-spec';
import { PurchaseKind } from '../core/specs/purchase';
import { Validation, ValidationProblem } from '../core/validation';

/**
 * Nitro instance families of the catalog that Control Tower's CT.EC2.PR.15 (cfn-guard `ec2_launch_template_nitro_instance_type_check`,
 * cdk-validator-cfnguard 0.0.62) does not list yet.
 */
const NITRO_AFTER_CT_EC2_PR_15 = ['g6', 'g6e', 'g7e', 'p5e', 'p5en', 'p6-b200', 'p6-b300', 'p6e-gb200', 'trn2'];

/**
 * SSM public parameters of the AWS Deep Learning AMIs, resolved by CloudFormation at deploy time, by accelerator
 * vendor and host architecture (catalog `architecture`). The arm64 (Grace) NVIDIA DLAMI sits beside the x86_64 one
 * under `/aws/service/deeplearning/ami/arm64/` (same image name; parameter seen in several public deployment
 * scripts, code search); the Neuron DLAMI is x86_64 only.
 */
const DLAMI: Record<string, Record<string, string>> = {
  nvidia: {
    [CpuArchitecture.X86_64]: '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id',
    [CpuArchitecture.ARM64]: '/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id',
  },
  aws: {
    [CpuArchitecture.X86_64]: '/aws/service/neuron/dlami/multi-framework/ubuntu-22.04/latest/image_id',
  },
};

/** Namespace the CloudWatch agent publishes GPU metrics to. */
const GPU_METRICS_NAMESPACE = 'CWAgent';

/**
 * Properties of an AWS GPU compute fleet.
 */
export interface GpuFleetProps extends GpuFleetSpecProps {
  /** The cluster network the fleet runs in (its cluster subnet and EFA security group). */
  readonly network: ClusterNetwork;
  /**
   * Interface type that carries the EFA fabric (types with EFA only). A fleet given only its network runs in the
   * network's mode (`aws.ClusterNetworkProps.efaInterfaceMode`, which sized the cluster subnet: in `EFA` mode every
   * EFA interface takes an address); another mode than the network's is refused. AWS only: Google Cloud and Azure
   * refuse it by name.
   * @default - the network's mode, else EfaInterfaceMode.EFA_ONLY
   */
  readonly efaInterfaceMode?: EfaInterfaceMode;
  /**
   * Machine image.
   * @default - the AWS Deep Learning Base AMI (NVIDIA driver, Ubuntu 22.04) or the Neuron DLAMI for
   *   Trainium and Inferentia, resolved from the public SSM parameter at deploy time (no account at synth)
   */
  readonly machineImage?: ec2.IMachineImage;
  /**
   * Extra user data commands, run after the GPU metrics agent is set up.
   * @default - none
   */
  readonly userDataCommands?: string[];
}

/**
 * A GPU fleet: launch template plus auto scaling group in the cluster subnet, with one EFA interface
 * per network card from the catalog, cluster placement, IMDSv2, an encrypted gp3 root volume,
 * Session Manager access (no SSH key, no public IP), a least-privilege instance role, and alarms.
 *
 * @example
 * declare const network: aws.ClusterNetwork;
 * const fleet = new aws.GpuFleet(this, 'Training', {
 *   instanceType: InstanceType.P5_48XLARGE,
 *   nodes: 4,
 *   purchase: PurchaseOption.spot(),
 *   network,
 * });
 */
export class GpuFleet extends Construct implements iam.IGrantable {
  /** The neutral spec (defaults resolved). */
  public readonly spec: GpuFleetSpec;
  /** The launch template (L2); its L1 holds the network interfaces. */
  public readonly launchTemplate: ec2.LaunchTemplate;
  /** The auto scaling group. */
  public readonly autoScalingGroup: autoscaling.AutoScalingGroup;
  /** The instance role. */
  public readonly role: iam.Role;
  /** The cluster placement group, when the fleet is co-located. */
  public readonly placementGroup?: ec2.PlacementGroup;
  /** Alarm: instances failing status checks. */
  public readonly statusCheckAlarm: cloudwatch.Alarm;
  /** Alarm: fewer instances in service than the minimum. */
  public readonly inServiceAlarm: cloudwatch.Alarm;
  /** Alarm: GPUs idle (only with `gpuMetrics`). */
  public readonly gpuIdleAlarm?: cloudwatch.Alarm;
  /** The scheduled action that scales the fleet to zero, with `scaleToZero`. */
  public readonly scaleDownAction?: autoscaling.ScheduledAction;
  /** The scheduled action that scales the fleet back up, with `scaleToZero`. */
  public readonly scaleUpAction?: autoscaling.ScheduledAction;
  /** The principal to grant to. */
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    requireProps('GpuFleet', this.node.path, props);
    this.spec = GpuFleetSpec.resolve(props, this.node.path, props?.network?.spec?.props?.fleet);
    const problems = [...this.spec.validate(Cloud.AWS), ...unsupportedSettings(AWS_CLOUD, 'GpuFleet', this.spec.props)];
    Validation.throwIfAny('GpuFleet', this.node.path, problems.length > 0 ? problems : gpuMetricsProblems(this.spec));
    if (!(props.network instanceof ClusterNetwork)) {
      throw new Error(`[ai-infra] GpuFleet '${this.node.path}': invalid property\n  - network = ${String(props.network)}: allowed: an aws.ClusterNetwork`);
    }
    const ami = DLAMI[this.spec.instanceType.accelerator.vendor]?.[this.spec.instanceType.architecture];
    if (props.machineImage === undefined && ami === undefined) {
      const t = this.spec.instanceType;
      Validation.throwIfAny('GpuFleet', this.node.path, [Validation.problem('machineImage', undefined,
        `on ${AWS_CLOUD.displayName}: an image for ${t.name} (${t.accelerator.vendor} accelerators on an ${t.architecture} host): the library knows no default image for it`)]);
    }
    const spec = this.spec;
    const type = spec.instanceType;
    const network = props.network;

    this.role = new ManagedPolicyRole(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `GPU fleet ${this.node.path}: Session Manager and the CloudWatch agent only`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    this.grantPrincipal = this.role;
    acknowledge(this.role, 'AmazonSSMManagedInstanceCore is AWS\'s minimal policy for Session Manager, which replaces SSH keys on the nodes',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]');
    if (spec.gpuMetrics) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'], // PutMetricData has no resource type; the condition scopes it
        conditions: { StringEquals: { 'cloudwatch:namespace': GPU_METRICS_NAMESPACE } },
      }));
      acknowledge(this.role, 'cloudwatch:PutMetricData has no resource type; the statement is limited to the GPU metrics namespace by condition',
        'AwsSolutions-IAM5[Resource::*]');
    }

    const userData = ec2.UserData.forLinux();
    if (spec.gpuMetrics && type.accelerator.vendor === 'nvidia') {
      userData.addCommands(...gpuMetricsAgentCommands(type.architecture));
    }
    userData.addCommands(...(props.userDataCommands ?? []));

    if (spec.placement) {
      this.placementGroup = new ec2.PlacementGroup(this, 'PlacementGroup', { strategy: ec2.PlacementGroupStrategy.CLUSTER });
    }

    const spot = spec.purchase.kind === PurchaseKind.SPOT;
    this.launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType: new ec2.InstanceType(type.name),
      machineImage: props.machineImage ?? ec2.MachineImage.fromSsmParameter(ami!, { os: ec2.OperatingSystemType.LINUX }),
      role: this.role,
      userData,
      requireImdsv2: true,
      httpPutResponseHopLimit: 2, // containers on the node reach IMDSv2 through one extra hop
      blockDevices: [{
        deviceName: '/dev/sda1',
        volume: ec2.BlockDeviceVolume.ebs(spec.rootVolumeGiB, {
          volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true, deleteOnTermination: true, iops: 6000, throughput: 500,
        }),
      }],
      placementGroup: this.placementGroup,
      detailedMonitoring: true,
    });

    const cfnLt = this.launchTemplate.node.defaultChild as ec2.CfnLaunchTemplate;
    // Every interface carries its security groups itself; the template sets none at the top level.
    cfnLt.addPropertyOverride('LaunchTemplateData.NetworkInterfaces', spec.nicPlan().map((nic) => ({
      NetworkCardIndex: nic.networkCardIndex,
      DeviceIndex: nic.deviceIndex,
      ...(nic.role === NicRole.FABRIC || type.hasFabric ? { InterfaceType: nic.interfaceType } : {}),
      Groups: [network.efaSecurityGroup.securityGroupId],
      SubnetId: network.clusterSubnet.subnetId,
      DeleteOnTermination: true,
      ...(nic.index === 0 && spec.nicPlan().length === 1 ? { AssociatePublicIpAddress: false } : {}),
    })));
    acknowledgeGuard(this.launchTemplate, 'Containers on the node (training jobs in Docker) reach IMDSv2 through one extra hop; with a hop limit of 1 they get no credentials',
      'ec2_launch_template_token_hop_limit_check');
    if (NITRO_AFTER_CT_EC2_PR_15.includes(type.name.split('.')[0])) {
      acknowledgeGuard(this.launchTemplate, `${type.name} is built on the AWS Nitro System (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html); ` +
        'the control\'s list of Nitro types predates its family', 'ec2_launch_template_nitro_instance_type_check');
    }
    if (spec.nicPlan().length > 1) {
      acknowledgeGuard(this.launchTemplate, 'EC2 refuses AssociatePublicIpAddress on a launch with several network interfaces, and assigns no public IPv4 to such an instance; the cluster subnet does not map public IPs either',
        'ec2_launch_template_public_ip_disabled_check');
    }
    if (spec.purchase.kind === PurchaseKind.RESERVATION || spec.purchase.kind === PurchaseKind.CAPACITY_BLOCK) {
      cfnLt.addPropertyOverride('LaunchTemplateData.CapacityReservationSpecification', {
        CapacityReservationTarget: { CapacityReservationId: spec.purchase.reservationId },
      });
    }
    if (spec.purchase.kind === PurchaseKind.CAPACITY_BLOCK) {
      cfnLt.addPropertyOverride('LaunchTemplateData.InstanceMarketOptions', { MarketType: 'capacity-block' });
    }

    this.autoScalingGroup = new autoscaling.AutoScalingGroup(this, 'Group', {
      vpc: network.vpc,
      vpcSubnets: { subnets: [network.clusterSubnet] },
      minCapacity: spec.minNodes,
      maxCapacity: spec.maxNodes,
      // desired only where it differs from the minimum: a set desired capacity resets the group on every
      // deploy (aws/aws-cdk#5215), which would undo the scale-to-zero schedule
      desiredCapacity: spec.nodes !== spec.minNodes ? spec.nodes : undefined,
      groupMetrics: [autoscaling.GroupMetrics.all()],
      healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(15) }),
      ...(spot
        ? {
          mixedInstancesPolicy: {
            launchTemplate: this.launchTemplate,
            instancesDistribution: {
              onDemandBaseCapacity: 0,
              onDemandPercentageAboveBaseCapacity: 0,
              spotAllocationStrategy: autoscaling.SpotAllocationStrategy.CAPACITY_OPTIMIZED,
              spotMaxPrice: spec.purchase.maxPricePerHour !== undefined ? String(spec.purchase.maxPricePerHour) : undefined,
            },
          },
          capacityRebalance: true,
        }
        : { launchTemplate: this.launchTemplate }),
    });

    if (spot) {
      acknowledge(this.autoScalingGroup, 'The launch template encrypts the root volume (gp3, Encrypted: true); the rule cannot follow the mixed instances policy\'s reference to it',
        'AwsSolutions-EC26');
      acknowledgeCompliance(this.autoScalingGroup, 'The launch template requires IMDSv2 (HttpTokens: required); the rule cannot follow the mixed instances policy\'s reference to it',
        'EC2IMDSv2Enabled');
    }
    if (spec.nodes !== spec.minNodes) {
      Validations.of(this.autoScalingGroup).acknowledge({ id: '@aws-cdk/aws-autoscaling:desiredCapacitySet', reason: 'desired differs from the minimum on purpose (GpuFleet nodes > minNodes)' });
    }
    acknowledge(this.autoScalingGroup, 'Scaling is observed through group metrics and the in-service and status-check alarms on this fleet',
      'AwsSolutions-AS3');
    acknowledgeGuard(this.autoScalingGroup, 'A training fleet runs in one cluster subnet (one Availability Zone, in a cluster placement group where set): EFA and collectives need every node in the same zone',
      'autoscaling_multiple_az_check');
    acknowledgeGuard(this.autoScalingGroup, 'A training job needs identical nodes (the same accelerators and EFA layout on each); another type would not join the collective',
      'autoscaling_mixed_instances_policy_multiple_instance_types_check');

    const schedule = spec.scaleToZero;
    if (schedule) {
      this.scaleDownAction = this.autoScalingGroup.scaleOnSchedule('ScaleToZero', {
        schedule: autoscaling.Schedule.expression(schedule.scaleDownCron!),
        timeZone: schedule.timeZone,
        minCapacity: 0,
        maxCapacity: 0,
        desiredCapacity: 0,
      });
      this.scaleUpAction = this.autoScalingGroup.scaleOnSchedule('ScaleUp', {
        schedule: autoscaling.Schedule.expression(schedule.scaleUpCron!),
        timeZone: schedule.timeZone,
        minCapacity: spec.minNodes,
        maxCapacity: spec.maxNodes,
        desiredCapacity: spec.nodes,
      });
    }

    this.statusCheckAlarm = this.metricStatusCheckFailed().createAlarm(this, 'StatusCheckAlarm', {
      alarmDescription: `${this.node.path}: an instance fails its EC2 status checks`,
      threshold: 1,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.inServiceAlarm = this.metricInServiceInstances().createAlarm(this, 'InServiceAlarm', {
      alarmDescription: `${this.node.path}: fewer instances in service than the minimum (${spec.minNodes})`,
      threshold: spec.minNodes,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (spec.gpuMetrics && type.accelerator.vendor === 'nvidia') {
      this.gpuIdleAlarm = this.metricGpuUtilization({ period: Duration.minutes(15) }).createAlarm(this, 'GpuIdleAlarm', {
        alarmDescription: `${this.node.path}: GPUs under ${spec.idleGpuPercent}% busy for an hour (paying for idle accelerators)`,
        threshold: spec.idleGpuPercent,
        evaluationPeriods: 4,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    recordResources(this, 'GpuFleet', {
      launchTemplate: this.launchTemplate,
      autoScalingGroup: this.autoScalingGroup,
      placementGroup: this.placementGroup,
      scaleDown: this.scaleDownAction,
      scaleUp: this.scaleUpAction,
      alarms: [this.statusCheckAlarm, this.inServiceAlarm, this.gpuIdleAlarm],
    });
  }

  /** EFA interfaces each node gets (one per network card for EFA types, 0 otherwise). */
  public get efaInterfaceCount(): number {
    return this.spec.nicPlan().filter((n) => n.interfaceType === 'efa' || n.interfaceType === 'efa-only').length;
  }

  /** Average GPU utilization (percent) across the fleet, from the CloudWatch agent. */
  public metricGpuUtilization(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: GPU_METRICS_NAMESPACE,
      metricName: 'nvidia_smi_utilization_gpu',
      dimensionsMap: { AutoScalingGroupName: this.autoScalingGroup.autoScalingGroupName },
      statistic: 'Average',
      ...props,
    });
  }

  /** Instances in service. */
  public metricInServiceInstances(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/AutoScaling',
      metricName: 'GroupInServiceInstances',
      dimensionsMap: { AutoScalingGroupName: this.autoScalingGroup.autoScalingGroupName },
      statistic: 'Minimum',
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** Instances failing EC2 status checks. */
  public metricStatusCheckFailed(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/EC2',
      metricName: 'StatusCheckFailed',
      dimensionsMap: { AutoScalingGroupName: this.autoScalingGroup.autoScalingGroupName },
      statistic: 'Maximum',
      period: Duration.minutes(5),
      ...props,
    });
  }

  /** The region the fleet deploys to (a token in environment-agnostic stacks). */
  public get region(): string {
    return Stack.of(this).region;
  }
}

/**
 * GPU metrics come from the CloudWatch agent's `nvidia_gpu` plugin (nvidia-smi): NVIDIA GPUs only. An explicit
 * `gpuMetrics: true` on Trainium or Inferentia, or an idle threshold without the metrics, would be dropped: refused.
 */
function gpuMetricsProblems(spec: GpuFleetSpec): ValidationProblem[] {
  const p: ValidationProblem[] = [];
  const nvidia = spec.instanceType.accelerator.vendor === 'nvidia';
  const props = spec.props;
  if (props.gpuMetrics === true && !nvidia) {
    p.push(Validation.problem('gpuMetrics', true, `on ${AWS_CLOUD.displayName}: false or unset for ${spec.instanceType.name} ` +
      '(the CloudWatch agent\'s nvidia_gpu metrics need NVIDIA GPUs)'));
  }
  if (props.idleGpuPercent !== undefined && !(spec.gpuMetrics && nvidia)) {
    p.push(Validation.problem('idleGpuPercent', props.idleGpuPercent, `on ${AWS_CLOUD.displayName}: unset unless gpuMetrics is on for an NVIDIA type ` +
      '(the idle alarm reads the GPU metrics)'));
  }
  return p;
}

/**
 * Installs the CloudWatch agent and publishes nvidia-smi metrics per auto scaling group. The package for the host's
 * architecture: `ubuntu/amd64` or `ubuntu/arm64` (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/download-CloudWatch-Agent-on-EC2-Instance-commandline-first.html).
 */
function gpuMetricsAgentCommands(architecture: CpuArchitecture): string[] {
  const debArch = architecture === CpuArchitecture.ARM64 ? 'arm64' : 'amd64';
  const config = {
    agent: { metrics_collection_interval: 60 },
    metrics: {
      namespace: GPU_METRICS_NAMESPACE,
      append_dimensions: { AutoScalingGroupName: '${aws:AutoScalingGroupName}', InstanceId: '${aws:InstanceId}' },
      aggregation_dimensions: [['AutoScalingGroupName']],
      metrics_collected: {
        nvidia_gpu: { measurement: ['utilization_gpu', 'utilization_memory', 'memory_used', 'temperature_gpu', 'power_draw'] },
      },
    },
  };
  return [
    'set -euo pipefail',
    'if ! command -v /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl >/dev/null; then',
    `  curl -fsSL -o /tmp/cwagent.deb https://amazoncloudwatch-agent-${Fn.ref('AWS::Region')}.s3.${Fn.ref('AWS::Region')}.amazonaws.com/ubuntu/${debArch}/latest/amazon-cloudwatch-agent.deb`,
    '  dpkg -i -E /tmp/cwagent.deb',
    'fi',
    `cat > /opt/aws/amazon-cloudwatch-agent/etc/ai-infra-gpu.json <<'JSON'\n${JSON.stringify(config)}\nJSON`,
    '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/ai-infra-gpu.json',
  ];
}
