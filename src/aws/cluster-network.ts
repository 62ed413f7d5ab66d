import { Aws, Fn, Reference, RemovalPolicy, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AWS_CLOUD } from './cloud';
import { limitGrantsToAwsServices } from './kms-policy';
import { ManagedPolicyRole } from './managed-policy-role';
import { recordResources } from './manifest';
import { acknowledge, acknowledgeCompliance, acknowledgeGuard } from './nag';
import { PlannedSubnets, PRIVATE_SUBNETS, PUBLIC_SUBNETS } from './planned-subnets';
import { Cloud } from '../core/catalog/cloud';
import { InstanceType } from '../core/catalog/instance-type';
import { InterconnectKind } from '../core/catalog/network-layout';
import { regionProblems } from '../core/catalog/regions';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { ClusterNetworkSpec, ClusterNetworkSpecProps } from '../core/specs/cluster-network-spec';
import { EfaInterfaceMode, GpuFleetSpec } from '../core/specs/gpu-fleet-spec';
import { Validation, ValidationProblem } from '../core/validation';

/**
 * Properties of an AWS cluster network.
 */
export interface ClusterNetworkProps extends ClusterNetworkSpecProps {
  /**
   * Zones for the general private subnets (1 to 6, at most the zones the stack's region offers). The cluster subnet is
   * always in one zone. AWS only: Google Cloud and Azure subnets are regional and span every zone, and those clouds
   * refuse it by name.
   * @default 2
   */
  readonly zones?: number;
  /**
   * The EFA interface mode of `fleet`, which sizes the cluster subnet: in `EfaInterfaceMode.EFA` every EFA interface
   * takes an address from the cluster subnet (p5.48xlarge: 32 a node), in `EfaInterfaceMode.EFA_ONLY` only the ENA
   * primary does (one a node). The network records it in its fleet spec (`spec.props.fleet`), so a `GpuFleet` given
   * only the network runs in it and one that gives the other mode is refused. Only with a `fleet` of an EFA type.
   * AWS only: Google Cloud and Azure refuse it by name.
   * @default - the fleet's own mode when its props carry one, else EfaInterfaceMode.EFA_ONLY
   */
  readonly efaInterfaceMode?: EfaInterfaceMode;
  /**
   * Use an existing VPC instead of creating one. The cluster subnet is then `existingClusterSubnet`,
   * or the first isolated (else private) subnet of the VPC; endpoints and flow logs are still added.
   * @default - a new VPC
   */
  readonly vpc?: ec2.IVpc;
  /**
   * With `vpc`: the single-zone subnet the fleet runs in.
   * @default - the first isolated subnet of `vpc`, else its first private subnet
   */
  readonly existingClusterSubnet?: ec2.ISubnet;
  /**
   * Interface endpoints to create (private DNS on).
   * @default - SSM, SSM messages, EC2 messages, ECR API, ECR Docker, STS, CloudWatch Logs, CloudWatch
   *   monitoring, SageMaker API and SageMaker runtime
   */
  readonly interfaceEndpoints?: ec2.InterfaceVpcEndpointAwsService[];
}

/**
 * A VPC for GPU training and serving: private subnets across zones, a single-zone cluster subnet sized
 * for the fleet's interfaces, an EFA security group that allows all traffic to and from itself and
 * nothing else inbound, an S3 gateway endpoint, interface endpoints with private DNS, and flow logs.
 * NAT only when `internetEgress` is on.
 *
 * @example
 * const fleet = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 4 });
 * // the cluster subnet is sized for the fleet's 32 EFA interfaces a node
 * const network = new aws.ClusterNetwork(this, 'Network', { cidr: '10.50.0.0/16', fleet });
 */
