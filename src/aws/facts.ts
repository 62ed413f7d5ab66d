/**
 * Reads the governance facts of a synthesized CloudFormation template. Fleets, storage and endpoints start from
 * the facts manifest (`Metadata['ai-infra']`) that the constructs write, and follow the logical IDs it records
 * into `Resources`, so escape-hatch overrides show and nothing else in the stack is taken for ours. A template
 * without a manifest has no fleets, storage or endpoints.
 *
 * Roles recorded per kind (`./manifest.ts` `recordResources`, called at the end of each constructor):
 * - GpuFleet: `launchTemplate` (instance type, network interfaces, placement, capacity reservation or block),
 *   `autoScalingGroup` (size, spot through the mixed instances policy), `scaleDown` and `scaleUp` (the
 *   scale-to-zero scheduled actions), `placementGroup`, `alarms` (list).
 * - TieredStorage: `bucket` (the data bucket the facts describe), `accessLogsBucket`, `key`, and the
 *   high-throughput tier: `expressBucket` (S3 Express One Zone) or `lustre` (FSx for Lustre).
 * - ModelEndpoint: `endpoint`, `endpointConfig` (the production variant), `model` (VPC configuration),
 *   `scalableTarget` (the autoscaling range, absent without autoscaling), `alarms` (list); a pending endpoint (no
 *   `modelArtifact` yet) records only `securityGroup` and `alarms`, with settings `pending`, `instanceType`,
 *   `minInstances`, `maxInstances`.
 * - ClusterNetwork: `vpc` and `clusterSubnet` (when created, not imported), `efaSecurityGroup`, `endpointSecurityGroup`,
 *   `s3Endpoint`, `interfaceEndpoints` (list), `flowLog`, `natGateways` (list).
 * - PlatformMonitoring: `alarmTopic`, `dashboard`.
 *
 * The manifest also records the stack's region (`region`) where the stack has a concrete one (`env.region`); an
 * environment-agnostic stack's template names no region and its facts carry none.
 *
 * The posture counts (alarms, cost tags, public IPs, open ingress, NAT gateways, VPN connections, interface
 * endpoints, flow logs) are stack-wide on purpose: they describe everything the stack deploys, ours or not.
 */
import { AwsFactsManifest } from './manifest';
import { catalogTypeOf, COST_TAGS, declaredDataTiB, EndpointFact, FleetFact, hoursPerWeek, identities, MANIFEST_KEY, manifestEntries, ManifestEntry, PlatformFacts, PurchaseFact, StorageFact } from '../core/facts';


/** The facts manifest a template carries, if any. */
function cloudFormationManifest(template: any): AwsFactsManifest | undefined {
  const m = template?.Metadata?.[MANIFEST_KEY];
  return m && Array.isArray(m.constructs) ? m : undefined;
}

