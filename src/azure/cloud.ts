/* eslint-disable @typescript-eslint/no-require-imports */
import { Cloud } from '../core/catalog/cloud';
import { CloudDefinition, PolicyRule } from '../core/contract';
import { EndpointMode } from '../core/specs/model-endpoint-spec';
import { HighThroughputTier } from '../core/specs/tiered-storage-spec';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../demo/scenarios';
import { terraformManifest, terraformResourceCount } from '../terraform/document';

/**
 * Azure behind the cloud contract (registered in `src/clouds.ts`). A pure module: loading it loads no
 * provider code; the constructs and the platform stack are exported from `./index` and `./platform-stack`.
 */
export const AZURE_CLOUD: CloudDefinition = {
  cloud: Cloud.AZURE,
  displayName: 'Azure',
  engine: 'terraform',
  capabilities: {
    ClusterNetwork: {
      efaInterfaceMode: { supports: 'unset (EFA interfaces are AWS\'s; InfiniBand takes no addresses from the network)' },
      zones: {
        supports: 'unset: Azure subnets are regional and span every zone of the region; the scale set and the storage account carry the zone choices',
      },
      gpuNetworkCidr: {
        supports: 'unset: InfiniBand joins the VMs of one scale set placement group directly and takes no addresses from a network (GPU networks are Google Cloud\'s)',
      },
    },
    GpuFleet: {
      efaInterfaceMode: { supports: 'unset (EFA interfaces are AWS\'s; the InfiniBand NICs follow the VM size)' },
      placementMaxDistance: { supports: 'unset (a proximity placement group has no distance setting; it is Google Cloud\'s compact placement)' },
    },
    TieredStorage: {
      highThroughput: {
        supports: 'none (Express One Zone and FSx for Lustre are AWS tiers; Azure Managed Lustre is not rendered yet)',
        accepts: (v) => v === HighThroughputTier.NONE,
      },
      // https://learn.microsoft.com/rest/api/storageservices/put-block-list: uncommitted blocks are garbage collected
      // when no Put Block or Put Block List succeeds on the blob within a week; no account or lifecycle setting changes it
      abortIncompleteUploadsAfterDays: {
        supports: '7 only (Azure discards the uncommitted blocks of an upload a week after its last block; no setting changes it)',
        accepts: (v) => v === 7,
      },
    },
    ModelEndpoint: {
      mode: { supports: 'realtime (serverless and async are SageMaker modes)', accepts: (v) => v === EndpointMode.REALTIME },
      networkIsolation: { supports: 'false (the workspace managed network isolates deployments)', accepts: (v) => v === false },
      privateOnly: {
        supports: 'true only (the workspace and the online endpoint take no public traffic)',
        accepts: (v) => v === true,
      },
    },
  },
  // no spot discount of an Azure size has been observed (docs/reference/cloud-facts.md records none): spot fleets are
  // listed unpriced, never charged on-demand under a spot label
  pricing: { hotStorageClass: 'Hot', vpnComponent: 'vpn-connection', interfaceEndpointHoursPerEndpoint: 1 },
  advice: { highThroughputProducts: 'Azure Managed Lustre' },
  // the rules and the facts reader load when asked for: the constructs import this module for the capability table
  get policyRules(): PolicyRule[] {
    return (require('./policy') as typeof import('./policy')).AZURE_POLICY_RULES;
  },
  owns: (doc) => {
    const m = terraformManifest(doc);
    if (m) return m.cloud === Cloud.AZURE;
    return Object.keys(doc?.resource ?? {}).some((t) => t.startsWith('azurerm_'));
  },
  resourceCount: terraformResourceCount,
  demoStack: (app, id, options) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { AzurePlatformStack } = require('./platform-stack') as typeof import('./platform-stack');
    const s = new AzurePlatformStack(app as any, id, { ...options, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY } as any);
    return { stack: s, strategy: s.plan.strategy, artifactName: s.node.id };
  },
  readFacts: (doc) => (require('./facts') as typeof import('./facts')).factsFromAzureTerraform(doc),
};
