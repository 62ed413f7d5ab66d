import { MonitorPrivateLinkScope } from '@cdktf/provider-azurerm/lib/monitor-private-link-scope';
import { MonitorPrivateLinkScopedService } from '@cdktf/provider-azurerm/lib/monitor-private-link-scoped-service';
import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { AZURE_CLOUD } from './cloud';
import { AzureLocation } from './location';
import { acknowledgementTag } from './policy/util';
import { addressAt, stableKey } from './stable-key';
import { Cloud } from '../core/catalog/cloud';
import { regionProblems } from '../core/catalog/regions';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { alnumName, dnsName, scopePrefix, shortHash } from '../core/internal/names';
import { ClusterNetworkSpec, ClusterNetworkSpecProps } from '../core/specs/cluster-network-spec';
import { Validation, ValidationProblem } from '../core/validation';
import { recordResources } from '../terraform/manifest';
import { TerraformStack, Token } from '../tf';

/** The regional Network Watcher that records a network's flow logs. */
export interface NetworkWatcherReference {
  /** Name of the watcher, e.g. `NetworkWatcher_eastus`. */
  readonly name: string;
  /** Resource group of the watcher, e.g. `NetworkWatcherRG`. */
  readonly resourceGroupName: string;
}

/** A private endpoint to add to the network's private endpoint subnet (`ClusterNetwork.addPrivateEndpoint`). */
export interface PrivateEndpointOptions {
  /** Resource id of the service the endpoint connects to (a container registry, a storage account...). */
  readonly resourceId: string;
  /**
   * The service's sub-resource (group id): `registry` for a container registry, `blob` for blob storage. Its
   * privatelink DNS zone is created once per network, linked to the VNet, and filled by the endpoint's DNS zone group.
   */
  readonly subresource: string;
  /** Name of the private endpoint (1-64 letters, digits, `-`, `_`, `.`). */
  readonly name: string;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * The privatelink DNS zones of each sub-resource a private endpoint of the library connects to (Azure Private Endpoint
 * DNS zone values). A container registry's endpoint needs its one zone for both of its names, the registry
 * (`<r>.azurecr.io`) and its regional data endpoint (`<r>.<region>.data.azurecr.io`): the zone group writes both A records.
 * An Azure Monitor private link scope (`azuremonitor`) needs five: monitor (data collection endpoints, Application
 * Insights), oms and ods (Log Analytics workspaces), agentsvc (agent service) and blob (the agents' solution packs).
 * @see https://learn.microsoft.com/azure/private-link/private-endpoint-dns#containers
 * @see https://learn.microsoft.com/azure/private-link/private-endpoint-dns#management-and-governance
 * @see https://learn.microsoft.com/azure/azure-monitor/logs/private-link-configure#review-your-endpoints-dns-settings
 * @see https://learn.microsoft.com/azure/container-registry/container-registry-private-link
 */
/** The private DNS zones the networks of a stack created, by resource group and zone name (one of each per group). */
const STACK_ZONES = new WeakMap<TerraformStack, Map<string, PrivateDnsZone>>();

const PRIVATE_DNS_ZONES: Record<string, string[]> = {
  registry: ['privatelink.azurecr.io'],
  blob: ['privatelink.blob.core.windows.net'],
  azuremonitor: [
    'privatelink.monitor.azure.com',
    'privatelink.oms.opinsights.azure.com',
    'privatelink.ods.opinsights.azure.com',
    'privatelink.agentsvc.azure-automation.net',
    'privatelink.blob.core.windows.net',
  ],
};

/** Properties of an Azure cluster network. */
export interface ClusterNetworkProps extends ClusterNetworkSpecProps, AzureLocation {
  /**
   * Add a `GatewaySubnet` (a /27) for a VPN or ExpressRoute gateway.
   * @default false
   */
  readonly gatewaySubnet?: boolean;
  /**
   * Prefix of resource names.
   * @default - derived from the path of the network's scope
   */
  readonly namePrefix?: string;
  /**
   * The Network Watcher that records the flow logs (`flowLogs`). Azure allows one watcher per region per
   * subscription and creates it, as `NetworkWatcher_<location>` in `NetworkWatcherRG`, when the first virtual
   * network of a region is created in a subscription that has not opted out; name yours here if it differs.
   * The network never creates a watcher.
   * @default - `NetworkWatcher_<location>` in resource group `NetworkWatcherRG`
   * @see https://learn.microsoft.com/azure/network-watcher/network-watcher-create
   */
  readonly networkWatcher?: NetworkWatcherReference;
  /**
   * Storage account (resource id) the flow logs are written to. It must be a standard account in the network's
   * region that lets trusted Azure services in, and have no lifecycle management rules of its own: the flow log's
   * retention replaces them (hashicorp/terraform-provider-azurerm#6935), so never point it at a tiered data account.
   * @default - a storage account the network creates for its flow logs
   * @see https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview#storage-account-considerations-for-virtual-network-flow-logs
   */
  readonly flowLogStorageAccountId?: string;
  /**
   * Days the flow logs are kept (1 to 365).
   * @default 90
   */
  readonly flowLogRetentionDays?: number;
  /**
   * Existing private DNS zones to use, by zone name (`privatelink.azurecr.io`, `privatelink.blob.core.windows.net`,
   * `privatelink.monitor.azure.com`, `privatelink.oms.opinsights.azure.com`, `privatelink.ods.opinsights.azure.com`,
   * `privatelink.agentsvc.azure-automation.net`) -> zone resource id: hub-and-spoke networks whose central zones a
   * platform team links (or whose DNS forwards to a hub resolver). For a zone named here the network creates no zone
   * and no virtual network link (the VNet must resolve through that zone by other means); its private endpoints' zone
   * groups write their records into the given zone.
   * @default - the network creates each zone it needs in its resource group and links it to its VNet; a second
   * ClusterNetwork of the stack in the same resource group links its VNet to the zone the first one created
   * @see https://learn.microsoft.com/azure/private-link/private-endpoint-dns-integration#private-dns-zone-group
   */
  readonly privateDnsZoneIds?: { [zone: string]: string };
}

/**
 * An Azure cluster network: a virtual network with a compute subnet sized for the fleet, a private
 * endpoint subnet and an optional `GatewaySubnet` (the subnets of `ClusterNetworkSpec.subnetPlan`); network
 * security groups that admit traffic from inside the network and from the on-premises ranges
 * (`onPremisesCidrs`) and deny inbound from the internet; no default outbound access (a NAT gateway only with
 * `internetEgress`); with `flowLogs` (the default), virtual network flow logs through the region's Network
 * Watcher into a storage account of their own (TLS 1.2, HTTPS only, no public blobs, deny by default with
 * trusted Azure services let in, infrastructure encryption, retention).
 *
 * Azure subnets are regional, so `zones` is refused; InfiniBand needs no GPU networks, so `gpuNetworkCidr` is refused.
 *
 * @example
 * const fleet = new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, nodes: 8 });
 * const network = new azure.ClusterNetwork(this, 'Network', { resourceGroupName: 'training-rg', location: 'eastus', fleet });
 */
export class ClusterNetwork extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ClusterNetworkSpec;
  /** Resource group. */
  public readonly resourceGroupName: string;
  /** Region. */
  public readonly location: string;
  /** Name prefix. */
  public readonly namePrefix: string;
  /** The virtual network. */
  public readonly virtualNetwork: VirtualNetwork;
  /** The compute (cluster) subnet. */
  public readonly computeSubnet: Subnet;
  /** The private endpoint subnet. */
  public readonly privateEndpointSubnet: Subnet;
  /** The gateway subnet, when asked for. */
  public readonly gatewaySubnet?: Subnet;
  /** The NSG of the compute subnet. */
  public readonly computeSecurityGroup: NetworkSecurityGroup;
  /** The NAT gateway, with internetEgress. */
  public readonly natGateway?: NatGateway;
  /** The virtual network flow log, with `flowLogs`. */
  public readonly flowLog?: NetworkWatcherFlowLog;
  private flowLogAccount?: StorageAccount;
  private readonly dnsZones = new Map<string, PrivateDnsZone>();
  private readonly givenZoneIds: { [zone: string]: string };
  private monitorScope?: MonitorPrivateLinkScope;
  private monitorEndpoint?: PrivateEndpoint;
  private readonly monitorScoped = new Map<string, MonitorPrivateLinkScopedService>();
  private readonly sharedConstructs = new Map<string, Construct>();

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    requireProps('ClusterNetwork', this.node.path, props);
    this.spec = new ClusterNetworkSpec(props);
    const problems = [...this.spec.validate(Cloud.AZURE), ...unsupportedSettings(AZURE_CLOUD, 'ClusterNetwork', props)];
    if (typeof props.resourceGroupName !== 'string' || (!Token.isUnresolved(props.resourceGroupName) && (!/^[-\w.()]{1,90}$/.test(props.resourceGroupName) || props.resourceGroupName.endsWith('.')))) {
      problems.push(Validation.problem('resourceGroupName', props.resourceGroupName, 'a resource group name: 1-90 letters, digits, - _ . ( ), not ending in .'));
    }
    // the catalog's locations (src/core/catalog/regions.ts); a token is left to deploy time
    problems.push(...regionProblems(Cloud.AZURE, 'location', props.location));
    problems.push(...flowLogProblems(props, this.spec.flowLogs));
    problems.push(...zoneIdProblems(props.privateDnsZoneIds));
    Validation.throwIfAny('ClusterNetwork', this.node.path, problems);
    const spec = this.spec;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.givenZoneIds = { ...(props.privateDnsZoneIds ?? {}) };
    this.namePrefix = props.namePrefix ?? scopePrefix(this.node.path, id, this.node.scopes.length, 40);
    const p = this.namePrefix;
    const rg = { resourceGroupName: this.resourceGroupName };
    const plan = spec.subnetPlan({ privateSubnets: 1, gatewaySubnet: props.gatewaySubnet === true });

    this.virtualNetwork = new VirtualNetwork(this, 'Vnet', { ...rg, location: this.location, name: `${p}-vnet`, addressSpace: [spec.cidr] });
    const subnet = (cid: string, name: string, cidr: string, extra: object = {}) => new Subnet(this, cid, {
      ...rg, virtualNetworkName: this.virtualNetwork.name, name, addressPrefixes: [cidr], ...extra,
    });
    this.computeSubnet = subnet('ComputeSubnet', `${p}-compute`, plan.clusterSubnet, {
      defaultOutboundAccessEnabled: false, serviceEndpoints: ['Microsoft.Storage', 'Microsoft.KeyVault'],
    });
    this.privateEndpointSubnet = subnet('PrivateEndpointSubnet', `${p}-private-endpoints`, plan.privateSubnets[0], {
      defaultOutboundAccessEnabled: false, privateEndpointNetworkPolicies: 'Enabled',
    });
    if (plan.gatewaySubnet) {
      // Azure requires this exact name
      this.gatewaySubnet = subnet('GatewaySubnet', 'GatewaySubnet', plan.gatewaySubnet);
    }

    const rules = securityRules(spec.onPremisesCidrs);
    const nsg = (cid: string, name: string) => new NetworkSecurityGroup(this, cid, { ...rg, location: this.location, name, securityRule: rules });
    this.computeSecurityGroup = nsg('ComputeNsg', `${p}-compute-nsg`);
    new SubnetNetworkSecurityGroupAssociation(this, 'ComputeNsgAssociation', { subnetId: this.computeSubnet.id, networkSecurityGroupId: this.computeSecurityGroup.id });
    const peNsg = nsg('PrivateEndpointNsg', `${p}-private-endpoints-nsg`);
    new SubnetNetworkSecurityGroupAssociation(this, 'PrivateEndpointNsgAssociation', { subnetId: this.privateEndpointSubnet.id, networkSecurityGroupId: peNsg.id });

    if (spec.internetEgress) {
      const ip = new PublicIp(this, 'NatIp', { ...rg, location: this.location, name: `${p}-nat-ip`, allocationMethod: 'Static', sku: 'Standard' });
      this.natGateway = new NatGateway(this, 'Nat', { ...rg, location: this.location, name: `${p}-nat`, skuName: 'Standard' });
      new NatGatewayPublicIpAssociation(this, 'NatIpAssociation', { natGatewayId: this.natGateway.id, publicIpAddressId: ip.id });
      new SubnetNatGatewayAssociation(this, 'ComputeNat', { subnetId: this.computeSubnet.id, natGatewayId: this.natGateway.id });
    }
    if (spec.flowLogs) this.flowLog = this.renderFlowLog(props);
    recordResources(this, Cloud.AZURE, 'ClusterNetwork', {
      virtualNetwork: this.virtualNetwork,
      computeSubnet: this.computeSubnet,
      privateEndpointSubnet: this.privateEndpointSubnet,
      gatewaySubnet: this.gatewaySubnet,
      securityGroups: [this.computeSecurityGroup, peNsg],
      natGateway: this.natGateway,
    });
  }

