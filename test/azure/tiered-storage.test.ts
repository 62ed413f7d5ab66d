import { addresses, network, resources, SSH_PUBLIC_KEY, synth, where } from './util';
import { azure, InstanceType, StorageEncryption, StorageRedundancy, StorageTierClass } from '../../src';

const COOL_COLD = [{ storageClass: StorageTierClass.INFREQUENT, afterDays: 30 }, { storageClass: StorageTierClass.COLD, afterDays: 90 }];
const account = (doc: any) => resources(doc, 'azurerm_storage_account')[0];
const storage = (props: Partial<azure.TieredStorageProps>) => synth((s) => { new azure.TieredStorage(s, 'Data', { ...where, ...props }); });

describe('azure.TieredStorage', () => {
  // LRS: the default tiers end in Archive, which Azure offers on LRS, GRS and RA-GRS accounts only
  const doc = synth((s) => {
    const st = new azure.TieredStorage(s, 'Data', { ...where, network: network(s, undefined, { flowLogs: false }), encryption: StorageEncryption.CUSTOMER_MANAGED, redundancy: StorageRedundancy.LOCAL });
    st.grantReadWrite(azure.Grantee.principal('00000000-0000-0000-0000-000000000001'));
  });

  test('StorageV2, HTTPS only, TLS 1.2, no public nested items, no shared keys, infrastructure encryption, deny by default, prevent_destroy', () => {
    expect(account(doc)).toMatchObject({
      account_kind: 'StorageV2',
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      infrastructure_encryption_enabled: true,
      lifecycle: { prevent_destroy: true },
      network_rules: expect.objectContaining({ default_action: 'Deny' }),
      blob_properties: expect.objectContaining({ versioning_enabled: true, delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } }),
    });
    expect(account(doc).name).toMatch(/^[a-z0-9]{3,24}$/);
  });

  test('customer-managed key in a purge-protected vault, with rotation', () => {
    expect(account(doc).customer_managed_key).toEqual({ key_vault_key_id: expect.stringContaining('versionless_id'), user_assigned_identity_id: expect.any(String) });
    expect(resources(doc, 'azurerm_key_vault')[0]).toMatchObject({ purge_protection_enabled: true, network_acls: expect.objectContaining({ default_action: 'Deny' }) });
    expect(resources(doc, 'azurerm_key_vault_key')[0].rotation_policy).toMatchObject({ automatic: { time_before_expiry: 'P30D' } });
  });

  test('management policy: cool 30, cold 90, archive 365 on data/raw/; checkpoints deleted; noncurrent versions deleted', () => {
    const rules = resources(doc, 'azurerm_storage_management_policy')[0].rule;
    expect(rules.find((r: any) => r.name === 'raw')).toEqual({
      name: 'raw',
      enabled: true,
      filters: { blob_types: ['blockBlob'], prefix_match: ['data/raw/'] },
      actions: {
        base_blob: {
          tier_to_cool_after_days_since_modification_greater_than: 30,
          tier_to_cold_after_days_since_modification_greater_than: 90,
          tier_to_archive_after_days_since_modification_greater_than: 365,
        },
      },
    });
    expect(rules.find((r: any) => r.name === 'checkpoints').actions.base_blob).toEqual({ delete_after_days_since_modification_greater_than: 30 });
    expect(rules.find((r: any) => r.name === 'noncurrent-versions').actions.version).toEqual({ delete_after_days_since_creation: 90 });
  });

  test('role assignment for the fleet identity', () => {
    expect(resources(doc, 'azurerm_role_assignment')).toContainEqual(expect.objectContaining({
      role_definition_name: 'Storage Blob Data Contributor', principal_id: '00000000-0000-0000-0000-000000000001',
    }));
  });

  test('a grant to a fleet identity keeps its Terraform address when other tokens are created before it', () => {
    const grant = (extraTokens: number) => addresses(synth((s) => {
      const n = network(s, undefined, { flowLogs: false });
      const fleet = new azure.GpuFleet(s, 'Training', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: n, adminSshPublicKey: SSH_PUBLIC_KEY, gpuMetrics: false });
      for (let i = 0; i < extraTokens; i++) void fleet.principalId;
      new azure.TieredStorage(s, 'Data', { ...where, redundancy: StorageRedundancy.LOCAL }).grantReadWrite(fleet);
    }), 'azurerm_role_assignment');
    expect(grant(0)).toHaveLength(1);
    expect(grant(3)).toEqual(grant(0));
  });

  test('auto tiering turns on last-access tracking', () => {
    const d = storage({ autoTiering: true });
    expect(account(d).blob_properties.last_access_time_enabled).toBe(true);
    expect(JSON.stringify(resources(d, 'azurerm_storage_management_policy')[0])).toContain('tier_to_cool_after_days_since_last_access_time_greater_than');
  });

  test('fails on archive before 180 days', () => {
    expect(() => storage({ tiers: [{ storageClass: StorageTierClass.ARCHIVE, afterDays: 120 }] }))
      .toThrow(/tiers\[0\]\.afterDays = 120: allowed: a whole number from 180/);
  });
});

