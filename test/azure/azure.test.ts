import { Testing } from 'cdktf';
import { buildApp } from '../../examples/azure/main';
import { GpuFleetSpec, GpuFleetSpecProps, InstanceType, PurchaseOption, SpotEvictionPolicy, StorageEncryption, StorageTierClass, TerraformPolicyChecks } from '../../src';
import * as azure from '../../src/azure';
import { DEMO_ADMIN_SSH_PUBLIC_KEY } from '../../src/demo/scenarios';
import { TerraformStack } from '../../src/tf';
import { factsOf, summaryFleet } from '../helpers';

Testing.setupJest();
const where = { resourceGroupName: 'rg-ml', location: 'eastus' };

function synth(build: (s: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}
function resources(doc: any, type: string): any[] {
  return Object.values(doc.resource?.[type] ?? {});
}
function network(s: TerraformStack, fleet?: Partial<GpuFleetSpecProps>, extra: any = {}) {
  return new azure.ClusterNetwork(s, 'Network', {
    ...where,
    ...extra,
    fleet: fleet ? new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, ...fleet } as GpuFleetSpecProps) : undefined,
  });
}
function fleetDoc(type: string, extra: any = {}) {
  return synth((s) => {
    const props = { instanceType: InstanceType.of(type), ...extra };
    new azure.GpuFleet(s, 'Fleet', { ...props, network: network(s, props), adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
  });
}

describe('azure.ClusterNetwork', () => {
  const doc = synth((s) => { network(s, { nodes: 4 }, { gatewaySubnet: true }); });

  test('virtual network with compute, private endpoint and GatewaySubnet subnets, no default outbound access', () => {
    expect(resources(doc, 'azurerm_virtual_network')[0].address_space).toEqual(['10.40.0.0/16']);
    const subnets = resources(doc, 'azurerm_subnet');
    expect(subnets.map((s) => s.name).sort()).toEqual(['GatewaySubnet', 'test-compute', 'test-private-endpoints']);
    expect(subnets.find((s) => s.name === 'test-compute')).toMatchObject({ default_outbound_access_enabled: false, address_prefixes: ['10.40.255.0/24'] });
    expect(subnets.find((s) => s.name === 'GatewaySubnet').address_prefixes).toEqual(['10.40.16.0/27']);
  });

  test('NSGs admit the virtual network and deny the internet inbound, and are attached', () => {
    for (const nsg of resources(doc, 'azurerm_network_security_group')) {
      expect(nsg.security_rule).toEqual(expect.arrayContaining([
        expect.objectContaining({ name: 'deny-internet-inbound', access: 'Deny', direction: 'Inbound', source_address_prefix: 'Internet' }),
      ]));
    }
    expect(resources(doc, 'azurerm_subnet_network_security_group_association')).toHaveLength(2);
    expect(resources(doc, 'azurerm_nat_gateway')).toHaveLength(0);
  });

  test('a NAT gateway only with internetEgress', () => {
    expect(resources(synth((s) => { network(s, undefined, { internetEgress: true }); }), 'azurerm_nat_gateway')).toHaveLength(1);
  });

  test('fails on a bad location', () => {
    expect(() => synth((s) => { new azure.ClusterNetwork(s, 'Network', { resourceGroupName: 'rg', location: 'East US' }); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*location = 'East US'/);
  });
});

describe('azure.GpuFleet', () => {
  test('Standard_ND96isr_H100_v5: one placement group, proximity placement group, one fault domain, no overprovisioning', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 4 });
    const vmss = resources(doc, 'azurerm_linux_virtual_machine_scale_set')[0];
    expect(vmss).toMatchObject({
      sku: 'Standard_ND96isr_H100_v5',
      instances: 4,
      single_placement_group: true,
      platform_fault_domain_count: 1,
      overprovision: false,
      proximity_placement_group_id: expect.stringContaining('azurerm_proximity_placement_group'),
      source_image_reference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' },
      identity: { type: 'SystemAssigned' },
      disable_password_authentication: true,
      priority: 'Regular',
    });
    expect(vmss.network_interface[0]).toMatchObject({ enable_accelerated_networking: true, primary: true });
    expect(vmss.network_interface[0].ip_configuration[0].public_ip_address).toBeUndefined();
    expect(vmss.extension[0]).toMatchObject({ type: 'AADSSHLoginForLinux' });
  });

  test('an Ethernet size gets none of the InfiniBand settings', () => {
    const vmss = resources(fleetDoc('Standard_NC24ads_A100_v4', { nodes: 1 }), 'azurerm_linux_virtual_machine_scale_set')[0];
    expect(vmss.single_placement_group).toBe(false);
    expect(vmss.platform_fault_domain_count).toBeUndefined();
    expect(vmss.proximity_placement_group_id).toBeUndefined();
  });

  test('spot with an eviction policy; capacity reservation group', () => {
    const spot = resources(fleetDoc('Standard_ND96isr_H100_v5', { purchase: PurchaseOption.spot({ evictionPolicy: SpotEvictionPolicy.DEALLOCATE }) }), 'azurerm_linux_virtual_machine_scale_set')[0];
    expect(spot).toMatchObject({ priority: 'Spot', eviction_policy: 'Deallocate', max_bid_price: -1 });
    const crg = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/capacityReservationGroups/gpu';
    expect(resources(fleetDoc('Standard_ND96isr_H100_v5', { purchase: PurchaseOption.reservation(crg) }), 'azurerm_linux_virtual_machine_scale_set')[0].capacity_reservation_group_id).toBe(crg);
  });

  test('scale to zero: working-hours and off-hours profiles in the Windows time zone', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, scaleToZero: { timeZone: 'Europe/Berlin' } });
    const profiles = resources(doc, 'azurerm_monitor_autoscale_setting')[0].profile;
    expect(profiles).toEqual([
      { name: 'working-hours', capacity: { minimum: 2, default: 2, maximum: 2 }, recurrence: { timezone: 'W. Europe Standard Time', days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], hours: [7], minutes: [0] } },
      { name: 'off-hours', capacity: { minimum: 0, default: 0, maximum: 0 }, recurrence: { timezone: 'W. Europe Standard Time', days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], hours: [20], minutes: [0] } },
    ]);
  });

  test('fails above 100 VMs in one InfiniBand set', () => {
    expect(() => fleetDoc('Standard_ND96isr_H100_v5', { nodes: 101 })).toThrow(/nodes = 101: allowed: a whole number from 0 to 100 \(Standard_ND96isr_H100_v5 shares InfiniBand only inside one placement group/);
  });

  test('fails without an SSH public key, and on an IANA zone Azure cannot use', () => {
    expect(() => synth((s) => {
      new azure.GpuFleet(s, 'Fleet', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: network(s), adminSshPublicKey: 'hunter2' });
    })).toThrow(/adminSshPublicKey = '\(not an OpenSSH public key\)'/);
    expect(() => fleetDoc('Standard_NC4as_T4_v3', { scaleToZero: { timeZone: 'Pacific/Fiji' } })).toThrow(/scaleToZero.timeZone = 'Pacific\/Fiji'/);
  });

  test('fleet figures: 3200 Gbps in one placement group, 0 of fabric outside one', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2 });
    expect(factsOf(doc).fleets.map(summaryFleet)).toEqual([{ path: 'test/Fleet', instanceType: 'Standard_ND96isr_H100_v5', nodes: 2, configuredGbps: 3200, maxGbps: 3200 }]);
    (Object.values(doc.resource.azurerm_linux_virtual_machine_scale_set)[0] as any).single_placement_group = false;
    expect(factsOf(doc).fleets.map(summaryFleet)[0].configuredGbps).toBe(0);
  });
});

