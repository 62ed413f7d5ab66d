import * as fs from 'fs';
import * as path from 'path';
import { App, Lazy, Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { Lazy as TfLazy, Testing, TerraformStack, Token as TfToken } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import {
  Cloud, ConsumptionOption, CpuArchitecture, DataSensitivity, EndpointMode, GpuFleetSpec, InstanceType, PurchaseOption, TerraformPolicyChecks, WorkloadPattern, aws, azure, gcp,
} from '../../src';

/**
 * The construct fuzz harness (test/fuzz/*.test.ts use it). Bad input through the constructs: generated prop sets, valid and invalid mixed, for every public construct.
 * Each case either synthesizes output that passes the checks (cdk-nag AwsSolutions and HIPAA Security on AWS,
 * the Terraform policy pack on Google Cloud and Azure) or throws the library's validation error naming the
 * construct path and a property. Never a TypeError, never output a checker rejects.
 *
 * Environment:
 * - FUZZ_RUNS: cases per construct (default 25; `npm run fuzz` sets 1,000). With FUZZ_BUDGET_S and no FUZZ_RUNS, as
 *   many as the budget allows.
 * - FUZZ_BUDGET_S: seconds per construct file, shared evenly by its constructs: a construct stops generating cases
 *   when its share is spent and prints how many ran.
 * - FUZZ_SEED: replays a run (each construct prints `construct fuzz <name>: N cases, seed S`). Without it the seed
 *   rotates: from the CI run (GITHUB_RUN_ID) or the clock, so coverage accumulates across runs.
 * - FUZZ_TEMPLATES_DIR: writes one AWS template per shape there for cfn-lint (`.ci/run`).
 */
const BUDGET_S = process.env.FUZZ_BUDGET_S ? Number(process.env.FUZZ_BUDGET_S) : undefined;
export const RUNS = Number(process.env.FUZZ_RUNS ?? (BUDGET_S ? 1_000_000 : 25));
export const SEED = Number(process.env.FUZZ_SEED ?? (process.env.GITHUB_RUN_ID ? Number(process.env.GITHUB_RUN_ID) % 2 ** 31 : Date.now() % 2 ** 31));
const TEMPLATES_DIR = process.env.FUZZ_TEMPLATES_DIR;
/** AWS cases synthesized together in one app (one nag pass per batch); smaller under a budget so it is kept. */
const BATCH = BUDGET_S ? 10 : 50;
const FILE_START = Date.now();
let constructsLeft = 1;
if (BUDGET_S) jest.setTimeout(BUDGET_S * 1000 + 120_000);
/** The time this construct may spend: an even share of what is left of the file's budget. */
function shareMs(): number | undefined {
  if (!BUDGET_S) return undefined;
  const left = BUDGET_S * 1000 - (Date.now() - FILE_START);
  return Math.max(1000, left / Math.max(1, constructsLeft--));
}

/**
 * Values a caller may pass by mistake where a number, string, boolean or object is expected: null, NaN, the
 * infinities, unresolved tokens (a CloudFormation Ref as a number, a lazy string, a Terraform token), wrong shapes.
 */
export const oddValues = fc.constantFrom<unknown>(
  null, Number.NaN, Infinity, -Infinity, -0, 1.5, 2 ** 53, Token.asNumber({ Ref: 'X' }), Lazy.string({ produce: () => 'lazy' }),
  Token.asString({ Ref: 'X' }), TfLazy.stringValue({ produce: () => 'lazy' }), TfToken.asNumber(TfLazy.numberValue({ produce: () => 1 })), { a: 1 }, [1, 2], [[]], [null], { length: 2 }, '', ' ',
);
export const anything = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.integer({ min: -5, max: 5000 }), fc.double(), fc.string({ maxLength: 12 }), fc.boolean(),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }), fc.constant({}), oddValues, oddValues,
);
/** Absent, valid or anything: both sides of each rule get exercised, most cases stay near the valid region. */
export const maybe = <T>(valid: fc.Arbitrary<T>, weightAnything = 1) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: valid, weight: 8 }, { arbitrary: anything, weight: weightAnything });
/** Mostly `valid`, sometimes one of `invalid`. */
export const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: invalid, weight: 1 });
/** Usually absent. */
export const rarely = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: valid, weight: 1 }, { arbitrary: anything, weight: 1 });
export const rec = (shape: Record<string, fc.Arbitrary<unknown>>) => fc.record(shape, { requiredKeys: [] });
export const typesOf = (cloud: Cloud) => InstanceType.all().filter((t) => t.cloud === cloud);

