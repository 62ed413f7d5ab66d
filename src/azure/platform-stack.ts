import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { PlatformMonitoring } from './platform-monitoring';
import { TieredStorage } from './tiered-storage';
import { Cloud } from '../core/catalog/cloud';
import { alnumName } from '../core/internal/names';
import { PlatformOptions, PlatformPlan } from '../core/plan';
import { Selection } from '../core/strategy';
import { load } from '../lazy';
import { TerraformOutput, TerraformStack } from '../tf';

/** Properties of an Azure platform stack. */
export interface AzurePlatformStackProps extends PlatformOptions {
  /** The selection the platform is built for. */
  readonly selection: Selection;
  /** Azure region. */
  readonly location: string;
  /** OpenSSH public key of the fleet's admin user (people sign in with Entra ID). */
  readonly adminSshPublicKey: string;
  /**
   * Resource group to create.
   * @default - `<stack id>-rg`
   */
  readonly resourceGroupName?: string;
  /**
   * Configure the azurerm provider in this stack.
   * @default true
   */
  readonly configureProvider?: boolean;
}


/**
 * An Azure platform for the selected strategy (cdktf): the four constructs (the network records VNet flow logs
 * into a storage account of its own; the data account's default tiers stop at cold, since ZRS accounts have no
 * Archive tier), plus
 *
 * - hybrid: `GatewaySubnet`, a route-based VPN gateway (VpnGw1, BGP) with a static public IP, a local
 *   network gateway for the site, and an IPsec connection (Azure generates the shared key unless one is
 *   set later); customer-managed key storage; private endpoint. The gateway takes 30-60 minutes to deploy.
 * - edge-centric: IoT Hub (TLS 1.2; shared-access policies stay on because the device provisioning service
 *   links to the hub with one) with a device provisioning service linked to it, and a
 *   Premium container registry for the edge modules.
 *
 * Every resource carries the tags project, strategy and workload.
 */
export class AzurePlatformStack extends TerraformStack {
  /** The plan. */
  public readonly plan: PlatformPlan;
  /** The resource group. */
  public readonly resourceGroup: ResourceGroup;
  /** The network. */
  public readonly network: ClusterNetwork;
  /** The training fleet. */
  public readonly fleet: GpuFleet;
  /** The storage. */
  public readonly storage: TieredStorage;
  /** The endpoint. */
  public readonly endpoint: ModelEndpoint;

  constructor(scope: Construct, id: string, props: AzurePlatformStackProps) {
    super(scope, id);
    this.plan = PlatformPlan.of(Cloud.AZURE, props?.selection, props, this.node.path, props?.location);
    const plan = this.plan;
    const tags = { ...plan.tags };
    if (props.configureProvider ?? true) {
      new AzurermProvider(this, 'azurerm', { features: [{}], storageUseAzuread: true });
    }
    this.resourceGroup = new ResourceGroup(this, 'Group', { name: props.resourceGroupName ?? `${id}-rg`, location: props.location, tags });
    const where = { resourceGroupName: this.resourceGroup.name, location: props.location };

    this.network = new ClusterNetwork(this, 'Network', { ...plan.network, ...where, gatewaySubnet: plan.hybrid });
    this.fleet = new GpuFleet(this, 'Training', { ...plan.fleet, network: this.network, adminSshPublicKey: props.adminSshPublicKey });
    this.storage = new TieredStorage(this, 'Data', { ...plan.storage, ...where, network: this.network });
    this.storage.grantReadWrite(this.fleet.principalId);
    this.endpoint = new ModelEndpoint(this, 'Serving', { ...plan.endpoint, modelArtifact: props.modelArtifact, network: this.network });

    new PlatformMonitoring(this, 'Monitoring', { fleet: this.fleet, endpoint: this.endpoint, alertEmail: props.alertEmail });
    if (plan.hybrid) this.addHybrid(plan, where, tags);
    if (plan.edge) this.addEdge(where, tags);

    new TerraformOutput(this, 'storage_account', { value: this.storage.account.name });
    new TerraformOutput(this, 'strategy', { value: plan.strategy });
  }

