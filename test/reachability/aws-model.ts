/**
 * The reachability model of a synthesized CloudFormation template (AWS). Workloads come from the facts manifest
 * (`Metadata['ai-infra']`): the fleet from its launch template's network interfaces, the serving container from the
 * SageMaker model's `VpcConfig`, Lustre from the file system's security groups, the edge devices from the Greengrass
 * component and the IoT role alias.
 *
 * Facts the model encodes (each cited where it is used):
 * - a security group without `SecurityGroupEgress` keeps the default allow-all egress rule; CDK renders
 *   "allow nothing out" as one ICMP rule to 255.255.255.255/32 (which matches nothing);
 * - S3 is reached from a private subnet through the S3 gateway endpoint's route (the subnet's route table must be
 *   one of the endpoint's) or a default route to a NAT / internet gateway; the security group must allow TCP 443 out;
 * - ECR needs the `ecr.api` and `ecr.dkr` interface endpoints and S3 (image layers are served from S3:
 *   https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html);
 * - an interface endpoint is reached when its private DNS is on, the source's group allows TCP 443 out to it and
 *   the endpoint's group allows TCP 443 in from the source;
 * - EFA needs a security group that allows all traffic in and out to itself
 *   (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-start.html#efa-start-security);
 * - Lustre clients reach FSx for Lustre on TCP 988 and 1018-1023
 *   (https://docs.aws.amazon.com/fsx/latest/LustreGuide/limit-access-security-groups.html).
 */
import { allOf, allow, anyOf, cidrContains, deny, Destination, NetworkModel, Verdict, Workload } from './model';

interface SgRule {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  /** a CIDR, or a security group token `sg:<logicalId>`, or a prefix list `pl:<id>` */
  readonly peer: string;
  readonly origin: string;
}

interface Attachment {
  readonly name: string;
  readonly groups: string[];
  readonly subnets: string[];
}

const LUSTRE_PORTS = [988, 1018, 1019, 1020, 1021, 1022, 1023];

/** The logical ID a resolved token names (`${Id}` or `${Id.Attr}`), or undefined. */
function logicalId(token: any): string | undefined {
  const m = /^\$\{([^.}]+)(\.[^}]+)?\}$/.exec(String(token));
  return m?.[1];
}

/** Whether a rule covers the protocol and port (`all`: only an all-traffic rule does). */
function ruleMatches(rule: SgRule, protocol: string, port: number): boolean {
  if (rule.protocol === '-1') return true;
  if (protocol === 'all') return false;
  return rule.protocol === protocol && port >= rule.from && port <= rule.to;
}

export class AwsNetworkModel implements NetworkModel {
  private readonly r: Record<string, any>;
  private readonly manifest: any[];
  private readonly region: string;
  private readonly ingress = new Map<string, SgRule[]>();
  private readonly egress = new Map<string, SgRule[]>();

  constructor(template: any) {
    this.r = template.Resources ?? {};
    this.manifest = template.Metadata?.['ai-infra']?.constructs ?? [];
    const endpoint = Object.values(this.r).find((x: any) => x.Type === 'AWS::EC2::VPCEndpoint' && typeof x.Properties?.ServiceName === 'string');
    this.region = (endpoint as any)?.Properties.ServiceName.split('.')[2] ?? 'us-east-1';
    this.readSecurityGroups();
  }

  // ---- template reading ----

  /** Resolves Ref / GetAtt / Join / Select over the template's own resources to strings (`${Id}`, `${Id.Attr}`). */
  resolve(v: any): any {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => this.resolve(x));
    if ('Ref' in v) {
      if (v.Ref === 'AWS::Region') return this.region;
      if (v.Ref === 'AWS::Partition') return 'aws';
      if (v.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
      return `\${${v.Ref}}`;
    }
    if ('Fn::GetAtt' in v) return `\${${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}}`;
    if ('Fn::Join' in v) return (this.resolve(v['Fn::Join'][1]) as any[]).join(v['Fn::Join'][0]);
    if ('Fn::Select' in v) return this.resolve(v['Fn::Select'][1])[Number(this.resolve(v['Fn::Select'][0]))];
    if ('Fn::GetAZs' in v) return [`${this.region}a`, `${this.region}b`, `${this.region}c`];
    return v;
  }

  private resource(id: string | undefined): any {
    return id === undefined ? undefined : this.r[id];
  }