export const cidr = maybe(mostly(fc.constantFrom('10.40.0.0/16', '10.8.0.0/20', '192.168.4.0/24', '172.20.0.0/18'), fc.constantFrom('10.0.0.0/8', '10.0.0.1/16', 'nope')));
export const networkProps = rec({
  cidr,
  zones: maybe(mostly(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 9))),
  internetEgress: maybe(fc.boolean()),
  flowLogs: maybe(fc.boolean()),
  onPremisesCidrs: rarely(fc.array(mostly(fc.constantFrom('172.16.0.0/16', '192.168.200.0/24'), fc.constantFrom('10.40.1.0/24', '300.1.0.0/16')), { maxLength: 2 })),
});
export const cron = mostly(fc.constantFrom('0 22 * * *', '0 6 * * 1-5', '30 19 * * *'), fc.constantFrom('30 7 * * MON-FRI', '61 6 * * *', 'daily'));
export const fleetProps = (cloud: Cloud) => fc.record({
  // mostly this cloud's types, sometimes another cloud's (refused)
  instanceType: mostly(fc.constantFrom(...typesOf(cloud)), fc.constantFrom(...InstanceType.all())),
  rest: rec({
    nodes: maybe(fc.integer({ min: 0, max: 8 })),
    minNodes: rarely(fc.integer({ min: 0, max: 4 })),
    maxNodes: rarely(fc.integer({ min: 1, max: 16 })),
    purchase: maybe(fc.oneof(
      { arbitrary: fc.constant(PurchaseOption.onDemand()), weight: 4 }, { arbitrary: fc.constant(PurchaseOption.spot()), weight: 3 },
      { arbitrary: fc.constant(PurchaseOption.reservation(cloud === Cloud.AWS ? 'cr-0123456789abcdef0' : 'gpu-reservation-1')), weight: 1 },
      { arbitrary: fc.constant(PurchaseOption.capacityBlock('cr-0123456789abcdef0')), weight: 1 }, { arbitrary: fc.constant(PurchaseOption.capacityBlock('x')), weight: 1 },
    )),
    placement: maybe(fc.boolean()),
    placementMaxDistance: cloud === Cloud.GCP ? maybe(fc.integer({ min: 1, max: 3 })) : rarely(fc.integer({ min: 1, max: 3 })),
    rootVolumeGiB: maybe(mostly(fc.integer({ min: 100, max: 4000 }), fc.integer({ min: 1, max: 99 }))),
    scaleToZero: maybe(rec({ scaleDownCron: cron, scaleUpCron: cron, timeZone: mostly(fc.constantFrom('UTC', 'Europe/Berlin'), fc.constant('Mars Olympus')) })),
    gpuMetrics: maybe(fc.boolean()),
    efaInterfaceMode: rarely(fc.constantFrom('efa-only', 'efa')),
  }),
}).map(({ instanceType, rest }) => ({ instanceType, ...rest }) as any);
const TIER_ORDER: unknown[] = ['infrequent', 'cold', 'archive', 'deep-archive'];
export const tier = fc.record({
  storageClass: mostly(fc.constantFrom('infrequent', 'cold', 'archive', 'deep-archive'), anything),
  afterDays: mostly(fc.integer({ min: 30, max: 800 }), fc.oneof(fc.integer({ min: -3, max: 29 }), anything)),
});
export const storageProps = rec({
  // warm to cold, mostly (the spec refuses a colder tier before a warmer one)
  tiers: maybe(mostly(
    fc.array(tier, { maxLength: 3 }).map((ts) => [...ts].sort((a, b) => TIER_ORDER.indexOf(a.storageClass) - TIER_ORDER.indexOf(b.storageClass))),
    fc.array(tier, { maxLength: 3 }),
  )),
  autoTiering: rarely(fc.boolean()),
  prefixes: rarely(fc.array(rec({ prefix: fc.constantFrom('raw/', 'features/', 'tmp/', ''), expireAfterDays: maybe(fc.integer({ min: 1, max: 400 })), keep: maybe(fc.boolean()) }), { maxLength: 2 })),
  versioned: maybe(mostly(fc.constant(true), fc.constant(false))),
  noncurrentVersionExpireDays: maybe(fc.integer({ min: 1, max: 400 })),
  abortIncompleteUploadsAfterDays: maybe(fc.integer({ min: 1, max: 30 })),
  encryption: maybe(fc.constantFrom('provider-managed', 'customer-managed')),
  highThroughput: maybe(mostly(fc.constantFrom('none', 'express-one-zone', 'lustre'), fc.constant('flash'))),
  lustreCapacityGiB: rarely(fc.constantFrom(1200, 2400, 4800, 1000)),
  expectedDataTiB: maybe(fc.integer({ min: 0, max: 500 })),
});
const servingTypes: Record<Cloud, [string[], string[]]> = {
  [Cloud.AWS]: [['ml.g5.xlarge', 'ml.g6.xlarge', 'ml.inf2.xlarge'], ['ml.t2.medium', 'g2-standard-4']],
  [Cloud.GCP]: [['g2-standard-4', 'n1-standard-4', 'a2-highgpu-1g'], ['ml.g5.xlarge', 'G2']],
  [Cloud.AZURE]: [['Standard_NC4as_T4_v3', 'Standard_NC24ads_A100_v4'], ['Standard_X1', 'ml.g5.xlarge']],
};
export const endpointProps = (cloud: Cloud) => rec({
  instanceType: maybe(mostly(fc.constantFrom(...servingTypes[cloud][0]), fc.constantFrom(...servingTypes[cloud][1]))),
  mode: rarely(fc.constantFrom('realtime', 'serverless', 'async')),
  minInstances: maybe(mostly(fc.integer({ min: 1, max: 2 }), fc.constant(0))),
  maxInstances: maybe(fc.integer({ min: 2, max: 10 })),
  targetInvocationsPerInstance: maybe(fc.integer({ min: 1, max: 2000 })),
  dataCapturePercent: maybe(mostly(fc.integer({ min: 0, max: 100 }), fc.constantFrom(-1, 101))),
  privateOnly: maybe(fc.boolean()),
  networkIsolation: rarely(fc.boolean()),
  latencyAlarmMs: maybe(fc.integer({ min: 10, max: 5000 })),
  serverlessMemoryMiB: rarely(fc.constantFrom(1024, 2048, 6144, 1000)),
  serverlessMaxConcurrency: rarely(fc.integer({ min: 1, max: 200 })),
});
// valid requirements (the selector's own bad input is fuzzed in test/core/fuzz.test.ts): the platform options are fuzzed
export const requirements = fc.record({
  dataSensitivity: fc.constantFrom(DataSensitivity.LOW, DataSensitivity.MEDIUM, DataSensitivity.HIGH),
  workloadPattern: fc.constantFrom(WorkloadPattern.STEADY, WorkloadPattern.BURSTY, WorkloadPattern.BATCH),
  latencyBudgetMs: fc.integer({ min: 5, max: 500 }),
  trainingGpus: fc.integer({ min: 1, max: 128 }),
});
export const platformOptions = rec({
  project: mostly(fc.constantFrom('clinic-ai', 'lab-one'), fc.constantFrom('Bad Name!', '')),
  workload: mostly(fc.constantFrom('records-model', 'ft'), fc.constant('x'.repeat(40))),
  alertEmail: maybe(mostly(fc.constant('ops@example.com'), fc.constant('not-an-email'))),
  // the site is attached by withSite(): a good one, a bad one, or none, and sometimes on a strategy that takes none
  site: mostly(fc.constant('good'), fc.constantFrom('bad', 'none', 'misplaced')),
  siteAsn: rarely(fc.integer({ min: 64512, max: 65534 })),
  edgeNodeLocation: mostly(fc.constant('us-east4-edge-factory1'), fc.constant('')),
}).map((o) => ({ project: 'lab-one', workload: 'ft', ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) }) as any);

