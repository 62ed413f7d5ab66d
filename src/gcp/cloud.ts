/* eslint-disable @typescript-eslint/no-require-imports */
import { Cloud } from '../core/catalog/cloud';
import { CapabilityTable, CloudDefinition, PolicyRule } from '../core/contract';
import { EndpointMode } from '../core/specs/model-endpoint-spec';
import { HighThroughputTier, StorageRedundancy } from '../core/specs/tiered-storage-spec';
import { terraformManifest, terraformResourceCount } from '../terraform/document';

/**
 * The neutral settings Google Cloud does not honour for every value (the constructs add the problems of
 * `unsupportedSettings(GCP_CLOUD, kind, props)` to their validation). Refusals that depend on another prop
 * (`minNodes` with `nodes`, `redundancy: GEO` with the bucket location, GPU scaling with a machine type without
 * accelerators, Model Garden limits) are checked by the constructs themselves.
 */
export const GCP_CAPABILITIES: CapabilityTable = {
  GpuFleet: {
    // EFA is AWS's fabric; GPUDirect-TCPX(O) and RDMA types take their NICs from the catalog layout
    efaInterfaceMode: { supports: 'unset (EFA interfaces are AWS\'s; the GPU NICs follow the machine type\'s layout)' },
  },
  ClusterNetwork: {
    efaInterfaceMode: { supports: 'unset (EFA interfaces are AWS\'s; the GPU networks follow the fleet\'s machine type)' },
    // subnets are regional in Google Cloud: one host subnet spans every zone of the region, and the fleet's zone is
    // the construct's own `zone` (https://cloud.google.com/vpc/docs/subnets)
    zones: { supports: 'unset (subnets are regional and span every zone of the region; the fleet\'s zone is set by `zone`)' },
  },
  TieredStorage: {
    // a regional bucket is already zone-redundant and no location stores a single zone's copy
    // (https://cloud.google.com/storage/docs/locations)
    redundancy: {
      supports: 'zone (a regional bucket) or geo (a dual-region or multi-region location); Cloud Storage has no single-zone bucket',
      accepts: (v) => v !== StorageRedundancy.LOCAL,
    },
    highThroughput: {
      supports: 'none (Express One Zone and FSx for Lustre are AWS tiers; Parallelstore and Managed Lustre are not rendered yet)',
      accepts: (v) => v === HighThroughputTier.NONE,
    },
  },
  ModelEndpoint: {
    mode: { supports: 'realtime (serverless and async are SageMaker modes)', accepts: (v) => v === EndpointMode.REALTIME },
    auth: { supports: 'unset (IAM decides who may invoke a Vertex AI endpoint: grantInvoke)' },
    networkIsolation: {
      supports: 'false (Vertex AI has no setting that cuts a deployed model\'s container off the network; use private connectivity)',
      accepts: (v) => v === false,
    },
  },
};

/**
 * Google Cloud behind the cloud contract (registered in `src/clouds.ts`). A pure module: loading it loads no
 * provider code; the constructs and the platform stack are exported from `./index` and `./platform-stack`.
 */
export const GCP_CLOUD: CloudDefinition = {
  cloud: Cloud.GCP,
  displayName: 'Google Cloud',
  engine: 'terraform',
  capabilities: GCP_CAPABILITIES,
  pricing: {
    hotStorageClass: 'STANDARD',
    vpnComponent: 'vpn-tunnel',
    interfaceEndpointHoursPerEndpoint: 1,
  },
  advice: {
    highThroughputProducts: 'Parallelstore or Managed Lustre',
    commitment: { discount: 0.31, basis: '1-year CUD, lower end of 31-37%, docs/reference/cloud-facts.md' },
  },
  // the rules and the facts reader load when asked for: the constructs import this module for the capability table
  get policyRules(): PolicyRule[] {
    return (require('./policy') as typeof import('./policy')).GCP_POLICY_RULES;
  },
  owns: (doc) => {
    const m = terraformManifest(doc);
    if (m) return m.cloud === Cloud.GCP;
    return Object.keys(doc?.resource ?? {}).some((t) => t.startsWith('google_'));
  },
  resourceCount: terraformResourceCount,
  demoStack: (app, id, options) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { GcpPlatformStack } = require('./platform-stack') as typeof import('./platform-stack');
    const s = new GcpPlatformStack(app as any, id, { ...options, gcpProject: `${options.project}-ml`, region: 'us-east4' } as any);
    return { stack: s, strategy: s.plan.strategy, artifactName: s.node.id };
  },
  readFacts: (doc) => (require('./facts') as typeof import('./facts')).factsFromGoogleTerraform(doc),
};