  /** The manifest's resources of the first construct of a kind. */
  private entry(kind: string): Record<string, any> | undefined {
    return this.manifest.find((c) => c.kind === kind)?.resources;
  }

  private readSecurityGroups(): void {
    const rule = (p: any, peer: string | undefined, origin: string): SgRule => {
      const protocol = String(this.resolve(p.IpProtocol));
      const all = protocol === '-1';
      return { protocol: all ? '-1' : protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol, from: all ? 0 : Number(p.FromPort ?? 0), to: all ? 65535 : Number(p.ToPort ?? 65535), peer: peer ?? '?', origin };
    };
    const peerOf = (p: any, dir: 'in' | 'out'): string | undefined => {
      const cidr = p.CidrIp ?? p.CidrIpv6;
      if (cidr) return String(this.resolve(cidr));
      const sg = dir === 'in' ? p.SourceSecurityGroupId : p.DestinationSecurityGroupId;
      if (sg) return `sg:${logicalId(this.resolve(sg))}`;
      const pl = dir === 'in' ? p.SourcePrefixListId : p.DestinationPrefixListId;
      if (pl) return `pl:${this.resolve(pl)}`;
      return undefined;
    };
    for (const [id, res] of Object.entries(this.r)) {
      if (res.Type === 'AWS::EC2::SecurityGroup') {
        const p = res.Properties ?? {};
        this.ingress.set(id, (p.SecurityGroupIngress ?? []).map((x: any, i: number) => rule(x, peerOf(x, 'in'), `${id} inline ingress ${i} (${x.Description ?? ''})`)));
        this.egress.set(id, p.SecurityGroupEgress === undefined
          // CloudFormation keeps the default allow-all egress rule when SecurityGroupEgress is absent
          ? [{ protocol: '-1', from: 0, to: 65535, peer: '0.0.0.0/0', origin: `${id} default egress (no SecurityGroupEgress)` }]
          : p.SecurityGroupEgress.map((x: any, i: number) => rule(x, peerOf(x, 'out'), `${id} inline egress ${i} (${x.Description ?? ''})`)));
      }
    }
    for (const [id, res] of Object.entries(this.r)) {
      if (res.Type !== 'AWS::EC2::SecurityGroupIngress' && res.Type !== 'AWS::EC2::SecurityGroupEgress') continue;
      const p = res.Properties;
      const group = logicalId(this.resolve(p.GroupId))!;
      const dir = res.Type === 'AWS::EC2::SecurityGroupIngress' ? 'in' : 'out';
      const list = (dir === 'in' ? this.ingress : this.egress).get(group);
      if (list) list.push(rule(p, peerOf(p, dir), `${id} (${p.Description ?? ''})`));
    }
  }

  /** The fleet's security groups and subnets, from its launch template (network interfaces or group ids). */
  fleet(): Attachment | undefined {
    const lt = this.entry('GpuFleet')?.launchTemplate;
    const data = this.resource(lt)?.Properties?.LaunchTemplateData;
    if (!data) return undefined;
    const groups = new Set<string>();
    const subnets = new Set<string>();
    for (const nic of data.NetworkInterfaces ?? []) {
      for (const g of nic.Groups ?? []) groups.add(logicalId(this.resolve(g))!);
      if (nic.SubnetId) subnets.add(logicalId(this.resolve(nic.SubnetId))!);
    }
    for (const g of data.SecurityGroupIds ?? []) groups.add(logicalId(this.resolve(g))!);
    const asg = this.resource(this.entry('GpuFleet')?.autoScalingGroup)?.Properties;
    for (const s of asg?.VPCZoneIdentifier ?? []) subnets.add(logicalId(this.resolve(s))!);
    return { name: `fleet ${lt}`, groups: [...groups], subnets: [...subnets] };
  }

  /** The SageMaker model's container: its VpcConfig's groups and subnets. */
  endpointContainer(): Attachment | undefined {
    const model = this.entry('ModelEndpoint')?.model;
    const vpc = this.resource(model)?.Properties?.VpcConfig;
    if (!vpc) return undefined;
    return {
      name: `endpoint container ${model}`,
      groups: vpc.SecurityGroupIds.map((g: any) => logicalId(this.resolve(g))),
      subnets: vpc.Subnets.map((s: any) => logicalId(this.resolve(s))),
    };
  }

