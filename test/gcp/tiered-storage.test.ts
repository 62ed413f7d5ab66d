import { fleetDoc, network, resources, synth } from './util';
import { InstanceType, StorageEncryption, StorageRedundancy, StorageTierClass, gcp } from '../../src';

const dataBucket = (doc: any) => resources(doc, 'google_storage_bucket').find((b) => !b.name.endsWith('-logs'));

describe('gcp.TieredStorage', () => {
  const doc = synth((s) => {
    const st = new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4', encryption: StorageEncryption.CUSTOMER_MANAGED });
    st.grantReadWrite(gcp.Grantee.member('serviceAccount:fleet@my-project.iam.gserviceaccount.com'));
  });
  const bucket = dataBucket(doc);

  test('uniform access, public access prevention, versioning, soft delete, logging, CMEK, prevent_destroy', () => {
    expect(bucket).toMatchObject({
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      versioning: { enabled: true },
      soft_delete_policy: { retention_duration_seconds: 7 * 86400 },
      storage_class: 'STANDARD',
      lifecycle: { prevent_destroy: true },
      logging: expect.objectContaining({ log_bucket: expect.any(String) }),
      encryption: { default_kms_key_name: expect.stringContaining('google_kms_crypto_key') },
    });
    expect(resources(doc, 'google_kms_crypto_key')[0]).toMatchObject({ rotation_period: '7776000s', lifecycle: { prevent_destroy: true } });
  });

  test('lifecycle: NEARLINE 30, COLDLINE 90, ARCHIVE 365 on raw/; checkpoints deleted at 30; noncurrent and multipart cleanup', () => {
    const rules = bucket.lifecycle_rule;
    const raw = rules.filter((r: any) => r.condition.matches_prefix?.[0] === 'raw/');
    expect(raw.map((r: any) => [r.action.storage_class, r.condition.age])).toEqual([['NEARLINE', 30], ['COLDLINE', 90], ['ARCHIVE', 365]]);
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { age: 30, matches_prefix: ['checkpoints/'], with_state: 'LIVE' } });
    expect(rules).toContainEqual({ action: { type: 'Delete' }, condition: { days_since_noncurrent_time: 90, with_state: 'ARCHIVED' } });
    expect(rules).toContainEqual({ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } });
    expect(JSON.stringify(rules)).not.toContain('models/');
  });

  test('IAM for the fleet: object user on this bucket', () => {
    expect(resources(doc, 'google_storage_bucket_iam_member')).toContainEqual(expect.objectContaining({
      role: 'roles/storage.objectUser', member: 'serviceAccount:fleet@my-project.iam.gserviceaccount.com',
    }));
  });

  test('a grant to a fleet\'s service account keeps its address whatever else created tokens first', () => {
    const grantAddresses = (before: () => void) => {
      before();
      const d = synth((s) => {
        const fleetProps = { instanceType: InstanceType.G2_STANDARD_4 };
        const fleet = new gcp.GpuFleet(s, 'Fleet', { ...fleetProps, network: network(s, fleetProps) });
        new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'us-east4' }).grantReadWrite(fleet);
      });
      return Object.keys(d.resource.google_storage_bucket_iam_member).filter((k) => k.startsWith('Data_ReadWriteGrant'));
    };
    const first = grantAddresses(() => undefined);
    expect(first).toHaveLength(1);
    // another stack synthesized first (as the demo does) moves the process-wide token counter
    expect(grantAddresses(() => fleetDoc('a3-megagpu-8g', { nodes: 2 }))).toEqual(first);
  });

  test('autoclass instead of SetStorageClass rules', () => {
    const d = synth((s) => { new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'US', autoTiering: true, redundancy: StorageRedundancy.GEO }); });
    const b = dataBucket(d);
    expect(b.autoclass).toEqual({ enabled: true, terminal_storage_class: 'ARCHIVE' });
    expect(JSON.stringify(b.lifecycle_rule)).not.toContain('SetStorageClass');
  });

  test('fails on ARCHIVE before 365 days', () => {
    expect(() => synth((s) => {
      new gcp.TieredStorage(s, 'Data', { project: 'my-project', location: 'US', tiers: [{ storageClass: StorageTierClass.ARCHIVE, afterDays: 180 }] });
    })).toThrow(/tiers\[0\]\.afterDays = 180: allowed: a whole number from 365/);
  });
});

describe('gcp.TieredStorage: redundancy is the bucket location', () => {
  const bucketIn = (location: string, redundancy?: StorageRedundancy) =>
    dataBucket(synth((s) => { new gcp.TieredStorage(s, 'Data', { project: 'my-project', location, redundancy }); }));

  test('zone (the default) is a regional bucket, as before', () => {
    expect(bucketIn('us-east4').location).toBe('us-east4');
    expect(bucketIn('europe-west4', StorageRedundancy.ZONE).location).toBe('europe-west4');
  });

  test.each(['US', 'eu', 'NAM4', 'EUR4', 'ASIA1'])('geo in %s: a multi-region or predefined dual-region bucket', (location) => {
    expect(bucketIn(location, StorageRedundancy.GEO).location).toBe(location);
  });

  test.each<[string, string, StorageRedundancy | undefined, RegExp]>([
    ['geo in a single region', 'us-east4', StorageRedundancy.GEO,
      /- redundancy = 'geo': allowed: zone with location us-east4 \(a single region\); geo needs a dual-region \(ASIA1, EUR4, EUR5, EUR7, EUR8, NAM4\) or multi-region \(ASIA, EU, US\) location/],
    ['local (Cloud Storage has no single-zone bucket)', 'us-east4', StorageRedundancy.LOCAL,
      /- redundancy = 'local': allowed: on Google Cloud: zone \(a regional bucket\) or geo \(a dual-region or multi-region location\); Cloud Storage has no single-zone bucket/],
    ['the default zone in a multi-region', 'US', undefined,
      /- location = 'US': allowed: a region \(e\.g\. us-east4\) while redundancy is zone \(the default\); US keeps copies in several regions: set redundancy: StorageRedundancy\.GEO/],
    ['an explicit zone in a dual-region', 'NAM4', StorageRedundancy.ZONE, /- redundancy = 'zone': allowed: geo with location NAM4/],
    ['geo in an unknown location', 'EUR6', StorageRedundancy.GEO, /- redundancy = 'geo': allowed: zone with location EUR6 \(not a dual- or multi-region\)/],
  ])('fails on %s', (_n, location, redundancy, msg) => {
    expect(() => bucketIn(location, redundancy)).toThrow(new RegExp(`TieredStorage 'test/Data'[\\s\\S]*${msg.source}`));
  });
});