describe('azure.TieredStorage', () => {
  const doc = synth((s) => {
    const st = new azure.TieredStorage(s, 'Data', { ...where, network: network(s), encryption: StorageEncryption.CUSTOMER_MANAGED });
    st.grantReadWrite('00000000-0000-0000-0000-000000000001');
  });
  const account = resources(doc, 'azurerm_storage_account')[0];

  test('StorageV2, HTTPS only, TLS 1.2, no public nested items, no shared keys, infrastructure encryption, deny by default, prevent_destroy', () => {
    expect(account).toMatchObject({
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
    expect(account.name).toMatch(/^[a-z0-9]{3,24}$/);
  });

  test('customer-managed key in a purge-protected vault, with rotation', () => {
    expect(account.customer_managed_key).toEqual({ key_vault_key_id: expect.stringContaining('versionless_id'), user_assigned_identity_id: expect.any(String) });
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

  test('auto tiering turns on last-access tracking', () => {
    const d = synth((s) => { new azure.TieredStorage(s, 'Data', { ...where, autoTiering: true }); });
    expect(resources(d, 'azurerm_storage_account')[0].blob_properties.last_access_time_enabled).toBe(true);
    expect(JSON.stringify(resources(d, 'azurerm_storage_management_policy')[0])).toContain('tier_to_cool_after_days_since_last_access_time_greater_than');
  });

  test('fails on archive before 180 days', () => {
    expect(() => synth((s) => { new azure.TieredStorage(s, 'Data', { ...where, tiers: [{ storageClass: StorageTierClass.ARCHIVE, afterDays: 120 }] }); }))
      .toThrow(/tiers\[0\]\.afterDays = 120: allowed: a whole number from 180/);
  });
});

describe('azure.ModelEndpoint', () => {
  const doc = synth((s) => { new azure.ModelEndpoint(s, 'Serving', { network: network(s), modelAssetId: 'azureml://registries/azureml/models/bert/versions/1' }); });

  test('workspace with its dependencies, public access off, managed network', () => {
    expect(resources(doc, 'azurerm_machine_learning_workspace')[0]).toMatchObject({
      public_network_access_enabled: false,
      managed_network: { isolation_mode: 'AllowOnlyApprovedOutbound' },
      identity: { type: 'SystemAssigned' },
      application_insights_id: expect.any(String),
      key_vault_id: expect.any(String),
      storage_account_id: expect.any(String),
      container_registry_id: expect.any(String),
    });
    expect(resources(doc, 'azurerm_key_vault')[0].purge_protection_enabled).toBe(true);
    expect(resources(doc, 'azurerm_application_insights')[0].workspace_id).toContain('azurerm_log_analytics_workspace');
  });

  test('online endpoint and deployment through an ARM template deployment, scoring URI output', () => {
    const dep = resources(doc, 'azurerm_resource_group_template_deployment')[0];
    const template = JSON.parse(dep.template_content);
    expect(template.resources.map((r: any) => r.type)).toEqual([
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
    ]);
    expect(template.resources[0].properties).toEqual({ authMode: 'AADToken', publicNetworkAccess: 'Disabled' });
    expect(template.resources[1].properties).toMatchObject({
      instanceType: 'Standard_NC4as_T4_v3',
      scaleSettings: { scaleType: 'TargetUtilization', minInstances: 1, maxInstances: 4 },
    });
    expect(template.resources[1].sku).toEqual({ name: 'Default', capacity: 1 });
    expect(doc.output.serving_scoring_uri.value).toContain('output_content');
  });

  test('fails on an SKU managed online endpoints do not take', () => {
    expect(() => synth((s) => { new azure.ModelEndpoint(s, 'Serving', { network: network(s), instanceType: 'Standard_B2s' }); }))
      .toThrow(/instanceType = 'Standard_B2s': allowed: an Azure ML online endpoint SKU/);
  });
});

describe('Terraform policy checks on Azure output', () => {
  test('the example passes every rule', () => {
    const app = buildApp(Testing.app(), DEMO_ADMIN_SSH_PUBLIC_KEY);
    const doc = JSON.parse(Testing.synth(app.node.findChild('training-platform') as TerraformStack));
    const report = TerraformPolicyChecks.check(doc);
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBeGreaterThan(8);
  });

  test('control: an open NSG rule, a public IP and an HTTP storage account are found', () => {
    const doc = {
      resource: {
        azurerm_network_security_group: { open: { security_rule: [{ name: 'ssh', direction: 'Inbound', access: 'Allow', source_address_prefix: '*' }] } },
        azurerm_linux_virtual_machine_scale_set: { v: { network_interface: [{ ip_configuration: [{ public_ip_address: [{ name: 'pip' }] }] }] } },
        azurerm_storage_account: { s: { https_traffic_only_enabled: false, min_tls_version: 'TLS1_0' } },
      },
    };
    const ids = TerraformPolicyChecks.check(doc).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['AZ-NSG-1', 'AZ-VM-1', 'AZ-ST-1', 'AZ-ST-2']));
  });
});
