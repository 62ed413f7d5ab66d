/**
 * The picture of one synthesized stack as a neutral graph: network boxes holding subnet boxes, a node per platform
 * construct (fleet, object storage, high-throughput tier, endpoint, monitoring) placed in the subnet or network its
 * resources reference, and edges for the paths between them (data grants, the fabric, inference traffic, the
 * site-to-site VPN). Figures come from the neutral facts the cloud's facts reader gives (the same numbers as
 * summary.json); grouping and edges come from the references between the synthesized resources, so nothing is
 * placed by name or position. Internal: not part of the jsii API.
 */
import { cloudOfDocument } from '../clouds';
import { DocResource, documentResources } from './document';
import { diagramProfile, DiagramProfile } from './profiles';
import { catalogTypeOf, ConstructKind, FactsManifest, identities, MANIFEST_KEY, ManifestEntry, PlatformFacts } from '../core/facts';

/** The pillar a node belongs to (its colour). */
export type Pillar = 'compute' | 'storage' | 'network' | 'serving' | 'monitoring' | 'external';

/** A box or a node of the picture. */
export interface DiagramNode {
  readonly id: string;
  readonly pillar: Pillar;
  /** Label lines, plain text (the DOT writer escapes them). */
  readonly lines: string[];
  /** The subnet or network box it sits in, if any. */
  readonly parent?: string;
}

/** A subnet or network box. */
export interface DiagramBox {
  readonly id: string;
  readonly kind: 'network' | 'subnet';
  readonly lines: string[];
  readonly parent?: string;
}

/** A path between two nodes. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'data' | 'fabric' | 'traffic' | 'vpn';
  readonly label: string;
  /** The box the edge ends at, where it points at a box rather than a node. */
  readonly toBox?: string;
}

/** The picture of one stack. */
export interface DiagramModel {
  readonly title: string[];
  readonly cloud: string;
  readonly boxes: DiagramBox[];
  readonly nodes: DiagramNode[];
  readonly edges: DiagramEdge[];
}

/** What the caller knows about the stack that the document does not say (the demo's name and strategy). */
export interface DiagramOptions {
  /** The stack's name (default: the facts manifest's construct paths' first segment). */
  readonly name?: string;
  /** Extra title lines (the demo adds the strategy and its figures). */
  readonly subtitle?: string[];
  /** Who asks, named in errors. */
  readonly context?: string;
}

/**
 * Builds the picture of a synthesized stack.
 *
 * @throws when the document is no synthesized stack of a known cloud
 */
export function diagramModel(doc: any, options: DiagramOptions = {}): DiagramModel {
  const context = options.context ?? 'diagram';
  const cloud = cloudOfDocument(doc, context);
  const profile = diagramProfile(cloud.cloud, context);
  const facts = cloud.readFacts(doc);
  const resources = documentResources(doc, cloud.engine);
  const manifest = manifestOf(doc, cloud.engine);
  return new ModelBuilder(cloud.displayName, facts, resources, manifest, profile, options).build();
}

function manifestOf(doc: any, engine: string): FactsManifest | undefined {
  const m = engine === 'cloudformation' ? doc?.Metadata?.[MANIFEST_KEY] : doc?.locals?.[MANIFEST_KEY.replace('-', '_')];
  return m && Array.isArray(m.constructs) ? m : undefined;
}

/** The last segment of a construct path (`stack/Training` -> `Training`), the name a node shows. */
function shortName(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? parts.slice(1).join('/') : path;
}

class ModelBuilder {
  private readonly boxes: DiagramBox[] = [];
  private readonly nodes: DiagramNode[] = [];
  private readonly edges: DiagramEdge[] = [];
  /** Subnet identity -> its box; network identity -> its box. */
  private readonly subnetBox = new Map<string, string>();
  private readonly networkBox = new Map<string, string>();
  private readonly resource: (id: string) => DocResource | undefined;
  /** High-throughput tiers drawn: their node and resource. */
  private readonly fastTiers: Array<{ node: string; resource: string }> = [];

