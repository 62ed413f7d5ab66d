import { awsFleetsFromTemplate } from './fleet-facts';
import { FleetFact, PlatformFacts, hoursPerWeek } from '../core/facts';

const COST_TAGS = ['project', 'strategy', 'workload'];

/** Reads the governance facts of a synthesized CloudFormation template. */
export function factsFromCloudFormation(template: any): PlatformFacts {
  const resources: Array<[string, any]> = Object.entries(template?.Resources ?? {});
  const of = (type: string) => resources.filter(([, r]) => r.Type === type);
  const fleets: FleetFact[] = awsFleetsFromTemplate(template).map((f) => {
    const [ltId, lt] = resources.find(([, r]) => r.Type === 'AWS::EC2::LaunchTemplate' && (r.Metadata?.['aws:cdk:path'] ?? '').startsWith(`${f.path}/`))
      ?? resources.find(([, r]) => r.Type === 'AWS::EC2::LaunchTemplate' && r.Properties?.LaunchTemplateData?.InstanceType === f.instanceType)!;
    const data = lt.Properties.LaunchTemplateData;
    const asg = of('AWS::AutoScaling::AutoScalingGroup').find(([, r]) => JSON.stringify(r.Properties).includes(`"${ltId}"`));
    const asgId = asg?.[0];
    const scheduled = of('AWS::AutoScaling::ScheduledAction').filter(([, r]) => JSON.stringify(r.Properties.AutoScalingGroupName).includes(`"${asgId}"`));
    const down = scheduled.find(([, r]) => r.Properties.MaxSize === 0)?.[1].Properties.Recurrence;
    const up = scheduled.find(([, r]) => r.Properties.MaxSize > 0)?.[1].Properties.Recurrence;
    const purchase = data.InstanceMarketOptions?.MarketType === 'capacity-block' ? 'capacity-block'
      : data.CapacityReservationSpecification ? 'reservation'
        : asg?.[1].Properties.MixedInstancesPolicy?.InstancesDistribution?.OnDemandPercentageAboveBaseCapacity === 0 ? 'spot' : 'on-demand';
    return {
      ...f,
      nodes: Math.max(f.nodes, Number(asg?.[1].Properties.MinSize ?? 0), ...scheduled.map(([, r]) => Number(r.Properties.DesiredCapacity ?? 0))),
      placement: data.Placement?.GroupName !== undefined,
      purchase,
      hoursPerWeek: hoursPerWeek(up, down),
    };
  });
  const buckets = of('AWS::S3::Bucket').filter(([, r]) => (r.Properties?.LifecycleConfiguration?.Rules ?? []).some((x: any) => x.Id !== 'expire-logs'));
  const storage = buckets.map(([, r]) => {
    const rules: any[] = r.Properties.LifecycleConfiguration.Rules;
    const classes = [...new Set(rules.flatMap((x) => (x.Transitions ?? []).map((t: any) => t.StorageClass)))];
    const first = rules.find((x) => (x.Transitions ?? []).length > 0 && x.Transitions[0].StorageClass !== 'INTELLIGENT_TIERING');
    const transitions = (first?.Transitions ?? []).map((t: any) => ({ storageClass: t.StorageClass, afterDays: Number(t.TransitionInDays) }));
    return {
      path: '',
      tiered: classes.length > 0 || (r.Properties.IntelligentTieringConfigurations ?? []).length > 0,
      versioned: r.Properties.VersioningConfiguration?.Status === 'Enabled',
      customerManagedKey: JSON.stringify(r.Properties.BucketEncryption ?? {}).includes('aws:kms'),
      highThroughput: of('AWS::FSx::FileSystem').length + of('AWS::S3Express::DirectoryBucket').length > 0,
      classes,
      transitions,
    };
  });
  const endpoints = of('AWS::SageMaker::EndpointConfig').map(([, r]) => {
    const v = r.Properties.ProductionVariants?.[0] ?? {};
    const target = of('AWS::ApplicationAutoScaling::ScalableTarget').find(([, t]) => t.Properties.ServiceNamespace === 'sagemaker')?.[1];
    const model = of('AWS::SageMaker::Model')[0]?.[1];
    return {
      path: '',
      instanceType: v.InstanceType ?? 'serverless',
      minInstances: Number(target?.Properties.MinCapacity ?? v.InitialInstanceCount ?? 0),
      maxInstances: Number(target?.Properties.MaxCapacity ?? v.InitialInstanceCount ?? 0),
      autoscaling: target !== undefined,
      private: model?.Properties?.VpcConfig !== undefined,
    };
  });
  const taggable = resources.filter(([, r]) => Array.isArray(r.Properties?.Tags) && r.Type === 'AWS::S3::Bucket');
  const costTags = taggable.length > 0 && taggable.every(([, r]) => COST_TAGS.every((k) => r.Properties.Tags.some((t: any) => t.Key === k)));
  const openIngress = of('AWS::EC2::SecurityGroup').flatMap(([, r]) => r.Properties.SecurityGroupIngress ?? [])
    .concat(of('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties))
    .filter((i: any) => i.CidrIp === '0.0.0.0/0' || i.CidrIpv6 === '::/0').length;
  const publicIps = of('AWS::EC2::LaunchTemplate').filter(([, r]) => (r.Properties.LaunchTemplateData.NetworkInterfaces ?? []).some((n: any) => n.AssociatePublicIpAddress === true)).length;
  return {
    cloud: 'aws',
    fleets,
    storage,
    endpoints,
    alarms: of('AWS::CloudWatch::Alarm').length,
    costTags,
    publicIps,
    openIngress,
    natGateways: of('AWS::EC2::NatGateway').length,
    vpnConnections: of('AWS::EC2::VPNConnection').length,
    interfaceEndpoints: of('AWS::EC2::VPCEndpoint').filter(([, r]) => r.Properties.VpcEndpointType === 'Interface').length,
    flowLogs: of('AWS::EC2::FlowLog').length > 0,
  };
}
