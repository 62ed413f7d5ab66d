import { Cloud, HighThroughputTier, StorageTierClass, TieredStorageSpec } from '../../src';

const T = StorageTierClass;
function props(cloud: Cloud, spec: TieredStorageSpec) {
  return spec.validate(cloud).map((p) => p.property);
}

describe('TieredStorageSpec', () => {
  test('defaults are valid on every cloud', () => {
    for (const c of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) expect(new TieredStorageSpec().validate(c)).toEqual([]);
  });

  test('default prefixes: raw and features tiered, checkpoints expire, models kept', () => {
    const rules = new TieredStorageSpec().lifecycleRules();
    expect(rules.map((r) => r.id)).toEqual(['raw', 'features', 'checkpoints']);
    expect(rules[0].tiers.map((t) => t.storageClass)).toEqual([T.INFREQUENT, T.COLD, T.DEEP_ARCHIVE]);
    expect(rules[2]).toMatchObject({ prefix: 'checkpoints/', expireAfterDays: 30, tiers: [] });
  });

  test('no prefixes: one rule for the whole bucket', () => {
    const rules = new TieredStorageSpec({ prefixes: [] }).lifecycleRules();
    expect(rules).toEqual([expect.objectContaining({ id: 'all', prefix: '' })]);
  });

  test.each([
    [Cloud.AWS, T.INFREQUENT, 29],
    [Cloud.GCP, T.INFREQUENT, 29],
    [Cloud.AZURE, T.INFREQUENT, 29],
    [Cloud.AWS, T.DEEP_ARCHIVE, 179],
    [Cloud.GCP, T.ARCHIVE, 364],
    [Cloud.AZURE, T.ARCHIVE, 179],
  ])('%s: %s before its minimum (%d days) fails', (cloud, tier, days) => {
    const v = new TieredStorageSpec({ tiers: [{ storageClass: tier, afterDays: days }] }).validate(cloud);
    expect(v.map((p) => p.property)).toContain('tiers[0].afterDays');
  });

  test('a tier must stay its minimum before the next one (30 days in IA before Glacier IR)', () => {
    const v = new TieredStorageSpec({ tiers: [{ storageClass: T.INFREQUENT, afterDays: 80 }, { storageClass: T.COLD, afterDays: 100 }] }).validate(Cloud.AWS);
    expect(v).toEqual([expect.objectContaining({ property: 'tiers[1].afterDays', value: '100' })]);
    expect(v[0].allowed).toMatch(/from 110 to 36500 \(80 days of STANDARD_IA plus its 30-day minimum\)/);
  });

  test('tiers must go from warm to cold', () => {
    expect(props(Cloud.AWS, new TieredStorageSpec({ tiers: [{ storageClass: T.COLD, afterDays: 90 }, { storageClass: T.INFREQUENT, afterDays: 200 }] })))
      .toContain('tiers[1].storageClass');
  });

  test('archive and deep-archive are the same class on Google Cloud', () => {
    expect(props(Cloud.GCP, new TieredStorageSpec({ tiers: [{ storageClass: T.ARCHIVE, afterDays: 365 }, { storageClass: T.DEEP_ARCHIVE, afterDays: 800 }] })))
      .toContain('tiers[1].storageClass');
    expect(props(Cloud.AWS, new TieredStorageSpec({ tiers: [{ storageClass: T.ARCHIVE, afterDays: 90 }, { storageClass: T.DEEP_ARCHIVE, afterDays: 180 }] })))
      .toEqual([]);
  });

  test('autoTiering excludes tiers', () => {
    expect(props(Cloud.AWS, new TieredStorageSpec({ autoTiering: true, tiers: [] }))).toContain('tiers');
    expect(new TieredStorageSpec({ autoTiering: true }).lifecycleRules().every((r) => r.tiers.length === 0)).toBe(true);
  });

  test('expiry must come after the last tier and its minimum', () => {
    const v = props(Cloud.AWS, new TieredStorageSpec({ prefixes: [{ prefix: 'logs/', tiers: [{ storageClass: T.INFREQUENT, afterDays: 30 }], expireAfterDays: 40 }] }));
    expect(v).toContain('prefixes[0].expireAfterDays');
  });

  test.each<[string, any, string]>([
    ['overlapping prefixes', { prefixes: [{ prefix: 'data/' }, { prefix: 'data/raw/' }] }, 'prefixes[1].prefix'],
    ['a repeated prefix', { prefixes: [{ prefix: 'a/' }, { prefix: 'a/' }] }, 'prefixes[1].prefix'],
    ['a prefix starting with /', { prefixes: [{ prefix: '/raw' }] }, 'prefixes[0].prefix'],
    ['keep with an expiry', { prefixes: [{ prefix: 'm/', keep: true, expireAfterDays: 30 }] }, 'prefixes[0].keep'],
    ['noncurrent expiry of 0', { noncurrentVersionExpireDays: 0 }, 'noncurrentVersionExpireDays'],
    ['noncurrent expiry without versioning', { versioned: false, noncurrentVersionExpireDays: 5 }, 'noncurrentVersionExpireDays'],
    ['a Lustre size that is not 1200 or a multiple of 2400', { highThroughput: HighThroughputTier.LUSTRE, lustreCapacityGiB: 2000 }, 'lustreCapacityGiB'],
    ['a Lustre size without Lustre', { lustreCapacityGiB: 2400 }, 'lustreCapacityGiB'],
    ['an unknown tier class', { tiers: [{ storageClass: 'glacier', afterDays: 90 }] }, 'tiers[0].storageClass'],
  ])('fails on %s', (_n, p, property) => {
    expect(props(Cloud.AWS, new TieredStorageSpec(p))).toContain(property);
  });

  test('a high-throughput tier is valid in the spec (which clouds render it: their capability tables, test/conformance.test.ts)', () => {
    expect(props(Cloud.AWS, new TieredStorageSpec({ highThroughput: HighThroughputTier.EXPRESS_ONE_ZONE }))).toEqual([]);
  });
});
