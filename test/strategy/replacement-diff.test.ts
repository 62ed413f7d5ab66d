import { terraformReplacements, TF_REPLACING } from './replacement-diff';

/*
 * The update differ's Terraform lists against the provider source (hashicorp/google v6.50.0, hashicorp/azurerm
 * v4.55.0, the versions of the bindings): each case is a change the provider plans as a replacement, or as an
 * in-place update, per the schema cited in replacement-diff.ts.
 */
const one = (type: string, before: object, after: object) =>
  terraformReplacements({ resource: { [type]: { r: before } } }, { resource: { [type]: { r: after } } });

describe('Terraform replacements follow the provider schemas', () => {
  test('google subnet: a range that holds the old one is expanded in place, from another base too (IsShrinkageIpCidr)', () => {
    expect(one('google_compute_subnetwork', { ip_cidr_range: '10.0.1.0/24' }, { ip_cidr_range: '10.0.0.0/23' })).toEqual([]);
    expect(one('google_compute_subnetwork', { ip_cidr_range: '10.0.0.0/23' }, { ip_cidr_range: '10.0.1.0/24' })).toEqual([
      'google_compute_subnetwork.r: ip_cidr_range "10.0.0.0/23" -> "10.0.1.0/24" (replacement)',
    ]);
    expect(one('azurerm_subnet', { address_prefixes: ['10.1.4.0/24'] }, { address_prefixes: ['10.1.4.0/22'] })).toEqual([]);
  });

  test('azurerm storage account: replication between the zone-redundant and the other family replaces, within one family updates', () => {
    expect(one('azurerm_storage_account', { account_replication_type: 'LRS' }, { account_replication_type: 'ZRS' })).toEqual([
      'azurerm_storage_account.r: account_replication_type "LRS" -> "ZRS" (replacement)',
    ]);
    expect(one('azurerm_storage_account', { account_replication_type: 'GZRS' }, { account_replication_type: 'GRS' })).toHaveLength(1);
    expect(one('azurerm_storage_account', { account_replication_type: 'LRS' }, { account_replication_type: 'GRS' })).toEqual([]);
    expect(one('azurerm_storage_account', { account_replication_type: 'ZRS' }, { account_replication_type: 'RAGZRS' })).toEqual([]);
  });

  test('ForceNew arguments the lists lacked are replacements; a create-only argument that is not ForceNew is not', () => {
    expect(one('google_storage_bucket', { name: 'b', hierarchical_namespace: [{ enabled: false }] }, { name: 'b', hierarchical_namespace: [{ enabled: true }] }))
      .toHaveLength(1);
    expect(one('google_kms_crypto_key', { name: 'k', destroy_scheduled_duration: '86400s' }, { name: 'k', destroy_scheduled_duration: '604800s' })).toHaveLength(1);
    expect(one('google_artifact_registry_repository', { repository_id: 'r', kms_key_name: 'a' }, { repository_id: 'r', kms_key_name: 'b' })).toHaveLength(1);
    expect(one('azurerm_container_registry', { name: 'c', zone_redundancy_enabled: false }, { name: 'c', zone_redundancy_enabled: true })).toHaveLength(1);
    expect(one('azurerm_machine_learning_workspace', { name: 'w', high_business_impact: false }, { name: 'w', high_business_impact: true })).toHaveLength(1);
    // skip_initial_version_creation applies at creation only and is not ForceNew in google v6.50.0
    expect(one('google_kms_crypto_key', { name: 'k', skip_initial_version_creation: false }, { name: 'k', skip_initial_version_creation: true })).toEqual([]);
    expect(TF_REPLACING.google_kms_crypto_key).not.toContain('skip_initial_version_creation');
  });
});