  /**
   * Adds a private endpoint in the private endpoint subnet to a service (`options.resourceId`, sub-resource
   * `options.subresource`), with a DNS zone group that writes the service's A records into the network's privatelink
   * zone for that sub-resource (created and linked to the VNet on first use). The compute subnet reaches it through
   * the NSGs' `allow-vnet-inbound` rule; the service can keep public network access off.
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/private_endpoint
   */
  public addPrivateEndpoint(scope: Construct, id: string, options: PrivateEndpointOptions): PrivateEndpoint {
    const problems: ValidationProblem[] = [];
    const zoneNames = PRIVATE_DNS_ZONES[options?.subresource];
    if (zoneNames === undefined) problems.push(Validation.problem('subresource', options?.subresource, Object.keys(PRIVATE_DNS_ZONES).join(' or ')));
    if (typeof options?.name !== 'string' || (!Token.isUnresolved(options.name) && !/^[A-Za-z0-9][-\w.]{0,62}[\w]$/.test(options.name))) {
      problems.push(Validation.problem('name', options?.name, '1-64 letters, digits, - _ . starting with a letter or digit, ending with a letter, digit or _'));
    }
    if (typeof options?.resourceId !== 'string' || options.resourceId === '') problems.push(Validation.problem('resourceId', options?.resourceId, 'the resource id of the service'));
    Validation.throwIfAny('ClusterNetwork.addPrivateEndpoint', `${this.node.path} (${scope.node.path}/${id})`, problems);
    const zoneIds = zoneNames.map((z) => this.privateDnsZoneId(z));
    return new PrivateEndpoint(scope, id, {
      resourceGroupName: this.resourceGroupName,
      location: this.location,
      name: options.name,
      subnetId: this.privateEndpointSubnet.id,
      privateServiceConnection: {
        name: options.name,
        isManualConnection: false,
        privateConnectionResourceId: options.resourceId,
        subresourceNames: [options.subresource],
      },
      // the zone group creates (and removes) the A records of the endpoint's addresses in the linked zones
      privateDnsZoneGroup: { name: 'default', privateDnsZoneIds: zoneIds },
      tags: options.tags,
    });
  }