  constructor(
    private readonly cloudName: string,
    private readonly facts: PlatformFacts,
    private readonly resources: Map<string, DocResource>,
    private readonly manifest: FactsManifest | undefined,
    private readonly profile: DiagramProfile,
    private readonly options: DiagramOptions,
  ) {
    this.resource = (id) => this.resources.get(id);
  }

  public build(): DiagramModel {
    this.renderNetworks();
    const fleets = this.entries('GpuFleet').map((e) => this.renderFleet(e)).filter((x): x is string => x !== undefined);
    const storage = this.entries('TieredStorage').map((e) => this.renderStorage(e)).filter((x): x is string => x !== undefined);
    const endpoints = this.entries('ModelEndpoint').map((e) => this.renderEndpoint(e)).filter((x): x is string => x !== undefined);
    this.renderGrants(fleets, storage, 'data: read/write grant');
    this.renderGrants(endpoints, storage, 'model data');
    this.renderMounts(fleets);
    this.renderVpnAndClients(endpoints);
    this.renderServices();
    // a box with nothing in it is not drawn: show its address range instead
    for (const b of this.boxes) this.anchor(b.id);
    const stack = this.options.name ?? this.manifest?.constructs[0]?.path.split('/')[0] ?? 'stack';
    return {
      title: [`${stack} (${this.cloudName}, ${this.resources.size} resources)`, ...(this.options.subtitle ?? [])],
      cloud: this.facts.cloud,
      boxes: this.boxes,
      nodes: this.nodes,
      edges: this.edges,
    };
  }

  private entries(kind: ConstructKind): ManifestEntry[] {
    return (this.manifest?.constructs ?? []).filter((c) => c.kind === kind);
  }

  private ofTypes(types: string[]): DocResource[] {
    return [...this.resources.values()].filter((r) => types.includes(r.type));
  }

  /** A network box per network resource; a subnet box inside the network it references (or at the top). */
  private renderNetworks(): void {
    for (const n of this.ofTypes(this.profile.networkTypes)) {
      const id = `net${this.networkBox.size}`;
      this.networkBox.set(n.id, id);
      this.boxes.push({ id, kind: 'network', lines: [`network ${this.profile.name(n)}`, ...opt(this.profile.cidr(n))] });
    }
    for (const s of this.ofTypes(this.profile.subnetTypes)) {
      const id = `subnet${this.subnetBox.size}`;
      this.subnetBox.set(s.id, id);
      const parent = s.refs.map((r) => this.networkBox.get(r)).find((x) => x !== undefined);
      this.boxes.push({ id, kind: 'subnet', parent, lines: [`subnet ${this.profile.name(s)}`, ...opt(this.profile.cidr(s))] });
    }
  }

  /** The subnets an entry's resources reference directly, in the order they reference them. */
  private subnetsOf(entry: ManifestEntry, roles?: string[]): string[] {
    const ids = roles ? roles.flatMap((r) => identities(entry, r)) : Object.keys(entry.resources).flatMap((r) => identities(entry, r));
    return [...new Set(ids.flatMap((id) => this.resource(id)?.refs ?? []).filter((r) => this.subnetBox.has(r)))];
  }

  /** Where an entry's node sits: the first subnet its resources reference, else the first network, else nowhere. */
  private placement(entry: ManifestEntry, roles?: string[]): string | undefined {
    const subnet = this.subnetsOf(entry, roles)[0];
    if (subnet) return this.subnetBox.get(subnet);
    const ids = roles ? roles.flatMap((r) => identities(entry, r)) : Object.keys(entry.resources).flatMap((r) => identities(entry, r));
    return ids.flatMap((id) => this.resource(id)?.refs ?? []).map((r) => this.networkBox.get(r)).find((x) => x !== undefined);
  }

