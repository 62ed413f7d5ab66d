/**
 * The reachability model of a synthesized Terraform document for Azure. Workloads come from the facts manifest
 * (`locals.ai_infra`): the fleet from its scale set's IP configuration (subnet, hence NSG), the serving container
 * from the Azure ML workspace and its managed network.
 *
 * Facts the model encodes:
 * - NSG rules are processed by priority (lowest number first), the first match decides; the default rules follow
 *   (inbound: AllowVnetInBound 65000, AllowAzureLoadBalancerInBound 65001, DenyAllInBound 65500; outbound:
 *   AllowVnetOutBound 65000, AllowInternetOutBound 65001, DenyAllOutBound 65500)
 *   (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#default-security-rules);
 *   `VirtualNetwork` covers the address space, peered networks and connected sites; Azure services' public addresses
 *   are in `Internet` and in their own tags (`Storage`, `AzureMonitor`, `AzureContainerRegistry`);
 * - a subnet with `default_outbound_access_enabled = false` and no NAT gateway has no path to public addresses
 *   (https://learn.microsoft.com/azure/virtual-network/ip-services/default-outbound-access); a service endpoint
 *   still carries its service's traffic over the backbone, and a private endpoint is an address in the VNet;
 * - a storage account with `default_action = Deny` admits only its listed subnets (service endpoint) and private
 *   endpoints; a registry with public network access off is reached only through a private endpoint;
 * - a private endpoint is used only when its private DNS zone (`privatelink.blob.core.windows.net`,
 *   `privatelink.azurecr.io`, `privatelink.monitor.azure.com`) is linked to the VNet;
 * - an Azure ML workspace with a managed network (`AllowOnlyApprovedOutbound` or `AllowInternetOutbound`) gets
 *   private endpoints to its own storage account, key vault and container registry, and the `AzureMonitor` outbound
 *   rule, for its managed online endpoints' containers
 *   (https://learn.microsoft.com/azure/machine-learning/how-to-managed-network#required-rules).
 */
import { allOf, allow, anyOf, cidrContains, deny, Destination, NetworkModel, portIn, Verdict, Workload } from './model';

interface Rule {
  readonly name: string;
  readonly priority: number;
  readonly direction: 'Inbound' | 'Outbound';
  readonly access: 'Allow' | 'Deny';
  readonly protocol: string;
  readonly sources: string[];
  readonly destinations: string[];
  readonly ports: string[];
}

/** An endpoint of a flow: an address (or range) and the service tags it belongs to. */
interface Party {
  readonly ip?: string;
  readonly tags: string[];
}

const DEFAULT_RULES: Rule[] = [
  { name: 'AllowVnetInBound (default)', priority: 65000, direction: 'Inbound', access: 'Allow', protocol: '*', sources: ['VirtualNetwork'], destinations: ['VirtualNetwork'], ports: ['*'] },
  { name: 'AllowAzureLoadBalancerInBound (default)', priority: 65001, direction: 'Inbound', access: 'Allow', protocol: '*', sources: ['AzureLoadBalancer'], destinations: ['*'], ports: ['*'] },
  { name: 'DenyAllInBound (default)', priority: 65500, direction: 'Inbound', access: 'Deny', protocol: '*', sources: ['*'], destinations: ['*'], ports: ['*'] },
  { name: 'AllowVnetOutBound (default)', priority: 65000, direction: 'Outbound', access: 'Allow', protocol: '*', sources: ['VirtualNetwork'], destinations: ['VirtualNetwork'], ports: ['*'] },
  { name: 'AllowInternetOutBound (default)', priority: 65001, direction: 'Outbound', access: 'Allow', protocol: '*', sources: ['*'], destinations: ['Internet'], ports: ['*'] },
  { name: 'DenyAllOutBound (default)', priority: 65500, direction: 'Outbound', access: 'Deny', protocol: '*', sources: ['*'], destinations: ['*'], ports: ['*'] },
];

const ZONES: Record<string, string> = { blob: 'privatelink.blob.core.windows.net', registry: 'privatelink.azurecr.io', azuremonitor: 'privatelink.monitor.azure.com' };

/** A block cdktf writes as an object (one) or a list (several). */
function blocks(v: any): any[] {
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** The address a `${type.name.attr}` reference names. */
function ref(v: any): string | undefined {
  return /^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)(\.[a-z_]+)?\}$/.exec(String(v))?.[1];
}

export class AzureNetworkModel implements NetworkModel {
  private readonly res: Record<string, Record<string, any>>;
  private readonly manifest: any[];

  constructor(doc: any) {
    this.res = doc.resource ?? {};
    this.manifest = doc.locals?.ai_infra?.constructs ?? [];
  }

