/**
 * The cloud contract: what a cloud folder (`src/<cloud>/`) provides, declared here so that core, governance,
 * the demo and the CLI reach every cloud through one registry (`src/clouds.ts`) and never switch over a cloud
 * name. Imports no cloud library. Internal: not part of the jsii API.
 *
 * A cloud provides:
 * - its constructs (`ClusterNetwork`, `GpuFleet`, `TieredStorage`, `ModelEndpoint`, `PlatformMonitoring`) and its
 *   platform stack, exported from its folder;
 * - a facts reader: synthesized output -> neutral `PlatformFacts`, following the facts manifest;
 * - its policy rules (Terraform clouds) over the synthesized document;
 * - a capability table: which neutral settings it honours, and for those it cannot, what it supports.
 */
import { Cloud } from './catalog/cloud';
import { ConstructKind, PlatformFacts } from './facts';
import { Validation, ValidationProblem } from './validation';

/**
 * What a cloud supports of one neutral setting, where it does not honour every value. A setting absent from a
 * cloud's table is honoured for every valid value (the conformance test proves it renders).
 */
export interface SettingSupport {
  /** What the cloud supports, as an error states it (e.g. `1 to 3 zones`, `true only`). */
  readonly supports: string;
  /** The values honoured; a value outside is refused. Absent: no explicit value is honoured. */
  readonly accepts?: (value: any) => boolean;
}

/** Neutral settings a cloud does not honour for every value, by construct kind and property. */
export type CapabilityTable = Partial<Record<ConstructKind, Record<string, SettingSupport>>>;

/** A policy rule over one or more resource types of a synthesized Terraform JSON document. */
export interface PolicyRule {
  /** Stable id (`GCP-FW-1`); the file under `src/<cloud>/policy/` carries the same name. */
  readonly id: string;
  /** What the rule requires (checkov / tfsec equivalent in brackets). */
  readonly description: string;
  /** Terraform resource types the rule reads. */
  readonly resourceTypes: string[];
  /** The checkov check ids (and tfsec ids) this rule mirrors, e.g. `CKV_GCP_2`. */
  readonly mirrors?: string[];
  /**
   * Violations of one resource (empty when it complies).
   *
   * @param config the resource's configuration in the synthesized document
   * @param document the whole synthesized document, for rules that follow a reference to another resource
   *   (a subnet's network and its profile)
   */
  check(config: any, document?: any): string[];
}

/** Prices a cloud needs beyond the catalog's per-type rows. */
export interface CloudPricing {
  /** The storage class objects start in (S3 `STANDARD`, GCS `STANDARD`, Azure `Hot`). */
  readonly hotStorageClass: string;
  /** The price list's component name for one VPN connection hour (`vpn-connection`, `vpn-tunnel`). */
  readonly vpnComponent: string;
  /** Interface endpoint hours billed per endpoint (AWS: one per zone of the two the network spans). */
  readonly interfaceEndpointHoursPerEndpoint: number;
}

/** What the recommendations say for a cloud. */
export interface CloudAdvice {
  /** The high-throughput tier products to name (`FSx for Lustre or S3 Express One Zone`). */
  readonly highThroughputProducts: string;
  /**
   * A storage class priced per GB-month that a cache in front of training data costs (10% of the data).
   * @default - the cache's cost is not estimated
   */
  readonly cacheStorageClass?: string;
  /**
   * A commitment discount for steadily running fleets, as a fraction, with its basis.
   * @default - none recommended
   */
  readonly commitment?: { readonly discount: number; readonly basis: string };
}

/** What the demo needs to build a cloud's platform stack without an account. */
export interface DemoStackOptions {
  /** The platform options of the scenario, and its selection (`selection`). */
  readonly [key: string]: unknown;
}

/** A platform stack the demo built: the construct, its strategy, and its name in the output. */
export interface DemoStack {
  /** The stack construct (an aws-cdk-lib Stack or a cdktf TerraformStack). */
  readonly stack: unknown;
  /** The strategy its plan follows. */
  readonly strategy: string;
  /** The name of the synthesized file's stack: the CloudFormation artifact id or the Terraform stack id. */
  readonly artifactName: string;
}

/** Everything a cloud folder provides. */
export interface CloudDefinition {
  /** The cloud. */
  readonly cloud: Cloud;
  /** Its name in prose (`AWS`, `Google Cloud`, `Azure`). */
  readonly displayName: string;
  /** How its stacks are synthesized. */
  readonly engine: 'cloudformation' | 'terraform';
  /** Neutral settings it does not honour for every value. */
  readonly capabilities: CapabilityTable;
  /** Prices beyond the catalog rows. */
  readonly pricing: CloudPricing;
  /** What the recommendations say for it. */
  readonly advice: CloudAdvice;
  /** Its policy rules (empty for CloudFormation: cdk-nag and cfn-guard cover it). */
  readonly policyRules: PolicyRule[];
  /** Whether a synthesized document belongs to this cloud (by its manifest, else by its resource types). */
  owns(document: any): boolean;
  /** Resources in a synthesized document. */
  resourceCount(document: any): number;
  /** Neutral facts of a synthesized document, following the constructs' recorded resources. */
  readFacts(document: any): PlatformFacts;
  /**
   * Builds this cloud's platform stack for the demo in the engine's app (the cloud folder chooses a region and
   * whatever its stack needs that no account provides), loading the stack's module only then.
   */
  demoStack(app: unknown, id: string, options: DemoStackOptions): DemoStack;
}

/**
 * The problems of the explicitly set neutral settings a cloud does not honour: each names the cloud, the
 * property and what the cloud supports (the caller adds the construct path). Unset settings take the neutral
 * default, which every cloud honours.
 */
export function unsupportedSettings(cloud: CloudDefinition, kind: ConstructKind, props: object | undefined): ValidationProblem[] {
  const table = cloud.capabilities[kind] ?? {};
  const p: ValidationProblem[] = [];
  for (const [prop, support] of Object.entries(table)) {
    const value = (props as Record<string, unknown> | undefined)?.[prop];
    if (value === undefined) continue;
    if (support.accepts && support.accepts(value)) continue;
    p.push(Validation.problem(prop, value, `on ${cloud.displayName}: ${support.supports}`));
  }
  return p;
}
