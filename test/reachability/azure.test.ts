import { AzureNetworkModel } from './azure-model';
import { clone, synthDemoStacks } from './model';

// the three demo stacks, synthesized once for this file as the demo builds them
const stacks = synthDemoStacks('azure');
const COMPUTE = 'azurerm_subnet.Network_ComputeSubnet_29CD7B13';

describe.each(stacks.map((s) => [s.name, s] as const))('Azure reachability: %s', (_name, stack) => {
  const model = new AzureNetworkModel(stack.document);

  test('fleet nodes reach the storage account over HTTPS through the Microsoft.Storage service endpoint', () => {
    expect(model.canReach('fleet', 'bucket', 443, 'tcp')).toMatchObject({
      reachable: true,
      reason: expect.stringMatching(/service endpoint Microsoft\.Storage on azurerm_subnet\.Network_ComputeSubnet.*AllowInternetOutBound \(default\)/),
    });
  });

  test('fleet nodes reach every container registry of the stack through its private endpoint (privatelink.azurecr.io linked to the VNet)', () => {
    expect(model.canReach('fleet', 'registry', 443, 'tcp').reachable).toBe(true);
    const registries = model.registries();
    expect([...registries].sort()).toEqual(stack.strategy === 'edge-centric'
      ? ['azurerm_container_registry.EdgeRegistry', 'azurerm_container_registry.Serving_Registry_82798F60']
      : ['azurerm_container_registry.Serving_Registry_82798F60']);
    const endpoint = { 'azurerm_container_registry.Serving_Registry_82798F60': 'Serving_RegistryEndpoint_BC3B15B3', 'azurerm_container_registry.EdgeRegistry': 'EdgeRegistryEndpoint' } as Record<string, string>;
    for (const r of registries) {
      expect(model.fleetToRegistry(r)).toMatchObject({
        reachable: true,
        reason: expect.stringMatching(new RegExp('outbound tcp/443 from azurerm_subnet\\.Network_ComputeSubnet_29CD7B13 allowed by AllowVnetOutBound \\(default\\); '
          + 'inbound tcp/443 into azurerm_subnet\\.Network_PrivateEndpointSubnet_FA0666BE allowed by .*allow-vnet-inbound; '
          + `private endpoint azurerm_private_endpoint\\.${endpoint[r]} with privatelink\\.azurecr\\.io$`)),
      });
    }
  });

  // FIXED (issue 14): the GPU utilization goes through the Logs Ingestion API to the fleet's data collection endpoint
  // (public network access off), which with the workspace is in the network's Azure Monitor private link scope; the
  // compute subnet reaches the scope's private endpoint, and privatelink.monitor.azure.com (linked to the VNet) holds the
  // endpoint's ingestion host. Before, the custom metrics REST API had no path: a scope does not carry it
  // (MicrosoftDocs/azure-docs articles/azure-monitor/logs/private-link-security.md).
  test('fleet nodes reach Azure Monitor: the data collection endpoint through the private link scope\'s private endpoint', () => {
    expect(model.canReach('fleet', 'logs', 443, 'tcp')).toMatchObject({
      reachable: true,
      reason: expect.stringMatching(new RegExp('outbound tcp/443 from azurerm_subnet\\.Network_ComputeSubnet_29CD7B13 allowed by AllowVnetOutBound \\(default\\); '
        + 'inbound tcp/443 into azurerm_subnet\\.Network_PrivateEndpointSubnet_FA0666BE allowed by .*allow-vnet-inbound; '
        + 'private endpoint azurerm_private_endpoint\\.Network_MonitorScopeEndpoint_[0-9A-F]+ with privatelink\\.monitor\\.azure\\.com$')),
    });
  });

  test('no public path to Azure Monitor: the endpoint refuses public traffic, the subnet has none', () => {
    const doc = clone(stack.document);
    delete doc.resource.azurerm_private_endpoint[Object.keys(doc.resource.azurerm_private_endpoint).find((k) => k.startsWith('Network_MonitorScopeEndpoint'))!];
    expect(new AzureNetworkModel(doc).canReach('fleet', 'logs', 443, 'tcp').reason)
      .toMatch(/^fleet cannot reach Azure Monitor: no private endpoint to azurerm_monitor_private_link_scope\.Network_MonitorScope_[0-9A-F]+ \(azuremonitor\) \| azurerm_monitor_data_collection_endpoint\.Training_GpuIngestion_[0-9A-F]+ has public network access off$/);
  });

  test('fleet nodes reach each other on every protocol (the VNet rule; InfiniBand RDMA is outside the NSG)', () => {
    expect(model.canReach('fleet', 'fleetPeer', 0, 'all')).toMatchObject({ reachable: true, reason: expect.stringMatching(/allow-vnet-inbound/) });
  });

  test('the endpoint container reaches its model data, registry and logs through the workspace\'s managed network', () => {
    for (const d of ['modelData', 'registry', 'logs'] as const) {
      expect(model.canReach('endpointContainer', d, 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/managed network \(AllowOnlyApprovedOutbound\)/) });
    }
  });

  test('nothing more: no inbound from anywhere, no internet egress, fleet ingress only from the VNet (and the declared site)', () => {
    expect(model.openIngress()).toEqual([]);
    expect(model.canReach('fleet', 'internet', 443, 'tcp').reason).toMatch(/has no outbound path to public addresses/);
    expect(model.fleetIngressFromOutside()).toEqual(stack.scenario === 'regulated-records'
      ? ['azurerm_network_security_group.Network_ComputeNsg_BA82974A allow-on-premises-inbound from 172.16.0.0/16'] : []);
    expect(model.evaluate(COMPUTE, 'Inbound', { ip: '198.51.100.7', tags: ['Internet'] }, { ip: '10.40.255.4', tags: [] }, 'tcp', 22).reason)
      .toMatch(/denied by azurerm_network_security_group\.Network_ComputeNsg_BA82974A deny-internet-inbound/);
  });
});

