import { Testing, TerraformStack } from 'cdktf';
import { azure, GpuFleetSpec, GpuFleetSpecProps, InstanceType, StorageEncryption, TerraformPolicyChecks } from '../../src';
import { AZURE_POLICY_RULES } from '../../src/azure/policy';

/**
 * The Azure half of the policy corpus: small insecure Terraform JSON documents, each flagged by exactly the rule it
 * is written for (and by no other), each with a secure twin that passes every rule.
 */

// secure baselines, one per resource type: every rule of the pack passes them
const STORAGE = {
  min_tls_version: 'TLS1_2',
  https_traffic_only_enabled: true,
  allow_nested_items_to_be_public: false,
  infrastructure_encryption_enabled: true,
  public_network_access_enabled: false,
  shared_access_key_enabled: false,
};
const VMSS = {
  disable_password_authentication: true,
  encryption_at_host_enabled: true,
  identity: { type: 'SystemAssigned' },
  network_interface: [{ name: 'nic', ip_configuration: [{ name: 'internal', subnet_id: 'x' }] }],
};
const NSG_RULE = { name: 'vnet', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*', source_address_prefix: 'VirtualNetwork', destination_port_range: '*' };
const VAULT = { purge_protection_enabled: true, soft_delete_retention_days: 90, network_acls: { default_action: 'Deny', bypass: 'AzureServices' } };
const KEY = { key_type: 'RSA-HSM', key_size: 3072, rotation_policy: { expire_after: 'P365D', automatic: { time_before_expiry: 'P30D' } } };
const SECRET = { content_type: 'text/plain', expiration_date: '2027-06-30T00:00:00Z' };
const WORKSPACE = { public_network_access_enabled: false, high_business_impact: true, managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' } };
const REGISTRY = {
  admin_enabled: false,
  public_network_access_enabled: false,
  anonymous_pull_enabled: false,
  trust_policy_enabled: true,
  quarantine_policy_enabled: true,
  retention_policy_in_days: 30,
};
const FLOW_LOG = {
  enabled: true,
  version: 2,
  retention_policy: { enabled: true, days: 90 },
  target_resource_id: '${azurerm_virtual_network.vnet.id}',
  storage_account_id: '${azurerm_storage_account.logs.id}',
};

const one = (type: string, config: object) => ({ resource: { [type]: { r: config } } });
/** The registry's private endpoint (AZ-ACR-2): sub-resource registry, automatic approval, a DNS zone group. */
const REGISTRY_ENDPOINT = {
  subnet_id: '${azurerm_subnet.pe.id}',
  private_service_connection: { name: 'r', is_manual_connection: false, private_connection_resource_id: '${azurerm_container_registry.r.id}', subresource_names: ['registry'] },
  private_dns_zone_group: { name: 'default', private_dns_zone_ids: ['${azurerm_private_dns_zone.acr.id}'] },
};
/** A registry with its private endpoint (or `endpoint`, or none with `null`). */
const registry = (config: object, endpoint: object | null = REGISTRY_ENDPOINT) => ({
  resource: { azurerm_container_registry: { r: config }, ...(endpoint ? { azurerm_private_endpoint: { pe: endpoint } } : {}) },
});
const ACKNOWLEDGED = { 'ai-infra-acknowledged-AZ-PRIV-1': 'IoT Edge devices pull their modules over the internet' };
/** A virtual network with one subnet, its NSG association and a VNet flow log; `drop` leaves one of them out. */
function subnetDoc(drop?: 'association' | 'flowLog', subnet: object = {}) {
  return {
    resource: {
      azurerm_virtual_network: { vnet: { name: 'vnet', address_space: ['10.0.0.0/16'] } },
      azurerm_subnet: { compute: { name: 'compute', virtual_network_name: '${azurerm_virtual_network.vnet.name}', address_prefixes: ['10.0.0.0/24'], ...subnet } },
      azurerm_network_security_group: { nsg: { security_rule: [NSG_RULE] } },
      ...(drop === 'association' ? {} : {
        azurerm_subnet_network_security_group_association: {
          a: { subnet_id: '${azurerm_subnet.compute.id}', network_security_group_id: '${azurerm_network_security_group.nsg.id}' },
        },
      }),
      ...(drop === 'flowLog' ? {} : { azurerm_network_watcher_flow_log: { fl: FLOW_LOG } }),
    },
  };
}

interface Case { readonly rule: string; readonly name: string; readonly insecure: any; readonly secure: any }
const CASES: Case[] = [
  { rule: 'AZ-ST-1', name: 'storage on TLS 1.0', insecure: one('azurerm_storage_account', { ...STORAGE, min_tls_version: 'TLS1_0' }), secure: one('azurerm_storage_account', STORAGE) },
  { rule: 'AZ-ST-1', name: 'storage taking HTTP', insecure: one('azurerm_storage_account', { ...STORAGE, https_traffic_only_enabled: false }), secure: one('azurerm_storage_account', STORAGE) },
  { rule: 'AZ-ST-2', name: 'storage with public blobs allowed', insecure: one('azurerm_storage_account', { ...STORAGE, allow_nested_items_to_be_public: true }), secure: one('azurerm_storage_account', STORAGE) },
  {
    rule: 'AZ-ST-2',
    name: 'storage without infrastructure encryption',
    insecure: one('azurerm_storage_account', { ...STORAGE, infrastructure_encryption_enabled: undefined }),
    secure: one('azurerm_storage_account', STORAGE),
  },
  {
    rule: 'AZ-ST-2',
    name: 'storage open to every network',
    insecure: one('azurerm_storage_account', { ...STORAGE, public_network_access_enabled: true, network_rules: { default_action: 'Allow' } }),
    secure: one('azurerm_storage_account', { ...STORAGE, public_network_access_enabled: true, network_rules: { default_action: 'Deny' } }),
  },
  { rule: 'AZ-ST-3', name: 'storage with shared keys (the default)', insecure: one('azurerm_storage_account', { ...STORAGE, shared_access_key_enabled: undefined }), secure: one('azurerm_storage_account', STORAGE) },
  {
    rule: 'AZ-ST-3',
    name: 'storage with shared keys acknowledged without a reason',
    insecure: one('azurerm_storage_account', { ...STORAGE, shared_access_key_enabled: true, tags: { 'ai-infra-acknowledged-AZ-ST-3': 'ok' } }),
    secure: one('azurerm_storage_account', { ...STORAGE, shared_access_key_enabled: true, tags: { 'ai-infra-acknowledged-AZ-ST-3': 'the flow log service writes with the account key' } }),
  },
  {
    rule: 'AZ-ST-4',
    name: 'blob container with anonymous read',
    insecure: one('azurerm_storage_container', { name: 'data', container_access_type: 'blob' }),
    secure: one('azurerm_storage_container', { name: 'data', container_access_type: 'private' }),
  },
  {
    rule: 'AZ-VM-1',
    name: 'scale set NIC with a public IP',
    insecure: one('azurerm_linux_virtual_machine_scale_set', { ...VMSS, network_interface: [{ name: 'nic', ip_configuration: [{ name: 'i', public_ip_address: [{ name: 'pip' }] }] }] }),
    secure: one('azurerm_linux_virtual_machine_scale_set', VMSS),
  },
  { rule: 'AZ-VM-1', name: 'scale set with password login', insecure: one('azurerm_linux_virtual_machine_scale_set', { ...VMSS, disable_password_authentication: false }), secure: one('azurerm_linux_virtual_machine_scale_set', VMSS) },
  { rule: 'AZ-VM-2', name: 'GPU scale set without encryption at host', insecure: one('azurerm_linux_virtual_machine_scale_set', { ...VMSS, encryption_at_host_enabled: false }), secure: one('azurerm_linux_virtual_machine_scale_set', VMSS) },
  { rule: 'AZ-VM-2', name: 'scale set without a managed identity', insecure: one('azurerm_linux_virtual_machine_scale_set', { ...VMSS, identity: undefined }), secure: one('azurerm_linux_virtual_machine_scale_set', VMSS) },
  {
    rule: 'AZ-NSG-1',
    name: 'NSG rule from lower-case "internet" to SSH',
    insecure: one('azurerm_network_security_group', { security_rule: [NSG_RULE, { ...NSG_RULE, name: 'ssh', source_address_prefix: 'internet', destination_port_range: '22' }] }),
    secure: one('azurerm_network_security_group', { security_rule: [NSG_RULE, { ...NSG_RULE, name: 'ssh', source_address_prefix: '10.1.0.0/16', destination_port_range: '22' }] }),
  },
  {
    rule: 'AZ-NSG-1',
    name: 'NSG rule from * to RDP',
    insecure: one('azurerm_network_security_group', { security_rule: [{ ...NSG_RULE, name: 'rdp', source_address_prefix: '*', destination_port_range: '3389' }] }),
    secure: one('azurerm_network_security_group', { security_rule: [{ ...NSG_RULE, name: 'rdp', access: 'Deny', source_address_prefix: '*', destination_port_range: '3389' }] }),
  },
  {
    rule: 'AZ-NSG-1',
    name: 'NSG rule with 0.0.0.0/0 among its source prefixes',
    insecure: one('azurerm_network_security_group', { security_rule: [{ ...NSG_RULE, source_address_prefix: undefined, source_address_prefixes: ['10.0.0.0/8', '0.0.0.0/0'] }] }),
    secure: one('azurerm_network_security_group', { security_rule: [{ ...NSG_RULE, source_address_prefix: undefined, source_address_prefixes: ['10.0.0.0/8'] }] }),
  },
  {
    rule: 'AZ-NSG-1',
    name: 'standalone NSG rule from "ANY" to SSH',
    insecure: one('azurerm_network_security_rule', { ...NSG_RULE, name: 'ssh', source_address_prefix: 'ANY', destination_port_range: '22' }),
    secure: one('azurerm_network_security_rule', { ...NSG_RULE, name: 'ssh', direction: 'Outbound', source_address_prefix: 'ANY', destination_port_range: '22' }),
  },
  { rule: 'AZ-NET-1', name: 'subnet without a network security group', insecure: subnetDoc('association'), secure: subnetDoc() },
  { rule: 'AZ-NET-2', name: 'GPU subnet without flow logs', insecure: subnetDoc('flowLog'), secure: subnetDoc() },
  {
    rule: 'AZ-NET-3',
    name: 'flow logs kept 30 days',
    insecure: one('azurerm_network_watcher_flow_log', { ...FLOW_LOG, retention_policy: { enabled: true, days: 30 } }),
    secure: one('azurerm_network_watcher_flow_log', FLOW_LOG),
  },
  { rule: 'AZ-NET-3', name: 'disabled flow log', insecure: one('azurerm_network_watcher_flow_log', { ...FLOW_LOG, enabled: false }), secure: one('azurerm_network_watcher_flow_log', FLOW_LOG) },
  { rule: 'AZ-KV-1', name: 'vault without purge protection', insecure: one('azurerm_key_vault', { ...VAULT, purge_protection_enabled: false }), secure: one('azurerm_key_vault', VAULT) },
  {
    rule: 'AZ-KV-1',
    name: 'vault open to public networks',
    insecure: one('azurerm_key_vault', { ...VAULT, public_network_access_enabled: true, network_acls: { default_action: 'Allow', bypass: 'AzureServices' } }),
    secure: one('azurerm_key_vault', { ...VAULT, public_network_access_enabled: true }),
  },
  {
    rule: 'AZ-KV-1',
    name: 'vault whose IP rules let in every address',
    insecure: one('azurerm_key_vault', { ...VAULT, network_acls: { ...VAULT.network_acls, ip_rules: ['0.0.0.0/0'] } }),
    secure: one('azurerm_key_vault', { ...VAULT, network_acls: { ...VAULT.network_acls, ip_rules: ['203.0.113.7/32'] } }),
  },
  { rule: 'AZ-KV-2', name: 'key without expiry', insecure: one('azurerm_key_vault_key', { ...KEY, rotation_policy: undefined }), secure: one('azurerm_key_vault_key', { ...KEY, rotation_policy: undefined, expiration_date: '2027-06-30T00:00:00Z' }) },
  {
    rule: 'AZ-KV-2',
    name: 'key whose rotation policy never rotates it',
    insecure: one('azurerm_key_vault_key', { ...KEY, rotation_policy: { expire_after: 'P365D' } }),
    secure: one('azurerm_key_vault_key', KEY),
  },
  { rule: 'AZ-KV-3', name: 'software-protected key', insecure: one('azurerm_key_vault_key', { ...KEY, key_type: 'RSA' }), secure: one('azurerm_key_vault_key', KEY) },
  { rule: 'AZ-KV-4', name: 'secret without a content type', insecure: one('azurerm_key_vault_secret', { ...SECRET, content_type: undefined }), secure: one('azurerm_key_vault_secret', SECRET) },
  { rule: 'AZ-KV-4', name: 'secret that never expires', insecure: one('azurerm_key_vault_secret', { ...SECRET, expiration_date: undefined }), secure: one('azurerm_key_vault_secret', SECRET) },
  { rule: 'AZ-PRIV-1', name: 'ML workspace open to public networks', insecure: one('azurerm_machine_learning_workspace', { ...WORKSPACE, public_network_access_enabled: true }), secure: one('azurerm_machine_learning_workspace', WORKSPACE) },
  { rule: 'AZ-PRIV-1', name: 'registry with the admin user', insecure: registry({ ...REGISTRY, admin_enabled: true }), secure: registry(REGISTRY) },
  { rule: 'AZ-ML-1', name: 'ML workspace without high business impact', insecure: one('azurerm_machine_learning_workspace', { ...WORKSPACE, high_business_impact: false }), secure: one('azurerm_machine_learning_workspace', WORKSPACE) },
  {
    rule: 'AZ-ML-1',
    name: 'ML workspace with open outbound',
    insecure: one('azurerm_machine_learning_workspace', { ...WORKSPACE, managed_network: { isolation_mode: 'AllowInternetOutbound' } }),
    secure: one('azurerm_machine_learning_workspace', WORKSPACE),
  },
  { rule: 'AZ-ACR-1', name: 'registry with anonymous pull', insecure: registry({ ...REGISTRY, anonymous_pull_enabled: true }), secure: registry(REGISTRY) },
  { rule: 'AZ-ACR-1', name: 'registry without quarantine', insecure: registry({ ...REGISTRY, quarantine_policy_enabled: false }), secure: registry(REGISTRY) },
  {
    rule: 'AZ-ACR-1',
    name: 'registry without quarantine, acknowledged with too short a reason',
    insecure: registry({ ...REGISTRY, quarantine_policy_enabled: false, tags: { 'ai-infra-acknowledged-AZ-ACR-1': 'no scanner' } }),
    secure: registry({ ...REGISTRY, quarantine_policy_enabled: false, tags: { 'ai-infra-acknowledged-AZ-ACR-1': 'nothing in the stack marks pushed images Passed' } }),
  },
  {
    rule: 'AZ-ACR-1',
    name: 'registry with anonymous pull (an acknowledgement covers quarantine only)',
    insecure: registry({ ...REGISTRY, quarantine_policy_enabled: false, anonymous_pull_enabled: true, tags: { 'ai-infra-acknowledged-AZ-ACR-1': 'nothing in the stack marks pushed images Passed' } }),
    secure: registry({ ...REGISTRY, quarantine_policy_enabled: false, tags: { 'ai-infra-acknowledged-AZ-ACR-1': 'nothing in the stack marks pushed images Passed' } }),
  },
  {
    rule: 'AZ-PRIV-1',
    name: 'registry open to public networks without an acknowledgement (or with a reason under 20 characters)',
    insecure: registry({ ...REGISTRY, public_network_access_enabled: true, tags: { 'ai-infra-acknowledged-AZ-PRIV-1': 'devices' } }),
    secure: registry({ ...REGISTRY, public_network_access_enabled: true, tags: ACKNOWLEDGED }),
  },
  { rule: 'AZ-ACR-2', name: 'registry without a private endpoint', insecure: registry(REGISTRY, null), secure: registry(REGISTRY) },
  {
    rule: 'AZ-ACR-2',
    name: 'registry whose private endpoint goes to another sub-resource',
    insecure: registry(REGISTRY, { ...REGISTRY_ENDPOINT, private_service_connection: { ...REGISTRY_ENDPOINT.private_service_connection, subresource_names: ['blob'] } }),
    secure: registry(REGISTRY),
  },
  {
    rule: 'AZ-ACR-2',
    name: 'registry private endpoint without a DNS zone group',
    insecure: registry(REGISTRY, { ...REGISTRY_ENDPOINT, private_dns_zone_group: undefined }),
    secure: registry(REGISTRY),
  },
  {
    rule: 'AZ-ACR-2',
    name: 'registry private endpoint waiting for manual approval',
    insecure: registry(REGISTRY, { ...REGISTRY_ENDPOINT, private_service_connection: [{ ...REGISTRY_ENDPOINT.private_service_connection, is_manual_connection: true }] }),
    secure: registry(REGISTRY, { ...REGISTRY_ENDPOINT, private_service_connection: [REGISTRY_ENDPOINT.private_service_connection] }),
  },
  { rule: 'AZ-MON-1', name: 'logs kept 30 days', insecure: one('azurerm_log_analytics_workspace', { retention_in_days: 30 }), secure: one('azurerm_log_analytics_workspace', { retention_in_days: 90 }) },
];

/** The rule ids of a document's findings, each once. */
function flagged(doc: any): string[] {
  return [...new Set(TerraformPolicyChecks.check(doc).findings.map((f) => f.ruleId))];
}

describe('Azure policy corpus', () => {
  test('has at least 20 insecure documents and one for every Azure rule', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(CASES.map((c) => c.rule))).toEqual(new Set(AZURE_POLICY_RULES.map((r) => r.id)));
  });

  test('every Azure rule names the checkov (or tfsec) checks it mirrors', () => {
    for (const r of AZURE_POLICY_RULES) {
      expect([r.id, (r.mirrors ?? []).length > 0]).toEqual([r.id, true]);
      expect(r.mirrors!.every((m) => /^(CKV2?_AZURE_\d+|tfsec azure-[a-z-]+|cloudsploit [A-Z][\w ]+)$/.test(m))).toBe(true);
    }
  });

  test('the five constructs with their defaults (a gateway subnet, customer-managed and plain storage) pass every rule', () => {
    const where = { resourceGroupName: 'rg-ml', location: 'eastus' };
    const stack = new TerraformStack(Testing.app(), 't');
    const fleetSpec = { instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, nodes: 4 } as GpuFleetSpecProps;
    const net = new azure.ClusterNetwork(stack, 'Network', { ...where, gatewaySubnet: true, fleet: new GpuFleetSpec(fleetSpec) });
    const fleet = new azure.GpuFleet(stack, 'Training', {
      ...fleetSpec,
      network: net,
      adminSshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-test (private key discarded)',
    });
    new azure.TieredStorage(stack, 'Data', { ...where, network: net, encryption: StorageEncryption.CUSTOMER_MANAGED });
    new azure.TieredStorage(stack, 'Plain', where);
    const endpoint = new azure.ModelEndpoint(stack, 'Serving', { network: net, modelAssetId: 'azureml://registries/azureml/models/bert/versions/1' });
    new azure.PlatformMonitoring(stack, 'Monitoring', { fleet, endpoint });
    const report = TerraformPolicyChecks.check(JSON.parse(Testing.synth(stack)));
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBeGreaterThan(30);
  });

  test.each(CASES.map((c) => [c.rule, c.name, c] as const))('%s flags only %s', (rule, _name, c) => {
    expect(flagged(c.insecure)).toEqual([rule]);
  });

  test.each(CASES.map((c) => [c.rule, c.name, c] as const))('%s: the secure twin of %s passes every rule', (_rule, _name, c) => {
    const report = TerraformPolicyChecks.check(c.secure);
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBeGreaterThan(0);
  });
});