  private entry(kind: string): Record<string, any> | undefined {
    return this.manifest.find((c) => c.kind === kind)?.resources;
  }

  private at(address: string | undefined): any {
    if (!address) return undefined;
    const [type, name] = address.split('.');
    return this.res[type]?.[name];
  }

  private all(type: string): Array<[string, any]> {
    return Object.entries(this.res[type] ?? {}).map(([n, r]) => [`${type}.${n}`, r]);
  }

  /** The address spaces `VirtualNetwork` stands for: the VNet's and the connected sites'. */
  private virtualNetworkRanges(): string[] {
    const vnet = this.at(this.entry('ClusterNetwork')?.virtualNetwork);
    const sites = this.all('azurerm_local_network_gateway').flatMap(([, g]) => g.address_space ?? []);
    return [...(vnet?.address_space ?? []), ...(this.all('azurerm_virtual_network_gateway_connection').length > 0 ? sites : [])];
  }

  private matches(prefix: string, party: Party): boolean {
    if (prefix === '*' || prefix === '0.0.0.0/0') return true;
    if (/^\d/.test(prefix)) return party.ip !== undefined && cidrContains(prefix, party.ip);
    const tag = prefix.split('.')[0];
    if (tag === 'VirtualNetwork' && party.ip !== undefined && this.virtualNetworkRanges().some((r) => cidrContains(r, party.ip!))) return true;
    return party.tags.includes(tag);
  }

  /** The NSG rules of a subnet's NSG (inline and separate), then the default rules. */
  private rulesOf(subnet: string): { nsg?: string; rules: Rule[] } {
    const assoc = this.all('azurerm_subnet_network_security_group_association').find(([, a]) => ref(a.subnet_id) === subnet);
    const nsg = assoc && ref(assoc[1].network_security_group_id);
    const inline = (this.at(nsg)?.security_rule ?? []).map((r: any) => this.rule(r, `${nsg} ${r.name}`));
    const separate = this.all('azurerm_network_security_rule')
      .filter(([, r]) => nsg && ref(r.network_security_group_name) === nsg)
      .map(([a, r]) => this.rule(r, a));
    return { nsg, rules: [...inline, ...separate, ...DEFAULT_RULES].sort((a, b) => a.priority - b.priority) };
  }

  private rule(r: any, name: string): Rule {
    const list = (one: any, many: any) => (many && many.length ? many : one !== undefined && one !== null ? [one] : ['*']);
    return {
      name,
      priority: Number(r.priority),
      direction: r.direction,
      access: r.access,
      protocol: r.protocol ?? '*',
      sources: list(r.source_address_prefix, r.source_address_prefixes),
      destinations: list(r.destination_address_prefix, r.destination_address_prefixes),
      ports: list(r.destination_port_range, r.destination_port_ranges),
    };
  }

  /** The NSG of `subnet` deciding a flow in `direction` (the first matching rule by priority). */
  evaluate(subnet: string, direction: 'Inbound' | 'Outbound', src: Party, dst: Party, protocol: string, port: number): Verdict {
    const { rules } = this.rulesOf(subnet);
    const what = `${direction.toLowerCase()} ${protocol}/${protocol === 'all' ? '*' : port} ${direction === 'Inbound' ? `into ${subnet}` : `from ${subnet}`}`;
    for (const r of rules) {
      if (r.direction !== direction) continue;
      const proto = r.protocol === '*' || (protocol !== 'all' && r.protocol.toLowerCase() === protocol);
      const ports = protocol === 'all' ? r.ports.includes('*') : r.ports.some((p) => portIn(port, p));
      if (!proto || !ports) continue;
      if (!r.sources.some((s) => this.matches(s, src)) || !r.destinations.some((d) => this.matches(d, dst))) continue;
      return r.access === 'Allow' ? allow(`${what} allowed by ${r.name}`) : deny(`${what} denied by ${r.name}`);
    }
    return deny(`${what}: no rule matches`);
  }

  /** The fleet: its subnet (from the scale set's primary IP configuration). */
  fleet(): { name: string; subnet: string; cidr: string } | undefined {
    const address = this.entry('GpuFleet')?.scaleSet;
    const ss = this.at(address);
    if (!ss) return undefined;
    const subnet = ref(ss.network_interface[0].ip_configuration[0].subnet_id)!;
    return { name: `fleet ${address}`, subnet, cidr: this.at(subnet).address_prefixes[0] };
  }

