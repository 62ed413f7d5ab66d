/**
 * The reachability model of a synthesized Terraform document for Google Cloud. Workloads come from the facts
 * manifest (`locals.ai_infra`): the fleet from its instance template (network interfaces, network tags, service
 * account), the serving endpoint from the Vertex AI endpoint.
 *
 * Facts the model encodes:
 * - VPC firewall rules: the matching rule of the lowest priority number wins, deny before allow at equal priority;
 *   the implied rules allow all egress and deny all ingress at 65535; a rule without target tags or service accounts
 *   applies to every instance of its network
 *   (https://cloud.google.com/firewall/docs/firewalls#priority_order_for_firewall_rules);
 * - a VM without an external address reaches Google APIs (Cloud Storage, Artifact Registry, Cloud Logging) only with
 *   Private Google Access on its subnet and a route to the default internet gateway (the network's default route
 *   unless `delete_default_routes_on_create`) (https://cloud.google.com/vpc/docs/private-google-access);
 *   the default domains resolve to Google's public addresses (the model uses 142.250.0.1 for them);
 * - the internet is reached only with an external address or Cloud NAT on the subnet;
 * - Vertex AI runs the serving container in Google's tenant project: it reads its `gs://` model and pulls its image
 *   over Google's network, outside this VPC's firewall rules; what this stack decides is who reaches the endpoint
 *   (Private Service Connect with a project allow list).
 */
import { allOf, allow, cidrContains, deny, Destination, NetworkModel, portIn, Verdict, Workload } from './model';

/** A representative address of the Google APIs' default domains (`*.googleapis.com`, `*.pkg.dev`). */
export const GOOGLE_APIS = '142.250.0.1';

interface Nic {
  readonly network: string;
  readonly subnet: string;
  readonly cidr: string;
  readonly external: boolean;
}

interface Packet {
  readonly network: string;
  readonly direction: 'INGRESS' | 'EGRESS';
  /** the peer's address or range (the source for ingress, the destination for egress) */
  readonly peer: string;
  readonly protocol: string;
  readonly port: number;
  /** the instance the rule must target */
  readonly tags: string[];
  readonly serviceAccount?: string;
  /** for ingress: the source's tags */
  readonly sourceTags?: string[];
}

/** The address a `${type.name.attr}` reference names. */
function ref(v: any): string | undefined {
  const m = /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)(\.[a-z_]+)?\}$/.exec(String(v));
  return m?.[1];
}

export class GcpNetworkModel implements NetworkModel {
  private readonly res: Record<string, Record<string, any>>;
  private readonly manifest: any[];

  constructor(doc: any) {
    this.res = doc.resource ?? {};
    this.manifest = doc.locals?.ai_infra?.constructs ?? [];
  }

  private entry(kind: string): Record<string, any> | undefined {
    return this.manifest.find((c) => c.kind === kind)?.resources;
  }

  /** A resource by address `type.name`. */
  private at(address: string | undefined): any {
    if (!address) return undefined;
    const [type, name] = address.split('.');
    return this.res[type]?.[name];
  }

  /** The fleet's network interfaces, network tags and service account. */
  fleet(): { name: string; nics: Nic[]; tags: string[]; serviceAccount?: string } | undefined {
    const address = this.entry('GpuFleet')?.instanceTemplate;
    const t = this.at(address);
    if (!t) return undefined;
    const nics = (t.network_interface ?? []).map((n: any) => {
      const subnet = ref(n.subnetwork)!;
      const network = ref(n.network) ?? ref(this.at(subnet)?.network)!;
      return { network, subnet, cidr: this.at(subnet)?.ip_cidr_range, external: (n.access_config ?? []).length > 0 };
    });
    return { name: `fleet ${address}`, nics, tags: t.tags ?? [], serviceAccount: t.service_account?.[0]?.email ?? t.service_account?.email };
  }

  private firewalls(): Array<[string, any]> {
    return Object.entries(this.res.google_compute_firewall ?? {}).map(([n, f]) => [`google_compute_firewall.${n}`, f]);
  }