  private addHybrid(plan: PlatformPlan, where: { resourceGroupName: string; location: string }, tags: Record<string, string>) {
    // loaded here, not at the top: a cloud-first or edge platform never pays for the VPN resource modules
    const { LocalNetworkGateway } = load<typeof import('@cdktf/provider-azurerm/lib/local-network-gateway')>('@cdktf/provider-azurerm/lib/local-network-gateway');
    const { VirtualNetworkGateway } = load<typeof import('@cdktf/provider-azurerm/lib/virtual-network-gateway')>('@cdktf/provider-azurerm/lib/virtual-network-gateway');
    const { VirtualNetworkGatewayConnection } = load<typeof import('@cdktf/provider-azurerm/lib/virtual-network-gateway-connection')>('@cdktf/provider-azurerm/lib/virtual-network-gateway-connection');
    const site = plan.options.onPremises!;
    const p = this.network.namePrefix;
    const ip = new PublicIp(this, 'VpnGatewayIp', { ...where, name: `${p}-vpn-ip`, allocationMethod: 'Static', sku: 'Standard', tags });
    const gateway = new VirtualNetworkGateway(this, 'VpnGateway', {
      ...where,
      name: `${p}-vpn`,
      type: 'Vpn',
      vpnType: 'RouteBased',
      sku: 'VpnGw1',
      activeActive: false,
      enableBgp: true,
      bgpSettings: { asn: plan.cloudSideBgpAsn },
      ipConfiguration: [{ name: 'gateway', publicIpAddressId: ip.id, subnetId: this.network.gatewaySubnet!.id, privateIpAddressAllocation: 'Dynamic' }],
      tags,
    });
    const local = new LocalNetworkGateway(this, 'SiteGateway', {
      ...where, name: `${p}-site`, gatewayAddress: site.peerAddress, addressSpace: site.cidrs, tags,
    });
    new VirtualNetworkGatewayConnection(this, 'SiteConnection', {
      ...where,
      name: `${p}-site-connection`,
      type: 'IPsec',
      virtualNetworkGatewayId: gateway.id,
      localNetworkGatewayId: local.id,
      connectionProtocol: 'IKEv2',
      tags,
    });
    new TerraformOutput(this, 'vpn_gateway_ip', { value: ip.ipAddress, description: 'Point the site device at this address' });
  }

  private addEdge(where: { resourceGroupName: string; location: string }, tags: Record<string, string>) {
    // loaded here, not at the top: only edge-centric platforms use these
    const { Iothub } = load<typeof import('@cdktf/provider-azurerm/lib/iothub')>('@cdktf/provider-azurerm/lib/iothub');
    const { IothubDps } = load<typeof import('@cdktf/provider-azurerm/lib/iothub-dps')>('@cdktf/provider-azurerm/lib/iothub-dps');
    const { IothubSharedAccessPolicyA } = load<typeof import('@cdktf/provider-azurerm/lib/iothub-shared-access-policy')>('@cdktf/provider-azurerm/lib/iothub-shared-access-policy');
    const base = alnumName(`${this.network.namePrefix}edge`, 20);
    const hub = new Iothub(this, 'IotHub', {
      ...where, name: `${base}-hub`, sku: { name: 'S1', capacity: 1 }, minTlsVersion: '1.2', tags,
    });
    const dpsAccess = new IothubSharedAccessPolicyA(this, 'DpsAccess', {
      resourceGroupName: where.resourceGroupName, iothubName: hub.name, name: 'device-provisioning', registryRead: true, registryWrite: true, serviceConnect: true, deviceConnect: true,
    });
    const dps = new IothubDps(this, 'Dps', {
      ...where,
      name: `${base}-dps`,
      sku: { name: 'S1', capacity: 1 },
      allocationPolicy: 'Hashed',
      linkedHub: [{ connectionString: dpsAccess.primaryConnectionString, location: where.location, applyAllocationPolicy: true }],
      tags,
    });
    new ContainerRegistry(this, 'EdgeRegistry', {
      ...where,
      name: `${base}edgeacr`,
      sku: 'Premium',
      adminEnabled: false,
      publicNetworkAccessEnabled: false,
      anonymousPullEnabled: false,
      quarantinePolicyEnabled: true,
      trustPolicyEnabled: true,
      retentionPolicyInDays: 30,
      networkRuleBypassOption: 'AzureServices',
      tags,
    });
    new TerraformOutput(this, 'dps_id_scope', { value: dps.idScope, description: 'Devices enrol with this ID scope' });
  }
}
