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
import { Fn, TerraformOutput, TerraformStack } from '../tf';

/** API version of the VPN connection in its template. */
const NETWORK_API = '2023-09-01';
/** API versions of the IoT Hub and the device provisioning service in the edge template. */
const IOT_HUB_API = '2023-06-30';
const DPS_API = '2022-12-12';

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
 *   The connection is an ARM template deployment so its pre-shared key never enters the Terraform state (azurerm 4.55
 *   has no write-only `shared_key`): Azure generates the key; read it for the site device with
 *   `az network vpn-connection shared-key show` or set your own with `az network vpn-connection shared-key update`
 *   (both outside Terraform).
 * - edge-centric: IoT Hub (TLS 1.2) with a device provisioning service linked to it, one ARM template deployment
 *   in which Azure builds the link's connection string with `listKeys()`, so no hub key or connection string enters
 *   the Terraform state (azurerm_iothub, azurerm_iothub_shared_access_policy and azurerm_iothub_dps would each hold
 *   one); and a Premium container registry for the edge modules.
 *
 * Stacks deployed before the connection, the hub and the DPS moved into ARM deployments hold them at their old
 * addresses: before the next apply, run `terraform state rm azurerm_virtual_network_gateway_connection.SiteConnection
 * azurerm_iothub.IotHub azurerm_iothub_dps.Dps azurerm_iothub_shared_access_policy.DpsAccess` (Terraform then neither
 * destroys them nor keeps their keys in the state); the deployments, which use the same names, adopt them in place, so
 * the hub keeps its device registry. Then rotate the hub's keys and the VPN key, which the old state held.
 *
 * Every resource carries the tags project, strategy and workload.
 *
 * @example
 * import { App } from 'cdktf';
 * import { AzurePlatformStack, DataSensitivity, StrategySelector, WorkloadPattern } from 'ai-infra-constructs';
 *
 * declare const adminSshPublicKey: string;
 * const app = new App();
 * const selection = StrategySelector.select({
 *   dataSensitivity: DataSensitivity.LOW,
 *   workloadPattern: WorkloadPattern.BURSTY,
 *   trainingGpus: 16,
 * });
 * // configures the azurerm provider itself (configureProvider: false to bring your own)
 * new AzurePlatformStack(app, 'vision', {
 *   selection,
 *   project: 'vision',
 *   workload: 'detector',
 *   location: 'eastus',
 *   adminSshPublicKey,
 * });
 * app.synth();
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
    this.storage.grantReadWrite(this.fleet);
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
    const { ResourceGroupTemplateDeployment } = load<typeof import('@cdktf/provider-azurerm/lib/resource-group-template-deployment')>('@cdktf/provider-azurerm/lib/resource-group-template-deployment');
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
    // the connection is an ARM deployment, not azurerm_virtual_network_gateway_connection: that resource reads the
    // pre-shared key back into Terraform state (shared_key is Optional+Computed, and azurerm 4.55 has no write-only
    // shared_key_wo: hashicorp/terraform-provider-azurerm#30377, #20586); a template deployment keeps only its
    // template, parameters and declared outputs. Azure generates the key; nothing here reads it.
    new ResourceGroupTemplateDeployment(this, 'SiteConnection', {
      resourceGroupName: where.resourceGroupName,
      name: `${p}-site-connection`,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        parameters: { name: { type: 'string' }, location: { type: 'string' }, gatewayId: { type: 'string' }, siteId: { type: 'string' }, tags: { type: 'object' } },
        resources: [{
          type: 'Microsoft.Network/connections',
          apiVersion: NETWORK_API,
          name: "[parameters('name')]",
          location: "[parameters('location')]",
          tags: "[parameters('tags')]",
          properties: {
            connectionType: 'IPsec',
            connectionProtocol: 'IKEv2',
            virtualNetworkGateway1: { id: "[parameters('gatewayId')]", properties: {} },
            localNetworkGateway2: { id: "[parameters('siteId')]", properties: {} },
          },
        }],
      }),
      parametersContent: Fn.jsonencode({
        name: { value: `${p}-site-connection` },
        location: { value: where.location },
        gatewayId: { value: gateway.id },
        siteId: { value: local.id },
        tags: { value: tags },
      }),
      tags,
    });
    new TerraformOutput(this, 'vpn_gateway_ip', { value: ip.ipAddress, description: 'Point the site device at this address' });
  }

  private addEdge(where: { resourceGroupName: string; location: string }, tags: Record<string, string>) {
    // loaded here, not at the top: only edge-centric platforms use these
    const { ResourceGroupTemplateDeployment } = load<typeof import('@cdktf/provider-azurerm/lib/resource-group-template-deployment')>('@cdktf/provider-azurerm/lib/resource-group-template-deployment');
    const base = alnumName(`${this.network.namePrefix}edge`, 20);
    // the hub and the provisioning service are one ARM deployment, not azurerm_iothub + azurerm_iothub_dps: the DPS
    // links to the hub with a connection string (linked_hub.connection_string, required, no write-only form in azurerm
    // 4.55), and azurerm_iothub and azurerm_iothub_shared_access_policy read the hub's keys into state. In the template
    // Azure builds the connection string itself with listKeys() (as Microsoft's quickstart 101-iothub-device-provisioning
    // does), so no key reaches the Terraform state, the plan or an output.
    const edge = new ResourceGroupTemplateDeployment(this, 'IotHub', {
      resourceGroupName: where.resourceGroupName,
      name: `${base}-iot`,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(edgeTemplate()),
      parametersContent: Fn.jsonencode({
        hubName: { value: `${base}-hub` },
        dpsName: { value: `${base}-dps` },
        location: { value: where.location },
        tags: { value: tags },
      }),
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
    new TerraformOutput(this, 'dps_id_scope', {
      value: Fn.lookup(Fn.lookup(Fn.jsondecode(edge.outputContent), 'idScope', {}), 'value', ''),
      description: 'Devices enrol with this ID scope',
    });
  }
}

/**
 * The edge template: an S1 IoT Hub (TLS 1.2) and a device provisioning service (S1, hashed allocation) linked to it
 * through the hub's `iothubowner` policy, whose connection string Azure assembles from `listKeys()` at deployment;
 * the DPS ID scope as the only output.
 * @see https://github.com/Azure/azure-quickstart-templates/tree/master/quickstarts/microsoft.devices/iothub-device-provisioning
 */
function edgeTemplate(): object {
  const hub = "resourceId('Microsoft.Devices/IotHubs', parameters('hubName'))";
  const dps = "resourceId('Microsoft.Devices/provisioningServices', parameters('dpsName'))";
  const key = `listKeys(resourceId('Microsoft.Devices/IotHubs/IotHubKeys', parameters('hubName'), 'iothubowner'), '${IOT_HUB_API}').primaryKey`;
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { hubName: { type: 'string' }, dpsName: { type: 'string' }, location: { type: 'string' }, tags: { type: 'object' } },
    resources: [{
      type: 'Microsoft.Devices/IotHubs',
      apiVersion: IOT_HUB_API,
      name: "[parameters('hubName')]",
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      sku: { name: 'S1', capacity: 1 },
      properties: { minTlsVersion: '1.2' },
    }, {
      type: 'Microsoft.Devices/provisioningServices',
      apiVersion: DPS_API,
      name: "[parameters('dpsName')]",
      location: "[parameters('location')]",
      tags: "[parameters('tags')]",
      sku: { name: 'S1', capacity: 1 },
      dependsOn: [`[${hub}]`],
      properties: {
        allocationPolicy: 'Hashed',
        iotHubs: [{
          connectionString: `[concat('HostName=', reference(${hub}, '${IOT_HUB_API}').hostName, ';SharedAccessKeyName=iothubowner;SharedAccessKey=', ${key})]`,
          location: "[parameters('location')]",
          applyAllocationPolicy: true,
        }],
      },
    }],
    outputs: { idScope: { type: 'string', value: `[reference(${dps}, '${DPS_API}').idScope]` } },
  };
}
