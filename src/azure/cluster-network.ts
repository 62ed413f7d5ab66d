import { NatGateway } from '@cdktf/provider-azurerm/lib/nat-gateway';
import { NatGatewayPublicIpAssociation } from '@cdktf/provider-azurerm/lib/nat-gateway-public-ip-association';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkWatcherFlowLog } from '@cdktf/provider-azurerm/lib/network-watcher-flow-log';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNatGatewayAssociation } from '@cdktf/provider-azurerm/lib/subnet-nat-gateway-association';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import { AzureLocation } from './location';
import { Cloud } from '../core/catalog/cloud';
import { formatCidr, parseCidr } from '../core/internal/checks';
import { scopePrefix } from '../core/internal/names';
import { ClusterNetworkSpec, ClusterNetworkSpecProps } from '../core/specs/cluster-network-spec';
import { Validation } from '../core/validation';
import { Token } from '../tf';

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
}

/**
 * An Azure cluster network: a virtual network with a compute subnet sized for the fleet, a private
 * endpoint subnet and an optional `GatewaySubnet`; network security groups that admit traffic from
 * inside the network and deny inbound from the internet; no default outbound access (a NAT gateway
 * only with `internetEgress`); VNet flow logs with `enableFlowLogs`.
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

  constructor(scope: Construct, id: string, props: ClusterNetworkProps) {
    super(scope, id);
    this.spec = new ClusterNetworkSpec(props);
    const problems = this.spec.validate(Cloud.AZURE);
    if (typeof props.resourceGroupName !== 'string' || (!Token.isUnresolved(props.resourceGroupName) && (!/^[-\w.()]{1,90}$/.test(props.resourceGroupName) || props.resourceGroupName.endsWith('.')))) {
      problems.push(Validation.problem('resourceGroupName', props.resourceGroupName, 'a resource group name: 1-90 letters, digits, - _ . ( ), not ending in .'));
    }
    if (typeof props.location !== 'string' || (!Token.isUnresolved(props.location) && !/^[a-z][a-z0-9]+$/.test(props.location))) {
      problems.push(Validation.problem('location', props.location, 'an Azure region name such as eastus or westeurope'));
    }
    Validation.throwIfAny('ClusterNetwork', this.node.path, problems);
    const spec = this.spec;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.namePrefix = props.namePrefix ?? scopePrefix(this.node.path, id, this.node.scopes.length, 40);
    const p = this.namePrefix;
    const rg = { resourceGroupName: this.resourceGroupName };
    const net = parseCidr(spec.cidr)!;
    const block = 2 ** (32 - spec.privateSubnetPrefix);

    this.virtualNetwork = new VirtualNetwork(this, 'Vnet', { ...rg, location: this.location, name: `${p}-vnet`, addressSpace: [spec.cidr] });
    const subnet = (cid: string, name: string, cidr: string, extra: object = {}) => new Subnet(this, cid, {
      ...rg, virtualNetworkName: this.virtualNetwork.name, name, addressPrefixes: [cidr], ...extra,
    });
    this.computeSubnet = subnet('ComputeSubnet', `${p}-compute`, spec.clusterSubnetCidr, {
      defaultOutboundAccessEnabled: false, serviceEndpoints: ['Microsoft.Storage', 'Microsoft.KeyVault'],
    });
    this.privateEndpointSubnet = subnet('PrivateEndpointSubnet', `${p}-private-endpoints`, formatCidr(net.base, spec.privateSubnetPrefix), {
      defaultOutboundAccessEnabled: false, privateEndpointNetworkPolicies: 'Enabled',
    });
    if (props.gatewaySubnet) {
      // Azure requires this exact name
      this.gatewaySubnet = subnet('GatewaySubnet', 'GatewaySubnet', formatCidr(net.base + block, 27));
    }

    const nsg = (cid: string, name: string) => new NetworkSecurityGroup(this, cid, {
      ...rg,
      location: this.location,
      name,
      securityRule: [
        {
          name: 'allow-vnet-inbound',
          priority: 100,
          direction: 'Inbound',
          access: 'Allow',
          protocol: '*',
          sourceAddressPrefix: 'VirtualNetwork',
          sourcePortRange: '*',
          destinationAddressPrefix: 'VirtualNetwork',
          destinationPortRange: '*',
        },
        {
          name: 'deny-internet-inbound',
          priority: 4096,
          direction: 'Inbound',
          access: 'Deny',
          protocol: '*',
          sourceAddressPrefix: 'Internet',
          sourcePortRange: '*',
          destinationAddressPrefix: '*',
          destinationPortRange: '*',
        },
      ],
    });
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
  }

  /**
   * Records VNet flow logs (traffic analytics off) into a storage account, through the region's
   * Network Watcher (`NetworkWatcher_<location>` in `NetworkWatcherRG`, which Azure creates).
   */
  public enableFlowLogs(storageAccountId: string, retentionDays: number = 90): NetworkWatcherFlowLog {
    return new NetworkWatcherFlowLog(this, 'FlowLog', {
      name: `${this.namePrefix}-vnet-flow-log`,
      networkWatcherName: `NetworkWatcher_${this.location}`,
      resourceGroupName: 'NetworkWatcherRG',
      targetResourceId: this.virtualNetwork.id,
      storageAccountId,
      enabled: true,
      version: 2,
      retentionPolicy: { enabled: true, days: retentionDays },
    });
  }
}