  private renderFleet(entry: ManifestEntry): string | undefined {
    const fact = this.facts.fleets.find((f) => f.path === entry.path);
    const id = `fleet${this.nodes.filter((n) => n.pillar === 'compute').length}`;
    const nics = this.profile.interfaces(entry, this.resource);
    const parent = this.placement(entry);
    if (!fact) {
      this.nodes.push({ id, pillar: 'compute', parent, lines: [`GPU fleet ${shortName(entry.path)}`, 'not a catalog type: no figures'] });
      return id;
    }
    const kind = fleetInterconnect(fact.instanceType);
    this.nodes.push({
      id,
      pillar: 'compute',
      parent,
      lines: [
        `GPU fleet ${shortName(entry.path)}`,
        `${fact.instanceType} x ${fact.nodes} node${fact.nodes === 1 ? '' : 's'} (${fact.purchase})`,
        nics ? interfaceLine(nics.fabric, kind, nics.host) : 'interfaces: not read',
        `${fact.configuredGbps} of ${fact.maxGbps} Gbps per node`,
      ],
    });
    // the fabric: GPU NICs in their own subnets (edges to them), or interfaces between the nodes (a loop)
    const subnets = this.subnetsOf(entry);
    const parentSubnet = [...this.subnetBox.entries()].find(([, box]) => box === parent)?.[0];
    const fabricSubnets = subnets.filter((s) => s !== parentSubnet);
    for (const s of fabricSubnets) {
      this.edges.push({ from: id, to: this.anchor(this.subnetBox.get(s)!), toBox: this.subnetBox.get(s), kind: 'fabric', label: 'GPU NIC' });
    }
    if (fabricSubnets.length === 0 && nics && nics.fabric > 0 && fact.nodes > 1) {
      this.edges.push({ from: id, to: id, kind: 'fabric', label: `${kind} fabric, ${fact.configuredGbps} Gbps per node` });
    }
    return id;
  }

  private renderStorage(entry: ManifestEntry): string | undefined {
    const fact = this.facts.storage.find((f) => f.path === entry.path);
    const id = `storage${this.nodes.filter((n) => n.pillar === 'storage').length}`;
    const classes = fact && fact.classes.length > 0 ? `tiers: ${fact.classes.join(' > ')}` : fact?.tiered ? 'tiers: automatic' : 'one tier';
    this.nodes.push({
      id,
      pillar: 'storage',
      lines: [
        `object storage ${shortName(entry.path)}`,
        ...(fact ? [classes, `${fact.dataTiB} TiB declared${fact.versioned ? ', versioned' : ''}${fact.customerManagedKey ? ', customer-managed key' : ''}`] : ['storage resource not found']),
      ],
    });
    for (const role of this.profile.fastTierRoles) {
      for (const rid of identities(entry, role)) {
        const r = this.resource(rid);
        if (!r) continue;
        const fast = `${id}fast${role}`;
        this.nodes.push({ id: fast, pillar: 'storage', parent: this.placement(entry, [role]), lines: [`high-throughput tier ${shortName(entry.path)}`, r.type] });
        this.edges.push({ from: id, to: fast, kind: 'data', label: 'staged data' });
        this.fastTiers.push({ node: fast, resource: rid });
      }
    }
    return id;
  }

  private renderEndpoint(entry: ManifestEntry): string | undefined {
    const fact = this.facts.endpoints.find((f) => f.path === entry.path);
    const id = `endpoint${this.nodes.filter((n) => n.pillar === 'serving').length}`;
    const size = fact ? `${fact.instanceType}, ${fact.minInstances === fact.maxInstances ? fact.minInstances : `${fact.minInstances}-${fact.maxInstances}`} instances` : 'endpoint resource not found';
    this.nodes.push({
      id,
      pillar: 'serving',
      parent: this.placement(entry),
      lines: [
        `model endpoint ${shortName(entry.path)}`,
        size,
        ...(fact ? [`${fact.private ? 'private' : 'public'}${fact.autoscaling ? ', autoscaled' : ''}${fact.pending ? ', waits for its model artifact' : ''}`] : []),
      ],
    });
    return id;
  }

