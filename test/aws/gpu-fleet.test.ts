import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { launchTemplateData, withNetwork } from './util';
import { ConsumptionOption, EfaInterfaceMode, InstanceType, PurchaseOption, aws } from '../../src';
import { factsOf } from '../helpers';

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

describe('aws.GpuFleet: current hardware from the catalog (issue 15)', () => {
  const CB = PurchaseOption.capacityBlock('cr-0123456789abcdef0');
  /** A purchase the type is sold with: on-demand where it is, else a Capacity Block, else spot. */
  const purchaseFor = (t: InstanceType) => t.sells(ConsumptionOption.ON_DEMAND) ? undefined
    : t.sells(ConsumptionOption.CAPACITY_BLOCK) ? CB : PurchaseOption.spot();

  test('p6-b300: an ENA-only card 0 and one efa-only interface at device 0 of each of cards 1-16', () => {
    const nics: any[] = launchTemplateData(fleet('p6-b300.48xlarge').template).NetworkInterfaces;
    expect(nics).toHaveLength(17);
    expect(nics[0]).toMatchObject({ NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' });
    // card 0 carries no EFA at all (its EFA limit is 0)
    expect(nics.filter((n) => n.NetworkCardIndex === 0)).toHaveLength(1);
    const efa = nics.slice(1);
    expect(efa.map((n) => [n.NetworkCardIndex, n.DeviceIndex, n.InterfaceType]))
      .toEqual(Array.from({ length: 16 }, (_, i) => [i + 1, 0, 'efa-only']));
  });

  test('p6-b300 in efa mode: ENA on card 0, efa at device 0 of cards 1-16 (the AWS PCS template)', () => {
    const nics: any[] = launchTemplateData(fleet('p6-b300.48xlarge', { efaInterfaceMode: EfaInterfaceMode.EFA }).template).NetworkInterfaces;
    expect(nics.map((n) => [n.NetworkCardIndex, n.DeviceIndex, n.InterfaceType]))
      .toEqual([[0, 0, 'interface'], ...Array.from({ length: 16 }, (_, i) => [i + 1, 0, 'efa'])]);
  });

  test.each([
    'p6-b300.48xlarge', 'p6e-gb200.36xlarge', 'trn2.48xlarge', 'g6e.48xlarge', 'g7e.48xlarge', 'g7e.2xlarge',
    'inf2.48xlarge', 'p5.4xlarge',
  ])('%s: the synthesized fleet reaches 100%% of the published bandwidth', (name) => {
    const t = InstanceType.of(name);
    const { stack } = fleet(name, { purchase: purchaseFor(t) });
    const f = factsOf(Template.fromStack(stack).toJSON()).fleets[0];
    expect({ name, configured: f.configuredGbps }).toEqual({ name, configured: t.maxGbps });
    expect(f.maxGbps).toBe(t.spec.publishedBandwidth.gbps);
  });

  test('p6e-gb200 (Grace): the arm64 Deep Learning AMI and the arm64 CloudWatch agent', () => {
    const { template } = fleet('p6e-gb200.36xlarge', { purchase: CB });
    const params = Object.values(template.toJSON().Parameters).map((p: any) => p.Default);
    expect(params).toContain('/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id');
    expect(params.some((p: string) => p.includes('x86_64'))).toBe(false);
    const userData = JSON.stringify(launchTemplateData(template).UserData);
    expect(userData).toContain('/ubuntu/arm64/latest/amazon-cloudwatch-agent.deb');
    expect(userData).not.toContain('/ubuntu/amd64/');
    const nics: any[] = launchTemplateData(template).NetworkInterfaces;
    expect(nics).toHaveLength(17);
    expect(nics[0]).toMatchObject({ NetworkCardIndex: 0, DeviceIndex: 0, InterfaceType: 'interface' });
  });

  test('x86 types keep the amd64 CloudWatch agent', () => {
    expect(JSON.stringify(launchTemplateData(fleet('p6-b300.48xlarge').template).UserData)).toContain('/ubuntu/amd64/latest/');
  });

  test('Trainium2 uses the Neuron DLAMI', () => {
    const params = fleet('trn2.48xlarge', { purchase: CB }).template.toJSON().Parameters;
    expect(Object.values(params).map((p: any) => p.Default)).toContain('/aws/service/neuron/dlami/multi-framework/ubuntu-22.04/latest/image_id');
  });

  test('a type not sold on demand does not default to on-demand: the error names the options to choose', () => {
    expect(() => fleet('trn2.48xlarge')).toThrow(/purchase = 'on-demand \(the default\)': allowed: PurchaseOption\.spot\(\) or PurchaseOption\.capacityBlock\(id\): trn2\.48xlarge is sold as spot, capacity-block only/);
    expect(() => fleet('p6e-gb200.36xlarge')).toThrow(/purchase = 'on-demand \(the default\)': allowed: PurchaseOption\.capacityBlock\(id\)/);
    expect(() => fleet('p6e-gb200.36xlarge', { purchase: PurchaseOption.spot() })).toThrow(/purchase = 'spot': allowed: PurchaseOption\.capacityBlock\(id\)/);
    expect(() => fleet('p5.4xlarge', { purchase: PurchaseOption.spot() })).toThrow(/p5\.4xlarge is sold as on-demand, reservation, capacity-block only/);
  });

  test('placementGroupVmLimit (Azure InfiniBand) is refused on AWS, not dropped', () => {
    expect(() => fleet('p5.48xlarge', { placementGroupVmLimit: 200 })).toThrow(/placementGroupVmLimit = 200: allowed: unset for p5\.48xlarge/);
  });

  test('p5e.48xlarge is sold with spot (no on-demand): spot synthesizes, the default is refused', () => {
    const { template } = fleet('p5e.48xlarge', { purchase: PurchaseOption.spot() });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MixedInstancesPolicy: Match.objectLike({ InstancesDistribution: Match.objectLike({ OnDemandPercentageAboveBaseCapacity: 0 }) }),
    });
    expect(() => fleet('p5e.48xlarge')).toThrow(/purchase = 'on-demand \(the default\)': allowed: PurchaseOption\.spot\(\) or PurchaseOption\.capacityBlock\(id\)/);
  });
});