/** What PlatformMonitoring reads: the alert address, and a fleet and an endpoint of this cloud (valid ones; their own props are fuzzed above). */
export const monitoringProps = (cloud: Cloud) => fc.record({
  alertEmail: maybe(mostly(fc.constant('ops@example.com'), fc.constantFrom('ops', ''))),
  fleetType: fc.constantFrom(...typesOf(cloud)),
  endpointMode: cloud === Cloud.AWS ? fc.constantFrom(EndpointMode.REALTIME, EndpointMode.ASYNC, EndpointMode.SERVERLESS) : fc.constant(EndpointMode.REALTIME),
});
/**
 * A valid fleet of one type: bought as the catalog sells it (on-demand, else a Capacity Block, spot or a reservation),
 * with an image where the library has no default (Azure Arm sizes).
 */
export function monitoredFleet(type: InstanceType): any {
  const purchase = type.sells(ConsumptionOption.ON_DEMAND) ? undefined
    : type.sells(ConsumptionOption.CAPACITY_BLOCK) ? PurchaseOption.capacityBlock('cr-0123456789abcdef0')
      : type.sells(ConsumptionOption.SPOT) ? PurchaseOption.spot() : PurchaseOption.reservation('fuzz-reservation');
  const image = type.cloud === Cloud.AZURE && type.architecture === CpuArchitecture.ARM64 ? { publisher: 'example', offer: 'arm64-image', sku: 'arm64' } : undefined;
  return { instanceType: type, purchase, ...(image ? { image } : {}) };
}