  /** The rule that decides a packet, by priority (deny first at equal priority), or the implied rule. */
  evaluate(p: Packet): Verdict {
    const matching = this.firewalls().filter(([, f]) => {
      if (f.disabled) return false;
      if (ref(f.network) !== p.network) return false;
      if ((f.direction ?? 'INGRESS') !== p.direction) return false;
      if (f.target_tags?.length && !f.target_tags.some((t: string) => p.tags.includes(t))) return false;
      if (f.target_service_accounts?.length && !f.target_service_accounts.includes(p.serviceAccount)) return false;
      if (p.direction === 'INGRESS') {
        const byRange = (f.source_ranges ?? []).some((r: string) => cidrContains(r, p.peer));
        const byTag = (f.source_tags ?? []).some((t: string) => (p.sourceTags ?? []).includes(t));
        if (!byRange && !byTag) return false;
      } else {
        const ranges = f.destination_ranges ?? ['0.0.0.0/0'];
        if (!ranges.some((r: string) => cidrContains(r, p.peer))) return false;
      }
      const protos = f.allow ?? f.deny ?? [];
      return protos.some((x: any) => (x.protocol === 'all' || p.protocol === 'all' ? x.protocol === 'all' : x.protocol === p.protocol)
        && (x.protocol === 'all' || p.protocol === 'all' || !x.ports?.length || x.ports.some((r: string) => portIn(p.port, r))));
    }).sort(([, a], [, b]) => (a.priority ?? 1000) - (b.priority ?? 1000) || (a.deny ? 0 : 1) - (b.deny ? 0 : 1));
    const what = `${p.direction.toLowerCase()} ${p.protocol}/${p.protocol === 'all' ? '*' : p.port} ${p.direction === 'INGRESS' ? 'from' : 'to'} ${p.peer}`;
    const first = matching[0];
    if (first) {
      return first[1].deny ? deny(`${what} denied by ${first[0]} (priority ${first[1].priority ?? 1000})`) : allow(`${what} allowed by ${first[0]}`);
    }
    return p.direction === 'EGRESS' ? allow(`${what} allowed by the implied allow-egress rule`) : deny(`${what} denied by the implied deny-ingress rule`);
  }

  /** A route from the network to the default internet gateway covering the address, named. */
  private routeToGateway(network: string, ip: string): Verdict {
    const net = this.at(network);
    if (net && net.delete_default_routes_on_create !== true) return allow(`default route of ${network}`);
    const route = Object.entries(this.res.google_compute_route ?? {}).find(([, r]) => ref(r.network) === network
      && cidrContains(r.dest_range, ip) && r.next_hop_gateway === 'default-internet-gateway');
    return route ? allow(`route google_compute_route.${route[0]}`) : deny(`${network} has no route to the default internet gateway (default routes deleted, no route for ${ip})`);
  }

  /** Google APIs from the fleet's first interface: egress allowed, Private Google Access (or an external address), a route. */
  private googleApis(what: string, port: number): Verdict {
    const f = this.fleet();
    if (!f) return deny('no fleet in the manifest');
    const nic = f.nics[0];
    const subnet = this.at(nic.subnet);
    const access = nic.external ? allow('external address') : subnet?.private_ip_google_access === true
      ? allow(`Private Google Access on ${nic.subnet}`) : deny(`${nic.subnet} has no Private Google Access and the fleet has no external address`);
    const v = allOf(
      this.evaluate({ network: nic.network, direction: 'EGRESS', peer: GOOGLE_APIS, protocol: 'tcp', port, tags: f.tags, serviceAccount: f.serviceAccount }),
      access,
      this.routeToGateway(nic.network, GOOGLE_APIS),
    );
    return v.reachable ? allow(`${what}: ${v.reason}`) : deny(`fleet cannot reach ${what}: ${v.reason}`);
  }

  /** The fleet's service account as an IAM member. */
  private member(): string | undefined {
    const sa = this.fleet()?.serviceAccount;
    return sa ? `serviceAccount:${sa}` : undefined;
  }

  /** A grant on the manifest's data bucket to the fleet's service account (the network path alone is not access). */
  private bucketGrant(): Verdict {
    const bucket = this.entry('TieredStorage')?.bucket;
    const grant = Object.entries(this.res.google_storage_bucket_iam_member ?? {}).find(([, g]) => ref(g.bucket) === bucket && g.member === this.member());
    return grant ? allow(`${grant[1].role} on ${bucket} by google_storage_bucket_iam_member.${grant[0]}`) : deny(`fleet cannot use ${bucket}: no IAM grant to ${this.member()}`);
  }

  /** A project role of the fleet's service account. */
  private projectGrant(role: string): Verdict {
    const grant = Object.entries(this.res.google_project_iam_member ?? {}).find(([, g]) => g.role === role && g.member === this.member());
    return grant ? allow(`${role} by google_project_iam_member.${grant[0]}`) : deny(`fleet cannot write logs: no ${role} for ${this.member()}`);
  }

  /** Fleet member to fleet member on every interface's network: egress and ingress on that network. */
  private peers(protocol: string, port: number): Verdict {
    const f = this.fleet();
    if (!f) return deny('no fleet in the manifest');
    const steps = f.nics.flatMap((nic) => [
      this.evaluate({ network: nic.network, direction: 'EGRESS', peer: nic.cidr, protocol, port, tags: f.tags, serviceAccount: f.serviceAccount }),
      this.evaluate({ network: nic.network, direction: 'INGRESS', peer: nic.cidr, protocol, port, tags: f.tags, serviceAccount: f.serviceAccount, sourceTags: f.tags }),
    ]);
    const v = allOf(...steps);
    return v.reachable ? v : deny(`fleet members cannot reach each other: ${v.reason}`);
  }

