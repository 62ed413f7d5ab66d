import { Lazy, Token } from 'aws-cdk-lib';
import { Lazy as TfLazy, Token as TfToken } from 'cdktf';
import * as fc from 'fast-check';
import {
  Cloud, ClusterNetworkSpec, GpuFleetSpec, InstanceType, ModelEndpointSpec, PurchaseOption, StrategySelector, TieredStorageSpec,
} from '../../src';

/**
 * Property-based checks of the neutral layer: for any input, valid or not, validation returns problems that name
 * a property (or the selector returns a selection, or throws the library's error) and never fails with a TypeError.
 */
const RUNS = 1000;
/** What a caller passes by mistake: null, NaN, the infinities, unresolved tokens of either CDK, wrong shapes. */
const odd = fc.constantFrom<unknown>(
  null, Number.NaN, Infinity, -Infinity, -0, 0.5, 2 ** 53, Token.asNumber({ Ref: 'X' }), Token.asString({ Ref: 'X' }), Lazy.string({ produce: () => 'x' }),
  TfLazy.stringValue({ produce: () => 'x' }), TfToken.asNumber(TfLazy.numberValue({ produce: () => 1 })), { a: 1 }, [1, 2], [[]], [null], { length: 2 }, '', ' ',
);
const anything = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.integer({ min: -5, max: 2000 }), fc.double(), fc.string(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), odd, odd,
);
/** Problems name a property and print the value readably: never a token's number, never NaN as null. */
function readable(problems: Array<{ property: string; value: string }>): void {
  for (const p of problems) {
    expect(p.property.length).toBeGreaterThan(0);
    expect(p.value).not.toMatch(/-1\.888\d*e\+289|-8\.1\d*e\+298/);
  }
}
/** Mostly absent or valid, sometimes anything: both sides of each rule get exercised. */
function maybe<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: valid, weight: 4 }, { arbitrary: anything, weight: 1 });
}
const clouds = fc.constantFrom(Cloud.AWS, Cloud.GCP, Cloud.AZURE);
const types = fc.constantFrom(...InstanceType.all());
const purchases = fc.oneof(
  fc.constant(undefined), fc.constant(PurchaseOption.onDemand()), fc.constant(PurchaseOption.spot()),
  fc.string().map((id) => PurchaseOption.reservation(id)), fc.constantFrom('cr-0123456789abcdef0', 'x').map((id) => PurchaseOption.capacityBlock(id)),
);
const counts: Record<string, { valid: number; invalid: number }> = {};
function tally(name: string, valid: boolean) {
  counts[name] ??= { valid: 0, invalid: 0 };
  counts[name][valid ? 'valid' : 'invalid']++;
}
function libraryError(e: unknown): boolean {
  return e instanceof Error && !(e instanceof TypeError) && e.message.startsWith('[ai-infra]');
}

afterAll(() => {
  // the figures quoted in the closing note
  // printed when the fuzz was asked for (FUZZ_RUNS / FUZZ_SEED: CI, npm run fuzz), so npm test stays quiet
  if (process.env.FUZZ_RUNS !== undefined || process.env.FUZZ_SEED !== undefined) console.log(`fuzz cases: ${JSON.stringify(counts)}`);
});

test('StrategySelector: a selection or the library\'s validation error, never a TypeError', () => {
  fc.assert(fc.property(
    fc.record({
      dataSensitivity: fc.oneof(fc.constantFrom('low', 'medium', 'high'), anything),
      workloadPattern: fc.oneof(fc.constantFrom('steady', 'bursty', 'batch'), anything),
      latencyBudgetMs: fc.oneof(fc.integer({ min: 1, max: 500 }), anything),
      trainingGpus: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 1024 }), anything),
      monthlyBudgetUsd: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 1e6 }), anything),
      allowedClouds: fc.oneof(fc.constant(undefined), fc.subarray([Cloud.AWS, Cloud.GCP, Cloud.AZURE]), anything),
    }, { requiredKeys: [] }),
    (req) => {
      try {
        const s = StrategySelector.select(req as any);
        expect(['cloud-first', 'hybrid', 'edge-centric']).toContain(s.strategy);
        tally('selector', true);
      } catch (e) {
        expect(libraryError(e)).toBe(true);
        expect((e as Error).message).toMatch(/ = .*: allowed: /);
        tally('selector', false);
      }
    }), { numRuns: RUNS });
});

