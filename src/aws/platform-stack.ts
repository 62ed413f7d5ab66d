import { ArnFormat, CfnOutput, Stack, StackProps, Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as greengrassv2 from 'aws-cdk-lib/aws-greengrassv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as iot from 'aws-cdk-lib/aws-iot';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { GpuFleet } from './gpu-fleet';
import { ManagedPolicyRole } from './managed-policy-role';
import { ModelEndpoint } from './model-endpoint';
import { acknowledge, nagArnPrefix } from './nag';
import { PlatformMonitoring } from './platform-monitoring';
import { TieredStorage } from './tiered-storage';
import { Cloud } from '../core/catalog/cloud';
import { edgeInferenceScript } from '../core/edge-inference';
import { PlatformOptions, PlatformPlan } from '../core/plan';
import { ClusterNetworkSpec } from '../core/specs/cluster-network-spec';
import { Selection } from '../core/strategy';
import { Validation, ValidationProblem } from '../core/validation';

/** A Local Zone subnet for low-latency inference near users (edge-centric). */
export interface LocalZoneSubnet {
  /** Local Zone name, e.g. `us-west-2-lax-1a` (the zone group must be opted in). */
  readonly zoneName: string;
  /** CIDR of the subnet, inside the platform's network. */
  readonly cidr: string;
}

/** Properties of an AWS platform stack. */
export interface AwsPlatformStackProps extends StackProps, PlatformOptions {
  /** The selection (from `StrategySelector.select`) the platform is built for. */
  readonly selection: Selection;
  /**
   * Edge-centric: a Local Zone subnet for inference near the devices.
   * @default - none
   */
  readonly localZone?: LocalZoneSubnet;
}

const COMPONENT = 'com.aiinfra.OnnxInference';
/** A Local Zone name: the parent region, the zone group's location and a letter, e.g. `us-west-2-lax-1a`. */
const LOCAL_ZONE = /^[a-z]{2}(-gov)?-[a-z]+-\d+-[a-z]+(-[a-z]+)?-\d+[a-z]$/;

/**
 * The Local Zone subnet: only an edge-centric platform creates one (never dropped in silence), in a Local Zone of
 * the stack's region, and its range inside the VPC and clear of the network's subnets (EC2 refuses a subnet outside
 * the VPC or overlapping another when the stack deploys).
 */
function localZoneProblems(plan: PlatformPlan, localZone: LocalZoneSubnet | undefined): ValidationProblem[] {
  if (localZone === undefined) return [];
  if (!plan.edge) return [Validation.problem('localZone', localZone.zoneName, `unset for a ${plan.strategy} platform (only edge-centric creates a Local Zone subnet)`)];
  const p: ValidationProblem[] = [];
  const zone = localZone.zoneName;
  const region = plan.region;
  if (typeof zone !== 'string' || !LOCAL_ZONE.test(zone)) {
    p.push(Validation.problem('localZone.zoneName', zone, 'a Local Zone name such as us-west-2-lax-1a'));
  } else if (typeof region === 'string' && !Token.isUnresolved(region) && !zone.startsWith(`${region}-`)) {
    p.push(Validation.problem('localZone.zoneName', zone, `a Local Zone of the stack's region ${region} (${region}-<location>-<n><letter>)`));
  }
  const spec = new ClusterNetworkSpec(plan.network);
  // a network with problems of its own: ClusterNetwork names them
  if (spec.validate(Cloud.AWS).length > 0) return p;
  p.push(...spec.extraSubnetProblems('localZone.cidr', localZone.cidr, spec.subnetPlan({ publicSubnets: spec.internetEgress })));
  return p;
}

/**
 * An AWS platform for the selected strategy, composed from the four constructs:
 *
 * - cloud-first: spot training fleet that scales to zero, tiered data lake with FSx for Lustre, autoscaled endpoint;
 * - hybrid: a site-to-site VPN (customer gateway, virtual private gateway, two tunnels) with route propagation,
 *   no internet egress, S3 through an interface endpoint and a Route 53 Resolver inbound endpoint reachable from
 *   the site, customer-managed keys, a private-only endpoint;
 * - edge-centric: artifact storage, a small training fleet, AWS IoT Greengrass v2 (token exchange role with read
 *   access to the models, role alias, IoT policy, thing group, an ONNX Runtime inference component, a deployment
 *   with the nucleus), and an optional Local Zone subnet.
 *
 * Every resource carries the cost-allocation tags project, strategy and workload.
 *
 * @example
 * import { App } from 'aws-cdk-lib';
 * import { AwsPlatformStack, DataSensitivity, StrategySelector, WorkloadPattern } from 'ai-infra-constructs';
 *
 * const selection = StrategySelector.select({
 *   dataSensitivity: DataSensitivity.HIGH,
 *   workloadPattern: WorkloadPattern.STEADY,
 *   trainingGpus: 16,
 * });
 * new AwsPlatformStack(new App(), 'Records', {
 *   selection,
 *   project: 'clinic-ai',
 *   workload: 'records-model',
 *   onPremises: { cidrs: ['172.16.0.0/16'], peerAddress: '198.51.100.7' }, // hybrid needs the site
 *   env: { region: 'us-east-1' },
 * });
 */
export class AwsPlatformStack extends Stack {
  /** Bucket prefix of the training datasets: the training fleet reads it. */
  public static readonly DATASETS_PREFIX = 'datasets/';
  /** Bucket prefix of the training checkpoints: the training fleet reads, writes and deletes there. */
  public static readonly CHECKPOINTS_PREFIX = 'checkpoints/';
  /** Bucket prefix of the model artifacts: the training fleet writes new ones, the endpoint (and edge devices) read them. */
  public static readonly MODELS_PREFIX = 'models/';
  /** Bucket prefix of the endpoint's captured inference data: the endpoint writes it, the training fleet only reads it. */
  public static readonly DATA_CAPTURE_PREFIX = 'data-capture/';

  /** The plan (cloud-neutral decisions). */
  public readonly plan: PlatformPlan;
  /** The network. */
  public readonly network: ClusterNetwork;
  /** The training fleet. */
  public readonly fleet: GpuFleet;
  /** The data lake / artifact storage. */
  public readonly storage: TieredStorage;
  /** The endpoint. */
  public readonly endpoint: ModelEndpoint;
  /** Dashboard and alarm routing. */
  public readonly monitoring: PlatformMonitoring;
  /** Hybrid: the VPN connection. */
  public readonly vpnConnection?: ec2.VpnConnection;
  /** Hybrid: the Route 53 Resolver inbound endpoint. */
  public readonly resolverEndpoint?: route53resolver.CfnResolverEndpoint;
  /** Edge: the Greengrass deployment. */
  public readonly edgeDeployment?: greengrassv2.CfnDeployment;

  constructor(scope: Construct, id: string, props: AwsPlatformStackProps) {
    super(scope, id, props === null ? undefined : props); // null: PlatformPlan.of reports it
    this.plan = PlatformPlan.of(Cloud.AWS, props?.selection, props, this.node.path, this.region);
    const plan = this.plan;
    Validation.throwIfAny('AwsPlatformStack', this.node.path, localZoneProblems(plan, props.localZone));

    this.network = new ClusterNetwork(this, 'Network', plan.network);
    this.fleet = new GpuFleet(this, 'Training', { ...plan.fleet, network: this.network });
    this.storage = new TieredStorage(this, 'Data', { ...plan.storage, network: this.network });
    // the training fleet reads datasets and captured inference data (for retraining), keeps its checkpoints, and
    // publishes models; it deletes nothing outside its checkpoints (captured data and models stay as written)
    this.storage.grantRead(this.fleet, `${AwsPlatformStack.DATASETS_PREFIX}*`);
    this.storage.grantRead(this.fleet, `${AwsPlatformStack.DATA_CAPTURE_PREFIX}*`);
    this.storage.grantReadWrite(this.fleet, `${AwsPlatformStack.CHECKPOINTS_PREFIX}*`);
    this.storage.grantPut(this.fleet, `${AwsPlatformStack.MODELS_PREFIX}*`);
    this.endpoint = new ModelEndpoint(this, 'Serving', { ...plan.endpoint, modelArtifact: props.modelArtifact, storage: this.storage, network: this.network });

    this.monitoring = new PlatformMonitoring(this, 'Monitoring', { fleet: this.fleet, endpoint: this.endpoint, alertEmail: props.alertEmail });
    if (plan.hybrid) {
      const hybrid = this.addHybrid(plan);
      this.vpnConnection = hybrid.vpnConnection;
      this.resolverEndpoint = hybrid.resolverEndpoint;
    }
    if (plan.edge) this.edgeDeployment = this.addEdge(props.localZone);

    for (const [k, v] of Object.entries(plan.tags)) {
      // cfn-lint's schema does not know Tags on scalable targets and dashboards yet
      Tags.of(this).add(k, v, { excludeResourceTypes: ['AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::CloudWatch::Dashboard'] });
    }
    new CfnOutput(this, 'EndpointName', { value: this.endpoint.endpointName, description: 'SageMaker endpoint' });
    new CfnOutput(this, 'DataBucketName', { value: this.storage.bucket.bucketName, description: 'Data lake / model artifact bucket' });
    new CfnOutput(this, 'Strategy', { value: plan.strategy });
  }

  /**
   * The site-to-site VPN with route propagation, S3 over an interface endpoint and a Resolver inbound endpoint for
   * the site (the network admits the site's HTTPS to its endpoints from `onPremisesCidrs`).
   */
  private addHybrid(plan: PlatformPlan): { vpnConnection: ec2.VpnConnection; resolverEndpoint: route53resolver.CfnResolverEndpoint } {
    const site = plan.options.onPremises!;
    const vpc = this.network.vpc as ec2.Vpc;
    const routed = [...this.network.privateSubnets, this.network.clusterSubnet];
    vpc.enableVpnGateway({ type: 'ipsec.1', amazonSideAsn: plan.cloudSideBgpAsn, vpnRoutePropagation: [{ subnets: routed }] });
    const vpn = vpc.addVpnConnection('OnPremises', {
      ip: site.peerAddress,
      asn: site.bgpAsn ?? 65010,
      // two tunnels, each to a different AWS endpoint; pre-shared keys generated by AWS
      tunnelOptions: [{}, {}],
    });

    // services reachable from the site: S3 over an interface endpoint (gateway endpoints are not reachable
    // from on premises), the endpoints' HTTPS, and DNS through a Resolver inbound endpoint
    this.network.vpc.addInterfaceEndpoint('S3Interface', {
      service: ec2.InterfaceVpcEndpointAwsService.S3,
      privateDnsEnabled: false,
      subnets: { subnets: this.network.privateSubnets },
      securityGroups: [this.network.endpointSecurityGroup],
      open: false,
    });
    const dnsSg = new ec2.SecurityGroup(this, 'ResolverSecurityGroup', {
      vpc: this.network.vpc, allowAllOutbound: false, description: 'Route 53 Resolver inbound: DNS from the on-premises site',
    });
    for (const cidr of site.cidrs) {
      dnsSg.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(53), 'DNS from the on-premises site');
      dnsSg.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.udp(53), 'DNS from the on-premises site');
    }
    dnsSg.addEgressRule(ec2.Peer.ipv4(plan.network.cidr!), ec2.Port.udp(53), 'DNS to the VPC resolver');
    dnsSg.addEgressRule(ec2.Peer.ipv4(plan.network.cidr!), ec2.Port.tcp(53), 'DNS to the VPC resolver');
    const resolver = new route53resolver.CfnResolverEndpoint(this, 'ResolverInbound', {
      direction: 'INBOUND',
      name: `${plan.options.project}-inbound`,
      securityGroupIds: [dnsSg.securityGroupId],
      ipAddresses: this.network.privateSubnets.slice(0, 2).map((s) => ({ subnetId: s.subnetId })),
    });

    new CfnOutput(this, 'VpnConnectionId', { value: vpn.vpnId, description: 'Download the device configuration for the two tunnels from the VPN console or `aws ec2 get-vpn-connection-device-sample-configuration`' });
    new CfnOutput(this, 'CustomerGatewayIp', { value: site.peerAddress });
    new CfnOutput(this, 'ResolverInboundEndpointId', { value: resolver.attrResolverEndpointId, description: 'Forward the AWS zones from on-premises DNS to its addresses' });
    return { vpnConnection: vpn, resolverEndpoint: resolver };
  }

  private addEdge(localZone?: LocalZoneSubnet): greengrassv2.CfnDeployment {
    const project = this.plan.options.project;
    const modelKey = 'models/edge/model.onnx';

    const tokenExchange = new ManagedPolicyRole(this, 'EdgeTokenExchangeRole', {
      assumedBy: new iam.ServicePrincipal('credentials.iot.amazonaws.com'),
      description: 'Greengrass core devices: read the edge model, write their logs',
    });
    // the default token exchange role lacks s3:GetObject on the artifact bucket
    this.storage.grantRead(tokenExchange, 'models/edge/*');
    tokenExchange.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/greengrass/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }));
    acknowledge(tokenExchange, 'Greengrass names its log groups under /aws/greengrass/ per component at run time',
      `AwsSolutions-IAM5[Resource::${nagArnPrefix(this, 'logs')}:log-group:/aws/greengrass/*]`);

    const alias = new iot.CfnRoleAlias(this, 'EdgeRoleAlias', {
      roleAlias: `${project}-edge-token-exchange`,
      roleArn: tokenExchange.roleArn,
      credentialDurationSeconds: 3600,
    });
    new iot.CfnPolicy(this, 'EdgeIotPolicy', {
      policyName: `${project}-edge-core`,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iot:AssumeRoleWithCertificate', Resource: alias.attrRoleAliasArn },
          { Effect: 'Allow', Action: 'iot:Connect', Resource: this.formatArn({ service: 'iot', resource: 'client', resourceName: '${iot:Connection.Thing.ThingName}' }) },
          {
            Effect: 'Allow',
            Action: ['iot:Publish', 'iot:Receive'],
            Resource: [this.formatArn({ service: 'iot', resource: 'topic', resourceName: '$aws/things/${iot:Connection.Thing.ThingName}/*' })],
          },
          {
            Effect: 'Allow',
            Action: 'iot:Subscribe',
            Resource: [this.formatArn({ service: 'iot', resource: 'topicfilter', resourceName: '$aws/things/${iot:Connection.Thing.ThingName}/*' })],
          },
          {
            Effect: 'Allow',
            Action: ['greengrass:GetComponentVersionArtifact', 'greengrass:ResolveComponentCandidates', 'greengrass:GetDeploymentConfiguration', 'greengrass:ListThingGroupsForCoreDevice'],
            Resource: '*',
          },
        ],
      },
    });
    const group = new iot.CfnThingGroup(this, 'EdgeThingGroup', { thingGroupName: `${project}-edge-devices` });

    const recipe = {
      RecipeFormatVersion: '2020-01-25',
      ComponentName: COMPONENT,
      ComponentVersion: '1.0.0',
      ComponentDescription: 'Serves the ONNX model from the artifact bucket with ONNX Runtime on port 8080',
      ComponentPublisher: project,
      ComponentConfiguration: { DefaultConfiguration: { port: 8080 } },
      Manifests: [{
        Platform: { os: 'linux' },
        Lifecycle: {
          Install: { Script: 'python3 -m pip install --user onnxruntime==1.20.1 numpy', RequiresPrivilege: false, Timeout: 900 },
          Run: { Script: `python3 -c '${edgeInferenceScript()}' {artifacts:path}/model.onnx {configuration:/port}` },
        },
        Artifacts: [{ URI: `s3://${this.storage.bucket.bucketName}/${modelKey}`, Permission: { Read: 'OWNER' } }],
      }],
    };
    const component = new greengrassv2.CfnComponentVersion(this, 'EdgeInferenceComponent', { inlineRecipe: this.toJsonString(recipe) });
    const deployment = new greengrassv2.CfnDeployment(this, 'EdgeDeployment', {
      targetArn: group.attrArn,
      deploymentName: `${project}-edge-inference`,
      components: {
        'aws.greengrass.Nucleus': { componentVersion: '2.14.3' },
        [COMPONENT]: { componentVersion: component.attrComponentVersion },
      },
    });

    if (localZone) {
      const sub = new ec2.PrivateSubnet(this, 'LocalZoneSubnet', {
        vpcId: this.network.vpc.vpcId, availabilityZone: localZone.zoneName, cidrBlock: localZone.cidr, mapPublicIpOnLaunch: false,
      });
      new CfnOutput(this, 'LocalZoneSubnetId', { value: sub.subnetId });
    }
    new CfnOutput(this, 'EdgeThingGroupName', { value: group.thingGroupName!, description: 'Add Greengrass core devices to this group' });
    new CfnOutput(this, 'EdgeRoleAliasName', { value: alias.roleAlias!, description: 'Install Greengrass with --tes-role-alias-name set to this' });
    new CfnOutput(this, 'EdgeModelUri', { value: this.storage.s3UrlForObject(modelKey), description: 'Upload the ONNX model here' });
    return deployment;
  }
}
