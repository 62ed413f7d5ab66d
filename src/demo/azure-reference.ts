import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import * as azure from '../azure';
import { InstanceType } from '../core/catalog/instance-type';
import { GpuFleetSpec } from '../core/specs/gpu-fleet-spec';
import { TerraformStack } from '../tf';

/**
 * Public half of an ed25519 key generated for the demo; its private half was discarded at generation,
 * so nobody can use it. People reach the nodes through Entra ID (AADSSHLoginForLinux).
 */
export const DEMO_ADMIN_SSH_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-demo (private key discarded)';

export interface AzureReferenceStackProps {
  location?: string;
  instanceType?: string;
  nodes?: number;
}

/** The Azure reference platform: the four constructs wired together. */
export class AzureReferenceStack extends TerraformStack {
  public readonly network: azure.ClusterNetwork;
  public readonly fleet: azure.GpuFleet;
  public readonly storage: azure.TieredStorage;
  public readonly endpoint: azure.ModelEndpoint;

  constructor(scope: Construct, id: string, props: AzureReferenceStackProps = {}) {
    super(scope, id);
    const location = props.location ?? 'eastus';
    // storage accounts without shared keys: the provider talks to the data plane with Entra ID
    new AzurermProvider(this, 'azurerm', { features: [{}], storageUseAzuread: true });
    const group = new ResourceGroup(this, 'Group', { name: `${id}-rg`, location });
    const where = { resourceGroupName: group.name, location };
    const fleetProps = { instanceType: InstanceType.of(props.instanceType ?? 'Standard_ND96isr_H100_v5'), nodes: props.nodes ?? 2 };
    this.network = new azure.ClusterNetwork(this, 'Network', { ...where, fleet: new GpuFleetSpec(fleetProps) });
    this.fleet = new azure.GpuFleet(this, 'Training', { ...fleetProps, network: this.network, adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
    this.storage = new azure.TieredStorage(this, 'Data', { ...where, network: this.network });
    this.storage.grantReadWrite(this.fleet.principalId);
    this.network.enableFlowLogs(this.storage.account.id);
    this.endpoint = new azure.ModelEndpoint(this, 'Serving', { network: this.network });
  }
}