  /**
   * The network's Azure Monitor private link scope (AMPLS), created on first use with its private endpoint
   * (sub-resource `azuremonitor`) in the private endpoint subnet and a DNS zone group over the five zones Azure Monitor
   * needs, each linked to the VNet. One per network: a VNet's DNS can point Azure Monitor's names at one scope only, so
   * every fleet of the network shares it (Microsoft: "use a single AMPLS for all networks that share the same DNS").
   *
   * Ingestion access mode `PrivateOnly`: clients in the VNet may send only to the resources of the scope (no data
   * leaves for a workspace outside it; the compute subnet has no public path anyway). Query access mode `Open`:
   * people query the workspace from the portal without a private link.
   * @see https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design#control-how-private-links-apply-to-your-networks
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_private_link_scope
   */
  public monitorPrivateLinkScope(): MonitorPrivateLinkScope {
    if (this.monitorScope) return this.monitorScope;
    this.monitorScope = new MonitorPrivateLinkScope(this, 'MonitorScope', {
      resourceGroupName: this.resourceGroupName,
      name: `${this.namePrefix}-ampls`,
      ingestionAccessMode: 'PrivateOnly',
      queryAccessMode: 'Open',
    });
    this.monitorEndpoint = this.addPrivateEndpoint(this, 'MonitorScopeEndpoint', {
      resourceId: this.monitorScope.id, subresource: 'azuremonitor', name: `${this.namePrefix}-ampls-pe`,
    });
    return this.monitorScope;
  }