export class ClusterNetwork extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ClusterNetworkSpec;
  /** The VPC. */
  public readonly vpc: ec2.IVpc;
  /** The single-zone subnet the GPU fleet runs in. */
  public readonly clusterSubnet: ec2.ISubnet;
  /** Subnets for endpoints and other private resources (one per zone). */
  public readonly privateSubnets: ec2.ISubnet[];
  /** Security group of fleet nodes: all traffic to and from itself, HTTPS out. */
  public readonly efaSecurityGroup: ec2.SecurityGroup;
  /** Security group of the interface endpoints: HTTPS from the VPC. */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  /** The S3 gateway endpoint. */
  public readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The interface endpoints, by service short name. */
  public readonly interfaceEndpoints: Record<string, ec2.InterfaceVpcEndpoint>;
  /** The flow log group, when flow logs are on. */
  public readonly flowLogGroup?: logs.LogGroup;
  /** The key that encrypts the flow log group, when flow logs are on. */
  public readonly flowLogKey?: kms.Key;
  /** The VPC flow log, when flow logs are on. */
  public readonly flowLog?: ec2.FlowLog;
  /** The NAT gateways this construct created (one with `internetEgress`, none otherwise or with an existing VPC). */
  public readonly natGateways: ec2.CfnNatGateway[];

  constructor(scope: Construct, id: string, props: ClusterNetworkProps = {}) {
    super(scope, id);
    requireProps('ClusterNetwork', this.node.path, props);
    const efa = fleetInEfaMode(props);
    this.spec = new ClusterNetworkSpec(efa.fleet === props.fleet ? props : { ...props, fleet: efa.fleet });
    const problems = [...efa.problems, ...this.spec.validate(Cloud.AWS), ...unsupportedSettings(AWS_CLOUD, 'ClusterNetwork', props)];
    Validation.throwIfAny('ClusterNetwork', this.node.path, problems.length > 0 ? problems : this.awsProblems(props));
    const spec = this.spec;

    if (props.vpc) {
      this.vpc = props.vpc;
      const candidates = [...props.vpc.isolatedSubnets, ...props.vpc.privateSubnets];
      if (!props.existingClusterSubnet && candidates.length === 0) {
        throw new Error(`[ai-infra] ClusterNetwork '${this.node.path}': invalid property\n  - vpc = ${props.vpc.node.path}: allowed: a VPC with an isolated or private subnet (or give existingClusterSubnet)`);
      }
      this.clusterSubnet = props.existingClusterSubnet ?? candidates[0];
      this.natGateways = [];
      this.privateSubnets = props.vpc.isolatedSubnets.length > 0 ? props.vpc.isolatedSubnets : props.vpc.privateSubnets;
      const routed = [...this.privateSubnets, this.clusterSubnet];
      const missing = routed.filter((sub) => {
        try {
          return !sub.routeTable?.routeTableId;
        } catch {
          return true;
        }
      });
      let cidrKnown = true;
      try {
        void props.vpc.vpcCidrBlock;
      } catch {
        cidrKnown = false;
      }
      if (!cidrKnown) {
        throw new Error(`[ai-infra] ClusterNetwork '${this.node.path}': invalid property\n  - vpc = ${props.vpc.node.path}: allowed: a VPC with its vpcCidrBlock (the endpoint security group admits HTTPS from it)`);
      }
      if (missing.length > 0) {
        throw new Error(`[ai-infra] ClusterNetwork '${this.node.path}': invalid property\n  - vpc = ${this.vpc.node.path}: allowed: a VPC whose subnets carry their route table ids ` +
          `(Vpc.fromVpcAttributes with isolatedSubnetRouteTableIds / privateSubnetRouteTableIds): the S3 gateway endpoint is attached to them (missing for ${missing.map((m) => m.subnetId).join(', ')})`);
      }
    } else {
      if (props.existingClusterSubnet) {
        throw new Error(`[ai-infra] ClusterNetwork '${this.node.path}': invalid property\n  - existingClusterSubnet = ${props.existingClusterSubnet.node.path}: allowed: unset unless vpc is given`);
      }
      const made = this.renderVpc(spec);
      this.vpc = made.vpc;
      this.privateSubnets = made.privateSubnets;
      this.clusterSubnet = made.clusterSubnet;
      this.natGateways = made.natGateways;
    }

    this.efaSecurityGroup = new ec2.SecurityGroup(this, 'EfaSecurityGroup', {
      vpc: this.vpc,
      allowAllOutbound: false,
      description: 'GPU fleet: all traffic to and from members (EFA), HTTPS out; nothing else in',
    });
    this.efaSecurityGroup.addIngressRule(this.efaSecurityGroup, ec2.Port.allTraffic(), 'EFA and collectives: all traffic from fleet members');
    acknowledgeCompliance(this.efaSecurityGroup, 'EFA requires all traffic from the security group itself (AWS EFA user guide); the source is the group, never a CIDR',
      'EC2RestrictedCommonPorts');
    this.efaSecurityGroup.addEgressRule(this.efaSecurityGroup, ec2.Port.allTraffic(), 'EFA and collectives: all traffic to fleet members');
    this.efaSecurityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443),
      'HTTPS to interface endpoints and the S3 gateway endpoint (no internet route unless internetEgress)');

    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      allowAllOutbound: false,
      description: 'Interface endpoints: HTTPS from inside the VPC',
    });
    // a literal CIDR where this construct made the VPC, so checkers can read the rule
    this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(props.vpc ? this.vpc.vpcCidrBlock : spec.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
    for (const cidr of spec.onPremisesCidrs) {
      // the site reaches the endpoints (S3, SageMaker runtime) over the VPN
      this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from the on-premises site');
    }
    if (props.vpc) {
      acknowledge(this.endpointSecurityGroup, 'Ingress is HTTPS from the imported VPC\'s own CIDR (a token at synth), not from the internet', 'AwsSolutions-EC23');
    }

    this.s3Endpoint = this.vpc.addGatewayEndpoint('S3', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnets: [...this.privateSubnets, this.clusterSubnet] }],
    });

    const services = props.interfaceEndpoints ?? [
      ec2.InterfaceVpcEndpointAwsService.SSM,
      ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES,
      ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES,
      ec2.InterfaceVpcEndpointAwsService.ECR,
      ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      ec2.InterfaceVpcEndpointAwsService.STS,
      ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
      ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
      ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_API,
      ec2.InterfaceVpcEndpointAwsService.SAGEMAKER_RUNTIME,
    ];
    this.interfaceEndpoints = {};
    for (const service of services) {
      const short = service.shortName;
      const idPart = short.split(/[.-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
      this.interfaceEndpoints[short] = this.vpc.addInterfaceEndpoint(idPart, {
        service,
        privateDnsEnabled: true,
        subnets: { subnets: this.privateSubnets },
        securityGroups: [this.endpointSecurityGroup],
        open: false,
      });
    }

    if (spec.flowLogs) {
      // flow records name every peer of the cluster: encrypted with a rotating key of their own
      this.flowLogKey = new kms.Key(this, 'FlowLogsKey', {
        enableKeyRotation: true,
        description: `Flow log key of ${this.node.path}`,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      limitGrantsToAwsServices(this.flowLogKey);
      this.flowLogKey.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'CloudWatchLogsOfThisAccount',
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        // the log group's own ARN would make a cycle (the group names the key): its account's log groups
        conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` } },
      }));
      this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
        encryptionKey: this.flowLogKey,
      });
      const role = new ManagedPolicyRole(this, 'FlowLogsRole', {
        assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
        description: `VPC flow logs of ${this.node.path} into their log group`,
      });
      this.flowLog = this.vpc.addFlowLog('FlowLog', {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, role),
        trafficType: ec2.FlowLogTrafficType.ALL,
      });
    }
    recordResources(this, 'ClusterNetwork', {
      // an existing VPC and its subnets are the user's: only what this construct created is recorded
      vpc: props.vpc ? undefined : this.vpc,
      clusterSubnet: props.vpc ? undefined : this.clusterSubnet,
      efaSecurityGroup: this.efaSecurityGroup,
      endpointSecurityGroup: this.endpointSecurityGroup,
      s3Endpoint: this.s3Endpoint,
      interfaceEndpoints: Object.values(this.interfaceEndpoints),
      flowLog: this.flowLog,
      natGateways: this.natGateways,
    });
  }

  /** Refusals that depend on another prop or on the stack: the neutral settings an existing VPC fixes, and zones. */
  private awsProblems(props: ClusterNetworkProps): ValidationProblem[] {
    // the stack's region against the catalog's (src/core/catalog/regions.ts); an environment-agnostic stack's is a token, left to deploy time
    const p: ValidationProblem[] = regionProblems(Cloud.AWS, 'region (the stack\'s env)', Stack.of(this).region);
    if (props.vpc) {
      // an existing VPC keeps its own range, zones and routes: nothing here would change them
      for (const prop of ['cidr', 'zones', 'internetEgress'] as const) {
        if (props[prop] !== undefined) p.push(Validation.problem(prop, props[prop], `on ${AWS_CLOUD.displayName}: unset with vpc (the existing VPC's own is used)`));
      }
      return p;
    }
    const stack = Stack.of(this);
    const offered = stack.availabilityZones.length;
    if (this.spec.zones > offered && !stack.availabilityZones.some((az) => Token.isUnresolved(az))) {
      p.push(Validation.problem('zones', this.spec.zones, `on ${AWS_CLOUD.displayName}: at most ${offered}, the availability zones ${stack.region} offers this app ` +
        '(from the cdk context; a stack without a concrete account and region takes up to 6 at deploy time)'));
    }
    return p;
  }

  /**
   * A new VPC whose subnets come from core's allocator (`spec.subnetPlan`): public subnets for NAT only with
   * `internetEgress`, one private subnet per zone, and the single-zone cluster subnet, which routes through the NAT
   * gateway when there is one.
   */
  private renderVpc(spec: ClusterNetworkSpec): { vpc: ec2.Vpc; privateSubnets: ec2.ISubnet[]; clusterSubnet: ec2.ISubnet; natGateways: ec2.CfnNatGateway[] } {
    const plan = spec.subnetPlan({ publicSubnets: spec.internetEgress });
    const nat = spec.internetEgress ? ec2.NatProvider.gateway() : undefined;
    const subnetConfiguration: ec2.SubnetConfiguration[] = spec.internetEgress
      ? [
        { name: PUBLIC_SUBNETS, subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
        { name: PRIVATE_SUBNETS, subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ]
      : [{ name: PRIVATE_SUBNETS, subnetType: ec2.SubnetType.PRIVATE_ISOLATED }];
    const vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: new PlannedSubnets(spec.cidr, plan, this.node.path),
      ...this.zonesOfVpc(spec.zones),
      natGateways: nat ? 1 : 0,
      natGatewayProvider: nat,
      subnetConfiguration,
      restrictDefaultSecurityGroup: true,
    });
    const restrictDefaultSg = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    if (restrictDefaultSg) {
      acknowledgeGuard(restrictDefaultSg, 'The CDK handler that strips the default security group\'s rules runs only at deploy, calls only the EC2 API and holds no data; ' +
        'inside the VPC it cleans it would need NAT or an EC2 interface endpoint', 'lambda_inside_vpc_check');
    }
    const cluster = new ec2.PrivateSubnet(this, 'ClusterSubnet', {
      vpcId: vpc.vpcId,
      availabilityZone: vpc.availabilityZones[0],
      cidrBlock: plan.clusterSubnet,
      mapPublicIpOnLaunch: false,
    });
    const gateways = nat?.configuredGateways ?? [];
    if (gateways.length > 0) cluster.addDefaultNatRoute(gateways[0].gatewayId);
    return {
      vpc,
      privateSubnets: spec.internetEgress ? vpc.privateSubnets : vpc.isolatedSubnets,
      clusterSubnet: cluster,
      // the provider hands out each gateway's id: its reference leads to the gateway it made
      natGateways: gateways.map((g) => Tokenization.reverse(g.gatewayId))
        .map((r) => (r instanceof Reference ? r.target : undefined))
        .filter((g): g is ec2.CfnNatGateway => g instanceof ec2.CfnNatGateway),
    };
  }

  /**
   * The Vpc's zones: the first `zones` of the stack's. A stack without a concrete account and region offers two zone
   * tokens; for more, the region's first `zones` are selected at deploy time (`Fn::GetAZs`).
   */
  private zonesOfVpc(zones: number): Pick<ec2.VpcProps, 'maxAzs' | 'availabilityZones'> {
    const stack = Stack.of(this);
    if (zones > stack.availabilityZones.length && stack.availabilityZones.some((az) => Token.isUnresolved(az))) {
      return { availabilityZones: Array.from({ length: zones }, (_, i) => Fn.select(i, Fn.getAzs())) };
    }
    return { maxAzs: zones };
  }

  /** Availability zone of the cluster subnet. */
  public get clusterAvailabilityZone(): string {
    return this.clusterSubnet.availabilityZone;
  }
}

/**
 * The fleet spec the network is sized for, in the EFA interface mode it runs in: the network's `efaInterfaceMode`, else
 * the mode the fleet's props carry, else `efa-only`, recorded in the spec for a fleet of an EFA type (the fleet that
 * runs in the network inherits it through `GpuFleetSpec.resolve`, which refuses another mode). A fleet that is not a
 * `GpuFleetSpec`, or has no catalog type, is left to the spec's validation.
 */
function fleetInEfaMode(props: ClusterNetworkProps): { fleet?: GpuFleetSpec; problems: ValidationProblem[] } {
  const fleet = props.fleet;
  const given = props.efaInterfaceMode;
  const problems: ValidationProblem[] = [];
  if (given !== undefined && !Object.values(EfaInterfaceMode).includes(given)) {
    problems.push(Validation.problem('efaInterfaceMode', given, 'efa-only or efa'));
    return { fleet, problems };
  }
  if (!(fleet instanceof GpuFleetSpec) || !(fleet.props.instanceType instanceof InstanceType)) {
    if (given !== undefined && fleet === undefined) {
      problems.push(Validation.problem('efaInterfaceMode', given, 'unset without a fleet (the mode sizes the cluster subnet for the fleet\'s EFA interfaces)'));
    }
    return { fleet, problems };
  }
  const type = fleet.instanceType;
  if (type.network.kind !== InterconnectKind.EFA) {
    if (given !== undefined) problems.push(Validation.problem('efaInterfaceMode', given, `unset for a fleet of ${type.name} (no EFA)`));
    return { fleet, problems };
  }
  const own = (fleet.props as { readonly efaInterfaceMode?: unknown }).efaInterfaceMode;
  if (given !== undefined && own !== undefined && own !== given) {
    problems.push(Validation.problem('efaInterfaceMode', given, `unset, or '${String(own)}' as the fleet spec's own props give it`));
    return { fleet, problems };
  }
  if (own !== undefined && given === undefined) return { fleet, problems };
  return { fleet: new GpuFleetSpec({ ...fleet.props, efaInterfaceMode: given ?? EfaInterfaceMode.EFA_ONLY } as GpuFleetSpec['props']), problems };
}
