import { factsFromAzureTerraform } from './facts';
import { AzureKeyVault } from './policy/key-vault';
import { AzureNoPublicIp } from './policy/no-public-ip';
import { AzureNsgNoOpenInbound } from './policy/nsg-no-open-inbound';
import { AzurePrivateServices } from './policy/private-services';
import { AzureStoragePrivate } from './policy/storage-private';
import { AzureStorageTls } from './policy/storage-tls';
import { Cloud } from '../core/catalog/cloud';
import { CloudDefinition } from '../core/contract';
import { terraformManifest, terraformResourceCount } from '../terraform/document';

/**
 * Azure behind the cloud contract (registered in `src/clouds.ts`). A pure module: loading it loads no
 * provider code; the constructs and the platform stack are exported from `./index` and `./platform-stack`.
 */
export const AZURE_CLOUD: CloudDefinition = {
  cloud: Cloud.AZURE,
  displayName: 'Azure',
  engine: 'terraform',
  capabilities: {},
  pricing: { hotStorageClass: 'Hot', vpnComponent: 'vpn-connection', interfaceEndpointHoursPerEndpoint: 1 },
  advice: { highThroughputProducts: 'Azure Managed Lustre' },
  policyRules: [AzureStorageTls, AzureStoragePrivate, AzureNoPublicIp, AzureNsgNoOpenInbound, AzureKeyVault, AzurePrivateServices],
  owns: (doc) => {
    const m = terraformManifest(doc);
    if (m) return m.cloud === Cloud.AZURE;
    return Object.keys(doc?.resource ?? {}).some((t) => t.startsWith('azurerm_'));
  },
  resourceCount: terraformResourceCount,
  readFacts: (doc) => factsFromAzureTerraform(doc, doc?.['//']?.metadata?.stackName ?? 'stack'),
};
