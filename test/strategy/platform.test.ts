import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import { Cloud, DataSensitivity, PlatformPlan, PurchaseKind, StrategySelector, WorkloadPattern, AwsPlatformStack, AzurePlatformStack, GcpPlatformStack } from '../../src';
import { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY, Scenario } from '../../src/demo/scenarios';

const [hybrid, cloudFirst, edge] = DEFAULT_SCENARIOS;
const select = (s: Scenario) => StrategySelector.select(s.requirements);

function aws(s: Scenario, extra: any = {}) {
  const stack = new AwsPlatformStack(new App(), 'Platform', { ...s.platform, selection: select(s), ...extra });
  return Template.fromStack(stack);
}
function gcp(s: Scenario): any {
  return JSON.parse(Testing.synth(new GcpPlatformStack(Testing.app(), 'p', { ...s.platform, selection: select(s), gcpProject: 'demo-project', region: 'us-east4' })));
}
function azure(s: Scenario): any {
  return JSON.parse(Testing.synth(new AzurePlatformStack(Testing.app(), 'p', { ...s.platform, selection: select(s), location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY })));
}
const res = (doc: any, type: string): any[] => Object.values(doc.resource?.[type] ?? {});

describe('PlatformPlan', () => {
  test('cloud-first: spot, scale to zero, Lustre on AWS', () => {
    const plan = PlatformPlan.of(Cloud.AWS, select(cloudFirst), cloudFirst.platform);
    expect(plan.fleet.purchase!.kind).toBe(PurchaseKind.SPOT);
    expect(plan.fleet.nodes).toBe(8); // 64 GPUs / 8 per p5
    expect(plan.fleet.scaleToZero).toBeDefined();
    expect(plan.storage.highThroughput).toBe('lustre');
  });

  test('hybrid: on-demand, customer-managed keys, the site routed, no egress', () => {
    const plan = PlatformPlan.of(Cloud.GCP, select(hybrid), hybrid.platform);
    expect(plan.fleet.purchase!.kind).toBe(PurchaseKind.ON_DEMAND);
    expect(plan.storage.encryption).toBe('customer-managed');
    expect(plan.network.onPremisesCidrs).toEqual(['172.16.0.0/16']);
    expect(plan.network.internetEgress).toBe(false);
  });

  test('fails on a hybrid platform without its site, and on a site for another strategy', () => {
    expect(() => PlatformPlan.of(Cloud.AWS, select(hybrid), { project: 'p-x', workload: 'w' }))
      .toThrow(/PlatformPlan 'aws\/hybrid'[\s\S]*onPremises = undefined: allowed: the on-premises site/);
    expect(() => PlatformPlan.of(Cloud.AWS, select(cloudFirst), { ...cloudFirst.platform, onPremises: { cidrs: ['172.16.0.0/16'], peerAddress: '203.0.113.1' } }))
      .toThrow(/onPremises = 'set': allowed: unset for a cloud-first platform/);
    expect(() => PlatformPlan.of(Cloud.GCP, select(edge), { project: 'p-x', workload: 'w' })).toThrow(/edgeNodeLocation = undefined/);
  });

  test('a bad peer address fails', () => {
    const sel = StrategySelector.select({ dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.STEADY });
    expect(() => PlatformPlan.of(Cloud.AZURE, sel, { project: 'p-x', workload: 'w', onPremises: { cidrs: ['172.16.0.0/16'], peerAddress: '300.1.1.1' } }))
      .toThrow(/onPremises.peerAddress = '300.1.1.1'/);
  });
});

describe('AWS platform stacks', () => {
  test('hybrid: customer gateway, VPN gateway, two-tunnel VPN connection, S3 interface endpoint, Resolver inbound, KMS data key', () => {
    const t = aws(hybrid);
    t.hasResourceProperties('AWS::EC2::CustomerGateway', { IpAddress: '203.0.113.10', BgpAsn: 65010, Type: 'ipsec.1' });
    t.resourceCountIs('AWS::EC2::VPNGateway', 1);
    const vpn: any = Object.values(t.findResources('AWS::EC2::VPNConnection'))[0];
    expect(vpn.Properties.VpnTunnelOptionsSpecifications).toHaveLength(2);
    t.hasResourceProperties('AWS::EC2::VPNGatewayRoutePropagation', { RouteTableIds: Match.anyValue() });
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] } });
    t.hasResourceProperties('AWS::Route53Resolver::ResolverEndpoint', { Direction: 'INBOUND' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', { SecurityGroupIngress: Match.arrayWith([Match.objectLike({ CidrIp: '172.16.0.0/16', FromPort: 53, IpProtocol: 'udp' })]) });
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.hasResourceProperties('AWS::S3::Bucket', { BucketEncryption: { ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) })] } });
    t.hasOutput('VpnConnectionId', {});
  });

  test('edge-centric: Greengrass token exchange role, role alias, IoT policy, thing group, ONNX component, deployment with the nucleus', () => {
    const t = aws(edge, { localZone: { zoneName: 'us-west-2-lax-1a', cidr: '10.40.128.0/24' } });
    t.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'credentials.iot.amazonaws.com' } })] } });
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['s3:GetObject', 's3:GetObjectVersion'] })]) } });
    t.hasResourceProperties('AWS::IoT::RoleAlias', { CredentialDurationSeconds: 3600 });
    t.hasResourceProperties('AWS::IoT::Policy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'iot:AssumeRoleWithCertificate' })]) } });
    t.resourceCountIs('AWS::IoT::ThingGroup', 1);
    const component: any = Object.values(t.findResources('AWS::GreengrassV2::ComponentVersion'))[0];
    const recipe = JSON.stringify(component.Properties.InlineRecipe);
    expect(recipe).toContain('RecipeFormatVersion');
    expect(recipe).toContain('onnxruntime');
    expect(recipe).toContain('models/edge/model.onnx');
    t.hasResourceProperties('AWS::GreengrassV2::Deployment', {
      TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('EdgeThingGroup'), 'Arn'] },
      Components: Match.objectLike({ 'aws.greengrass.Nucleus': { ComponentVersion: '2.14.3' } }),
    });
    t.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'us-west-2-lax-1a', CidrBlock: '10.40.128.0/24' });
    t.hasResourceProperties('AWS::EC2::LaunchTemplate', { LaunchTemplateData: Match.objectLike({ InstanceType: 'g6e.xlarge' }) });
  });

  test('cloud-first: spot fleet, Lustre, autoscaled endpoint; every stack tagged project, strategy, workload', () => {
    // the first deploy from empty: the endpoint is pending, no SageMaker endpoint or scaling yet
    const first = aws(cloudFirst);
    first.resourceCountIs('AWS::SageMaker::Endpoint', 0);
    first.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    // the second deploy, once the model is in the bucket
    const t = aws(cloudFirst, { modelArtifact: 'models/model.tar.gz' });
    t.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MixedInstancesPolicy: Match.anyValue() });
    t.resourceCountIs('AWS::FSx::FileSystem', 1);
    t.resourceCountIs('AWS::SageMaker::Endpoint', 1);
    t.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 1);
    t.hasResourceProperties('AWS::S3::Bucket', { Tags: Match.arrayWith([{ Key: 'project', Value: 'research-lab' }, { Key: 'strategy', Value: 'cloud-first' }, { Key: 'workload', Value: 'fine-tuning' }]) });
  });
});