/** Reads the governance facts of a synthesized CloudFormation template. */
export function factsFromCloudFormation(template: any): PlatformFacts {
  const all: Record<string, any> = template?.Resources ?? {};
  const resources: Array<[string, any]> = Object.entries(all);
  const of = (type: string) => resources.filter(([, r]) => r.Type === type);
  const manifest = cloudFormationManifest(template);
  /** The resource of a role, checked to be of the type the role holds (undefined when removed or replaced). */
  const at = (entry: ManifestEntry, role: string, type: string): any => {
    const r = all[identities(entry, role)[0]];
    return r?.Type === type ? r : undefined;
  };

  const fleets = manifestEntries(manifest, 'GpuFleet').flatMap((entry) => fleetFact(entry, at));
  const storage = manifestEntries(manifest, 'TieredStorage').flatMap((entry) => storageFact(entry, at));
  const endpoints = manifestEntries(manifest, 'ModelEndpoint').flatMap((entry) => endpointFact(entry, at));

  // stack-wide posture: everything the template deploys counts, whoever created it
  const taggable = resources.filter(([, r]) => Array.isArray(r.Properties?.Tags) && r.Type === 'AWS::S3::Bucket');
  const costTags = taggable.length > 0 && taggable.every(([, r]) => COST_TAGS.every((k) => r.Properties.Tags.some((t: any) => t.Key === k)));
  const openIngress = of('AWS::EC2::SecurityGroup').flatMap(([, r]) => r.Properties?.SecurityGroupIngress ?? [])
    .concat(of('AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties))
    .filter((i: any) => i.CidrIp === '0.0.0.0/0' || i.CidrIpv6 === '::/0').length;
  const publicIps = of('AWS::EC2::LaunchTemplate')
    .filter(([, r]) => (r.Properties?.LaunchTemplateData?.NetworkInterfaces ?? []).some((n: any) => n.AssociatePublicIpAddress === true)).length;
  // the stack's region: a template does not name it, the manifest records it where the stack has a concrete one
  const region = typeof manifest?.region === 'string' && manifest.region !== '' ? manifest.region : undefined;
  return {
    cloud: 'aws',
    ...(region !== undefined ? { region } : {}),
    fleets,
    storage,
    endpoints,
    alarms: of('AWS::CloudWatch::Alarm').length,
    costTags,
    publicIps,
    openIngress,
    natGateways: of('AWS::EC2::NatGateway').length,
    vpnConnections: of('AWS::EC2::VPNConnection').length,
    interfaceEndpoints: of('AWS::EC2::VPCEndpoint').filter(([, r]) => r.Properties?.VpcEndpointType === 'Interface').length,
    flowLogs: of('AWS::EC2::FlowLog').length > 0,
  };
}

type At = (entry: ManifestEntry, role: string, type: string) => any;

/**
 * A fleet from its launch template (instance type, interfaces, placement, reservation) and its group (size,
 * spot), with the hours its scale-to-zero schedule leaves. Bandwidth: the interfaces according to the catalog.
 */
function fleetFact(entry: ManifestEntry, at: At): FleetFact[] {
  const lt = at(entry, 'launchTemplate', 'AWS::EC2::LaunchTemplate');
  const data = lt?.Properties?.LaunchTemplateData ?? {};
  const type = catalogTypeOf(data.InstanceType);
  if (!type) return []; // no launch template, or not a catalog type: no fleet figures to give
  const group = at(entry, 'autoScalingGroup', 'AWS::AutoScaling::AutoScalingGroup')?.Properties ?? {};
  const down = at(entry, 'scaleDown', 'AWS::AutoScaling::ScheduledAction')?.Properties;
  const up = at(entry, 'scaleUp', 'AWS::AutoScaling::ScheduledAction')?.Properties;
  const nics: any[] = data.NetworkInterfaces ?? [];
  const fabric = nics.filter((n) => n.InterfaceType === 'efa' || n.InterfaceType === 'efa-only').length;
  const host = nics.filter((n) => n.InterfaceType === undefined || n.InterfaceType === 'interface').length || (nics.length === 0 ? 1 : 0);
  const purchase: PurchaseFact = data.InstanceMarketOptions?.MarketType === 'capacity-block' ? 'capacity-block'
    : data.CapacityReservationSpecification ? 'reservation'
      : group.MixedInstancesPolicy?.InstancesDistribution?.OnDemandPercentageAboveBaseCapacity === 0 ? 'spot' : 'on-demand';
  const nodes = Number(group.DesiredCapacity ?? group.MinSize ?? 0);
  return [{
    path: entry.path,
    instanceType: type.name,
    nodes: Math.max(nodes, Number(group.MinSize ?? 0), ...[down, up].map((s) => Number(s?.DesiredCapacity ?? 0))),
    configuredGbps: type.configuredGbps(host, fabric),
    maxGbps: type.maxGbps,
    placement: data.Placement?.GroupName !== undefined,
    purchase,
    hoursPerWeek: hoursPerWeek(up?.Recurrence, down?.Recurrence),
  }];
}

/** The data bucket's lifecycle, versioning and encryption, and whether the construct has a high-throughput tier. */
function storageFact(entry: ManifestEntry, at: At): StorageFact[] {
  const bucket = at(entry, 'bucket', 'AWS::S3::Bucket')?.Properties;
  if (!bucket) return [];
  const rules: any[] = bucket.LifecycleConfiguration?.Rules ?? [];
  const classes = [...new Set(rules.flatMap((x) => (x.Transitions ?? []).map((t: any) => t.StorageClass)))] as string[];
  const first = rules.find((x) => (x.Transitions ?? []).length > 0 && x.Transitions[0].StorageClass !== 'INTELLIGENT_TIERING');
  const transitions = (first?.Transitions ?? []).map((t: any) => ({ storageClass: t.StorageClass, afterDays: Number(t.TransitionInDays) }));
  return [{
    path: entry.path,
    dataTiB: declaredDataTiB(entry),
    tiered: classes.length > 0 || (bucket.IntelligentTieringConfigurations ?? []).length > 0,
    versioned: bucket.VersioningConfiguration?.Status === 'Enabled',
    customerManagedKey: JSON.stringify(bucket.BucketEncryption ?? {}).includes('aws:kms'),
    highThroughput: at(entry, 'lustre', 'AWS::FSx::FileSystem') !== undefined || at(entry, 'expressBucket', 'AWS::S3Express::DirectoryBucket') !== undefined,
    classes,
    transitions,
  }];
}

/** The endpoint's production variant, its own scalable target's range, and its model's VPC configuration. */
function endpointFact(entry: ManifestEntry, at: At): EndpointFact[] {
  if (entry.settings?.pending === true) {
    // no model artifact yet: nothing serves and no instance bills until the second deploy
    return [{
      path: entry.path,
      instanceType: String(entry.settings.instanceType),
      minInstances: Number(entry.settings.minInstances),
      maxInstances: Number(entry.settings.maxInstances),
      autoscaling: false,
      private: entry.resources.securityGroup !== undefined,
      pending: true,
    }];
  }
  const config = at(entry, 'endpointConfig', 'AWS::SageMaker::EndpointConfig')?.Properties;
  if (!config) return [];
  const v = config.ProductionVariants?.[0] ?? {};
  const target = at(entry, 'scalableTarget', 'AWS::ApplicationAutoScaling::ScalableTarget')?.Properties;
  const model = at(entry, 'model', 'AWS::SageMaker::Model')?.Properties;
  return [{
    path: entry.path,
    instanceType: v.InstanceType ?? 'serverless',
    minInstances: Number(target?.MinCapacity ?? v.InitialInstanceCount ?? 0),
    maxInstances: Number(target?.MaxCapacity ?? v.InitialInstanceCount ?? 0),
    autoscaling: target !== undefined,
    private: model?.VpcConfig !== undefined,
  }];
}