describe('Azure reachability: edge', () => {
  const edge = stacks.find((s) => s.strategy === 'edge-centric')!;

  test('edge devices pull their modules from the edge registry over its public endpoint (authenticated pulls only)', () => {
    expect(new AzureNetworkModel(edge.document).canReach('edge', 'registry', 443, 'tcp'))
      .toEqual({ reachable: true, reason: 'edge devices reach azurerm_container_registry.EdgeRegistry over its public endpoint' });
    const registry = edge.document.resource.azurerm_container_registry.EdgeRegistry;
    expect(registry).toMatchObject({ admin_enabled: false, anonymous_pull_enabled: false, sku: 'Premium' });
  });

  test('the fleet reaches the edge registry through its own private endpoint too', () => {
    const pe = edge.document.resource.azurerm_private_endpoint.EdgeRegistryEndpoint;
    expect(pe.private_service_connection).toMatchObject({ private_connection_resource_id: '${azurerm_container_registry.EdgeRegistry.id}', subresource_names: ['registry'] });
    expect(pe.subnet_id).toBe('${azurerm_subnet.Network_PrivateEndpointSubnet_FA0666BE.id}');
  });

  test('negative controls: public network access off (no site link) or network rules that deny every address cut the devices off; device ranges admit them', () => {
    const doc = clone(edge.document);
    doc.resource.azurerm_container_registry.EdgeRegistry.public_network_access_enabled = false;
    expect(new AzureNetworkModel(doc).canReach('edge', 'registry', 443, 'tcp').reason)
      .toBe('edge devices cannot reach azurerm_container_registry.EdgeRegistry: public network access off, no site-to-site link');
    const doc2 = clone(edge.document);
    doc2.resource.azurerm_container_registry.EdgeRegistry.network_rule_set = [{ default_action: 'Deny' }];
    expect(new AzureNetworkModel(doc2).canReach('edge', 'registry', 443, 'tcp').reason)
      .toBe('edge devices cannot reach azurerm_container_registry.EdgeRegistry: its network rules deny every address and admit no device range');
    doc2.resource.azurerm_container_registry.EdgeRegistry.network_rule_set = [{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/28' }] }];
    expect(new AzureNetworkModel(doc2).canReach('edge', 'registry', 443, 'tcp').reason)
      .toBe('edge devices reach azurerm_container_registry.EdgeRegistry over its public endpoint (the device ranges its network rules admit)');
  });
});

describe('Azure reachability: the model finds broken networks, and the fix paths (controls)', () => {
  const base = stacks.find((s) => s.strategy === 'cloud-first')!.document;

  test('breaking an NSG rule\'s priority (deny above the VNet allow) cuts the fleet off its peers', () => {
    const doc = clone(base);
    const rule = doc.resource.azurerm_network_security_group.Network_ComputeNsg_BA82974A.security_rule.find((r: any) => r.name === 'deny-internet-inbound');
    Object.assign(rule, { priority: 90, source_address_prefix: '*' });
    expect(new AzureNetworkModel(doc).canReach('fleet', 'fleetPeer', 0, 'all').reason)
      .toMatch(/inbound all\/\* into azurerm_subnet\.Network_ComputeSubnet_29CD7B13 denied by .*deny-internet-inbound/);
  });

  test('without the subnet in the storage account\'s network rules (or without the service endpoint) the bucket is out of reach', () => {
    const doc = clone(base);
    doc.resource.azurerm_storage_account.Data_Account_56ADE307.network_rules.virtual_network_subnet_ids = [];
    expect(new AzureNetworkModel(doc).canReach('fleet', 'bucket', 443, 'tcp').reason).toMatch(/does not admit .*not in its network rules/);
    const doc2 = clone(base);
    doc2.resource.azurerm_subnet.Network_ComputeSubnet_29CD7B13.service_endpoints = ['Microsoft.KeyVault'];
    expect(new AzureNetworkModel(doc2).canReach('fleet', 'bucket', 443, 'tcp').reason).toMatch(/has no Microsoft\.Storage service endpoint/);
    const doc3 = clone(base);
    doc3.resource.azurerm_network_security_group.Network_ComputeNsg_BA82974A.security_rule.push({ name: 'deny-storage-out', priority: 200, direction: 'Outbound', access: 'Deny', protocol: 'Tcp', source_address_prefix: '*', destination_address_prefix: 'Storage', destination_port_range: '443' });
    expect(new AzureNetworkModel(doc3).canReach('fleet', 'bucket', 443, 'tcp').reason).toMatch(/denied by .*deny-storage-out/);
  });

  test('a workspace without its managed network cannot feed the container from its private storage', () => {
    const doc = clone(base);
    delete doc.resource.azurerm_machine_learning_workspace.Serving_Workspace_4538A9E2.managed_network;
    expect(new AzureNetworkModel(doc).canReach('endpointContainer', 'modelData', 443, 'tcp').reason)
      .toBe('endpoint container cannot reach model data: azurerm_machine_learning_workspace.Serving_Workspace_4538A9E2 has no managed network and azurerm_storage_account.Serving_Storage_7418B5D6 has public network access off');
  });

  test('negative controls: the Azure Monitor path needs the scope\'s zone linked, its zone group, the endpoint and the workspace in the scope', () => {
    const key = (doc: any, type: string, prefix: string) => Object.keys(doc.resource[type]).find((k) => k.startsWith(prefix))!;
    const noLink = clone(base);
    const zone = key(noLink, 'azurerm_private_dns_zone', 'Network_PrivatelinkMonitorAzureCom');
    for (const [k, l] of Object.entries<any>(noLink.resource.azurerm_private_dns_zone_virtual_network_link)) {
      if (l.private_dns_zone_name.includes(zone)) delete noLink.resource.azurerm_private_dns_zone_virtual_network_link[k];
    }
    expect(new AzureNetworkModel(noLink).canReach('fleet', 'logs', 443, 'tcp').reason)
      .toMatch(/^fleet cannot reach Azure Monitor: private endpoint azurerm_private_endpoint\.Network_MonitorScopeEndpoint_[0-9A-F]+: no privatelink\.monitor\.azure\.com zone linked to azurerm_virtual_network\.Network_Vnet_70FCC000 \|/);
    const noGroup = clone(base);
    delete noGroup.resource.azurerm_private_endpoint[key(noGroup, 'azurerm_private_endpoint', 'Network_MonitorScopeEndpoint')].private_dns_zone_group;
    expect(new AzureNetworkModel(noGroup).canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/no DNS zone group writes its records into azurerm_private_dns_zone\.Network_PrivatelinkMonitorAzureCom/);
    const noScoped = clone(base);
    delete noScoped.resource.azurerm_monitor_private_link_scoped_service[key(noScoped, 'azurerm_monitor_private_link_scoped_service', 'Network_GpuIngestionScoped')];
    expect(new AzureNetworkModel(noScoped).canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/azurerm_monitor_private_link_scope\.Network_MonitorScope_[0-9A-F]+ does not hold azurerm_monitor_data_collection_endpoint\.Training_GpuIngestion_/);
    const noWorkspace = clone(base);
    delete noWorkspace.resource.azurerm_monitor_private_link_scoped_service[key(noWorkspace, 'azurerm_monitor_private_link_scoped_service', 'Network_GpuLogsScoped')];
    expect(new AzureNetworkModel(noWorkspace).canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/does not hold the rule's workspace azurerm_log_analytics_workspace\.Training_GpuLogs_/);
    // the old path: a scale set that posts elsewhere (no data collection endpoint) has none
    const old = clone(base);
    old.resource.azurerm_linux_virtual_machine_scale_set[Object.keys(old.resource.azurerm_linux_virtual_machine_scale_set)[0]].custom_data = 'I2Nsb3VkLWNvbmZpZw==';
    expect(new AzureNetworkModel(old).canReach('fleet', 'logs', 443, 'tcp').reason).toBe('fleet cannot reach Azure Monitor: the fleet sends to no data collection endpoint');
    // with internet egress and the endpoint's public access on, the public path counts (the model is not blind to it)
    const open = clone(base);
    open.resource.azurerm_monitor_data_collection_endpoint[key(open, 'azurerm_monitor_data_collection_endpoint', 'Training_GpuIngestion')].public_network_access_enabled = true;
    open.resource.azurerm_subnet.Network_ComputeSubnet_29CD7B13.default_outbound_access_enabled = true;
    delete open.resource.azurerm_monitor_private_link_scope;
    expect(new AzureNetworkModel(open).canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/default outbound access of .*AllowInternetOutBound/);
  });

  test('negative controls: without the private endpoint, its zone link or its DNS zone group the registry is out of reach', () => {
    const noPe = clone(base);
    delete noPe.resource.azurerm_private_endpoint.Serving_RegistryEndpoint_BC3B15B3;
    expect(new AzureNetworkModel(noPe).canReach('fleet', 'registry', 443, 'tcp').reason)
      .toBe('fleet cannot reach a container registry: no private endpoint to azurerm_container_registry.Serving_Registry_82798F60 (registry) | azurerm_container_registry.Serving_Registry_82798F60 has public network access off');
    const noLink = clone(base);
    delete noLink.resource.azurerm_private_dns_zone_virtual_network_link;
    expect(new AzureNetworkModel(noLink).canReach('fleet', 'registry', 443, 'tcp').reason)
      .toMatch(/private endpoint azurerm_private_endpoint\.Serving_RegistryEndpoint_BC3B15B3: no privatelink\.azurecr\.io zone linked to azurerm_virtual_network\.Network_Vnet_70FCC000/);
    const noGroup = clone(base);
    delete noGroup.resource.azurerm_private_endpoint.Serving_RegistryEndpoint_BC3B15B3.private_dns_zone_group;
    expect(new AzureNetworkModel(noGroup).canReach('fleet', 'registry', 443, 'tcp').reason)
      .toMatch(/no DNS zone group writes its records into azurerm_private_dns_zone\.Network_PrivatelinkAzurecrIo_BC9C23FA/);
    const denied = clone(base);
    denied.resource.azurerm_network_security_group.Network_PrivateEndpointNsg_6AC3785C.security_rule.unshift({ name: 'deny-https', priority: 90, direction: 'Inbound', access: 'Deny', protocol: 'Tcp', source_address_prefix: '*', destination_address_prefix: '*', destination_port_range: '443' });
    expect(new AzureNetworkModel(denied).canReach('fleet', 'registry', 443, 'tcp').reason).toMatch(/denied by .*deny-https/);
  });
});
