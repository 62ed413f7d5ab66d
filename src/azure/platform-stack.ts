import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { GpuFleet } from './gpu-fleet';
import { ModelEndpoint } from './model-endpoint';
import { PlatformMonitoring } from './platform-monitoring';
import { acknowledgementTag } from './policy/util';
import { TieredStorage } from './tiered-storage';
import { Cloud } from '../core/catalog/cloud';
import { cidrsOverlap, parseCidr } from '../core/internal/checks';
import { alnumName } from '../core/internal/names';
import { PlatformOptions, PlatformPlan } from '../core/plan';
import { Selection } from '../core/strategy';
import { Validation } from '../core/validation';
import { load } from '../lazy';
import { Fn, TerraformOutput, TerraformStack } from '../tf';

/** API version of the VPN connection in its template. */
const NETWORK_API = '2023-09-01';
/** The site's BGP address when none is given, and the Azure side's custom APIPA addresses (Azure reserves 169.254.21.0-169.254.22.255 for them). */
const DEFAULT_SITE_BGP_ADDRESS = '169.254.21.2';
const AZURE_APIPA = '169.254.21.1';
const AZURE_APIPA_ALT = '169.254.21.2';
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
   * Edge-centric: the public IPv4 ranges (CIDRs or addresses) the IoT Edge devices reach the internet from (the sites'
   * egress). With them the edge registry's network rules deny every other address (at most 200 rules); its pulls need
   * a token either way.
   * @default - every address may try (anonymous pull and the admin user are off, so a pull needs a token)
   * @see https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks
   */
  readonly edgeDeviceCidrs?: string[];
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
 * - hybrid: `GatewaySubnet`, a route-based VPN gateway (VpnGw1, BGP, ASN 65515) with a static public IP, a local
 *   network gateway for the site (its ranges, its ASN `onPremises.bgpAsn`, default 65010, and its BGP address
 *   `onPremises.bgpPeerAddress`, default 169.254.21.2: with an APIPA address the gateway peers from its custom APIPA
 *   address 169.254.21.1, or 169.254.21.2 when the site takes .1, and the site device must open the session), and an
 *   IPsec connection with BGP (Azure generates the shared key unless one is set later); the `vpn_bgp` output names
 *   both ends; customer-managed key storage; private endpoint. The gateway takes 30-60 minutes to deploy.
 *   The connection is an ARM template deployment so its pre-shared key never enters the Terraform state (azurerm 4.55
 *   has no write-only `shared_key`): Azure generates the key; read it for the site device with
 *   `az network vpn-connection shared-key show` or set your own with `az network vpn-connection shared-key update`
 *   (both outside Terraform).
 * - edge-centric: IoT Hub (TLS 1.2) with a device provisioning service linked to it, one ARM template deployment
 *   in which Azure builds the link's connection string with `listKeys()`, so no hub key or connection string enters
 *   the Terraform state (azurerm_iothub, azurerm_iothub_shared_access_policy and azurerm_iothub_dps would each hold
 *   one); and a Premium container registry for the edge modules, which the devices pull from over its public endpoint
 *   with tokens (no admin user, no anonymous pull; the devices have no site link) and the fleet pushes to through its
 *   private endpoint (AcrPush).
 *
 * Every platform: the fleet may pull from the workspace's registry (AcrPull) through its private endpoint. With
 * `gpuMetrics`, the fleet's GPU utilization goes through the Logs Ingestion API into a Log Analytics workspace of the
 * fleet's own (the endpoint's workspace belongs to its Azure ML workspace and Application Insights), reached through
 * the network's Azure Monitor private link scope; the monitoring workbook charts it and the action group gets its idle alert.
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
    Validation.throwIfAny('AzurePlatformStack', this.node.path, edgeDeviceCidrProblems(props?.edgeDeviceCidrs, plan.edge));
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

    // the fleet pulls its training images from the workspace's registry, through the registry's private endpoint
    new RoleAssignment(this, 'TrainingPullsImages', {
      scope: this.endpoint.containerRegistry.id, roleDefinitionName: 'AcrPull', principalId: this.fleet.principalId, principalType: 'ServicePrincipal',
    });
    new PlatformMonitoring(this, 'Monitoring', { fleet: this.fleet, endpoint: this.endpoint, alertEmail: props.alertEmail });
    if (plan.hybrid) this.addHybrid(plan, where, tags);
    if (plan.edge) this.addEdge(where, tags, props.edgeDeviceCidrs);

    new TerraformOutput(this, 'storage_account', { value: this.storage.account.name });
    new TerraformOutput(this, 'strategy', { value: plan.strategy });
  }

  private addHybrid(plan: PlatformPlan, where: { resourceGroupName: string; location: string }, tags: Record<string, string>) {
    // loaded here, not at the top: a cloud-first or edge platform never pays for the VPN resource modules
    const { LocalNetworkGateway } = load<typeof import('@cdktf/provider-azurerm/lib/local-network-gateway')>('@cdktf/provider-azurerm/lib/local-network-gateway');
    const { VirtualNetworkGateway } = load<typeof import('@cdktf/provider-azurerm/lib/virtual-network-gateway')>('@cdktf/provider-azurerm/lib/virtual-network-gateway');
    const { ResourceGroupTemplateDeployment } = load<typeof import('@cdktf/provider-azurerm/lib/resource-group-template-deployment')>('@cdktf/provider-azurerm/lib/resource-group-template-deployment');
    const site = plan.options.onPremises!;
    const bgp = siteBgp(site.bgpPeerAddress, plan.network.cidr!);
    Validation.throwIfAny('AzurePlatformStack', this.node.path, bgp.problems);
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
      // with an APIPA address on the site, Azure peers from its custom APIPA address on the gateway's IP configuration
      // (https://learn.microsoft.com/azure/vpn-gateway/bgp-howto: "Azure VPN Gateway will choose the custom APIPA
      // address if the corresponding local network gateway resource has an APIPA address as the BGP peer IP")
      bgpSettings: {
        asn: plan.cloudSideBgpAsn,
        peeringAddresses: bgp.azureApipa ? [{ ipConfigurationName: 'gateway', apipaAddresses: [bgp.azureApipa] }] : undefined,
      },
      ipConfiguration: [{ name: 'gateway', publicIpAddressId: ip.id, subnetId: this.network.gatewaySubnet!.id, privateIpAddressAllocation: 'Dynamic' }],
      tags,
    });
    const local = new LocalNetworkGateway(this, 'SiteGateway', {
      ...where,
      name: `${p}-site`,
      gatewayAddress: site.peerAddress,
      // the site's ranges stay declared (routes even before the BGP session is up); BGP adds what the site advertises.
      // A BGP speaker outside those ranges (not APIPA) needs its /32 declared: "The minimum prefix you need to declare
      // for the local network gateway is the host address of your BGP Peer IP address on your VPN device"
      // (https://learn.microsoft.com/azure/vpn-gateway/bgp-howto)
      addressSpace: bgpPeerPrefix(bgp, site.cidrs),
      // the site's ASN and its BGP speaker (the default ASN is the one the AWS and Google Cloud platforms give the site)
      bgpSettings: { asn: site.bgpAsn ?? 65010, bgpPeeringAddress: bgp.siteAddress },
      tags,
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
            // BGP on the connection too: without it the gateway routes only the local network gateway's address space
            // https://learn.microsoft.com/azure/templates/microsoft.network/2023-09-01/connections
            enableBgp: true,
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
    new TerraformOutput(this, 'vpn_bgp', {
      value: {
        azure_asn: plan.cloudSideBgpAsn,
        azure_bgp_address: bgp.azureApipa ?? gateway.bgpSettings.peeringAddresses.get(0).defaultAddresses,
        site_asn: site.bgpAsn ?? 65010,
        site_bgp_address: bgp.siteAddress,
      },
      description: bgp.azureApipa
        ? 'BGP of the site device: peer with the Azure address from the site address; Azure does not open sessions from an APIPA address, so the site device must'
        : 'BGP of the site device: peer with the Azure address (from the GatewaySubnet) from the site address',
    });
  }

  private addEdge(where: { resourceGroupName: string; location: string }, tags: Record<string, string>, deviceCidrs?: string[]) {
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
    const registry = new ContainerRegistry(this, 'EdgeRegistry', {
      ...where,
      name: `${base}edgeacr`,
      sku: 'Premium',
      adminEnabled: false,
      // the IoT Edge devices pull their modules over the site's internet uplink (an edge-centric platform has no
      // site-to-site link), as Greengrass devices pull from ECR and S3 on AWS: the public endpoint takes only
      // authenticated pulls (no admin user, no anonymous pull; give each device a repository-scoped token, `az acr token
      // create`), and the VNet reaches the registry through its private endpoint below
      publicNetworkAccessEnabled: true,
      networkRuleSet: deviceCidrs ? [{ defaultAction: 'Deny', ipRule: deviceCidrs.map((ipRange) => ({ action: 'Allow', ipRange })) }] : undefined,
      anonymousPullEnabled: false,
      // quarantine off: with it on, a module pushed here cannot be pulled by the devices until a scanner holding
      // AcrQuarantineWriter marks it Passed, and nothing in the stack does (see ModelEndpoint's registry)
      quarantinePolicyEnabled: false,
      trustPolicyEnabled: true,
      retentionPolicyInDays: 30,
      networkRuleBypassOption: 'AzureServices',
      tags: {
        ...tags,
        [acknowledgementTag('AZ-PRIV-1')]: 'IoT Edge devices pull their modules over the internet (no site link on an edge-centric platform); pulls need a token, anonymous pull and the admin user are off',
        [acknowledgementTag('AZ-ACR-1')]: 'Quarantine off: a pushed image stays unpullable until a scanner marks it Passed, and nothing here does (azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.Quarantine); anonymous pull off, content trust and retention on',
      },
    });
    // the training fleet pushes the modules it builds through the registry's private endpoint
    this.network.addPrivateEndpoint(this, 'EdgeRegistryEndpoint', { resourceId: registry.id, subresource: 'registry', name: `${base}-edgeacr-pe`, tags });
    new RoleAssignment(this, 'TrainingPushesEdgeModules', {
      scope: registry.id, roleDefinitionName: 'AcrPush', principalId: this.fleet.principalId, principalType: 'ServicePrincipal',
    });
    new TerraformOutput(this, 'edge_registry_login_server', { value: registry.loginServer, description: 'IoT Edge devices pull their modules from this registry with a repository-scoped token' });
    new TerraformOutput(this, 'dps_id_scope', {
      value: Fn.lookup(Fn.lookup(Fn.jsondecode(edge.outputContent), 'idScope', {}), 'value', ''),
      description: 'Devices enrol with this ID scope',
    });
  }
}