test('GpuFleetSpec: problems name a property; the NIC plan of a valid spec reaches the maximum', () => {
  fc.assert(fc.property(types, clouds, purchases,
    fc.record({
      nodes: maybe(fc.integer({ min: 0, max: 16 })),
      maxNodes: maybe(fc.integer({ min: 1, max: 32 })),
      placement: maybe(fc.boolean()),
      placementMaxDistance: maybe(fc.integer({ min: 1, max: 3 })),
      rootVolumeGiB: maybe(fc.integer({ min: 100, max: 2000 })),
      efaInterfaceMode: maybe(fc.constantFrom('efa-only', 'efa')),
      scaleToZero: maybe(fc.record({
        scaleUpCron: maybe(fc.constantFrom('0 7 * * 1-5', '30 7 * * MON-FRI', '*/15 6-8 * * *', '61 6 * * *', '0 6 30 2 *', '0 6 * * FRI-MON', 'daily')),
        scaleDownCron: maybe(fc.constantFrom('0 20 * * 1-5', '0 20 * * MON-FRI', '0 24 * * *')),
        timeZone: maybe(fc.constantFrom('UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Mars/Olympus', '+05:00')),
      }, { requiredKeys: [] })),
    }, { requiredKeys: [] }),
    (instanceType, cloud, purchase, rest) => {
      const spec = new GpuFleetSpec({ instanceType, purchase, ...(rest as any) });
      const problems = spec.validate(cloud);
      readable(problems);
      if (problems.length === 0) {
        expect(spec.plannedGbps).toBe(instanceType.maxGbps);
        // a valid schedule reads back as numbers every cloud's scheduler takes
        if (spec.scaleToZero) expect(`${spec.scaleToZero.scaleUpCron} ${spec.scaleToZero.scaleDownCron}`).toMatch(/^[\d*,/ -]+$/);
      }
      tally('GpuFleetSpec', problems.length === 0);
    }), { numRuns: RUNS });
});

test('TieredStorageSpec, ClusterNetworkSpec, ModelEndpointSpec: problems, never a TypeError', () => {
  const tier = fc.record({ storageClass: fc.oneof(fc.constantFrom('infrequent', 'cold', 'archive', 'deep-archive'), anything), afterDays: fc.oneof(fc.integer({ min: 0, max: 800 }), anything) });
  fc.assert(fc.property(clouds, fc.record({
    tiers: fc.oneof(fc.constant(undefined), fc.array(tier, { maxLength: 4 })),
    autoTiering: anything,
    prefixes: fc.oneof(fc.constant(undefined), fc.array(fc.record({ prefix: fc.oneof(fc.string(), anything), expireAfterDays: anything }, { requiredKeys: [] }), { maxLength: 3 })),
    noncurrentVersionExpireDays: anything,
    versioned: anything,
  }, { requiredKeys: [] }), (cloud, props) => {
    const problems = new TieredStorageSpec(props as any).validate(cloud);
    readable(problems);
    tally('TieredStorageSpec', problems.length === 0);
  }), { numRuns: RUNS });
  fc.assert(fc.property(clouds, fc.record({
    cidr: fc.oneof(fc.constantFrom('10.0.0.0/16', '10.1.0.0/20', '192.168.0.0/24'), anything),
    zones: anything,
    internetEgress: anything,
    flowLogs: anything,
    onPremisesCidrs: fc.oneof(fc.constant(undefined), fc.array(fc.oneof(fc.constantFrom('172.16.0.0/16', '10.0.1.0/24'), fc.string()), { maxLength: 2 })),
  }, { requiredKeys: [] }), (cloud, props) => {
    const problems = new ClusterNetworkSpec(props as any).validate(cloud);
    readable(problems);
    tally('ClusterNetworkSpec', problems.length === 0);
  }), { numRuns: RUNS });
  fc.assert(fc.property(clouds, fc.record({
    instanceType: maybe(fc.constantFrom('ml.g5.xlarge', 'ml.t2.medium', 'g2-standard-4', 'Standard_NC4as_T4_v3')),
    mode: maybe(fc.constantFrom('realtime', 'serverless', 'async')),
    minInstances: maybe(fc.integer({ min: 1, max: 4 })),
    maxInstances: maybe(fc.integer({ min: 1, max: 8 })),
    dataCapturePercent: maybe(fc.integer({ min: 0, max: 100 })),
    privateOnly: anything,
    latencyAlarmMs: anything,
    serverlessMemoryMiB: anything,
  }, { requiredKeys: [] }), (cloud, props) => {
    const problems = new ModelEndpointSpec(props as any).validate(cloud);
    readable(problems);
    tally('ModelEndpointSpec', problems.length === 0);
  }), { numRuns: RUNS });
});