  /** Whether a subnet has a path to public addresses: a NAT gateway, or default outbound access. */
  private outbound(subnet: string): Verdict {
    const nat = this.all('azurerm_subnet_nat_gateway_association').find(([, a]) => ref(a.subnet_id) === subnet);
    if (nat) return allow(`NAT gateway ${nat[0]}`);
    if (this.at(subnet)?.default_outbound_access_enabled !== false) return allow(`default outbound access of ${subnet}`);
    return deny(`${subnet} has no outbound path to public addresses (default outbound access off, no NAT gateway)`);
  }

  /** A private endpoint to `target` for `subresource`, with its DNS zone linked to the VNet, reached from the subnet. */
  private privateEndpoint(from: { subnet: string; cidr: string }, target: string, subresource: string): Verdict {
    const pe = this.all('azurerm_private_endpoint').find(([, p]) => blocks(p.private_service_connection).some((c: any) =>
      ref(c.private_connection_resource_id) === target && (c.subresource_names ?? []).includes(subresource)));
    if (!pe) return deny(`no private endpoint to ${target} (${subresource})`);
    const zone = ZONES[subresource];
    const vnet = this.entry('ClusterNetwork')?.virtualNetwork;
    const zones = this.all('azurerm_private_dns_zone').filter(([, z]) => z.name === zone).map(([a]) => a);
    const linkedZones = zones.filter((z) => this.all('azurerm_private_dns_zone_virtual_network_link').some(([, l]) => ref(l.private_dns_zone_name) === z
      && ref(l.virtual_network_id) === vnet));
    if (linkedZones.length === 0) return deny(`private endpoint ${pe[0]}: no ${zone} zone linked to ${vnet}`);
    // the endpoint's DNS zone group writes its A records into the linked zone; without it the name still resolves to
    // the service's public address (https://learn.microsoft.com/azure/private-link/private-endpoint-dns)
    const recorded = blocks(pe[1].private_dns_zone_group).some((g: any) => (g.private_dns_zone_ids ?? []).some((id: string) => linkedZones.includes(ref(id)!)));
    if (!recorded) return deny(`private endpoint ${pe[0]}: no DNS zone group writes its records into ${linkedZones[0]} (${zone})`);
    const peSubnet = ref(pe[1].subnet_id)!;
    const peCidr = this.at(peSubnet).address_prefixes[0];
    return allOf(
      this.evaluate(from.subnet, 'Outbound', { ip: from.cidr, tags: [] }, { ip: peCidr, tags: [] }, 'tcp', 443),
      this.evaluate(peSubnet, 'Inbound', { ip: from.cidr, tags: [] }, { ip: peCidr, tags: [] }, 'tcp', 443),
      allow(`private endpoint ${pe[0]} with ${zone}`),
    );
  }

  /** The data storage account: a private endpoint, its service endpoint and network rules, or public access. */
  private storage(from: { subnet: string; cidr: string }, account: string): Verdict {
    const a = this.at(account);
    const subnet = this.at(from.subnet);
    const rules = a.network_rules ?? {};
    const admitted = rules.default_action !== 'Deny' || (rules.virtual_network_subnet_ids ?? []).some((s: string) => ref(s) === from.subnet);
    const publicOn = a.public_network_access_enabled !== false;
    const serviceEndpoint = (subnet?.service_endpoints ?? []).includes('Microsoft.Storage')
      ? (publicOn && admitted
        ? this.evaluate(from.subnet, 'Outbound', { ip: from.cidr, tags: [] }, { tags: ['Storage', 'Internet'] }, 'tcp', 443)
        : deny(`${account} does not admit ${from.subnet} (${publicOn ? 'not in its network rules' : 'public network access off'})`))
      : deny(`${from.subnet} has no Microsoft.Storage service endpoint`);
    const viaService = serviceEndpoint.reachable ? allow(`service endpoint Microsoft.Storage on ${from.subnet}, ${account} network rules admit it; ${serviceEndpoint.reason}`) : serviceEndpoint;
    const publicPath = publicOn && rules.default_action !== 'Deny'
      ? allOf(this.outbound(from.subnet), this.evaluate(from.subnet, 'Outbound', { ip: from.cidr, tags: [] }, { tags: ['Storage', 'Internet'] }, 'tcp', 443))
      : deny(`${account} admits no public traffic`);
    return anyOf(this.privateEndpoint(from, account, 'blob'), viaService, publicPath);
  }

  /** A container registry: a private endpoint, or public access with an outbound path. */
  private registry(from: { subnet: string; cidr: string }, registry: string): Verdict {
    const r = this.at(registry);
    const publicPath = r.public_network_access_enabled !== false
      ? allOf(this.outbound(from.subnet), this.evaluate(from.subnet, 'Outbound', { ip: from.cidr, tags: [] }, { tags: ['AzureContainerRegistry', 'Internet'] }, 'tcp', 443))
      : deny(`${registry} has public network access off`);
    return anyOf(this.privateEndpoint(from, registry, 'registry'), publicPath);
  }