  /**
   * A data edge from each of `from` to each storage whose resources a grant connects: a resource that references
   * both something of the consumer (its own resources and what they reference, such as its role or identity) and
   * the storage's data resource, or the consumer referencing the data resource itself. No grant, no edge.
   */
  private renderGrants(from: string[], storage: string[], label: string): void {
    const kindOf = (prefix: string) => (prefix.startsWith('fleet') ? 'GpuFleet' : 'ModelEndpoint') as ConstructKind;
    const storageEntries = this.entries('TieredStorage');
    for (const f of from) {
      const entry = this.entries(kindOf(f))[Number(f.replace(/\D+/g, ''))];
      const mine = this.closure(entry);
      storageEntries.forEach((s, i) => {
        const data = new Set(this.profile.storageRoles.flatMap((r) => identities(s, r)));
        const direct = [...mine].some((id) => data.has(id));
        const granted = [...this.resources.values()].some((r) => r.refs.some((x) => data.has(x)) && r.refs.some((x) => mine.has(x)));
        if (direct || granted) this.edges.push({ from: f, to: storage[i], kind: 'data', label });
      });
    }
  }

  /**
   * A data edge from a fleet to each high-throughput tier its network traffic is let through to: a resource (a
   * security group rule) that references both something the fleet's resources reference and something the tier
   * references (their security groups), or the two referencing the same one. Networks and subnets do not count.
   */
  private renderMounts(fleets: string[]): void {
    const direct = (ids: string[]) => new Set(ids.flatMap((id) => this.resource(id)?.refs ?? []).filter((x) => !this.networkBox.has(x) && !this.subnetBox.has(x)));
    this.entries('GpuFleet').forEach((entry, i) => {
      const fleet = direct(Object.keys(entry.resources).flatMap((r) => identities(entry, r)));
      for (const tier of this.fastTiers) {
        const theirs = direct([tier.resource]);
        const shared = [...fleet].some((x) => theirs.has(x));
        const rule = [...this.resources.values()].some((r) => r.refs.some((x) => fleet.has(x)) && r.refs.some((x) => theirs.has(x)));
        if (fleets[i] && (shared || rule)) this.edges.push({ from: fleets[i], to: tier.node, kind: 'data', label: 'mounts' });
      }
    });
  }

  /**
   * Identities and what they reference, transitively (the fleet's instance profile and role, say), stopping at what
   * another construct of the manifest created and at networks and subnets: shared keys, topics and security groups
   * connect nothing. (Construct paths are not used: a CloudFormation template carries them only where the app
   * enabled path metadata.)
   */
  private closure(entry: ManifestEntry): Set<string> {
    const others = new Set((this.manifest?.constructs ?? []).filter((c) => c !== entry)
      .flatMap((c) => Object.keys(c.resources).flatMap((r) => identities(c, r))));
    const stop = (id: string) => others.has(id) || this.networkBox.has(id) || this.subnetBox.has(id);
    const seen = new Set<string>();
    const todo = Object.keys(entry.resources).flatMap((r) => identities(entry, r)).filter((x) => this.resources.has(x));
    while (todo.length > 0) {
      const id = todo.pop()!;
      if (seen.has(id) || stop(id)) continue;
      seen.add(id);
      todo.push(...(this.resource(id)?.refs ?? []));
    }
    return seen;
  }