/** Platform options for a selection: the generated site choice applied to the strategy. */
export function withSite(selection: { strategy: string }, o: any): any {
  const { site, siteAsn, ...rest } = o;
  const good = { cidrs: ['172.16.0.0/16'], peerAddress: '203.0.113.10', bgpAsn: siteAsn };
  const bad = { cidrs: ['10.40.0.0/16'], peerAddress: '999.1.1.1' };
  const hybrid = selection.strategy === 'hybrid';
  const onPremises = site === 'good' ? (hybrid ? good : undefined) : site === 'bad' ? bad : site === 'misplaced' ? (hybrid ? undefined : good) : undefined;
  return { ...rest, ...(onPremises ? { onPremises } : {}) };
}

interface Tally { valid: number; invalid: number }
const counts: Record<string, Tally> = {};
let lintedTemplates = 0;
let synthesizedTemplates = 0;
const shapes = new Set<string>();
/** Resource types with the property paths they set (no values): two templates of one shape lint alike. */
function shapeOf(template: any): string {
  const paths = (o: unknown, prefix: string, out: Set<string>): Set<string> => {
    if (Array.isArray(o)) {o.forEach((v) => paths(v, prefix, out));} else if (o && typeof o === 'object') {
      for (const [k, v] of Object.entries(o)) {
        if (k === 'Ref' || k.startsWith('Fn::')) continue;
        out.add(prefix + k);
        paths(v, `${prefix}${k}.`, out);
      }
    }
    return out;
  };
  return Object.values<any>(template.Resources).map((r) => `${r.Type}(${[...paths(r.Properties ?? {}, '', new Set())].sort().join(',')})`).sort().join(';');
}
/**
 * Prints a fuzz figure (cases, seed, counts) when the fuzz was asked for (`FUZZ_RUNS` or `FUZZ_SEED`: the CI fuzz step,
 * `npm run fuzz`), so `npm test` stays quiet; a failing case names its seed in the failure itself.
 */
export function fuzzLog(text: string): void {
  if (process.env.FUZZ_RUNS !== undefined || process.env.FUZZ_SEED !== undefined) console.log(text);
}

/**
 * Prints this file's counts (the figures quoted in the closing note); call once per test file.
 *
 * @param constructs how many constructs the file fuzzes (they share FUZZ_BUDGET_S evenly)
 */