  /**
   * Azure Monitor, as the fleet sends to it: the data collection endpoint whose logs ingestion host the scale set's
   * custom data posts to (Logs Ingestion API). With its public network access off, only a private link scope that holds
   * the endpoint (and the rule's destination workspace) and whose private endpoint is reached, with the
   * privatelink.monitor.azure.com zone (where the endpoint's `<dce>.<region>-1.ingest.private.monitor.azure.com`
   * record lives) linked to the VNet, carries it
   * (https://learn.microsoft.com/azure/azure-monitor/logs/private-link-configure#review-your-endpoints-dns-settings).
   */
  private monitor(from: { subnet: string; cidr: string }): Verdict {
    const ss = this.at(this.entry('GpuFleet')?.scaleSet);
    const dce = /azurerm_monitor_data_collection_endpoint\.([A-Za-z0-9_-]+)\.logs_ingestion_endpoint/.exec(String(ss?.custom_data ?? ''))?.[1];
    if (!dce) return deny('the fleet sends to no data collection endpoint');
    const endpoint = `azurerm_monitor_data_collection_endpoint.${dce}`;
    if (!this.at(endpoint)) return deny(`no ${endpoint}`);
    const rule = this.all('azurerm_monitor_data_collection_rule').find(([, r]) => ref(r.data_collection_endpoint_id) === endpoint);
    const workspaces = blocks(rule?.[1].destinations).flatMap((d: any) => blocks(d.log_analytics)).map((l: any) => ref(l.workspace_resource_id) ?? l.workspace_resource_id);
    const scoped = (scope: string, resource: string) => this.all('azurerm_monitor_private_link_scoped_service')
      .some(([, s]) => ref(s.scope_name) === scope && (ref(s.linked_resource_id) ?? s.linked_resource_id) === resource);
    const scopes = this.all('azurerm_monitor_private_link_scope').map(([a]) => a);
    const viaScope = scopes.length === 0 ? deny('no Azure Monitor private link scope') : anyOf(...scopes.map((s) => {
      if (!scoped(s, endpoint)) return deny(`${s} does not hold ${endpoint}`);
      const missing = workspaces.filter((w) => !scoped(s, w));
      if (missing.length > 0) return deny(`${s} does not hold the rule's workspace ${missing.join(', ')}`);
      return this.privateEndpoint(from, s, 'azuremonitor');
    }));
    const publicPath = this.at(endpoint).public_network_access_enabled === false
      ? deny(`${endpoint} has public network access off`)
      : allOf(this.outbound(from.subnet), this.evaluate(from.subnet, 'Outbound', { ip: from.cidr, tags: [] }, { tags: ['AzureMonitor', 'Internet'] }, 'tcp', 443));
    return anyOf(viaScope, publicPath);
  }

  canReach(source: Workload, destination: Destination, port: number, protocol: 'tcp' | 'udp' | 'all'): Verdict {
    if (source === 'endpointContainer') return this.managed(destination);
    if (source === 'edge') return this.edge(destination);
    const f = this.fleet();
    if (!f) return deny('no fleet in the manifest');
    const label = (what: string, v: Verdict) => (v.reachable ? v : deny(`fleet cannot reach ${what}: ${v.reason}`));
    switch (destination) {
      case 'bucket': return label('the storage account', this.storage(f, this.entry('TieredStorage')!.account));
      case 'registry': {
        const registries = this.all('azurerm_container_registry').map(([a]) => a);
        return label('a container registry', registries.length ? anyOf(...registries.map((r) => this.registry(f, r))) : deny('no container registry'));
      }
      case 'logs': return label('Azure Monitor', this.monitor(f));
      case 'fleetPeer': {
        const me: Party = { ip: f.cidr, tags: [] };
        return label('its peers', allOf(this.evaluate(f.subnet, 'Outbound', me, me, protocol, port), this.evaluate(f.subnet, 'Inbound', me, me, protocol, port)));
      }
      case 'internet':
        return label('the internet', allOf(this.outbound(f.subnet), this.evaluate(f.subnet, 'Outbound', { ip: f.cidr, tags: [] }, { ip: '8.8.8.8', tags: ['Internet'] }, protocol, port)));
      default: return deny(`no ${destination} on Azure in this model`);
    }
  }

