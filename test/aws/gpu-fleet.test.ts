import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { launchTemplateData, withNetwork } from './util';
import { EfaInterfaceMode, InstanceType, PurchaseOption, aws } from '../../src';

function fleet(instanceType: string, extra: any = {}) {
  const { stack, network } = withNetwork();
  const f = new aws.GpuFleet(stack, 'Fleet', { instanceType: InstanceType.of(instanceType), network, ...extra });
  return { stack, network, fleet: f, template: Template.fromStack(stack) };
}

describe('aws.GpuFleet network interfaces', () => {
  test.each([
    ['p5.48xlarge', 32],
    ['p5en.48xlarge', 16],
    ['p4d.24xlarge', 4],
    ['trn1.32xlarge', 8],
    ['trn1n.32xlarge', 16],
  ])('%s: one EFA interface on each of its %d network cards', (type, cards) => {
    const { template } = fleet(type);
    const nics: any[] = launchTemplateData(template).NetworkInterfaces;
    const efa = nics.filter((n) => n.InterfaceType === 'efa-only');
    expect(efa).toHaveLength(cards);
    expect([...new Set(efa.map((n) => n.NetworkCardIndex))].sort((a, b) => a - b)).toEqual(Array.from({ length: cards }, (_, i) => i));
    // the ENA primary at card 0 device 0; efa-only never primary
    expect(nics[0]).toMatchObject({ NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' });
    expect(nics.filter((n) => n.DeviceIndex === 0 && n.NetworkCardIndex === 0)).toHaveLength(1);
    for (const n of nics) {
      expect(n.Groups).toHaveLength(1);
      expect(n.SubnetId).toBeDefined();
      expect(n.DeleteOnTermination).toBe(true);
      expect(n.AssociatePublicIpAddress).toBeUndefined();
    }
  });

  test('efa mode puts efa at device 0 of every card', () => {
    const { template } = fleet('p5.48xlarge', { efaInterfaceMode: EfaInterfaceMode.EFA });
    const nics: any[] = launchTemplateData(template).NetworkInterfaces;
    expect(nics).toHaveLength(32);
    expect(nics.every((n) => n.InterfaceType === 'efa' && n.DeviceIndex === 0)).toBe(true);
  });

  test('g6.xlarge gets no EFA interface and one NIC without a public IP', () => {
    const { template, fleet: f } = fleet('g6.xlarge');
    const nics: any[] = launchTemplateData(template).NetworkInterfaces;
    expect(nics).toEqual([expect.objectContaining({ DeviceIndex: 0, NetworkCardIndex: 0, AssociatePublicIpAddress: false })]);
    expect(nics[0].InterfaceType).toBeUndefined();
    expect(f.efaInterfaceCount).toBe(0);
  });

  test('the launch template sets no top-level security groups', () => {
    const data = launchTemplateData(fleet('p5.48xlarge').template);
    expect(data.SecurityGroupIds).toBeUndefined();
    expect(data.SecurityGroups).toBeUndefined();
  });
});

describe('aws.GpuFleet launch template and group', () => {
  test('IMDSv2, encrypted gp3 root, instance profile, no key pair, instance type from the catalog', () => {
    const data = launchTemplateData(fleet('p5.48xlarge').template);
    expect(data.MetadataOptions).toMatchObject({ HttpTokens: 'required', HttpPutResponseHopLimit: 2 });
    expect(data.BlockDeviceMappings).toEqual([{ DeviceName: '/dev/sda1', Ebs: expect.objectContaining({ VolumeType: 'gp3', Encrypted: true, VolumeSize: 200 }) }]);
    expect(data.IamInstanceProfile).toBeDefined();
    expect(data.KeyName).toBeUndefined();
    expect(data.InstanceType).toBe('p5.48xlarge');
  });

  test('the default AMI is the Deep Learning AMI from its public SSM parameter (no account needed)', () => {
    const { template } = fleet('p5.48xlarge');
    const params = template.toJSON().Parameters;
    expect(Object.values(params).map((p: any) => p.Default)).toContain('/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id');
  });

  test('Trainium uses the Neuron DLAMI', () => {
    const params = fleet('trn1.32xlarge').template.toJSON().Parameters;
    expect(Object.values(params).map((p: any) => p.Default)).toContain('/aws/service/neuron/dlami/multi-framework/ubuntu-22.04/latest/image_id');
  });

  test('the AMI can be overridden', () => {
    const { template } = fleet('p5.48xlarge', { machineImage: ec2.MachineImage.genericLinux({ 'us-east-1': 'ami-0123456789abcdef0' }) });
    expect(JSON.stringify(template.toJSON().Mappings)).toContain('ami-0123456789abcdef0');
    expect(JSON.stringify(template.toJSON().Parameters ?? {})).not.toContain('deeplearning');
  });

  test('the group uses the latest launch template version, never a pinned one', () => {
    const { template } = fleet('p5.48xlarge');
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      LaunchTemplate: { Version: { 'Fn::GetAtt': [Match.stringLikeRegexp('FleetLaunchTemplate'), 'LatestVersionNumber'] } },
    });
  });

  test('cluster placement group for several nodes, none for one', () => {
    const many = fleet('p5.48xlarge', { nodes: 4 }).template;
    many.resourceCountIs('AWS::EC2::PlacementGroup', 1);
    many.hasResourceProperties('AWS::EC2::PlacementGroup', { Strategy: 'cluster' });
    expect(launchTemplateData(many).Placement.GroupName).toBeDefined();
    fleet('p5.48xlarge', { nodes: 1 }).template.resourceCountIs('AWS::EC2::PlacementGroup', 0);
  });

  test('on demand: min, max and desired from the spec', () => {
    fleet('p5.48xlarge', { nodes: 2, minNodes: 1, maxNodes: 4 }).template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '1', MaxSize: '4', DesiredCapacity: '2',
    });
  });

  test('spot: mixed instances, capacity-optimized, no on-demand base', () => {
    const { template } = fleet('p5.48xlarge', { nodes: 2, purchase: PurchaseOption.spot() });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MixedInstancesPolicy: {
        InstancesDistribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: 'capacity-optimized' },
      },
      CapacityRebalance: true,
    });
  });

  test('targeted reservation: only the target, no market type', () => {
    const data = launchTemplateData(fleet('p5.48xlarge', { purchase: PurchaseOption.reservation('cr-0123456789abcdef0') }).template);
    expect(data.CapacityReservationSpecification).toEqual({ CapacityReservationTarget: { CapacityReservationId: 'cr-0123456789abcdef0' } });
    expect(data.InstanceMarketOptions).toBeUndefined();
  });

  test('capacity block: market type capacity-block with the target, and no placement group', () => {
    const { template } = fleet('p5.48xlarge', { nodes: 4, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0') });
    const data = launchTemplateData(template);
    expect(data.InstanceMarketOptions).toEqual({ MarketType: 'capacity-block' });
    expect(data.CapacityReservationSpecification.CapacityReservationTarget.CapacityReservationId).toBe('cr-0123456789abcdef0');
    template.resourceCountIs('AWS::EC2::PlacementGroup', 0);
  });

  test('scale to zero: two scheduled actions', () => {
    const { template } = fleet('p5.48xlarge', { nodes: 2, scaleToZero: { timeZone: 'Europe/Berlin' } });
    template.hasResourceProperties('AWS::AutoScaling::ScheduledAction', { Recurrence: '0 20 * * 1-5', MinSize: 0, MaxSize: 0, DesiredCapacity: 0, TimeZone: 'Europe/Berlin' });
    template.hasResourceProperties('AWS::AutoScaling::ScheduledAction', { Recurrence: '0 7 * * 1-5', MinSize: 2, MaxSize: 2, DesiredCapacity: 2 });
  });

  test('alarms on status checks, in-service instances and idle GPUs', () => {
    const { template } = fleet('p5.48xlarge');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'StatusCheckFailed', Namespace: 'AWS/EC2' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'GroupInServiceInstances', ComparisonOperator: 'LessThanThreshold' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'nvidia_smi_utilization_gpu', Namespace: 'CWAgent', Threshold: 10 });
  });

  test('no GPU alarm without GPU metrics', () => {
    const { template } = fleet('p5.48xlarge', { gpuMetrics: false });
    expect(Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a: any) => a.Properties.MetricName)).not.toContain('nvidia_smi_utilization_gpu');
  });

  test('instance role: Session Manager core only, PutMetricData scoped to the GPU namespace', () => {
    const { template } = fleet('p5.48xlarge');
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'cloudwatch:PutMetricData', Condition: { StringEquals: { 'cloudwatch:namespace': 'CWAgent' } }, Effect: 'Allow', Resource: '*' }] },
    });
  });
});