  /**
   * Adds a resource (a data collection endpoint, a Log Analytics workspace) to the network's Azure Monitor private link
   * scope, once per resource id: fleets that share a workspace share its scoped service. The scoped service is created
   * under the network (not under `scope`), with the construct id `id` followed by a hash of the resource id, so that
   * removing the fleet that first asked for a shared workspace neither removes nor renames the other fleets' service;
   * `scope` and `id` name where it sat before, for a moved block to its new address. The scope's private endpoint is created after its scoped services, so its DNS
   * configuration holds their names from the first apply.
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_private_link_scoped_service
   */
  public addToMonitorScope(scope: Construct, id: string, resourceId: string, name: string): MonitorPrivateLinkScopedService {
    const key = stableKey(this, resourceId);
    const existing = this.monitorScoped.get(key);
    if (existing) return existing;
    const ampls = this.monitorPrivateLinkScope();
    const scoped = new MonitorPrivateLinkScopedService(this, `${id}${shortHash(key)}`, {
      resourceGroupName: this.resourceGroupName, scopeName: ampls.name, name, linkedResourceId: resourceId,
    });
    // the scoped service used to sit under `scope` (the fleet): a moved block keeps it rather than replace it
    scoped.moveFromId(addressAt(scoped.terraformResourceType, scope, id));
    this.monitorScoped.set(key, scoped);
    this.monitorEndpoint!.dependsOn = [...(this.monitorEndpoint!.dependsOn ?? []), scoped.fqn];
    return scoped;
  }