  /** Whether the fleet reaches one container registry (`canReach(fleet, registry)` asks for any of them). */
  fleetToRegistry(registry: string): Verdict {
    const f = this.fleet();
    if (!f) return deny('no fleet in the manifest');
    if (!this.at(registry)) return deny(`no ${registry}`);
    return this.registry(f, registry);
  }

  /** The container registries of the document. */
  registries(): string[] {
    return this.all('azurerm_container_registry').map(([a]) => a);
  }

  /** The managed online endpoint's container: the workspace's managed network or, without one, public access. */
  private managed(destination: Destination): Verdict {
    const address = this.entry('ModelEndpoint')?.workspace;
    const w = this.at(address);
    if (!w) return deny('no Azure ML workspace in the manifest');
    const mode = w.managed_network?.isolation_mode;
    const target = destination === 'modelData' ? ref(w.storage_account_id)
      : destination === 'registry' ? ref(w.container_registry_id)
        : destination === 'logs' ? ref(w.application_insights_id) : undefined;
    if (!target) return deny(`endpoint container cannot reach ${destination}: the workspace has none`);
    if (mode === 'AllowOnlyApprovedOutbound' || mode === 'AllowInternetOutbound') {
      return allow(`${address} managed network (${mode}): ${destination === 'logs' ? 'AzureMonitor outbound rule' : 'private endpoint'} to ${target}`);
    }
    const t = this.at(target);
    if (t?.public_network_access_enabled === false) {
      return deny(`endpoint container cannot reach ${destination === 'modelData' ? 'model data' : destination}: ${address} has no managed network and ${target} has public network access off`);
    }
    return allow(`${address}: no managed network; ${target} public`);
  }

  /**
   * IoT Edge devices pull their modules from the edge registry over the site's internet uplink (an edge-centric stack
   * has no site link): its public endpoint, unless public network access is off (then only a site link to a private
   * endpoint would do) or its network rules deny every address.
   */
  private edge(destination: Destination): Verdict {
    if (destination !== 'registry') return deny(`the model answers only registry for edge devices, not ${destination}`);
    // the hub and its provisioning service are an ARM template deployment (keys stay out of Terraform state)
    const armHub = this.all('azurerm_resource_group_template_deployment')
      .some(([, r]) => typeof r.template_content === 'string' && r.template_content.includes('Microsoft.Devices/IotHubs'));
    if (this.all('azurerm_iothub').length === 0 && !armHub) return deny('no IoT hub: no edge devices');
    // the edge registry: a registry the constructs did not record (the platform stack's own)
    const recorded = new Set(this.manifest.flatMap((c) => Object.values(c.resources).flat()));
    const edge = this.all('azurerm_container_registry').find(([a]) => !recorded.has(a));
    if (!edge) return deny('no edge registry');
    if (edge[1].public_network_access_enabled === false) {
      const site = this.all('azurerm_virtual_network_gateway_connection').length > 0;
      const pe = this.all('azurerm_private_endpoint').find(([, p]) => blocks(p.private_service_connection).some((c: any) => ref(c.private_connection_resource_id) === edge[0]));
      if (!site || !pe) return deny(`edge devices cannot reach ${edge[0]}: public network access off${pe ? '' : ', no private endpoint'}${site ? '' : ', no site-to-site link'}`);
      return allow(`edge devices reach ${edge[0]} through ${pe[0]} over the site link`);
    }
    const rules = blocks(edge[1].network_rule_set)[0];
    if (rules?.default_action === 'Deny' && blocks(rules.ip_rule).length === 0) {
      return deny(`edge devices cannot reach ${edge[0]}: its network rules deny every address and admit no device range`);
    }
    return allow(`edge devices reach ${edge[0]} over its public endpoint${rules?.default_action === 'Deny' ? ' (the device ranges its network rules admit)' : ''}`);
  }

  openIngress(): string[] {
    const nsgs = this.all('azurerm_network_security_group');
    return nsgs.flatMap(([a, n]) => (n.security_rule ?? []).map((r: any) => this.rule(r, `${a} ${r.name}`)))
      .filter((r: Rule) => r.direction === 'Inbound' && r.access === 'Allow' && r.sources.some((s) => s === '*' || s === 'Internet' || s === '0.0.0.0/0'))
      .map((r: Rule) => r.name);
  }

  fleetIngressFromOutside(): string[] {
    const f = this.fleet();
    if (!f) return [];
    return this.rulesOf(f.subnet).rules.filter((r) => r.direction === 'Inbound' && r.access === 'Allow' && !r.name.endsWith('(default)')
      && r.sources.some((s) => s !== 'VirtualNetwork' && !cidrContains(f.cidr, s))).map((r) => `${r.name} from ${r.sources.join(',')}`);
  }
}