  /** The Lustre file system's groups and subnets. */
  lustre(): Attachment | undefined {
    const id = this.entry('TieredStorage')?.lustre;
    const p = this.resource(id)?.Properties;
    if (!p) return undefined;
    return { name: `Lustre ${id}`, groups: p.SecurityGroupIds.map((g: any) => logicalId(this.resolve(g))), subnets: p.SubnetIds.map((s: any) => logicalId(this.resolve(s))) };
  }

  private subnetCidr(subnet: string): string {
    return String(this.resolve(this.resource(subnet)?.Properties?.CidrBlock));
  }

  private routeTableOf(subnet: string): string | undefined {
    const assoc = Object.values(this.r).find((x: any) => x.Type === 'AWS::EC2::SubnetRouteTableAssociation'
      && logicalId(this.resolve(x.Properties.SubnetId)) === subnet) as any;
    return assoc ? logicalId(this.resolve(assoc.Properties.RouteTableId)) : undefined;
  }

  /** A default route of the table to a NAT or internet gateway, named; undefined when none. */
  private defaultRoute(table: string): string | undefined {
    for (const [id, x] of Object.entries(this.r)) {
      if (x.Type !== 'AWS::EC2::Route' || logicalId(this.resolve(x.Properties.RouteTableId)) !== table) continue;
      if (x.Properties.DestinationCidrBlock !== '0.0.0.0/0') continue;
      if (x.Properties.NatGatewayId || x.Properties.GatewayId) return id;
    }
    return undefined;
  }

  // ---- security group evaluation ----

  /** An egress rule of the groups that lets `protocol`/`port` out to the peer (a CIDR the destination lies in, or a group). */
  private egressTo(groups: string[], protocol: string, port: number, peer: { cidrs?: string[]; group?: string; prefixList?: boolean }): Verdict {
    for (const g of groups) {
      for (const rule of this.egress.get(g) ?? []) {
        if (!ruleMatches(rule, protocol, port)) continue;
        if (peer.group && rule.peer === `sg:${peer.group}`) return allow(`egress ${rule.origin}`);
        if (peer.cidrs && peer.cidrs.length > 0 && peer.cidrs.every((c) => cidrContains(rule.peer, c))) return allow(`egress ${rule.origin}`);
        if (peer.prefixList && (rule.peer.startsWith('pl:') || rule.peer === '0.0.0.0/0')) return allow(`egress ${rule.origin}`);
      }
    }
    return deny(`no egress rule of ${groups.join(', ')} allows ${protocol}/${protocol === 'all' ? '*' : port} to ${peer.group ?? peer.cidrs?.join(',') ?? 'the S3 prefix list'}`);
  }

  /** An ingress rule of the groups that admits `protocol`/`port` from the source (its groups or its subnets' CIDRs). */
  private ingressFrom(groups: string[], protocol: string, port: number, source: Attachment): Verdict {
    const cidrs = source.subnets.map((s) => this.subnetCidr(s));
    for (const g of groups) {
      for (const rule of this.ingress.get(g) ?? []) {
        if (!ruleMatches(rule, protocol, port)) continue;
        if (source.groups.some((sg) => rule.peer === `sg:${sg}`)) return allow(`ingress ${rule.origin}`);
        if (cidrs.length > 0 && cidrs.every((c) => cidrContains(rule.peer, c))) return allow(`ingress ${rule.origin}`);
      }
    }
    return deny(`no ingress rule of ${groups.join(', ')} admits ${protocol}/${protocol === 'all' ? '*' : port} from ${source.name}`);
  }

  /** S3 over HTTPS: the group allows 443 out, and every subnet's route table has the gateway endpoint's route or a default route. */
  private s3(src: Attachment): Verdict {
    const sg = this.egressTo(src.groups, 'tcp', 443, { prefixList: true });
    if (!sg.reachable) return deny(`${src.name} cannot reach S3: ${sg.reason}`);
    const gatewayId = this.entry('ClusterNetwork')?.s3Endpoint;
    const gateway = this.resource(gatewayId)?.Properties;
    const tables: string[] = (gateway?.RouteTableIds ?? []).map((t: any) => logicalId(this.resolve(t)));
    const routes: string[] = [];
    for (const subnet of src.subnets) {
      const table = this.routeTableOf(subnet);
      if (table && tables.includes(table)) { routes.push(`${subnet}: S3 gateway endpoint ${gatewayId} route in ${table}`); continue; }
      const def = table && this.defaultRoute(table);
      if (def) { routes.push(`${subnet}: default route ${def}`); continue; }
      return deny(`${src.name} cannot reach S3: subnet ${subnet}'s route table ${table ?? '(none)'} is not one of the S3 gateway endpoint's route tables and has no default route`);
    }
    return allow(`${sg.reason}; ${routes.join(', ')}`);
  }