describe('Google Cloud platform stacks', () => {
  test('hybrid: HA VPN, external gateway, Cloud Router with BGP, two tunnels with peers, key supplied as a sensitive variable', () => {
    const doc = gcp(hybrid);
    expect(res(doc, 'google_compute_ha_vpn_gateway')).toHaveLength(1);
    expect(res(doc, 'google_compute_external_vpn_gateway')[0].interface).toEqual([{ id: 0, ip_address: '203.0.113.10' }]);
    expect(res(doc, 'google_compute_vpn_tunnel').map((t) => t.vpn_gateway_interface)).toEqual([0, 1]);
    expect(res(doc, 'google_compute_router_peer').map((p) => p.peer_asn)).toEqual([65010, 65010]);
    expect(doc.data?.google_secret_manager_secret_version).toBeUndefined();
    expect(doc.variable.vpn_shared_secret).toMatchObject({ sensitive: true, type: 'string' });
    expect(res(doc, 'google_kms_crypto_key')).toHaveLength(1);
    expect(doc.provider.google[0].default_labels).toEqual({ project: 'clinic-ai', strategy: 'hybrid', workload: 'records-model' });
  });

  test('edge-centric: Distributed Cloud Edge cluster and node pool, Artifact Registry', () => {
    const doc = gcp(edge);
    expect(res(doc, 'google_edgecontainer_node_pool')[0]).toMatchObject({ node_location: 'us-east4-edge-factory1', node_count: 3 });
    expect(res(doc, 'google_edgecontainer_cluster')).toHaveLength(1);
    expect(res(doc, 'google_artifact_registry_repository')[0].format).toBe('DOCKER');
  });
});

describe('Azure platform stacks', () => {
  test('hybrid: GatewaySubnet, route-based VPN gateway, local network gateway, IPsec connection', () => {
    const doc = azure(hybrid);
    expect(res(doc, 'azurerm_subnet').map((s) => s.name)).toContain('GatewaySubnet');
    expect(res(doc, 'azurerm_virtual_network_gateway')[0]).toMatchObject({ type: 'Vpn', vpn_type: 'RouteBased', sku: 'VpnGw1' });
    expect(res(doc, 'azurerm_local_network_gateway')[0]).toMatchObject({ gateway_address: '203.0.113.10', address_space: ['172.16.0.0/16'] });
    // the connection is an ARM deployment (its pre-shared key stays out of the Terraform state)
    const connection = res(doc, 'azurerm_resource_group_template_deployment').map((d) => JSON.parse(d.template_content))
      .flatMap((t) => t.resources).find((r) => r.type === 'Microsoft.Network/connections');
    expect(connection.properties.connectionType).toBe('IPsec');
    expect(res(doc, 'azurerm_storage_account')[0].customer_managed_key).toBeDefined();
    expect(res(doc, 'azurerm_resource_group')[0].tags).toEqual({ project: 'clinic-ai', strategy: 'hybrid', workload: 'records-model' });
  });

  test('edge-centric: IoT Hub, DPS linked to it, container registry', () => {
    const doc = azure(edge);
    // hub and DPS are one ARM deployment (the link's connection string stays out of the Terraform state)
    const iot = res(doc, 'azurerm_resource_group_template_deployment').map((d) => JSON.parse(d.template_content)).flatMap((t) => t.resources);
    expect(iot.filter((r) => r.type === 'Microsoft.Devices/IotHubs')).toHaveLength(1);
    expect(iot.find((r) => r.type === 'Microsoft.Devices/provisioningServices').properties.iotHubs).toHaveLength(1);
    expect(res(doc, 'azurerm_container_registry').some((r) => r.name.endsWith('edgeacr'))).toBe(true);
  });
});
