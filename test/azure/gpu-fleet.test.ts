import { addresses, fleetDoc, network, resources, SSH_PUBLIC_KEY, synth } from './util';
import { azure, InstanceType, PurchaseOption, SpotEvictionPolicy, TerraformPolicyChecks } from '../../src';
import { factsOf, summaryFleet } from '../helpers';

const scaleSet = (doc: any) => resources(doc, 'azurerm_linux_virtual_machine_scale_set')[0];
/** The cloud-config text: Terraform encodes it (`${base64encode("...")}`), since it names the data collection endpoint and rule. */
const customData = (doc: any) => {
  const m = /^\$\{base64encode\((".*")\)\}$/s.exec(scaleSet(doc).custom_data);
  if (!m) throw new Error(`custom_data is not a base64encode() expression: ${scaleSet(doc).custom_data}`);
  return JSON.parse(m[1]) as string;
};

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

describe('azure.GpuFleet GPU metrics (Logs Ingestion API through the private link scope, issue 14)', () => {
  const doc = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2 });
  const one = (type: string) => {
    const r = resources(doc, type);
    expect(r).toHaveLength(1);
    return r[0];
  };

  test('custom data installs a timer that posts nvidia-smi utilization to the data collection endpoint each minute', () => {
    const text = customData(doc);
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(text).toContain("'--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'");
    // the token: the scale set's system-assigned identity, through the instance metadata service, for the Logs Ingestion API
    expect(text).toContain('identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmonitor.azure.com\'');
    expect(text).toMatch(/ENDPOINT = '\$\{azurerm_monitor_data_collection_endpoint\.Fleet_GpuIngestion_\w+\.logs_ingestion_endpoint\}'/);
    expect(text).toMatch(/RULE = '\$\{azurerm_monitor_data_collection_rule\.Fleet_GpuRule_\w+\.immutable_id\}'/);
    expect(text).toContain("'%s/dataCollectionRules/%s/streams/Custom-GpuUtilization?api-version=2023-01-01' % (ENDPOINT, RULE)");
    expect(text).toContain("'GpuUtilization': sum(gpus) / len(gpus), 'GpuCount': len(gpus)}");
    expect(text).toContain('data=json.dumps([row])');
    expect(text).not.toContain('monitoring.azure.com');
    expect(text).toContain('OnUnitActiveSec=1min');
    expect(text).toContain('[systemctl, enable, --now, ai-infra-gpu-metrics.timer]');
  });

  test('custom data holds no secret', () => {
    const text = customData(doc);
    expect(text).not.toMatch(/password|secret|client_secret|AccountKey|SharedAccessSignature|ssh-ed25519/i);
    expect(text).not.toContain('eastus');
  });

  test('a workspace of its own (ingestion through private link only), the custom table, the endpoint (public access off) and the rule', () => {
    expect(one('azurerm_log_analytics_workspace')).toMatchObject({ sku: 'PerGB2018', retention_in_days: 90, internet_ingestion_enabled: false, internet_query_enabled: true });
    const table = one('azurerm_log_analytics_workspace_table_custom_log');
    expect(table).toMatchObject({ name: 'GpuUtilization_CL', workspace_id: expect.stringMatching(/azurerm_log_analytics_workspace\.Fleet_GpuLogs_\w+\.id/) });
    const columns = [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'Computer', type: 'string' }, { name: 'ScaleSet', type: 'string' }, { name: 'GpuUtilization', type: 'real' }, { name: 'GpuCount', type: 'int' }];
    expect(table.column).toEqual(columns);
    expect(one('azurerm_monitor_data_collection_endpoint')).toMatchObject({ public_network_access_enabled: false, kind: 'Linux' });
    const rule = one('azurerm_monitor_data_collection_rule');
    expect(rule).toMatchObject({
      data_collection_endpoint_id: expect.stringMatching(/azurerm_monitor_data_collection_endpoint\.Fleet_GpuIngestion_\w+\.id/),
      stream_declaration: [{ stream_name: 'Custom-GpuUtilization', column: columns }],
      destinations: { log_analytics: [{ name: 'workspace', workspace_resource_id: expect.stringMatching(/azurerm_log_analytics_workspace\.Fleet_GpuLogs_\w+\.id/) }] },
      data_flow: [{ streams: ['Custom-GpuUtilization'], destinations: ['workspace'], transform_kql: 'source', output_stream: 'Custom-GpuUtilization_CL' }],
    });
    // the table must exist before the rule that writes to it
    expect(rule.depends_on).toEqual([expect.stringMatching(/^azurerm_log_analytics_workspace_table_custom_log\.Fleet_GpuTable_\w+$/)]);
  });

  test('the scale set identity holds Monitoring Metrics Publisher on the data collection rule', () => {
    expect(resources(doc, 'azurerm_role_assignment')).toEqual([expect.objectContaining({
      role_definition_name: 'Monitoring Metrics Publisher',
      scope: expect.stringMatching(/^\$\{azurerm_monitor_data_collection_rule\.Fleet_GpuRule_\w+\.id\}$/),
      principal_id: expect.stringMatching(/azurerm_linux_virtual_machine_scale_set\.Fleet_ScaleSet_\w+\.identity\[0\]\.principal_id/),
      principal_type: 'ServicePrincipal',
    })]);
  });

  test('the network\'s private link scope holds the endpoint and the workspace; its private endpoint writes the five Azure Monitor zones', () => {
    expect(one('azurerm_monitor_private_link_scope')).toMatchObject({ ingestion_access_mode: 'PrivateOnly', query_access_mode: 'Open' });
    const scoped = resources(doc, 'azurerm_monitor_private_link_scoped_service');
    expect(scoped).toHaveLength(2);
    expect(scoped.map((x: any) => x.linked_resource_id)).toEqual(expect.arrayContaining([
      expect.stringMatching(/azurerm_log_analytics_workspace\.Fleet_GpuLogs_\w+\.id/),
      expect.stringMatching(/azurerm_monitor_data_collection_endpoint\.Fleet_GpuIngestion_\w+\.id/),
    ]));
    expect(scoped.every((x: any) => /^\$\{azurerm_monitor_private_link_scope\.Network_MonitorScope_\w+\.name\}$/.test(x.scope_name))).toBe(true);
    const pe = resources(doc, 'azurerm_private_endpoint').find((p: any) => p.private_service_connection.subresource_names[0] === 'azuremonitor');
    expect(pe.private_service_connection.private_connection_resource_id).toMatch(/azurerm_monitor_private_link_scope\.Network_MonitorScope_\w+\.id/);
    expect(pe.depends_on).toHaveLength(2);
    const zones = resources(doc, 'azurerm_private_dns_zone').map((z: any) => z.name).sort();
    expect(zones).toEqual(['privatelink.agentsvc.azure-automation.net', 'privatelink.blob.core.windows.net', 'privatelink.monitor.azure.com',
      'privatelink.ods.opinsights.azure.com', 'privatelink.oms.opinsights.azure.com']);
    expect(pe.private_dns_zone_group.private_dns_zone_ids).toHaveLength(5);
    expect(resources(doc, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(5);
  });

  test('idle alert: a log search alert, each VM\'s average below 10% over an hour', () => {
    const alert = one('azurerm_monitor_scheduled_query_rules_alert_v2');
    expect(alert).toMatchObject({
      scopes: [expect.stringMatching(/azurerm_log_analytics_workspace\.Fleet_GpuLogs_\w+\.id/)],
      window_duration: 'PT1H',
      evaluation_frequency: 'PT15M',
      severity: 2,
      skip_query_validation: true,
      criteria: [{
        time_aggregation_method: 'Average',
        metric_measure_column: 'GpuUtilization',
        operator: 'LessThan',
        threshold: 10,
        dimension: [{ name: 'Computer', operator: 'Include', values: ['*'] }],
      }],
    });
    expect(alert.criteria[0].query).toMatch(/^GpuUtilization_CL\n\| where ScaleSet == '[-a-z0-9]+'\n\| summarize GpuUtilization = avg\(GpuUtilization\) by Computer$/);
    expect(resources(doc, 'azurerm_monitor_metric_alert')).toHaveLength(0);
  });

  test('idleGpuPercent sets the idle threshold', () => {
    const d = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, idleGpuPercent: 20 });
    expect(resources(d, 'azurerm_monitor_scheduled_query_rules_alert_v2')[0].criteria[0].threshold).toBe(20);
  });

  test('gpuMetrics: false: no custom data, no publisher role, no ingestion path, no private link scope, no idle alert', () => {
    const d = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, gpuMetrics: false });
    expect(scaleSet(d).custom_data).toBeUndefined();
    for (const t of ['azurerm_role_assignment', 'azurerm_monitor_scheduled_query_rules_alert_v2', 'azurerm_monitor_data_collection_rule',
      'azurerm_monitor_data_collection_endpoint', 'azurerm_log_analytics_workspace', 'azurerm_monitor_private_link_scope']) {
      expect(resources(d, t)).toHaveLength(0);
    }
  });

  const WS = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/platform-logs';
  test('logAnalyticsWorkspaceId: the table, the rule, the alert and the scope use that workspace; the fleet creates none', () => {
    const d = fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, logAnalyticsWorkspaceId: WS });
    expect(resources(d, 'azurerm_log_analytics_workspace')).toHaveLength(0);
    expect(resources(d, 'azurerm_log_analytics_workspace_table_custom_log')[0].workspace_id).toBe(WS);
    expect(resources(d, 'azurerm_monitor_data_collection_rule')[0].destinations.log_analytics[0].workspace_resource_id).toBe(WS);
    expect(resources(d, 'azurerm_monitor_scheduled_query_rules_alert_v2')[0].scopes).toEqual([WS]);
    expect(resources(d, 'azurerm_monitor_private_link_scoped_service').map((x: any) => x.linked_resource_id)).toContain(WS);
  });

  test('a long name prefix: the data collection endpoint name stays within 44 characters, with a hash of the whole name', () => {
    const d = synth((s) => {
      new azure.GpuFleet(s, 'TrainingFleetForTheRecordsModel', {
        instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: network(s, undefined, { namePrefix: 'clinic-ai-records-model-production-east' }), adminSshPublicKey: SSH_PUBLIC_KEY,
      });
    });
    const [dce] = resources(d, 'azurerm_monitor_data_collection_endpoint');
    expect(dce.name.length).toBeLessThanOrEqual(44);
    expect(dce.name).toMatch(/^clinic-ai-records-model-production[-a-z0-9]*-[0-9a-f]{8}$/);
    // the scope's scoped service carries the same name
    expect(resources(d, 'azurerm_monitor_private_link_scoped_service').map((x: any) => x.name)).toContain(dce.name);
    // a short name is unchanged
    expect(resources(fleetDoc('Standard_NC4as_T4_v3'), 'azurerm_monitor_data_collection_endpoint')[0].name).toMatch(/^[-a-z0-9]+-gpu-dce$/);
  });

  test('a bad logAnalyticsWorkspaceId, or one without gpuMetrics, is refused naming the property', () => {
    expect(() => fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, logAnalyticsWorkspaceId: 'platform-logs' }))
      .toThrow(/GpuFleet '.*Fleet'[\s\S]*logAnalyticsWorkspaceId = 'platform-logs': allowed: a Log Analytics workspace resource id/);
    expect(() => fleetDoc('Standard_ND96isr_H100_v5', { nodes: 2, gpuMetrics: false, logAnalyticsWorkspaceId: WS }))
      .toThrow(/logAnalyticsWorkspaceId = .*: allowed: unset when gpuMetrics is false/);
  });

  test('two fleets on one network share its private link scope, its private endpoint and the shared workspace\'s scoped service', () => {
    const d = synth((s) => {
      const net = network(s);
      for (const id of ['A', 'B']) {
        new azure.GpuFleet(s, id, { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: net, adminSshPublicKey: SSH_PUBLIC_KEY, logAnalyticsWorkspaceId: WS });
      }
    });
    expect(resources(d, 'azurerm_monitor_private_link_scope')).toHaveLength(1);
    expect(resources(d, 'azurerm_private_endpoint').filter((p: any) => p.private_service_connection.subresource_names[0] === 'azuremonitor')).toHaveLength(1);
    expect(resources(d, 'azurerm_private_dns_zone')).toHaveLength(5);
    // one scoped service per endpoint, one for the shared workspace
    const scoped = resources(d, 'azurerm_monitor_private_link_scoped_service').map((x: any) => x.linked_resource_id);
    expect(scoped.filter((x: string) => x === WS)).toHaveLength(1);
    expect(scoped.filter((x: string) => x.includes('azurerm_monitor_data_collection_endpoint'))).toHaveLength(2);
    expect(resources(d, 'azurerm_monitor_data_collection_rule')).toHaveLength(2);
    expect(resources(d, 'azurerm_monitor_scheduled_query_rules_alert_v2')).toHaveLength(2);
    // one GpuUtilization_CL table in the shared workspace (a second would fail with ResourceRequiresImport), owned by
    // the network, like the shared workspace's scoped service: removing fleet A keeps both for fleet B
    const tables = addresses(d, 'azurerm_log_analytics_workspace_table_custom_log');
    expect(tables).toEqual([expect.stringMatching(/^azurerm_log_analytics_workspace_table_custom_log\.Network_GpuTable[0-9a-f]{8}_[0-9A-F]+$/)]);
    expect(resources(d, 'azurerm_log_analytics_workspace_table_custom_log')[0]).toMatchObject({ name: 'GpuUtilization_CL', workspace_id: WS });
    const scopedAddr = Object.entries<any>(d.resource.azurerm_monitor_private_link_scoped_service);
    for (const [addr] of scopedAddr) expect(addr).toMatch(/^Network_/);
    const wsScoped = scopedAddr.find(([, x]) => x.linked_resource_id === WS)!;
    expect(wsScoped[1].name).toMatch(/-logs-[0-9a-f]{8}$/);
    // both rules wait for the one table
    for (const r of resources(d, 'azurerm_monitor_data_collection_rule')) expect(r.depends_on).toEqual([`azurerm_log_analytics_workspace_table_custom_log.${tables[0].split('.')[1]}`]);
    // a moved block carries the table from where it sat before (A/GpuTable, the address a fleet's own table still has)
    const own = synth((s) => {
      new azure.GpuFleet(s, 'A', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: network(s), adminSshPublicKey: SSH_PUBLIC_KEY });
    });
    expect(addresses(own, 'azurerm_log_analytics_workspace_table_custom_log')).toEqual([expect.stringMatching(/\.A_GpuTable_[0-9A-F]+$/)]);
    expect(d.moved).toContainEqual({ from: addresses(own, 'azurerm_log_analytics_workspace_table_custom_log')[0], to: tables[0] });
    // and each scoped service from where it sat under its fleet (one moved block per resource the network now owns)
    for (const [fleet, what] of [['A', 'GpuIngestion'], ['B', 'GpuIngestion'], ['A', 'GpuLogs']]) {
      expect(d.moved).toContainEqual({
        from: expect.stringMatching(new RegExp(`^azurerm_monitor_private_link_scoped_service\\.${fleet}_${what}Scoped_[0-9A-F]{8}$`)),
        to: expect.stringMatching(new RegExp(`^azurerm_monitor_private_link_scoped_service\\.Network_${what}Scoped[0-9a-f]{8}_[0-9A-F]{8}$`)),
      });
    }
    expect(d.moved).toHaveLength(4);
    // without fleet A, fleet B keeps the same addresses and names for the table and the workspace's scoped service
    const onlyB = synth((s) => {
      new azure.GpuFleet(s, 'B', { instanceType: InstanceType.STANDARD_NC4AS_T4_V3, network: network(s), adminSshPublicKey: SSH_PUBLIC_KEY, logAnalyticsWorkspaceId: WS });
    });
    expect(addresses(onlyB, 'azurerm_log_analytics_workspace_table_custom_log')).toEqual(tables);
    expect(Object.entries<any>(onlyB.resource.azurerm_monitor_private_link_scoped_service).find(([, x]) => x.linked_resource_id === WS)).toEqual(wsScoped);
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
    expect(resources(doc, 'azurerm_monitor_scheduled_query_rules_alert_v2')).toHaveLength(0);
    expect(() => fleetDoc('Standard_ND96isr_MI300X_v5', { nodes: 2, gpuMetrics: true }))
      .toThrow(/gpuMetrics = true: allowed: false or unset for Standard_ND96isr_MI300X_v5 \(the GPU metric is read with nvidia-smi; amd accelerators have none\)/);
  });

  test('ND GB200 v6 (Grace, arm64): no verified default image, so the fleet must name one', () => {
    expect(() => fleetDoc('Standard_ND128isr_NDR_GB200_v6', { nodes: 2 }))
      .toThrow(/image = undefined: allowed: a marketplace image for Standard_ND128isr_NDR_GB200_v6 \(nvidia accelerators on an arm64 host\)/);
    expect(InstanceType.STANDARD_ND128ISR_NDR_GB200_V6.architecture).toBe('arm64');
  });
});