  /**
   * One construct per key on this network: `create(id)` runs the first time `key` (a resource id, literal or token)
   * is asked for, under the network, with a construct id of `id` and a hash of the key (internal: fleets that share a
   * workspace share its custom table).
   * @internal
   */
  public _shared<T extends Construct>(id: string, key: string, create: (scope: Construct, id: string) => T): T {
    const k = `${id}#${stableKey(this, key)}`;
    let c = this.sharedConstructs.get(k) as T | undefined;
    if (!c) {
      c = create(this, `${id}${shortHash(stableKey(this, key))}`);
      this.sharedConstructs.set(k, c);
    }
    return c;
  }

  /**
   * The id of the private DNS zone of this name the network's endpoints write into: the one given in
   * `privateDnsZoneIds` (neither created nor linked), else one zone per name and resource group in the stack (Azure
   * refuses a second zone of the same name in a resource group): the first network of the resource group creates it, every
   * network links its VNet to it. Each link falls back to internet resolution on NXDOMAIN (`NxDomainRedirect`), so a
   * name of the zone's domain that the zone does not hold (another team's storage account behind its own private
   * endpoint, say, under privatelink.blob.core.windows.net) still resolves to its public address instead of failing.
   * @see https://learn.microsoft.com/azure/dns/private-dns-fallback
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/private_dns_zone_virtual_network_link#resolution_policy
   */
  private privateDnsZoneId(zoneName: string): string {
    const given = this.givenZoneIds[zoneName];
    if (given !== undefined) return given;
    let zone = this.dnsZones.get(zoneName);
    if (zone) return zone.id;
    const cid = zoneName.split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    const stack = TerraformStack.of(this);
    const zonesOfStack = STACK_ZONES.get(stack) ?? new Map<string, PrivateDnsZone>();
    STACK_ZONES.set(stack, zonesOfStack);
    // resource group names are case-insensitive in Azure
    const key = `${stableKey(this, this.resourceGroupName).toLowerCase()}|${zoneName}`;
    zone = zonesOfStack.get(key);
    if (!zone) {
      zone = new PrivateDnsZone(this, cid, { resourceGroupName: this.resourceGroupName, name: zoneName });
      zonesOfStack.set(key, zone);
    }
    new PrivateDnsZoneVirtualNetworkLink(this, `${cid}Link`, {
      resourceGroupName: this.resourceGroupName,
      name: dnsName(`${this.namePrefix}-${zoneName.split('.')[1]}-link`, 80),
      privateDnsZoneName: zone.name,
      virtualNetworkId: this.virtualNetwork.id,
      registrationEnabled: false,
      resolutionPolicy: 'NxDomainRedirect',
    });
    this.dnsZones.set(zoneName, zone);
    return zone.id;
  }

