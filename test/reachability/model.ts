/**
 * A test-side model of the network a platform stack synthesizes: which workload reaches what, on which port, and
 * why (the rule that allows it) or why not (the missing piece). One reader per cloud (`aws-model.ts`,
 * `gcp-model.ts`, `azure-model.ts`) turns a synthesized document into a `NetworkModel`; workloads are found through
 * the document's facts manifest (CloudFormation `Metadata['ai-infra']`, Terraform `locals.ai_infra`), never by name.
 *
 * The model is deliberately small: it follows the paths the library builds (security groups / firewall rules / NSGs,
 * route tables, gateway and interface endpoints, Private Google Access, service endpoints, private endpoints) and
 * answers "not reachable" for anything it does not understand, so a new path shows up as a failing test rather than
 * as a silent pass.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The answer to `canReach`: reachable or not, with the rule that allows it or the missing piece. */
export interface Verdict {
  readonly reachable: boolean;
  readonly reason: string;
}

export const allow = (reason: string): Verdict => ({ reachable: true, reason });
export const deny = (reason: string): Verdict => ({ reachable: false, reason });

/** All of the steps must pass (the first failing one is the reason); the reasons of passing steps are joined. */
export function allOf(...steps: Verdict[]): Verdict {
  const failed = steps.find((s) => !s.reachable);
  return failed ?? allow(steps.map((s) => s.reason).join('; '));
}

/** One path is enough (the first that passes); when none passes, every reason is listed. */
export function anyOf(...paths: Verdict[]): Verdict {
  const ok = paths.find((s) => s.reachable);
  return ok ?? deny(paths.map((s) => s.reason).join(' | '));
}

/** What a workload wants to reach. */
export type Destination =
  /** The stack's data bucket / storage account (training data, checkpoints). */
  | 'bucket'
  /** The model artifact the serving container downloads. */
  | 'modelData'
  /** The container image registry. */
  | 'registry'
  /** Logs and metrics. */
  | 'logs'
  /** Another member of the same fleet (collectives, EFA / RDMA). */
  | 'fleetPeer'
  /** The Lustre file system. */
  | 'lustre'
  /** Anywhere on the internet. */
  | 'internet';

/** The workloads the model knows. */
export type Workload = 'fleet' | 'endpointContainer' | 'edge';

/** A network model of one synthesized stack. */
export interface NetworkModel {
  /** Whether `source` reaches `destination` on `port`/`protocol` (protocol `all` for every protocol and port). */
  canReach(source: Workload, destination: Destination, port: number, protocol: 'tcp' | 'udp' | 'all'): Verdict;
  /** The ingress openings from anywhere (0.0.0.0/0, ::/0, `Internet`, `*`), each named. */
  openIngress(): string[];
  /** Sources that may reach the fleet other than fleet members (each named with the rule that admits it). */
  fleetIngressFromOutside(): string[];
}

// ---- IPv4 helpers ---------------------------------------------------------------------------------------------

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** The first and last address of a CIDR block. */
export function cidrRange(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/');
  const b = bits === undefined ? 32 : Number(bits);
  const start = ipToInt(ip);
  const size = 2 ** (32 - b);
  const first = Math.floor(start / size) * size;
  return [first, first + size - 1];
}

/** Whether `outer` contains all of `inner` (either an address or a CIDR block). */
export function cidrContains(outer: string, inner: string): boolean {
  if (!/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(outer) || !/^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(inner)) return false;
  const [a0, a1] = cidrRange(outer);
  const [b0, b1] = cidrRange(inner);
  return a0 <= b0 && b1 <= a1;
}

/** Whether a port lies in a range written `80`, `80-90` or `*` (undefined: every port). */
export function portIn(port: number, range: string | number | undefined): boolean {
  if (range === undefined || range === '*' || range === '') return true;
  const s = String(range);
  if (s.includes('-')) {
    const [a, b] = s.split('-').map(Number);
    return port >= a && port <= b;
  }
  return Number(s) === port;
}

// ---- synthesizing the demo stacks ------------------------------------------------------------------------------

/** One demo stack: its scenario, strategy and synthesized document. */
export interface DemoDocument {
  readonly scenario: string;
  readonly strategy: string;
  readonly name: string;
  readonly document: any;
}

/**
 * The demo's stacks of one cloud, built as the demo builds them (`CloudDefinition.demoStack` with each embedded
 * scenario's platform options and selection) into a temporary folder, and read back from the synthesized files.
 */
export function synthDemoStacks(cloudId: 'aws' | 'gcp' | 'azure'): DemoDocument[] {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { cloudDefinition } = require('../../src/clouds') as typeof import('../../src/clouds');
  const { DEFAULT_SCENARIOS } = require('../../src/demo/scenarios') as typeof import('../../src/demo/scenarios');
  const { StrategySelector } = require('../../src/core/strategy') as typeof import('../../src/core/strategy');
  const { TerraformApp } = require('../../src/tf') as typeof import('../../src/tf');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `reach-${cloudId}-`));
  const cloud = cloudDefinition(cloudId as any);
  const app: any = cloud.engine === 'cloudformation'
    ? new App({ outdir: out })
    : new TerraformApp({ outdir: out, stackTraces: false });
  // the stacks as they run after the second deploy step (the model artifact uploaded and named): a pending endpoint has
  // no container to reach anything
  const modelArtifact = { aws: 'models/model.tar.gz', gcp: 'gs://models-bucket/model/', azure: 'azureml://registries/r/models/m/versions/1' }[cloudId];
  const made = DEFAULT_SCENARIOS.map((s) => {
    const selection = StrategySelector.select(s.requirements);
    const demo = cloud.demoStack(app, `${s.name}-${cloudId}`, { ...s.platform, selection, modelArtifact });
    return { scenario: s.name, strategy: demo.strategy, name: demo.artifactName };
  });
  app.synth();
  const docs = made.map((m) => {
    const file = cloud.engine === 'cloudformation' ? path.join(out, `${m.name}.template.json`) : path.join(out, 'stacks', m.name, 'cdk.tf.json');
    return { ...m, document: JSON.parse(fs.readFileSync(file, 'utf8')) };
  });
  fs.rmSync(out, { recursive: true, force: true });
  return docs;
}

/** A deep copy of a document, to break for a negative control without touching the shared one. */
export function clone<T>(doc: T): T {
  return JSON.parse(JSON.stringify(doc));
}
