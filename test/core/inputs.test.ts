import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Lazy as TfLazy, Testing, TerraformStack, Token as TfToken } from 'cdktf';
import {
  aws, azure, Cloud, ClusterNetworkSpec, CloudRegions, gcp, GpuFleetSpec, InstanceType, ModelEndpointSpec, StorageTierClass, TieredStorageSpec, Validation,
} from '../../src';
import { parseCron } from '../../src/core/internal/cron';
import { show } from '../../src/core/internal/text';

const H100 = InstanceType.of('p5.48xlarge');
const fleetProblems = (scaleToZero: any) => new GpuFleetSpec({ instanceType: H100, scaleToZero }).validate(Cloud.AWS);
const tf = () => new TerraformStack(Testing.app(), 'case');

describe('values print readably in errors', () => {
  test.each([
    [Number.NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [null, 'null'], [undefined, 'undefined'],
    [Token.asNumber({ Ref: 'X' }), '<token>'], [TfToken.asNumber('${var.n}'), '<token>'], [Token.asString({ Ref: 'X' }), '<token>'],
    [Lazy.string({ produce: () => 'x' }), '<token>'], [TfLazy.stringValue({ produce: () => 'x' }), '<token>'], [Token.asList({ Ref: 'L' }), '<token>'],
    [{ nodes: Number.NaN, list: [Infinity, null] }, '{"nodes":NaN,"list":[Infinity,null]}'], ['eu', "'eu'"], [[1, 'a'], '[1,"a"]'],
  ])('%p prints as %s', (value, text) => {
    expect(Validation.problem('p', value, 'x').value).toBe(text);
  });

  test('a token inside a string prints as <token>, never as its number', () => {
    expect(show(`us-${Token.asString({ Ref: 'R' })}`)).toBe("'us-<token>'");
    expect(new GpuFleetSpec({ instanceType: H100, nodes: Token.asNumber({ Ref: 'N' }) }).validate(Cloud.AWS)[0]).toMatchObject({ property: 'nodes', value: '<token>' });
    expect(new GpuFleetSpec({ instanceType: H100, nodes: Infinity }).validate(Cloud.AWS)[0]).toMatchObject({ property: 'nodes', value: 'Infinity' });
  });
});

describe('cron: the one five-field parser', () => {
  test.each([
    ['61 6 * * *', /minute '61': 61 is out of range/],
    ['0 24 * * *', /hour '24': 24 is out of range/],
    ['0 6 30 2 *', /day-of-month '30' never occurs in month '2'/],
    ['0 6 31 APR,JUN *', /day-of-month '31' never occurs in month 'APR,JUN'/],
    ['0 6 * 13 *', /month '13'/],
    ['0 6 * * 8', /day-of-week '8'/],
    ['0 6 * * FRI-MON', /runs backwards/],
    ['0 6 ? * MON', /day-of-month '\?'/],
    ['*/0 6 * * *', /a step of 0/],
    ['0 6 * *', /4 fields/],
    ['daily', /1 field/],
  ])('%s is refused naming the field', (cron, why) => {
    const problems = fleetProblems({ scaleUpCron: cron });
    expect(problems).toHaveLength(1);
    expect(problems[0].property).toBe('scaleToZero.scaleUpCron');
    expect(problems[0].allowed).toMatch(why);
  });

  test('names, lists, steps and Feb 29 parse; names render as numbers', () => {
    expect(fleetProblems({ scaleUpCron: '30 7 * * MON-FRI', scaleDownCron: '0 20 29 2 *' })).toEqual([]);
    expect(parseCron('*/15 0-6,22 1 JAN,jul sun')).toMatchObject({ minutes: [0, 15, 30, 45], hours: [0, 1, 2, 3, 4, 5, 6, 22], months: [1, 7], daysOfWeek: [0], normalized: '*/15 0-6,22 1 1,7 0' });
    expect(parseCron('0 6 * * 5-7')).toMatchObject({ daysOfWeek: [0, 5, 6] });
    const spec = new GpuFleetSpec({ instanceType: H100, scaleToZero: { scaleUpCron: '30 7 * * MON-FRI', scaleDownCron: '0 20 * * MON-FRI' } });
    expect(spec.scaleToZero).toMatchObject({ scaleUpCron: '30 7 * * 1-5', scaleDownCron: '0 20 * * 1-5' });
    expect(spec.workingDays).toEqual([1, 2, 3, 4, 5]);
  });

  test('time zones: IANA names and aliases pass, the rest is refused with the nearest', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Etc/UTC']) expect(fleetProblems({ timeZone: tz })).toEqual([]);
    for (const tz of ['Mars/Olympus', 'Europe/Berln', '+05:00', 'utc+1', 42]) {
      const [p] = fleetProblems({ timeZone: tz });
      expect(p.property).toBe('scaleToZero.timeZone');
    }
    expect(fleetProblems({ timeZone: 'Europe/Berln' })[0].allowed).toMatch(/nearest: Europe\/Berlin/);
  });
});

