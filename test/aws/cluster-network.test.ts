import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { stack } from './util';
import { ClusterNetworkSpec, EfaInterfaceMode, GpuFleetSpec, InstanceType, aws } from '../../src';

describe('aws.ClusterNetwork', () => {
  const s = stack();
  const net = new aws.ClusterNetwork(s, 'Network', {
    fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 16 }),
    efaInterfaceMode: EfaInterfaceMode.EFA,
  });
  const t = Template.fromStack(s);

  test('a VPC with isolated subnets, no NAT and no internet gateway by default', () => {
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.40.0.0/16' });
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    expect(net.privateSubnets).toHaveLength(2);
  });

  test('a single-zone cluster subnet at the top of the range, sized for 16 nodes x 32 EFA addresses', () => {
    t.hasResourceProperties('AWS::EC2::Subnet', { CidrBlock: '10.40.248.0/21', MapPublicIpOnLaunch: false });
  });

  test('the EFA security group allows all traffic from itself and nothing else inbound', () => {
    const sgId = Stack.of(net).getLogicalId(net.efaSecurityGroup.node.defaultChild as ec2.CfnSecurityGroup);
    const ingress = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress')).map((r: any) => r.Properties)
      .filter((p) => JSON.stringify(p.GroupId).includes(sgId));
    expect(ingress).toEqual([expect.objectContaining({ IpProtocol: '-1', SourceSecurityGroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] } })]);
    const sg = t.findResources('AWS::EC2::SecurityGroup')[sgId].Properties;
    expect(sg.SecurityGroupIngress).toBeUndefined();
    expect(sg.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' })]);
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { IpProtocol: '-1', DestinationSecurityGroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] } });
  });

  test('S3 gateway endpoint on the private and cluster route tables', () => {
    const gw = Object.values(t.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Gateway' } }));
    expect(gw).toHaveLength(1);
    expect((gw[0] as any).Properties.ServiceName).toEqual({ 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] });
    expect((gw[0] as any).Properties.RouteTableIds).toHaveLength(3); // two private subnets and the cluster subnet
  });

  test.each(['ssm', 'ssmmessages', 'ec2messages', 'ecr.api', 'ecr.dkr', 'sts', 'logs', 'monitoring', 'sagemaker.api', 'sagemaker.runtime'])(
    'interface endpoint %s with private DNS', (svc) => {
      t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${svc}`]] },
      });
    });

  test('endpoints accept HTTPS from the VPC CIDR only', () => {
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints: HTTPS from inside the VPC',
      SecurityGroupIngress: [{ CidrIp: '10.40.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the VPC' }],
    });
  });

  test('flow logs of all traffic to a retained log group', () => {
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkFlowLogsKey'), 'Arn'] } } });
  });

  test('the flow log key rotates, is retained, and admits only CloudWatch Logs of this account and region', () => {
    const [key] = Object.entries<any>(t.findResources('AWS::KMS::Key')).filter(([id]) => id.startsWith('NetworkFlowLogsKey')).map(([, r]) => r);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const logs = key.Properties.KeyPolicy.Statement.find((st: any) => st.Sid === 'CloudWatchLogsOfThisAccount');
    expect(logs.Principal).toEqual({ Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } });
    expect(Object.keys(logs.Condition.ArnLike)).toEqual(['kms:EncryptionContext:aws:logs:arn']);
  });

  test('the flow log role has no inline policy (a customer managed policy of its own)', () => {
    expect(t.findResources('AWS::IAM::Policy')).toEqual({});
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^NetworkFlowLogsRole') }],
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: { 'Fn::GetAtt': ['NetworkFlowLogs2BEC3212', 'Arn'] } }] },
    });
  });

  test('a /24 network with internetEgress gets /28 public subnets, not /30 (found by the construct fuzz)', () => {
    const s2 = stack();
    new aws.ClusterNetwork(s2, 'Network', { cidr: '192.168.4.0/24', internetEgress: true });
    const subnets = Object.values<any>(Template.fromStack(s2).findResources('AWS::EC2::Subnet')).map((r) => r.Properties.CidrBlock);
    expect(subnets).toEqual(expect.arrayContaining(['192.168.4.0/28', '192.168.4.16/28', '192.168.4.192/26']));
    expect(subnets.every((c: string) => Number(c.split('/')[1]) <= 28)).toBe(true);
  });

  test('internetEgress adds one NAT gateway and routes the cluster subnet through it', () => {
    const s2 = stack();
    new aws.ClusterNetwork(s2, 'Network', { internetEgress: true });
    const t2 = Template.fromStack(s2);
    t2.resourceCountIs('AWS::EC2::NatGateway', 1);
    t2.hasResourceProperties('AWS::EC2::Route', { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: Match.anyValue() });
  });

  test('imports an existing VPC', () => {
    const s3 = stack();
    const vpc = ec2.Vpc.fromVpcAttributes(s3, 'Existing', {
      vpcId: 'vpc-12345678',
      availabilityZones: ['us-east-1a'],
      isolatedSubnetIds: ['subnet-11111111'],
      vpcCidrBlock: '10.9.0.0/16',
      isolatedSubnetRouteTableIds: ['rtb-11111111'],
    });
    const n = new aws.ClusterNetwork(s3, 'Network', { vpc });
    const t3 = Template.fromStack(s3);
    t3.resourceCountIs('AWS::EC2::VPC', 0);
    t3.resourceCountIs('AWS::EC2::Subnet', 0);
    expect(n.clusterSubnet.subnetId).toBe('subnet-11111111');
    t3.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: 'vpc-12345678', GroupDescription: Match.stringLikeRegexp('GPU fleet') });
  });

  test('fails on an imported VPC without route table ids, saying what to give', () => {
    const s5 = stack();
    const vpc = ec2.Vpc.fromVpcAttributes(s5, 'Existing', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], isolatedSubnetIds: ['subnet-1'], vpcCidrBlock: '10.1.0.0/16' });
    expect(() => new aws.ClusterNetwork(s5, 'Network', { vpc })).toThrow(/vpc = Test\/Existing: allowed: a VPC whose subnets carry their route table ids/);
  });

  test('fails on a network too small for the fleet', () => {
    expect(() => new aws.ClusterNetwork(stack(), 'Network', {
      cidr: '10.0.0.0/24',
      fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 16 }),
      efaInterfaceMode: EfaInterfaceMode.EFA,
    })).toThrow(/ClusterNetwork 'Test\/Network': invalid property\n {2}- cidr = '10.0.0.0\/24': allowed: a range of at least \/20/);
  });

  test('fails on a cluster subnet given without a VPC', () => {
    const s4 = stack();
    const sub = ec2.Subnet.fromSubnetId(s4, 'Sub', 'subnet-1');
    expect(() => new aws.ClusterNetwork(s4, 'Network', { existingClusterSubnet: sub })).toThrow(/existingClusterSubnet = .*: allowed: unset unless vpc is given/);
  });
});

/** The subnets of a template by their subnet name tag (`Public`, `Private`) in zone order, and the cluster subnet. */
function subnetsOf(t: Template): { Public: string[]; Private: string[]; cluster: string[]; zones: unknown[] } {
  const out = { Public: [] as string[], Private: [] as string[], cluster: [] as string[], zones: [] as unknown[] };
  for (const [id, r] of Object.entries<any>(t.findResources('AWS::EC2::Subnet'))) {
    const name = (r.Properties.Tags ?? []).find((tag: any) => tag.Key === 'aws-cdk:subnet-name')?.Value as 'Public' | 'Private' | undefined;
    if (name) out[name].push(r.Properties.CidrBlock);
    else if (id.startsWith('NetworkClusterSubnet')) out.cluster.push(r.Properties.CidrBlock);
    if (name === 'Private') out.zones.push(r.Properties.AvailabilityZone);
  }
  return out;
}

describe('aws.ClusterNetwork subnets come from the one allocator in core', () => {
  test.each<[string, Record<string, unknown>]>([
    ['the default /16, isolated', {}],
    ['a /24 with internet egress (public /28s)', { cidr: '192.168.4.0/24', internetEgress: true }],
    ['a /20 with internet egress and a 4-node EFA fleet (a /23 cluster subnet)', {
      cidr: '10.8.0.0/20',
      internetEgress: true,
      fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 4 }),
      efaInterfaceMode: EfaInterfaceMode.EFA,
    }],
  ])('%s: every subnet has the CIDR of spec.subnetPlan, by name and zone order', (_n, props) => {
    const s = stack();
    const net = new aws.ClusterNetwork(s, 'Network', props);
    // the network's spec: it carries the fleet in the network's EFA interface mode
    const plan = net.spec.subnetPlan({ publicSubnets: net.spec.internetEgress });
    const got = subnetsOf(Template.fromStack(s));
    expect(got.Public).toEqual(plan.publicSubnets);
    expect(got.Private).toEqual(plan.privateSubnets);
    expect(got.cluster).toEqual([plan.clusterSubnet]);
  });

  test('three zones in a stack without an environment: three private subnets of the plan, zones picked at deploy time', () => {
    // before the allocator, the Vpc kept the two zone tokens such a stack offers and dropped the third zone
    const s = stack();
    new aws.ClusterNetwork(s, 'Network', { zones: 3 });
    const got = subnetsOf(Template.fromStack(s));
    expect(got.Private).toEqual(new ClusterNetworkSpec({ zones: 3 } as aws.ClusterNetworkProps).subnetPlan().privateSubnets);
    expect(got.Private).toEqual(['10.40.0.0/20', '10.40.16.0/20', '10.40.32.0/20']);
    expect(got.zones).toEqual([0, 1, 2].map((i) => ({ 'Fn::Select': [i, { 'Fn::GetAZs': '' }] })));
  });

  test('fails when zones exceeds the zones the stack\'s region offers, naming the property and the region', () => {
    const s = new Stack(new App(), 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
    expect(() => new aws.ClusterNetwork(s, 'Network', { zones: 4 }))
      .toThrow(/ClusterNetwork 'Test\/Network': invalid property\n {2}- zones = 4: allowed: on AWS: at most 3, the availability zones eu-west-1 offers/);
  });
});

describe('aws.ClusterNetwork honours or refuses every neutral setting', () => {
  test('onPremisesCidrs: the interface endpoints admit HTTPS from each site range', () => {
    const s = stack();
    new aws.ClusterNetwork(s, 'Network', { onPremisesCidrs: ['172.16.0.0/16', '192.168.200.0/24'] });
    Template.fromStack(s).hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Interface endpoints: HTTPS from inside the VPC',
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '10.40.0.0/16', FromPort: 443 }),
        { CidrIp: '172.16.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the on-premises site' },
        { CidrIp: '192.168.200.0/24', FromPort: 443, ToPort: 443, IpProtocol: 'tcp', Description: 'HTTPS from the on-premises site' },
      ],
    });
  });

  test('fails on gpuNetworkCidr, saying AWS has no GPU networks', () => {
    // a Google Cloud prop (gcp.ClusterNetworkProps): aws.ClusterNetworkProps does not declare it, and a JavaScript caller
    // (or a spread of Google Cloud props) that passes it anyway is refused by name, never dropped
    expect(() => new aws.ClusterNetwork(stack(), 'Network', { gpuNetworkCidr: '172.20.0.0/16' } as aws.ClusterNetworkProps))
      .toThrow(/ClusterNetwork 'Test\/Network': invalid property\n {2}- gpuNetworkCidr = '172.20.0.0\/16': allowed: on AWS: unset \(EFA runs every interface in the cluster subnet/);
  });

  test.each<[string, unknown]>([['cidr', '10.50.0.0/16'], ['zones', 3], ['internetEgress', true]])(
    'fails on %s with an existing VPC (the VPC keeps its own)', (prop, value) => {
      const s = stack();
      const vpc = ec2.Vpc.fromVpcAttributes(s, 'Existing', {
        vpcId: 'vpc-1', availabilityZones: ['us-east-1a'], isolatedSubnetIds: ['subnet-1'], vpcCidrBlock: '10.9.0.0/16', isolatedSubnetRouteTableIds: ['rtb-1'],
      });
      expect(() => new aws.ClusterNetwork(s, 'Network', { vpc, [prop]: value }))
        .toThrow(new RegExp(`ClusterNetwork 'Test/Network': invalid property\\n {2}- ${prop} = .*: allowed: on AWS: unset with vpc`));
    });

  test('internetEgress: the NAT gateway the provider made is exposed, routes the cluster subnet and is recorded in the facts manifest', () => {
    const s = stack();
    const net = new aws.ClusterNetwork(s, 'Network', { internetEgress: true });
    const t = Template.fromStack(s);
    expect(net.natGateways).toHaveLength(1);
    const natId = s.getLogicalId(net.natGateways[0]);
    t.hasResourceProperties('AWS::EC2::Route', { RouteTableId: { Ref: Match.stringLikeRegexp('^NetworkClusterSubnetRouteTable') }, NatGatewayId: { Ref: natId } });
    const entry = t.toJSON().Metadata['ai-infra'].constructs.find((c: any) => c.kind === 'ClusterNetwork');
    expect(entry.resources.natGateways).toEqual([natId]);
    expect(entry.resources.flowLog).toEqual(s.getLogicalId(net.flowLog!.node.defaultChild as ec2.CfnFlowLog));
  });
});

describe('aws.ClusterNetwork efaInterfaceMode (AWS props) sizes the cluster subnet for the fleet', () => {
  const clusterCidr = (props: aws.ClusterNetworkProps) => {
    const s = stack();
    const net = new aws.ClusterNetwork(s, 'Network', props);
    return { net, cluster: subnetsOf(Template.fromStack(s)).cluster };
  };
  const p5 = (nodes: number) => new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes });

  test('2 -> 4 p5 nodes in EFA mode: 2 x 32 x 2 + 5 = 133 addresses fit the /24 floor, 4 x 32 x 2 + 5 = 261 take a /23', () => {
    expect(clusterCidr({ fleet: p5(2), efaInterfaceMode: EfaInterfaceMode.EFA }).cluster).toEqual(['10.40.255.0/24']);
    const four = clusterCidr({ fleet: p5(4), efaInterfaceMode: EfaInterfaceMode.EFA });
    expect(four.cluster).toEqual(['10.40.254.0/23']);
    expect(four.net.spec.clusterAddressesNeeded).toBe(261);
    // efa-only (the default): one address a node, the /24 floor
    expect(clusterCidr({ fleet: p5(4) }).cluster).toEqual(['10.40.255.0/24']);
  });

  test('the mode is recorded in the network\'s fleet spec; a fleet spec whose props carry it (JavaScript) sizes the same', () => {
    const { net, cluster } = clusterCidr({ fleet: p5(4), efaInterfaceMode: EfaInterfaceMode.EFA });
    expect(net.spec.props.fleet!.efaInterfaceMode).toBe(EfaInterfaceMode.EFA);
    expect(net.spec.props.fleet!.ipsPerNode).toBe(32);
    const legacy = new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 4, efaInterfaceMode: 'efa' } as any);
    expect(clusterCidr({ fleet: legacy }).cluster).toEqual(cluster);
    expect(clusterCidr({ fleet: p5(4) }).net.spec.props.fleet!.efaInterfaceMode).toBe(EfaInterfaceMode.EFA_ONLY);
  });

  test('a fleet given only the network runs in its mode', () => {
    const s = stack();
    const network = new aws.ClusterNetwork(s, 'Network', { fleet: p5(4), efaInterfaceMode: EfaInterfaceMode.EFA });
    const fleet = new aws.GpuFleet(s, 'Fleet', { network });
    expect(fleet.spec.efaInterfaceMode).toBe(EfaInterfaceMode.EFA);
    const nics: any[] = (Object.values(Template.fromStack(s).findResources('AWS::EC2::LaunchTemplate'))[0] as any).Properties.LaunchTemplateData.NetworkInterfaces;
    expect(nics.map((n) => n.InterfaceType)).toEqual(Array(32).fill('efa'));
  });

  test('a fleet in EFA mode on a network sized for efa-only is refused, naming both modes', () => {
    const s = stack();
    const network = new aws.ClusterNetwork(s, 'Network', { fleet: p5(4) });
    expect(() => new aws.GpuFleet(s, 'Fleet', { network, efaInterfaceMode: EfaInterfaceMode.EFA }))
      .toThrow(/GpuFleet 'Test\/Fleet': invalid property\n {2}- efaInterfaceMode = 'efa': allowed: unset, or 'efa-only' as in the cluster network's fleet spec \(the network was sized for that fleet\)/);
    // and the other way round
    const s2 = stack();
    const efaNet = new aws.ClusterNetwork(s2, 'Network', { fleet: p5(4), efaInterfaceMode: EfaInterfaceMode.EFA });
    expect(() => new aws.GpuFleet(s2, 'Fleet', { network: efaNet, efaInterfaceMode: EfaInterfaceMode.EFA_ONLY }))
      .toThrow(/- efaInterfaceMode = 'efa-only': allowed: unset, or 'efa' as in the cluster network's fleet spec/);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['without a fleet', { efaInterfaceMode: EfaInterfaceMode.EFA }, /- efaInterfaceMode = 'efa': allowed: unset without a fleet/],
    ['with a fleet of a type without EFA', { fleet: new GpuFleetSpec({ instanceType: InstanceType.G6_XLARGE, nodes: 2 }), efaInterfaceMode: EfaInterfaceMode.EFA },
      /- efaInterfaceMode = 'efa': allowed: unset for a fleet of g6\.xlarge \(no EFA\)/],
    ['not a mode', { fleet: p5(2), efaInterfaceMode: 'efa-plus' }, /- efaInterfaceMode = 'efa-plus': allowed: efa-only or efa/],
    ['another mode than the fleet spec\'s own props', {
      fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 2, efaInterfaceMode: 'efa-only' } as any), efaInterfaceMode: EfaInterfaceMode.EFA,
    }, /- efaInterfaceMode = 'efa': allowed: unset, or 'efa-only' as the fleet spec's own props give it/],
  ])('fails %s', (_n, props, error) => {
    expect(() => new aws.ClusterNetwork(stack(), 'Network', props as aws.ClusterNetworkProps))
      .toThrow(new RegExp(`ClusterNetwork 'Test/Network': invalid propert[^]*${error.source}`));
  });
});