describe('aws.GpuFleet validation', () => {
  test('fails on a Google Cloud type, naming the path and the property', () => {
    const { stack, network } = withNetwork();
    expect(() => new aws.GpuFleet(stack, 'Fleet', { instanceType: InstanceType.A3_MEGAGPU_8G, network }))
      .toThrow(/\[ai-infra\] GpuFleet 'Test\/Fleet': invalid property\n {2}- instanceType = 'a3-megagpu-8g': allowed: a aws type/);
  });

  test('fails on a capacity block with a placement group', () => {
    const { stack, network } = withNetwork();
    expect(() => new aws.GpuFleet(stack, 'Fleet', {
      instanceType: InstanceType.P5_48XLARGE, network, nodes: 2, placement: true, purchase: PurchaseOption.capacityBlock('cr-0123456789abcdef0'),
    })).toThrow(/placement = true: allowed: false or unset with a capacity block/);
  });

  test('fails without a network', () => {
    expect(() => new aws.GpuFleet(withNetwork().stack, 'Fleet', { instanceType: InstanceType.P5_48XLARGE } as any))
      .toThrow(/GpuFleet 'Test\/Fleet'[\s\S]*network = undefined: allowed: an aws.ClusterNetwork/);
  });
});

describe('aws.GpuFleet idle alarm and GPU metrics', () => {
  test('the idle alarm fires below idleGpuPercent (not a fixed 10%)', () => {
    const { template } = fleet('p5.48xlarge', { idleGpuPercent: 25 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'nvidia_smi_utilization_gpu',
      Threshold: 25,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 4,
      Period: 900,
      AlarmDescription: Match.stringLikeRegexp('GPUs under 25% busy for an hour'),
    });
  });

  test.each<[string, string, Record<string, unknown>, RegExp]>([
    ['idleGpuPercent without GPU metrics', 'p5.48xlarge', { gpuMetrics: false, idleGpuPercent: 20 },
      /idleGpuPercent = 20: allowed: on AWS: unset unless gpuMetrics is on for an NVIDIA type/],
    ['idleGpuPercent on Trainium', 'trn1.32xlarge', { idleGpuPercent: 20 }, /idleGpuPercent = 20: allowed: on AWS: unset unless gpuMetrics is on/],
    ['gpuMetrics on Trainium', 'trn1.32xlarge', { gpuMetrics: true }, /gpuMetrics = true: allowed: on AWS: false or unset for trn1.32xlarge/],
  ])('fails on %s, naming the path and the property', (_n, type, extra, msg) => {
    expect(() => fleet(type, extra)).toThrow(/\[ai-infra\] GpuFleet 'Test\/Fleet': invalid propert/);
    expect(() => fleet(type, extra)).toThrow(msg);
  });

  test('the scheduled actions are exposed and recorded in the facts manifest', () => {
    const { stack, fleet: f, template } = fleet('p5.48xlarge', { nodes: 2, scaleToZero: {} });
    const entry = template.toJSON().Metadata['ai-infra'].constructs.find((c: any) => c.kind === 'GpuFleet');
    expect(entry.resources.scaleDown).toEqual(stack.getLogicalId(f.scaleDownAction!.node.defaultChild as any));
    expect(entry.resources.scaleUp).toEqual(stack.getLogicalId(f.scaleUpAction!.node.defaultChild as any));
  });
});