export function reportCounts(constructs = 1): void {
  constructsLeft = constructs;
  afterAll(() => {
    fuzzLog(`construct fuzz (${RUNS} cases each): ${JSON.stringify(counts)}` +
      (TEMPLATES_DIR ? `; ${synthesizedTemplates} AWS templates synthesized, ${lintedTemplates} distinct shapes written for cfn-lint` : ''));
  });
}

/** The library's validation error: `[ai-infra] <Kind> '<path>': ...` naming a property as `- prop = value: allowed: ...`. */
function expectLibraryError(e: unknown, constructPath: string): void {
  if (!(e instanceof Error) || e instanceof TypeError || !e.message.startsWith('[ai-infra]')) {
    throw new Error(`not the library's error: ${e instanceof Error ? `${e.constructor.name}: ${e.stack}` : String(e)}`);
  }
  expect(e.message).toContain(`'${constructPath}`);
  expect(e.message).toMatch(/\n {2}- [\w.[\]]+ = .*: allowed: /);
}

/**
 * Secure defaults a user may turn off on purpose. The checkers must report exactly that (a user acknowledges it,
 * as here); any other finding still fails the case.
 */
const OPT_OUTS = [
  { marker: '"flowLogs":false', aws: ['AwsSolutions::AwsSolutions-VPC7', 'HIPAA.Security::HIPAA.Security-VPCFlowLogsEnabled'], tf: [['GCP-NET-1', 'flow logs are off'], ['AZ-NET-2', 'not covered by a flow log']] },
  { marker: '"versioned":false', aws: ['HIPAA.Security::HIPAA.Security-S3BucketVersioningEnabled'], tf: [['GCP-GCS-3', 'versioning is off']] },
];
const optOuts = (props: any) => OPT_OUTS.filter((o) => JSON.stringify(props ?? null).includes(o.marker));

type AwsBuild = (stack: Stack, props: any) => void;
/** Builds the case's stack: a plain stack holding the construct, or the platform stack itself. */
type AwsStackBuild = (app: App, id: string, props: any) => Stack;
export const inStack = (build: AwsBuild): AwsStackBuild => (app, id, props) => {
  const stack = new Stack(app, id);
  build(stack, props);
  return stack;
};
/**
 * Runs AWS cases in batches: each case builds in its own stack (removed again when it throws); a batch is
 * synthesized once with both nag packs, and any finding fails the run with the case's props.
 */
export function fuzzAws(name: string, arb: fc.Arbitrary<any>, build: AwsStackBuild, constructId: string, hipaa = false): void {
  counts[name] = { valid: 0, invalid: 0 };
  const share = shareMs();
  const deadline = share === undefined ? Infinity : Date.now() + share;
  let ran = 0;
  // batch b is drawn from seed + b: a run replays from its printed seed, batches are drawn only while the budget lasts
  for (let start = 0, b = 0; start < RUNS && Date.now() < deadline; start += BATCH, b++) {
    const app = new App();
    const kept: Array<{ id: string; props: any }> = [];
    fc.sample(arb, { numRuns: Math.min(BATCH, RUNS - start), seed: SEED + b }).forEach((props, i) => {
      if (Date.now() >= deadline) return;
      ran++;
      const id = `Case${start + i}`;
      try {
        const stack = build(app, id, props);
        for (const o of optOuts(props)) {
          Validations.of(stack).acknowledge(...o.aws.map((rule) => ({ id: rule, reason: `fuzz case: the user set ${o.marker}` })));
        }
        kept.push({ id, props });
        counts[name].valid++;
      } catch (e) {
        expectLibraryError(e, constructId ? `${id}/${constructId}` : id);
        app.node.tryRemoveChild(id);
        counts[name].invalid++;
      }
    });
    if (kept.length === 0) continue;
    Validations.of(app).addPlugins(...(hipaa ? [new AwsSolutionsChecks(app), new HIPAASecurityChecks(app)] : [new AwsSolutionsChecks(app)]));
    let out: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...a) => { out.push(a.join(' ')); });
    const spyLog = jest.spyOn(console, 'log').mockImplementation((...a) => { out.push(a.join(' ')); });
    let assembly;
    try {
      assembly = app.synth();
    } catch (e) {
      const finding = out.join('\n') + String(e);
      const stackName = /(Case\d+)\//.exec(finding)?.[1];
      throw new Error(`${name}: a checker rejected ${stackName} with props ${JSON.stringify(kept.find((k) => k.id === stackName)?.props)}:\n${finding.slice(0, 4000)}`);
    } finally {
      spy.mockRestore();
      spyLog.mockRestore();
      out = [];
    }
    if (TEMPLATES_DIR) {
      // one template per shape (resource types with their property paths) for cfn-lint: values are validated
      // by the library, shapes are what the linter's schema checks
      fs.mkdirSync(TEMPLATES_DIR, { recursive: true });
      for (const k of kept) {
        const file = path.join(assembly.directory, `${k.id}.template.json`);
        const sig = shapeOf(JSON.parse(fs.readFileSync(file, 'utf8')));
        synthesizedTemplates++;
        if (shapes.has(sig)) continue;
        shapes.add(sig);
        fs.copyFileSync(file, path.join(TEMPLATES_DIR, `${name.replace(/\W/g, '-')}-${k.id}.template.json`));
        lintedTemplates++;
      }
    }
  }
  printRun(name, ran, share);
}

