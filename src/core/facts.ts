/**
 * Neutral facts: what governance (readiness, cost, recommendations) and the demo summary read from one
 * synthesized stack, whatever the cloud. Each cloud's facts reader (`src/<cloud>/facts.ts`) fills them from
 * the synthesized output, following the resources each construct recorded in the stack's facts manifest.
 * Internal: not part of the jsii API.
 */
import { InstanceType } from './catalog/instance-type';

/** A fleet's figures in the demo summary (`fleets[]` of summary.json). */
export interface FleetJson {
  path: string;
  instanceType: string;
  nodes: number;
  configuredGbps: number;
  /** The type's published maximum (catalog, with its source), not a figure derived from the NIC layout. */
  maxGbps: number;
}

/** How a fleet's capacity is bought, as read from the synthesized output. */
export type PurchaseFact = 'on-demand' | 'spot' | 'reservation' | 'capacity-block';

/** A GPU fleet as read from synthesized output. */
export interface FleetFact extends FleetJson {
  placement: boolean;
  purchase: PurchaseFact;
  /** Hours per week the fleet runs at its size (168 without a schedule). */
  hoursPerWeek: number;
}

/** Object storage as read from synthesized output. */
export interface StorageFact {
  /** Construct path of the storage. */
  path: string;
  /** Data the storage is expected to hold, TiB (the spec's `expectedDataTiB`, recorded in the manifest). */
  dataTiB: number;
  tiered: boolean;
  versioned: boolean;
  customerManagedKey: boolean;
  highThroughput: boolean;
  /** Provider classes objects move through. */
  classes: string[];
  /** The first tiered rule's transitions (provider class, age in days), for the cost estimate. */
  transitions: Array<{ storageClass: string; afterDays: number }>;
}

/** A managed endpoint as read from synthesized output. */
export interface EndpointFact {
  /** Construct path of the endpoint. */
  path: string;
  instanceType: string;
  minInstances: number;
  maxInstances: number;
  autoscaling: boolean;
  private: boolean;
  /**
   * True when the endpoint waits for its model artifact (`modelArtifact` unset): only what needs no artifact is
   * deployed, no model serves and no instance is billed.
   */
  pending?: boolean;
}

/** Everything governance reads from one synthesized stack. */
export interface PlatformFacts {
  cloud: string;
  /** The region the stack is priced and placed in, where the output says (undefined when it does not). */
  region?: string;
  fleets: FleetFact[];
  storage: StorageFact[];
  endpoints: EndpointFact[];
  alarms: number;
  costTags: boolean;
  publicIps: number;
  openIngress: number;
  natGateways: number;
  vpnConnections: number;
  interfaceEndpoints: number;
  flowLogs: boolean;
}

/** The kinds of construct that record their resources in a stack's facts manifest. */
export type ConstructKind = 'ClusterNetwork' | 'GpuFleet' | 'TieredStorage' | 'ModelEndpoint' | 'PlatformMonitoring';

/**
 * One construct's entry in the facts manifest: its kind, its construct path, and the identity of each resource
 * it created, by role (a CloudFormation logical ID, or a Terraform address `type.name`; a list where a role has
 * several). Readers follow these identities; nothing is matched by position, name suffix or output text.
 */
export interface ManifestEntry {
  kind: ConstructKind;
  path: string;
  resources: Record<string, string | string[]>;
  /**
   * Values the construct rendered outside any resource (Google Cloud's model deployment is a `gcloud` command,
   * not a Terraform resource): recorded as values, never parsed back from the rendered text.
   */
  settings?: Record<string, string | number | boolean>;
}

/**
 * The facts manifest a stack carries: the CloudFormation template's `Metadata['ai-infra']`, or the Terraform
 * document's local value `locals.ai_infra` (plain strings no resource reads).
 */
export interface FactsManifest {
  version: 1;
  cloud: string;
  constructs: ManifestEntry[];
}

/** The cost-allocation tags every platform carries (readiness rule RDY-COST-2 reads them). */
export const COST_TAGS = ['project', 'strategy', 'workload'];

/** The data a storage entry declares (`settings.expectedDataTiB`), or the spec's default of 10 TiB. */
export function declaredDataTiB(entry: ManifestEntry): number {
  return Number(entry.settings?.expectedDataTiB ?? 10);
}

/**
 * The catalog type a synthesized resource names, or undefined (no resource, or a type the catalog does not hold:
 * no fleet figures to give). Facts readers use it instead of catching `InstanceType.of`'s error each.
 */
export function catalogTypeOf(name: unknown): InstanceType | undefined {
  return InstanceType.all().find((t) => t.name.toLowerCase() === String(name).toLowerCase());
}

/** The key under which a stack's facts manifest is written. */
export const MANIFEST_KEY = 'ai-infra';

/** The entries of one kind in a manifest (none when the stack carries no manifest). */
export function manifestEntries(manifest: FactsManifest | undefined, kind: ConstructKind): ManifestEntry[] {
  return (manifest?.constructs ?? []).filter((c) => c.kind === kind);
}

/** A role's identities as a list (a role may hold one identity or several). */
export function identities(entry: ManifestEntry | undefined, role: string): string[] {
  const v = entry?.resources[role];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Hours per week from two five-field crons at fixed times on the same days; 168 otherwise. */
export { cronHoursPerWeek as hoursPerWeek } from './internal/cron';

const MANIFESTS = new WeakMap<object, FactsManifest>();

/**
 * Adds a construct's entry to its stack's manifest, creating the manifest (and attaching it to the stack with
 * `attach`, once) on the first entry. Engine-neutral: the engines pass their stack and how to attach.
 */
export function recordEntry(stack: object, cloud: string, entry: ManifestEntry, attach: (manifest: FactsManifest) => void): void {
  let manifest = MANIFESTS.get(stack);
  if (!manifest) {
    manifest = { version: 1, cloud, constructs: [] };
    MANIFESTS.set(stack, manifest);
    attach(manifest);
  }
  manifest.constructs.push(entry);
}