  /** The on-premises site over the VPN, and who sends inference traffic to each endpoint. */
  private renderVpnAndClients(endpoints: string[]): void {
    const links = this.ofTypes(this.profile.vpnTypes);
    if (links.length > 0) {
      this.nodes.push({ id: 'site', pillar: 'external', lines: ['on-premises site', `${links.length} VPN ${links.length === 1 ? 'link' : 'links'}`] });
      // the network the VPN attaches to: the first one its resources reach through their references
      const net = this.reachedNetwork(links.map((l) => l.id)) ?? this.mainNetwork();
      if (net) this.edges.push({ from: 'site', to: this.anchor(net), toBox: net, kind: 'vpn', label: 'site-to-site VPN' });
    }
    endpoints.forEach((e, i) => {
      const fact = this.facts.endpoints.find((x) => x.path === this.entries('ModelEndpoint')[i]?.path);
      const fromSite = links.length > 0 && fact?.private === true;
      // one clients node per kind of access: a private endpoint's and a public one's are not the same people
      const clients = fact?.private ? 'clients' : 'publicclients';
      if (!fromSite && !this.nodes.some((n) => n.id === clients)) {
        this.nodes.push({ id: clients, pillar: 'external', lines: [fact?.private ? 'clients (private access only)' : 'clients (public endpoint)'] });
      }
      this.edges.push({ from: fromSite ? 'site' : clients, to: e, kind: 'traffic', label: 'inference requests' });
    });
  }

  /** Stack-wide network services and monitoring, from the facts' posture counts. */
  private renderServices(): void {
    const f = this.facts;
    const network = this.mainNetwork();
    const services = [
      f.interfaceEndpoints > 0 ? `${f.interfaceEndpoints} interface endpoints` : undefined,
      `${f.natGateways} NAT`,
      `flow logs ${f.flowLogs ? 'on' : 'off'}`,
      `${f.publicIps} public IPs, ${f.openIngress} open ingress rules`,
    ].filter((x): x is string => x !== undefined);
    if (network) this.nodes.push({ id: 'netservices', pillar: 'network', parent: network, lines: ['network services', ...services] });
    if (this.entries('PlatformMonitoring').length > 0 || f.alarms > 0) {
      this.nodes.push({ id: 'monitoring', pillar: 'monitoring', lines: ['monitoring', `${f.alarms} alarms`] });
    }
  }

  /** The network box the first fleet sits in (directly or through its subnet), else the first network box. */
  private mainNetwork(): string | undefined {
    const fleet = this.nodes.find((n) => n.pillar === 'compute');
    const box = this.boxes.find((b) => b.id === fleet?.parent);
    return box?.kind === 'network' ? box.id : box?.parent ?? this.boxes.find((b) => b.kind === 'network')?.id;
  }

  /** The first network box reached from resources through their references (breadth first). */
  private reachedNetwork(ids: string[]): string | undefined {
    const seen = new Set<string>();
    let level = ids;
    while (level.length > 0) {
      const hit = level.map((id) => this.networkBox.get(id)).find((x) => x !== undefined);
      if (hit) return hit;
      level.forEach((id) => seen.add(id));
      level = [...new Set(level.flatMap((id) => this.resource(id)?.refs ?? []))].filter((id) => !seen.has(id));
    }
    return undefined;
  }

  /** A node inside a box, for an edge that points at the box: its first node, or a placeholder showing its range. */
  private anchor(box: string): string {
    const inside = (b: string): string | undefined => this.nodes.find((n) => n.parent === b)?.id
      ?? this.boxes.filter((x) => x.parent === b).map((x) => inside(x.id)).find((x) => x !== undefined);
    const found = inside(box);
    if (found) return found;
    const id = `${box}anchor`;
    this.nodes.push({ id, pillar: 'network', parent: box, lines: [' '] });
    return id;
  }
}

function interfaceLine(fabric: number, kind: string, host: number): string {
  const hosts = `${host} host interface${host === 1 ? '' : 's'}`;
  return fabric > 0 ? `${fabric} ${kind} + ${hosts} per node` : `${hosts} per node, no fabric interface`;
}

function opt(x: string | undefined): string[] {
  return x === undefined ? [] : [x];
}

/** The interconnect's name for a catalog type ('efa', 'infiniband', ...). */
function fleetInterconnect(instanceType: string): string {
  return catalogTypeOf(instanceType)?.network.kind ?? 'fabric';
}
