import { fleetDoc, network, resources, SSH_PUBLIC_KEY, synth } from './util';
import { azure, InstanceType, PurchaseOption, SpotEvictionPolicy, TerraformPolicyChecks } from '../../src';
import { factsOf, summaryFleet } from '../helpers';

const scaleSet = (doc: any) => resources(doc, 'azurerm_linux_virtual_machine_scale_set')[0];
const customData = (doc: any) => Buffer.from(scaleSet(doc).custom_data, 'base64').toString('utf8');

describe('azure.GpuFleet', () => {
  test('Standard_ND96isr_H100_v5: one placement group, proximity placement group, one fault domain, no overprovisioning', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 4 });
    const vmss = scaleSet(doc);
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

  test('placement: false: no proximity placement group, and still one placement group (the InfiniBand fabric domain)', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 4, placement: false });
    expect(resources(doc, 'azurerm_proximity_placement_group')).toHaveLength(0);
    expect(scaleSet(doc).proximity_placement_group_id).toBeUndefined();
    expect(scaleSet(doc)).toMatchObject({ single_placement_group: true, platform_fault_domain_count: 1 });
  });

  test('one InfiniBand node is not co-located (placement defaults to false for one node), yet keeps the fabric domain', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 1 });
    expect(resources(doc, 'azurerm_proximity_placement_group')).toHaveLength(0);
    expect(scaleSet(doc).single_placement_group).toBe(true);
  });

  test('an Ethernet size gets none of the InfiniBand settings', () => {
    const vmss = scaleSet(fleetDoc('Standard_NC24ads_A100_v4', { nodes: 1 }));
    expect(vmss.single_placement_group).toBe(false);
    expect(vmss.platform_fault_domain_count).toBeUndefined();
    expect(vmss.proximity_placement_group_id).toBeUndefined();
  });

  test('spot with an eviction policy; capacity reservation group', () => {
    const spot = scaleSet(fleetDoc('Standard_ND96isr_H100_v5', { purchase: PurchaseOption.spot({ evictionPolicy: SpotEvictionPolicy.DEALLOCATE }) }));
    expect(spot).toMatchObject({ priority: 'Spot', eviction_policy: 'Deallocate', max_bid_price: -1 });
    const crg = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/capacityReservationGroups/gpu';
    expect(scaleSet(fleetDoc('Standard_ND96isr_H100_v5', { purchase: PurchaseOption.reservation(crg) })).capacity_reservation_group_id).toBe(crg);
  });

  test('scale to zero: working-hours and off-hours profiles in the Windows time zone', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, scaleToZero: { timeZone: 'Europe/Berlin' } });
    const profiles = resources(doc, 'azurerm_monitor_autoscale_setting')[0].profile;
    expect(profiles).toEqual([
      { name: 'working-hours', capacity: { minimum: 2, default: 2, maximum: 2 }, recurrence: { timezone: 'W. Europe Standard Time', days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], hours: [7], minutes: [0] } },
      { name: 'off-hours', capacity: { minimum: 0, default: 0, maximum: 0 }, recurrence: { timezone: 'W. Europe Standard Time', days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], hours: [20], minutes: [0] } },
    ]);
  });

  test('minNodes and maxNodes without a schedule: one autoscale profile keeps the count between them', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 3, minNodes: 1, maxNodes: 4 });
    const [setting] = resources(doc, 'azurerm_monitor_autoscale_setting');
    expect(setting.target_resource_id).toMatch(/azurerm_linux_virtual_machine_scale_set\.Fleet_ScaleSet_\w+\.id/);
    expect(setting.profile).toEqual([{ name: 'bounds', capacity: { minimum: 1, default: 3, maximum: 4 } }]);
    expect(scaleSet(doc).instances).toBe(3);
  });

  test('encryption at host by default (policy rule AZ-VM-2); false only when asked, and the pack then finds it', () => {
    expect(resources(fleetDoc('Standard_ND96isr_H100_v5'), 'azurerm_linux_virtual_machine_scale_set')[0].encryption_at_host_enabled).toBe(true);
    const off = fleetDoc('Standard_ND96isr_H100_v5', { encryptionAtHost: false });
    expect(resources(off, 'azurerm_linux_virtual_machine_scale_set')[0].encryption_at_host_enabled).toBe(false);
    expect(TerraformPolicyChecks.check(off).findings.map((f) => f.ruleId)).toEqual(['AZ-VM-2']);
  });

  test('nodes alone: no autoscale setting', () => {
    expect(resources(fleetDoc('Standard_ND96isr_H100_v5', { nodes: 3 }), 'azurerm_monitor_autoscale_setting')).toHaveLength(0);
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

describe('azure.GpuFleet GPU metrics', () => {
  const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2 });

  test('custom data installs a timer that posts nvidia-smi utilization to the regional custom metrics endpoint each minute', () => {
    const text = customData(doc);
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(text).toContain("'--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'");
    // the token: the scale set's system-assigned identity, through the instance metadata service, for Azure Monitor
    expect(text).toContain('identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmonitoring.azure.com%2F');
    expect(text).toContain("'https://%s.monitoring.azure.com%s/metrics' % (vm['location'], scale_set)");
    expect(text).toContain('/providers/Microsoft.Compute/virtualMachineScaleSets/%s');
    expect(text).toContain("'metric': 'GpuUtilization', 'namespace': 'AIInfra.Gpu', 'dimNames': ['Instance']");
    expect(text).toContain('OnUnitActiveSec=1min');
    expect(text).toContain('[systemctl, enable, --now, ai-infra-gpu-metrics.timer]');
  });

  test('custom data holds no secret and no deployment value (everything comes from the metadata service)', () => {
    const text = customData(doc);
    expect(text).not.toMatch(/password|secret|client_secret|AccountKey|SharedAccessSignature|ssh-ed25519/i);
    expect(text).not.toContain('eastus');
    expect(text).not.toContain('${');
  });

  test('the scale set identity may publish metrics on the scale set', () => {
    expect(resources(doc, 'azurerm_role_assignment')).toEqual([expect.objectContaining({
      role_definition_name: 'Monitoring Metrics Publisher',
      scope: expect.stringMatching(/^\$\{azurerm_linux_virtual_machine_scale_set\.Fleet_ScaleSet_\w+\.id\}$/),
      principal_id: expect.stringMatching(/azurerm_linux_virtual_machine_scale_set\.Fleet_ScaleSet_\w+\.identity\[0\]\.principal_id/),
      principal_type: 'ServicePrincipal',
    })]);
  });

  test('idle alert: the custom metric averages below 10% for an hour', () => {
    const [alert] = resources(doc, 'azurerm_monitor_metric_alert');
    expect(alert).toMatchObject({
      scopes: [expect.stringMatching(/azurerm_linux_virtual_machine_scale_set\.Fleet_ScaleSet_\w+\.id/)],
      window_size: 'PT1H',
      criteria: [{ metric_namespace: 'AIInfra.Gpu', metric_name: 'GpuUtilization', aggregation: 'Average', operator: 'LessThan', threshold: 10, skip_metric_validation: true }],
    });
    expect(JSON.stringify(resources(doc, 'azurerm_monitor_metric_alert'))).not.toContain('Percentage CPU');
  });

  test('idleGpuPercent sets the idle threshold', () => {
    const d = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, idleGpuPercent: 20 });
    expect(resources(d, 'azurerm_monitor_metric_alert')[0].criteria[0].threshold).toBe(20);
  });

  test('gpuMetrics: false: no custom data, no publisher role, no idle alert', () => {
    const d = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, gpuMetrics: false });
    expect(scaleSet(d).custom_data).toBeUndefined();
    expect(resources(d, 'azurerm_role_assignment')).toHaveLength(0);
    expect(resources(d, 'azurerm_monitor_metric_alert')).toHaveLength(0);
  });

  test('the fleet keeps its key out of custom data (the admin key sits in admin_ssh_key)', () => {
    const d = synth((s) => {
      new azure.GpuFleet(s, 'Fleet', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: network(s), adminSshPublicKey: SSH_PUBLIC_KEY });
    });
    expect(scaleSet(d).admin_ssh_key).toEqual([{ username: 'azureuser', public_key: SSH_PUBLIC_KEY }]);
    expect(customData(d)).not.toContain(SSH_PUBLIC_KEY);
  });
});

