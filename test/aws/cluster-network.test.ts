import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { stack } from './util';
import { EfaInterfaceMode, GpuFleetSpec, InstanceType } from '../../src';
import * as aws from '../../src/aws';

describe('aws.ClusterNetwork', () => {
  const s = stack();
  const net = new aws.ClusterNetwork(s, 'Network', {
    fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 16, efaInterfaceMode: EfaInterfaceMode.EFA }),
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
      fleet: new GpuFleetSpec({ instanceType: InstanceType.P5_48XLARGE, nodes: 16, efaInterfaceMode: EfaInterfaceMode.EFA }),
    })).toThrow(/ClusterNetwork 'Test\/Network': invalid property\n {2}- cidr = '10.0.0.0\/24': allowed: a range of at least \/20/);
  });

  test('fails on a cluster subnet given without a VPC', () => {
    const s4 = stack();
    const sub = ec2.Subnet.fromSubnetId(s4, 'Sub', 'subnet-1');
    expect(() => new aws.ClusterNetwork(s4, 'Network', { existingClusterSubnet: sub })).toThrow(/existingClusterSubnet = .*: allowed: unset unless vpc is given/);
  });
});