  /** An AWS service through its interface endpoint (private DNS on, 443 out from the source, 443 in on the endpoint). */
  private service(src: Attachment, service: string): Verdict {
    const ids: string[] = this.entry('ClusterNetwork')?.interfaceEndpoints ?? [];
    const id = ids.find((e) => String(this.resolve(this.resource(e)?.Properties?.ServiceName)).endsWith(`.${service}`));
    if (!id) {
      const tables = src.subnets.map((s) => this.routeTableOf(s));
      const def = tables.every((t) => t && this.defaultRoute(t));
      return def ? this.egressTo(src.groups, 'tcp', 443, { cidrs: ['0.0.0.0/0'] }) : deny(`${src.name} cannot reach ${service}: no interface endpoint and no default route`);
    }
    const p = this.resource(id).Properties;
    if (p.PrivateDnsEnabled !== true) return deny(`${src.name} cannot reach ${service}: endpoint ${id} has no private DNS (the SDK's default name resolves to the public endpoint)`);
    const groups: string[] = (p.SecurityGroupIds ?? []).map((g: any) => logicalId(this.resolve(g)));
    const cidrs = (p.SubnetIds ?? []).map((s: any) => this.subnetCidr(logicalId(this.resolve(s))!));
    const out = anyOf(...groups.map((g) => this.egressTo(src.groups, 'tcp', 443, { group: g })), this.egressTo(src.groups, 'tcp', 443, { cidrs }));
    if (!out.reachable) return deny(`${src.name} cannot reach ${service} (${id}): ${out.reason}`);
    const inn = this.ingressFrom(groups, 'tcp', 443, src);
    if (!inn.reachable) return deny(`${src.name} cannot reach ${service} (${id}): ${inn.reason}`);
    return allow(`${service} via ${id}: ${out.reason}; ${inn.reason}`);
  }

  /** Group to group on a port (or all traffic): egress from the source's groups and ingress on the destination's. */
  private between(src: Attachment, dst: Attachment, protocol: string, port: number): Verdict {
    const out = anyOf(...dst.groups.map((g) => this.egressTo(src.groups, protocol, port, { group: g })),
      this.egressTo(src.groups, protocol, port, { cidrs: dst.subnets.map((s) => this.subnetCidr(s)) }));
    if (!out.reachable) return deny(`${src.name} cannot reach ${dst.name} on ${protocol}/${protocol === 'all' ? '*' : port}: ${out.reason}`);
    const inn = this.ingressFrom(dst.groups, protocol, port, src);
    if (!inn.reachable) return deny(`${src.name} cannot reach ${dst.name} on ${protocol}/${protocol === 'all' ? '*' : port}: ${inn.reason}`);
    return allow(`${out.reason}; ${inn.reason}`);
  }

  // ---- the questions ----

  canReach(source: Workload, destination: Destination, port: number, protocol: 'tcp' | 'udp' | 'all'): Verdict {
    if (source === 'edge') return this.edge(destination);
    const src = source === 'fleet' ? this.fleet() : this.endpointContainer();
    if (!src) return deny(`no ${source} in the manifest`);
    const label = source === 'fleet' ? 'fleet' : 'endpoint container';
    switch (destination) {
      case 'bucket':
      case 'modelData': {
        const v = this.s3(src);
        return v.reachable ? v : deny(`${label} cannot reach ${destination === 'modelData' ? 'model data' : 'the bucket'}: ${v.reason}`);
      }
      case 'registry': {
        const v = allOf(this.service(src, 'ecr.api'), this.service(src, 'ecr.dkr'), this.s3(src));
        return v.reachable ? v : deny(`${label} cannot reach the image registry: ${v.reason}`);
      }
      case 'logs': {
        const v = this.service(src, 'logs');
        return v.reachable ? v : deny(`${label} cannot reach logs: ${v.reason}`);
      }
      case 'fleetPeer':
        return this.between(src, this.fleet()!, protocol, port);
      case 'lustre': {
        const l = this.lustre();
        return l ? this.between(src, l, protocol, port) : deny('no Lustre file system in the manifest');
      }
      case 'internet': {
        const tables = src.subnets.map((s) => [s, this.routeTableOf(s)] as const);
        const missing = tables.find(([, t]) => !t || !this.defaultRoute(t));
        if (missing) return deny(`${label}: subnet ${missing[0]}'s route table ${missing[1]} has no default route to a NAT or internet gateway`);
        return this.egressTo(src.groups, protocol, port, { cidrs: ['0.0.0.0/0'] });
      }
    }
    return deny(`unknown destination ${destination}`);
  }