  /** The storage account the network created for its flow logs (none with `flowLogStorageAccountId` or without `flowLogs`). */
  public get flowLogStorage(): StorageAccount | undefined {
    return this.flowLogAccount;
  }

  /**
   * Sends the flow logs to another storage account, with another retention, instead of the account the network
   * created for them (which is then not created). The account's lifecycle management rules are replaced by the flow
   * log's retention (hashicorp/terraform-provider-azurerm#6935).
   *
   * @deprecated flow logs are on by default (`flowLogs`); give `flowLogStorageAccountId` and `flowLogRetentionDays`
   * instead. Kept for one release.
   */
  public enableFlowLogs(storageAccountId: string, retentionDays: number = 90): NetworkWatcherFlowLog {
    const problems = flowLogProblems({ flowLogRetentionDays: retentionDays }, true);
    if (!this.flowLog) problems.push(Validation.problem('flowLogs', false, 'true (or unset) to record flow logs; enableFlowLogs only re-targets them'));
    Validation.throwIfAny('ClusterNetwork', this.node.path, problems);
    const flowLog = this.flowLog!;
    flowLog.storageAccountId = storageAccountId;
    flowLog.putRetentionPolicy({ enabled: true, days: retentionDays });
    if (this.flowLogAccount) {
      this.node.tryRemoveChild(this.flowLogAccount.node.id);
      this.flowLogAccount = undefined;
    }
    return flowLog;
  }

  /**
   * The VNet flow log (no new NSG flow logs can be created since 30 July 2025) through the regional Network Watcher,
   * into the given account or one of its own: an account for the logs alone, since the flow log's retention replaces
   * the account's lifecycle management rules (hashicorp/terraform-provider-azurerm#6935; before, the platform wrote
   * the logs into the tiered data account).
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/network_watcher_flow_log
   */
  private renderFlowLog(props: ClusterNetworkProps): NetworkWatcherFlowLog {
    const watcher = props.networkWatcher ?? { name: `NetworkWatcher_${this.location}`, resourceGroupName: 'NetworkWatcherRG' };
    let storageAccountId = props.flowLogStorageAccountId;
    if (storageAccountId === undefined) {
      this.flowLogAccount = new StorageAccount(this, 'FlowLogStorage', {
        resourceGroupName: this.resourceGroupName,
        location: this.location, // flow logs go to an account in the network's region
        name: alnumName(`flowlogs${this.node.path}`, 24),
        accountKind: 'StorageV2',
        accountTier: 'Standard', // premium accounts are not supported
        accountReplicationType: 'ZRS',
        httpsTrafficOnlyEnabled: true,
        minTlsVersion: 'TLS1_2',
        allowNestedItemsToBePublic: false,
        // the flow log service writes with the account key: "If you change or rotate the access keys to your storage
        // account, virtual network flow logs stop working" (vnet-flow-logs-overview), and azurerm 4.55 gives the flow
        // log no identity to write with, so shared keys stay on for this account only
        sharedAccessKeyEnabled: true,
        infrastructureEncryptionEnabled: true,
        crossTenantReplicationEnabled: false,
        // deny by default; Network Watcher writes as a trusted Azure service (public network access stays on: turning
        // it off blocks trusted services too)
        networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
        tags: {
          'ai-infra-flow-logs': this.virtualNetwork.name,
          // the one storage account with shared keys, acknowledged to the policy pack with its reason (AZ-ST-3)
          [acknowledgementTag('AZ-ST-3')]: 'VNet flow logs write with the account key; azurerm 4.55 gives the flow log no identity',
        },
        lifecycle: { preventDestroy: true },
      });
      storageAccountId = this.flowLogAccount.id;
    }
    return new NetworkWatcherFlowLog(this, 'FlowLog', {
      name: `${this.namePrefix}-vnet-flow-log`,
      networkWatcherName: watcher.name,
      resourceGroupName: watcher.resourceGroupName,
      targetResourceId: this.virtualNetwork.id,
      storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: props.flowLogRetentionDays ?? 90 },
    });
  }
}