/**
 * The site's BGP address (`onPremises.bgpPeerAddress`, 169.254.21.2 by default) and, when it is an APIPA address, the
 * custom APIPA address of Azure's side: Azure takes custom APIPA addresses from 169.254.21.0-169.254.22.255 only, and
 * an APIPA peer on the site needs one ("BGP session cannot establish" otherwise); APIPA addresses of both ends must
 * not overlap. A non-APIPA site address must lie outside the VNet.
 * @see https://learn.microsoft.com/azure/vpn-gateway/bgp-howto
 */
function siteBgp(address: string | undefined, vnetCidr: string): { siteAddress: string; azureApipa?: string; problems: ReturnType<typeof Validation.problem>[] } {
  const siteAddress = address ?? DEFAULT_SITE_BGP_ADDRESS;
  const n = ipv4(siteAddress);
  if (n === undefined) return { siteAddress, problems: [] }; // the plan has refused it already
  if (n >= ipv4('169.254.0.0')! && n <= ipv4('169.254.255.255')!) {
    if (n === ipv4('169.254.0.0') || n === ipv4('169.254.255.255')) {
      return { siteAddress, problems: [Validation.problem('onPremises.bgpPeerAddress', address, 'an APIPA address from 169.254.0.1 to 169.254.255.254, or a private address outside the VNet')] };
    }
    return { siteAddress, azureApipa: siteAddress === AZURE_APIPA ? AZURE_APIPA_ALT : AZURE_APIPA, problems: [] };
  }
  const [base, bits] = vnetCidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(ipv4(base)! / size) * size;
  if (n >= first && n < first + size) {
    return { siteAddress, problems: [Validation.problem('onPremises.bgpPeerAddress', address, `an address outside the VNet ${vnetCidr} on azure (the site's BGP speaker is reached over the tunnel)`)] };
  }
  return { siteAddress, problems: [] };
}