  canReach(source: Workload, destination: Destination, port: number, protocol: 'tcp' | 'udp' | 'all'): Verdict {
    if (source === 'endpointContainer') return this.vertex(destination);
    if (source === 'edge') return this.edge(destination);
    switch (destination) {
      case 'bucket': return allOf(this.googleApis('Cloud Storage', port), this.bucketGrant());
      case 'registry': return this.googleApis('Artifact Registry', port);
      case 'logs': return allOf(this.googleApis('Cloud Logging', port), this.projectGrant('roles/logging.logWriter'));
      case 'fleetPeer': return this.peers(protocol, port);
      case 'internet': {
        const f = this.fleet()!;
        const nic = f.nics[0];
        const nat = Object.entries(this.res.google_compute_router_nat ?? {}).find(([, n]) => n.source_subnetwork_ip_ranges_to_nat === 'ALL_SUBNETWORKS_ALL_IP_RANGES'
          || (n.subnetwork ?? []).some((s: any) => ref(s.name) === nic.subnet));
        if (!nic.external && !nat) return deny('fleet has no external address and no Cloud NAT serves its subnet');
        return allOf(this.evaluate({ network: nic.network, direction: 'EGRESS', peer: '8.8.8.8', protocol, port, tags: f.tags, serviceAccount: f.serviceAccount }), this.routeToGateway(nic.network, '8.8.8.8'));
      }
      default: return deny(`no ${destination} on Google Cloud in this model`);
    }
  }

  /** Vertex AI's managed container: outside this VPC; the stack decides only who reaches the endpoint. */
  private vertex(destination: Destination): Verdict {
    const address = this.entry('ModelEndpoint')?.endpoint;
    const e = this.at(address);
    if (!e) return deny('no Vertex AI endpoint in the manifest');
    if (destination === 'modelData' || destination === 'registry' || destination === 'logs') {
      return allow(`${address}: Vertex AI runs the container in Google's tenant project and reaches ${destination} over Google's network`);
    }
    return deny(`${address}: the Vertex AI container is outside this VPC; it does not reach ${destination}`);
  }

  /** Distributed Cloud Edge nodes pull from the stack's Artifact Registry repository in the same project. */
  private edge(destination: Destination): Verdict {
    const repo = Object.entries(this.res.google_artifact_registry_repository ?? {})[0];
    const cluster = Object.entries(this.res.google_edgecontainer_cluster ?? {})[0];
    if (!repo || !cluster) return deny('no edge cluster or artifact repository');
    if (destination !== 'registry') return deny(`the model answers only registry for edge nodes, not ${destination}`);
    if (repo[1].format !== 'DOCKER') return deny(`google_artifact_registry_repository.${repo[0]} is ${repo[1].format}, not DOCKER`);
    if (repo[1].project !== cluster[1].project) return deny(`repository project ${repo[1].project} is not the edge cluster's ${cluster[1].project}`);
    return allow(`google_edgecontainer_cluster.${cluster[0]} pulls from google_artifact_registry_repository.${repo[0]} (DOCKER, project ${repo[1].project}) over the edge site's uplink`);
  }

  /** Who may call the serving endpoint: Private Service Connect and its project allow list. */
  endpointAccess(): Verdict {
    const address = this.entry('ModelEndpoint')?.endpoint;
    const e = this.at(address);
    const psc = e?.private_service_connect_config;
    if (psc?.enable_private_service_connect === true) return allow(`${address}: Private Service Connect only, projects ${JSON.stringify(psc.project_allowlist)}`);
    if (e?.network) return allow(`${address}: VPC peering with ${e.network}`);
    return deny(`${address}: public endpoint (no Private Service Connect, no network)`);
  }

  openIngress(): string[] {
    return this.firewalls().filter(([, f]) => (f.direction ?? 'INGRESS') === 'INGRESS' && f.allow && !f.disabled
      && (f.source_ranges ?? []).some((r: string) => r === '0.0.0.0/0' || r === '::/0')).map(([a]) => a);
  }

  fleetIngressFromOutside(): string[] {
    const f = this.fleet();
    if (!f) return [];
    const own = f.nics.map((n) => n.cidr);
    return this.firewalls().filter(([, fw]) => (fw.direction ?? 'INGRESS') === 'INGRESS' && fw.allow && !fw.disabled
      && f.nics.some((n) => ref(fw.network) === n.network)
      && (!fw.target_tags?.length || fw.target_tags.some((t: string) => f.tags.includes(t)))
      && (fw.source_ranges ?? []).some((r: string) => !own.some((c) => cidrContains(r, c) && cidrContains(c, r)) && !(fw.source_tags ?? []).length)
      ? true : false).map(([a, fw]) => `${a} from ${(fw.source_ranges ?? []).join(',')}`);
  }
}