describe('azure.TieredStorage redundancy', () => {
  test.each([
    [StorageRedundancy.LOCAL, 'LRS'],
    [StorageRedundancy.ZONE, 'ZRS'],
    [StorageRedundancy.GEO, 'GZRS'],
  ])('redundancy %s is %s', (redundancy, type) => {
    expect(account(storage({ redundancy, tiers: COOL_COLD })).account_replication_type).toBe(type);
  });

  test('zone redundancy (ZRS) by default', () => {
    expect(account(storage({ tiers: COOL_COLD })).account_replication_type).toBe('ZRS');
  });

  test('the deprecated replication is honoured as given', () => {
    expect(account(storage({ replication: 'RAGRS' })).account_replication_type).toBe('RAGRS');
    expect(account(storage({ replication: 'ZRS', tiers: COOL_COLD })).account_replication_type).toBe('ZRS');
  });

  test('fails when replication and redundancy are both given, or on an unknown replication', () => {
    expect(() => storage({ replication: 'LRS', redundancy: StorageRedundancy.LOCAL }))
      .toThrow(/TieredStorage 'test\/Data'[\s\S]*- replication = 'LRS': allowed: unset when redundancy is given/);
    expect(() => storage({ replication: 'XRS' })).toThrow(/- replication = 'XRS': allowed: LRS, ZRS, GRS, RAGRS, GZRS, RAGZRS/);
  });

  test('the default tiers stop at cold on a zone-redundant account (Azure has no Archive tier on ZRS): a default every account honours', () => {
    const doc = storage({});
    const base = resources(doc, 'azurerm_storage_management_policy')[0].rule.map((r: any) => r.actions.base_blob);
    expect(base[0]).toEqual(expect.objectContaining({ tier_to_cool_after_days_since_modification_greater_than: 30, tier_to_cold_after_days_since_modification_greater_than: 90 }));
    expect(JSON.stringify(base)).not.toContain('tier_to_archive');
    expect(resources(doc, 'azurerm_storage_account')[0].account_replication_type).toBe('ZRS');
    // with LRS the default keeps its archive step
    expect(JSON.stringify(resources(storage({ redundancy: StorageRedundancy.LOCAL }), 'azurerm_storage_management_policy'))).toContain('tier_to_archive_after_days_since_modification_greater_than":365');
  });

  test('fails on an archive tier with geo redundancy (GZRS), and on a prefix that archives', () => {
    expect(() => storage({ redundancy: StorageRedundancy.GEO, tiers: [...COOL_COLD, { storageClass: StorageTierClass.ARCHIVE, afterDays: 270 }] }))
      .toThrow(/- redundancy = 'geo': allowed: local \(LRS\): Azure has no Archive tier on ZRS, GZRS or RA-GZRS accounts, and tiers\[2\] moves blobs to Archive \(archive after 270 days\)/);
    expect(() => storage({ tiers: COOL_COLD, prefixes: [{ prefix: 'raw/', tiers: [{ storageClass: StorageTierClass.DEEP_ARCHIVE, afterDays: 200 }] }] }))
      .toThrow(/- redundancy = 'zone \(default\)': [\s\S]*prefixes\[0\]\.tiers\[0\] moves blobs to Archive/);
  });

  test('fails on an archive tier with a replication that lacks it, naming replication', () => {
    expect(() => storage({ replication: 'RAGZRS', tiers: [...COOL_COLD, { storageClass: StorageTierClass.ARCHIVE, afterDays: 270 }] })).toThrow(/- replication = 'RAGZRS': allowed: LRS, GRS or RAGRS: Azure has no Archive tier/);
  });

  test('archive with local redundancy and tiers that stop at cold with zone redundancy are rendered', () => {
    expect(JSON.stringify(resources(storage({ redundancy: StorageRedundancy.LOCAL }), 'azurerm_storage_management_policy'))).toContain('tier_to_archive');
    expect(JSON.stringify(resources(storage({ tiers: COOL_COLD }), 'azurerm_storage_management_policy'))).not.toContain('tier_to_archive');
  });
});

describe('azure.TieredStorage uploads', () => {
  test('abortIncompleteUploadsAfterDays: 7 (what Azure does) is accepted', () => {
    expect(account(storage({ tiers: COOL_COLD, abortIncompleteUploadsAfterDays: 7 })).account_replication_type).toBe('ZRS');
  });

  test('fails on another abortIncompleteUploadsAfterDays: Azure discards uncommitted blocks after a week', () => {
    expect(() => storage({ tiers: COOL_COLD, abortIncompleteUploadsAfterDays: 3 }))
      .toThrow(/TieredStorage 'test\/Data'[\s\S]*- abortIncompleteUploadsAfterDays = 3: allowed: on Azure: 7 only/);
  });
});