describe('azure.GpuFleet: current hardware from the catalog (issue 15)', () => {
  test('the InfiniBand placement group limit: 100 by default, the error names placementGroupVmLimit', () => {
    expect(() => fleetDoc('Standard_ND96isr_H100_v5', { nodes: 150 }))
      .toThrow(/nodes = 150: allowed: a whole number from 0 to 100 \(.*raises the limit to 300 on request: then set the fleet's placementGroupVmLimit \(up to 300\)\)/);
  });

  test('placementGroupVmLimit raises it (one scale set, one placement group of 300 VMs)', () => {
    const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 300, placementGroupVmLimit: 300 });
    expect(scaleSet(doc)).toMatchObject({ instances: 300, single_placement_group: true, platform_fault_domain_count: 1 });
    // the facts manifest records that the fleet counts on the raised limit
    expect(JSON.stringify(doc.locals)).toContain('"placementGroupVmLimit":300');
    expect(() => fleetDoc('Standard_ND96isr_H100_v5', { nodes: 250, placementGroupVmLimit: 200 }))
      .toThrow(/nodes = 250: allowed: a whole number from 0 to 200/);
  });

  test.each([0, 301, 1.5])('placementGroupVmLimit %p is refused (1 to 300)', (limit) => {
    expect(() => fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, placementGroupVmLimit: limit }))
      .toThrow(/placementGroupVmLimit = .*: allowed: a whole number from 1 to 300 VMs/);
  });

  test('placementGroupVmLimit on an Ethernet size is refused (no placement group to raise)', () => {
    expect(() => fleetDoc('Standard_NC24ads_A100_v4', { nodes: 1, placementGroupVmLimit: 200 }))
      .toThrow(/placementGroupVmLimit = 200: allowed: unset for Standard_NC24ads_A100_v4/);
  });

  test('Standard_ND96asr_v4 records its 8 front-end NICs at 24 Gbps (not counted in the fabric)', () => {
    expect(InstanceType.STANDARD_ND96ASR_V4.network.frontEndGbps).toBe(24);
    expect(InstanceType.STANDARD_ND96ASR_V4.maxGbps).toBe(1600);
  });

  test.each([
    ['Standard_ND96isr_H200_v5', 3200, {}],
    ['Standard_ND96isr_MI300X_v5', 3200, {}],
    ['Standard_ND128isr_NDR_GB200_v6', 1600, { image: { publisher: 'example', offer: 'gb200-arm64', sku: 'arm64' } }],
  ])('%s: one InfiniBand placement group at 100%% of the published %d Gbps', (type, gbps, extra) => {
    const doc = fleetDoc(type as string, { nodes: 4, ...(extra as any) });
    expect(scaleSet(doc)).toMatchObject({ sku: type, single_placement_group: true, platform_fault_domain_count: 1 });
    const f = factsOf(doc).fleets[0];
    expect([f.configuredGbps, f.maxGbps]).toEqual([gbps, gbps]);
  });

  test('MI300X (AMD): the ROCm Ubuntu-HPC image, and no nvidia-smi GPU metric by default', () => {
    const doc = fleetDoc('Standard_ND96isr_MI300X_v5', { nodes: 2 });
    expect(scaleSet(doc).source_image_reference).toEqual({ publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204-rocm', version: 'latest' });
    expect(scaleSet(doc).custom_data).toBeUndefined();
    expect(resources(doc, 'azurerm_monitor_metric_alert')).toHaveLength(0);
    expect(() => fleetDoc('Standard_ND96isr_MI300X_v5', { nodes: 2, gpuMetrics: true }))
      .toThrow(/gpuMetrics = true: allowed: false or unset for Standard_ND96isr_MI300X_v5 \(the GPU metric is read with nvidia-smi; amd accelerators have none\)/);
  });

  test('ND GB200 v6 (Grace, arm64): no verified default image, so the fleet must name one', () => {
    expect(() => fleetDoc('Standard_ND128isr_NDR_GB200_v6', { nodes: 2 }))
      .toThrow(/image = undefined: allowed: a marketplace image for Standard_ND128isr_NDR_GB200_v6 \(nvidia accelerators on an arm64 host\)/);
    expect(InstanceType.STANDARD_ND128ISR_NDR_GB200_V6.architecture).toBe('arm64');
  });
});