  /**
   * Edge devices reach AWS over their own uplink with the credentials of the IoT role alias's role: the component's
   * artifact must be readable by that role (the model checks the role's policies, which is what decides here).
   */
  private edge(destination: Destination): Verdict {
    if (destination !== 'modelData') return deny(`the model answers only modelData for edge devices, not ${destination}`);
    const alias = Object.entries(this.r).find(([, x]) => x.Type === 'AWS::IoT::RoleAlias');
    const component = Object.entries(this.r).find(([, x]) => x.Type === 'AWS::GreengrassV2::ComponentVersion');
    if (!alias || !component) return deny('no IoT role alias or Greengrass component');
    const role = logicalId(this.resolve(alias[1].Properties.RoleArn))!;
    const recipe = JSON.parse(this.resolve(component[1].Properties.InlineRecipe));
    const uris: string[] = recipe.Manifests.flatMap((m: any) => (m.Artifacts ?? []).map((a: any) => a.URI));
    const statements = Object.entries(this.r)
      .filter(([, x]) => x.Type === 'AWS::IAM::ManagedPolicy' && (x.Properties.Roles ?? []).some((ro: any) => logicalId(this.resolve(ro)) === role))
      .flatMap(([id, x]) => (x.Properties.PolicyDocument.Statement as any[]).map((s) => ({ id, s })));
    const reasons: string[] = [];
    for (const uri of uris) {
      const m = /^s3:\/\/\$\{([^}]+)\}\/(.*)$/.exec(uri);
      if (!m) return deny(`edge artifact ${uri} is not in one of the stack's buckets`);
      const [, bucket, key] = m;
      const grant = statements.find(({ s }) => s.Effect === 'Allow' && [s.Action].flat().includes('s3:GetObject')
        && [this.resolve(s.Resource)].flat().some((res: string) => {
          const rm = /^\$\{([^.}]+)\.Arn\}\/(.*)$/.exec(res);
          return rm !== null && rm[1] === bucket && new RegExp(`^${rm[2].replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(key);
        }));
      if (!grant) return deny(`edge role ${role} cannot read its artifact ${uri}: no s3:GetObject on it`);
      reasons.push(`${uri} readable by ${role} through ${grant.id}`);
    }
    return allow(reasons.join('; '));
  }

  openIngress(): string[] {
    const found: string[] = [];
    for (const rules of this.ingress.values()) {
      for (const rule of rules) if (rule.peer === '0.0.0.0/0' || rule.peer === '::/0') found.push(rule.origin);
    }
    return found;
  }

  fleetIngressFromOutside(): string[] {
    const f = this.fleet();
    if (!f) return [];
    return f.groups.flatMap((g) => (this.ingress.get(g) ?? []).filter((rule) => !f.groups.some((own) => rule.peer === `sg:${own}`)).map((rule) => `${rule.origin} from ${rule.peer}`));
  }

  /** The ingress rules of the Lustre file system's groups from anything but the fleet's groups and its own. */
  lustreIngressFromOutside(): string[] {
    const l = this.lustre();
    const f = this.fleet();
    if (!l) return [];
    const own = [...l.groups, ...(f?.groups ?? [])];
    return l.groups.flatMap((g) => (this.ingress.get(g) ?? []).filter((rule) => !own.some((o) => rule.peer === `sg:${o}`)).map((rule) => `${rule.origin} from ${rule.peer}`));
  }

  /** The Lustre ports that the fleet cannot reach (empty when all are). */
  lustrePortsBlocked(): string[] {
    return LUSTRE_PORTS.map((p) => this.canReach('fleet', 'lustre', p, 'tcp')).filter((v) => !v.reachable).map((v) => v.reason);
  }
}