describe('regions and zones against the catalog', () => {
  test('the catalog lists each cloud\'s regions and zones', () => {
    expect(CloudRegions.zones(Cloud.AWS, 'us-east-1')).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(CloudRegions.zones(Cloud.GCP, 'us-east1')).toEqual(['us-east1-b', 'us-east1-c', 'us-east1-d']);
    expect(CloudRegions.hasZones(Cloud.AZURE, 'eastus')).toBe(true);
    expect(CloudRegions.hasZones(Cloud.AZURE, 'westus')).toBe(false);
    expect(CloudRegions.names(Cloud.GCP)).toContain('europe-west4');
  });

  test('the catalog matches the primary sources checked on 2026-12-07 (src/core/catalog/regions.ts names them)', () => {
    // AWS: the aws, aws-cn and aws-us-gov partitions of botocore's partitions.json, no more, no fewer
    expect(CloudRegions.names(Cloud.AWS)).toHaveLength(34 + 2 + 2);
    expect(CloudRegions.has(Cloud.AWS, 'me-west-1')).toBe(false); // aws-cdk-lib region-info only: not in any partition
    expect(CloudRegions.has(Cloud.AWS, 'us-iso-east-1')).toBe(false); // not public
    // ap-northeast-1b (apne1-az3) is seen by accounts older than the uniform mapping
    expect(CloudRegions.zones(Cloud.AWS, 'ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1b', 'ap-northeast-1c', 'ap-northeast-1d']);
    // Google Cloud: 42 public regions; us-central1 has a, b, c and f
    expect(CloudRegions.names(Cloud.GCP)).toHaveLength(42);
    expect(CloudRegions.zones(Cloud.GCP, 'us-central1')).toEqual(['us-central1-a', 'us-central1-b', 'us-central1-c', 'us-central1-f']);
    // europe-west3: a (Compute Engine page, provider acceptance tests) and d (gcloud's zone list) both accepted
    expect(CloudRegions.zones(Cloud.GCP, 'europe-west3')).toEqual(['europe-west3-a', 'europe-west3-b', 'europe-west3-c', 'europe-west3-d']);
    // Azure: Belgium Central, with three zones, was missing
    expect(CloudRegions.zones(Cloud.AZURE, 'belgiumcentral')).toEqual(['1', '2', '3']);
  });

  test('Google Cloud: an unknown region or a zone outside it is refused with what is allowed', () => {
    const where = { project: 'demo-project' };
    expect(() => new gcp.ClusterNetwork(tf(), 'Net', { ...where, region: 'us-east9' }))
      .toThrow(/- region = 'us-east9': allowed: a Google Cloud region of the catalog \(nearest: us-east1, us-east4, us-east5/);
    expect(() => new gcp.ClusterNetwork(tf(), 'Net', { ...where, region: 'us-east1', zone: 'us-east1-a' }))
      .toThrow(/- zone = 'us-east1-a': allowed: a zone of us-east1: us-east1-b, us-east1-c, us-east1-d/);
    expect(() => new gcp.TieredStorage(tf(), 'Data', { ...where, location: 'europe-west5' })).toThrow(/- location = 'europe-west5': allowed: a Google Cloud region/);
  });

  test('Google Cloud: the default zone is the region\'s first (us-east1 has no -a)', () => {
    const s = tf();
    const net = new gcp.ClusterNetwork(s, 'Net', { project: 'demo-project', region: 'us-east1' });
    expect(net.zone).toBe('us-east1-b');
  });

  test('Azure: an unknown location is refused; a token is left to deploy time', () => {
    expect(() => new azure.ClusterNetwork(tf(), 'Net', { resourceGroupName: 'rg', location: 'east-us' })).toThrow(/- location = 'east-us': allowed: an Azure location of the catalog \(nearest: eastus/);
    expect(() => new azure.TieredStorage(tf(), 'Data', { resourceGroupName: 'rg', location: 'westeurop' })).toThrow(/- location = 'westeurop': allowed: an Azure location/);
    expect(() => new azure.ClusterNetwork(tf(), 'Net', { resourceGroupName: 'rg', location: TfLazy.stringValue({ produce: () => 'eastus' }) })).not.toThrow();
  });

  test('AWS: the stack\'s region is checked; an environment-agnostic stack\'s token region is skipped', () => {
    const app = new App();
    expect(() => new aws.ClusterNetwork(new Stack(app, 'Bad', { env: { region: 'us-east-7' } }), 'Net'))
      .toThrow(/- region \(the stack's env\) = 'us-east-7': allowed: an AWS region of the catalog \(nearest: us-east-1, us-east-2/);
    expect(() => new aws.ClusterNetwork(new Stack(app, 'Agnostic'), 'Net')).not.toThrow();
  });
});

describe('values that fail at deploy are refused at synth', () => {
  test('a fractional data capture percentage (SageMaker samples a whole percent)', () => {
    expect(new ModelEndpointSpec({ dataCapturePercent: 12.5 }).validate(Cloud.AWS)).toEqual([
      { property: 'dataCapturePercent', value: '12.5', allowed: 'a whole number from 0 to 100 percent' },
    ]);
    expect(new ModelEndpointSpec({ dataCapturePercent: Number.NaN }).validate(Cloud.AWS)[0].value).toBe('NaN');
  });

  test('two prefixes whose lifecycle rules would share an id', () => {
    const problems = new TieredStorageSpec({ prefixes: [{ prefix: 'raw/' }, { prefix: 'raw_' }] }).validate(Cloud.AWS);
    expect(problems).toEqual([expect.objectContaining({ property: 'prefixes[1].prefix', value: "'raw_'", allowed: expect.stringMatching(/rule id \('raw'.*differs from that of 'raw\/'/) })]);
    expect(new TieredStorageSpec({ prefixes: [{ prefix: 'raw/' }, { prefix: 'raw_', keep: true }] }).validate(Cloud.AWS)).toEqual([]);
  });

  test('Azure ZRS with an Archive tier (already refused: kept here as proof)', () => {
    expect(() => new azure.TieredStorage(tf(), 'Data', { resourceGroupName: 'rg', location: 'eastus', tiers: [{ storageClass: StorageTierClass.ARCHIVE, afterDays: 180 }] }))
      .toThrow(/- redundancy = 'zone \(default\)': allowed: local \(LRS\): Azure has no Archive tier on ZRS/);
  });
});

describe('a network sized for an invalid fleet', () => {
  test.each([[Infinity, 'Infinity'], [Number.NaN, 'NaN'], [Token.asNumber({ Ref: 'N' }), '<token>']])('nodes = %p is the fleet\'s problem, not the CIDR\'s', (nodes, text) => {
    const fleet = new GpuFleetSpec({ instanceType: H100, nodes: nodes as number });
    const problems = new ClusterNetworkSpec({ fleet }).validate(Cloud.AWS);
    expect(problems).toContainEqual(expect.objectContaining({ property: 'fleet.nodes', value: text }));
    expect(problems.map((x) => x.property)).not.toContain('cidr');
  });
});