function printRun(name: string, ran: number, share: number | undefined): void {
  fuzzLog(`construct fuzz ${name}: ${ran} cases, seed ${SEED}` + (share === undefined ? '' : ` (budget ${(share / 1000).toFixed(1)} s${ran < RUNS ? ', spent' : ''})`));
}

type TfBuild = (stack: TerraformStack, props: any) => void;
type TfStackBuild = (app: ReturnType<typeof Testing.app>, props: any) => TerraformStack;
export const inTfStack = (build: TfBuild): TfStackBuild => (app, props) => {
  const stack = new TerraformStack(app, 'case');
  build(stack, props);
  return stack;
};
/** Terraform cases: each valid case synthesizes and passes the policy pack with zero findings. */
export function fuzzTerraform(name: string, arb: fc.Arbitrary<any>, build: TfStackBuild, constructId: string): void {
  counts[name] = { valid: 0, invalid: 0 };
  const share = shareMs();
  let ran = 0;
  fc.assert(fc.property(arb, (props) => {
    ran++;
    const app = Testing.app();
    let stack: TerraformStack;
    try {
      stack = build(app, props);
    } catch (e) {
      expectLibraryError(e, constructId ? `case/${constructId}` : 'case');
      counts[name].invalid++;
      return;
    }
    const doc = JSON.parse(Testing.synth(stack!));
    const findings = TerraformPolicyChecks.check(doc).findings
      .filter((f) => !optOuts(props).some((o) => o.tf.some(([ruleId, message]) => ruleId === f.ruleId && f.message.includes(message))));
    if (findings.length) throw new Error(`${name}: policy findings for ${JSON.stringify(props)}: ${JSON.stringify(findings)}`);
    counts[name].valid++;
  }), { numRuns: RUNS, seed: SEED, ...(share === undefined ? {} : { interruptAfterTimeLimit: share, markInterruptAsFailure: false }) });
  printRun(name, ran, share);
}

export const awsNet = (s: Construct, fleet?: GpuFleetSpec) => new aws.ClusterNetwork(s, 'Net', { fleet });
export const gcpWhere = { project: 'demo-project', region: 'us-east4' };
export const gcpNet = (s: Construct, fleet?: GpuFleetSpec) => new gcp.ClusterNetwork(s, 'Net', { ...gcpWhere, fleet });
export const azWhere = { resourceGroupName: 'rg', location: 'eastus' };
export const azNet = (s: Construct, fleet?: GpuFleetSpec) => new azure.ClusterNetwork(s, 'Net', { ...azWhere, fleet });
/** A fleet spec for the dependency network, only where it is one for this cloud (the construct under test reports the rest). */
export const fleetSpecFor = (cloud: Cloud, p: any) => {
  try {
    const spec = new GpuFleetSpec(p);
    return spec.instanceType.cloud === cloud && spec.validate(cloud).length === 0 ? spec : undefined;
  } catch {
    return undefined;
  }
};