/** Inbound rules of both NSGs: the virtual network, the on-premises ranges, nothing from the internet. */
function securityRules(onPremises: string[]): NetworkSecurityGroupSecurityRule[] {
  const rule = (name: string, priority: number, access: string, source: { sourceAddressPrefix?: string; sourceAddressPrefixes?: string[] }, destination: string) => ({
    name, priority, direction: 'Inbound', access, protocol: '*', ...source, sourcePortRange: '*', destinationAddressPrefix: destination, destinationPortRange: '*',
  });
  return [
    rule('allow-vnet-inbound', 100, 'Allow', { sourceAddressPrefix: 'VirtualNetwork' }, 'VirtualNetwork'),
    // the VirtualNetwork tag covers ranges a gateway advertises; the site's ranges are named so the rule holds either way
    ...(onPremises.length > 0 ? [rule('allow-on-premises-inbound', 110, 'Allow', { sourceAddressPrefixes: onPremises }, 'VirtualNetwork')] : []),
    rule('deny-internet-inbound', 4096, 'Deny', { sourceAddressPrefix: 'Internet' }, '*'),
  ];
}

/** Problems with the flow log props. */
function flowLogProblems(props: Pick<ClusterNetworkProps, 'flowLogRetentionDays' | 'flowLogStorageAccountId' | 'networkWatcher'>, flowLogs: boolean): ValidationProblem[] {
  const p: ValidationProblem[] = [];
  const days = props.flowLogRetentionDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 365)) p.push(Validation.problem('flowLogRetentionDays', days, 'a whole number of days from 1 to 365'));
  const id = props.flowLogStorageAccountId;
  if (id !== undefined && (typeof id !== 'string' || (!Token.isUnresolved(id) && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/i.test(id)))) {
    p.push(Validation.problem('flowLogStorageAccountId', id, 'a storage account resource id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Storage/storageAccounts/<name>'));
  }
  const w = props.networkWatcher;
  if (w !== undefined && (typeof w?.name !== 'string' || typeof w?.resourceGroupName !== 'string' || w.name === '' || w.resourceGroupName === '')) {
    p.push(Validation.problem('networkWatcher', w, 'a watcher name and its resource group, e.g. { name: \'NetworkWatcher_eastus\', resourceGroupName: \'NetworkWatcherRG\' }'));
  }
  if (!flowLogs) {
    for (const k of ['flowLogRetentionDays', 'flowLogStorageAccountId', 'networkWatcher'] as const) {
      if (props[k] !== undefined) p.push(Validation.problem(k, props[k], 'unset when flowLogs is false (there is no flow log)'));
    }
  }
  return p;
}


/** `privateDnsZoneIds`: known zone names to private DNS zone resource ids of that name. */
function zoneIdProblems(ids: unknown): ValidationProblem[] {
  if (ids === undefined) return [];
  const known = [...new Set(Object.values(PRIVATE_DNS_ZONES).flat())];
  if (ids === null || typeof ids !== 'object' || Array.isArray(ids)) {
    return [Validation.problem('privateDnsZoneIds', ids, `an object of zone name (${known.join(', ')}) -> private DNS zone resource id`)];
  }
  const problems: ValidationProblem[] = [];
  for (const [zone, id] of Object.entries(ids)) {
    if (!known.includes(zone)) {
      problems.push(Validation.problem(`privateDnsZoneIds['${zone}']`, id, `a zone the network's private endpoints use: ${known.join(', ')}`));
    } else if (typeof id !== 'string' || (!Token.isUnresolved(id) && !new RegExp(`^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/privateDnsZones/${zone.replace(/\./g, '\\.')}$`, 'i').test(id))) {
      problems.push(Validation.problem(`privateDnsZoneIds['${zone}']`, id, `the resource id of a private DNS zone named ${zone}: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/privateDnsZones/${zone}`));
    }
  }
  return problems;
}