/** The site's ranges, with the site's BGP address as a /32 when it is neither APIPA nor in one of them. */
function bgpPeerPrefix(bgp: { siteAddress: string; azureApipa?: string }, cidrs: string[]): string[] {
  if (bgp.azureApipa !== undefined) return cidrs;
  const host = parseCidr(`${bgp.siteAddress}/32`);
  if (host === undefined) return cidrs;
  const inSite = cidrs.some((c) => {
    const block = parseCidr(c);
    return block !== undefined && cidrsOverlap(block, host);
  });
  return inSite ? cidrs : [...cidrs, `${bgp.siteAddress}/32`];
}

/** `edgeDeviceCidrs`: public IPv4 CIDRs or addresses, at most 200 (ACR's IP rule limit), on an edge-centric platform only. */
function edgeDeviceCidrProblems(cidrs: string[] | undefined, edge: boolean): ReturnType<typeof Validation.problem>[] {
  if (cidrs === undefined) return [];
  if (!edge) return [Validation.problem('edgeDeviceCidrs', cidrs, 'unset: only an edge-centric platform has an edge registry')];
  if (!Array.isArray(cidrs) || cidrs.length === 0 || cidrs.length > 200) {
    return [Validation.problem('edgeDeviceCidrs', cidrs, 'from 1 to 200 public IPv4 CIDRs or addresses')];
  }
  const problems: ReturnType<typeof Validation.problem>[] = [];
  for (const c of cidrs) {
    // a bare address is its /32; host bits set (203.0.113.5/28) are refused, not rounded (core parseCidr)
    const block = parseCidr(typeof c === 'string' && !c.includes('/') ? `${c}/32` : c);
    // the registry sees the devices' public egress addresses, never a private range
    const isPrivate = block !== undefined && PRIVATE_RANGES.some((r) => cidrsOverlap(parseCidr(r)!, block));
    if (block !== undefined && block.prefix < 8) {
      // a /0../7 rule opens the registry to a good part of the internet
      problems.push(Validation.problem('edgeDeviceCidrs', c, 'a public IPv4 CIDR of prefix /8 or longer (the site\'s internet egress), e.g. 203.0.113.0/28'));
    } else if (block === undefined || isPrivate) {
      problems.push(Validation.problem('edgeDeviceCidrs', c, 'a public IPv4 CIDR (no host bits set) or address (the site\'s internet egress), e.g. 203.0.113.0/28'));
    }
  }
  return problems;
}

/** Ranges no device's public egress address comes from (RFC 1918, shared address space, loopback, link-local, this network). */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8'];

function ipv4(a: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (!m || m.slice(1).some((x) => Number(x) > 255)) return undefined;
  return m.slice(1).reduce((acc, x) => acc * 256 + Number(x), 0);
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
