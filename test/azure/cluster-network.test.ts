import { addresses, network, resources, synth, where } from './util';
import { azure, ClusterNetworkSpec, GpuFleetSpec, InstanceType, TerraformPolicyChecks } from '../../src';

describe('azure.ClusterNetwork', () => {
  const doc = synth((s) => { network(s, { nodes: 4 }, { gatewaySubnet: true }); });

  test('virtual network with compute, private endpoint and GatewaySubnet subnets, no default outbound access', () => {
    expect(resources(doc, 'azurerm_virtual_network')[0].address_space).toEqual(['10.40.0.0/16']);
    const subnets = resources(doc, 'azurerm_subnet');
    expect(subnets.map((s) => s.name).sort()).toEqual(['GatewaySubnet', 'test-compute', 'test-private-endpoints']);
    expect(subnets.find((s) => s.name === 'test-compute')).toMatchObject({ default_outbound_access_enabled: false, address_prefixes: ['10.40.255.0/24'] });
    expect(subnets.find((s) => s.name === 'GatewaySubnet').address_prefixes).toEqual(['10.40.16.0/27']);
  });

  test('the subnets are the ones the neutral allocator plans (one private subnet, the gateway after it)', () => {
    const plan = new ClusterNetworkSpec({ fleet: new GpuFleetSpec({ instanceType: InstanceType.STANDARD_ND96ISR_H100_V5, nodes: 4 }) })
      .subnetPlan({ privateSubnets: 1, gatewaySubnet: true });
    const byName = Object.fromEntries(resources(doc, 'azurerm_subnet').map((s) => [s.name, s.address_prefixes[0]]));
    expect(byName).toEqual({ 'test-compute': plan.clusterSubnet, 'test-private-endpoints': plan.privateSubnets[0], 'GatewaySubnet': plan.gatewaySubnet });
    expect(byName['test-private-endpoints']).toBe('10.40.0.0/20');
  });

  test('NSGs admit the virtual network and deny the internet inbound, and are attached', () => {
    for (const nsg of resources(doc, 'azurerm_network_security_group')) {
      expect(nsg.security_rule).toEqual(expect.arrayContaining([
        expect.objectContaining({ name: 'deny-internet-inbound', access: 'Deny', direction: 'Inbound', source_address_prefix: 'Internet' }),
      ]));
      expect(nsg.security_rule.map((r: any) => r.name)).not.toContain('allow-on-premises-inbound');
    }
    expect(resources(doc, 'azurerm_subnet_network_security_group_association')).toHaveLength(2);
    expect(resources(doc, 'azurerm_nat_gateway')).toHaveLength(0);
  });

  test('both NSGs admit the on-premises ranges', () => {
    const d = synth((s) => { network(s, undefined, { onPremisesCidrs: ['172.16.0.0/16', '192.168.0.0/16'] }); });
    const nsgs = resources(d, 'azurerm_network_security_group');
    expect(nsgs).toHaveLength(2);
    for (const nsg of nsgs) {
      expect(nsg.security_rule).toContainEqual(expect.objectContaining({
        name: 'allow-on-premises-inbound', priority: 110, direction: 'Inbound', access: 'Allow', source_address_prefixes: ['172.16.0.0/16', '192.168.0.0/16'],
      }));
    }
  });

  test('a NAT gateway only with internetEgress', () => {
    expect(resources(synth((s) => { network(s, undefined, { internetEgress: true }); }), 'azurerm_nat_gateway')).toHaveLength(1);
  });

  test('fails on a bad location', () => {
    expect(() => synth((s) => { new azure.ClusterNetwork(s, 'Network', { resourceGroupName: 'rg', location: 'East US' }); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*location = 'East US'/);
  });

  test('fails on zones: Azure subnets are regional', () => {
    // an AWS prop (aws.ClusterNetworkProps): passed anyway (JavaScript), it is refused by name
    expect(() => synth((s) => { network(s, undefined, { zones: 3 } as Partial<azure.ClusterNetworkProps>); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*- zones = 3: allowed: on Azure: unset: Azure subnets are regional/);
  });

  test('fails on gpuNetworkCidr: InfiniBand takes no network addresses', () => {
    // a Google Cloud prop: azure.ClusterNetworkProps does not declare it; passed anyway (JavaScript), it is refused by name
    expect(() => synth((s) => { network(s, undefined, { gpuNetworkCidr: '172.20.0.0/16' } as Partial<azure.ClusterNetworkProps>); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*- gpuNetworkCidr = '172\.20\.0\.0\/16': allowed: on Azure: unset: InfiniBand/);
  });
});

describe('azure.ClusterNetwork flow logs', () => {
  const doc = synth((s) => { network(s); });

  test('flow logs by default: a VNet flow log through NetworkWatcher_<location> in NetworkWatcherRG, into an account of the network', () => {
    const logs = resources(doc, 'azurerm_network_watcher_flow_log');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toEqual(expect.objectContaining({
      network_watcher_name: 'NetworkWatcher_eastus',
      resource_group_name: 'NetworkWatcherRG',
      target_resource_id: expect.stringMatching(/^\$\{azurerm_virtual_network\.Network_Vnet_\w+\.id\}$/),
      storage_account_id: expect.stringMatching(/^\$\{azurerm_storage_account\.Network_FlowLogStorage_\w+\.id\}$/),
      enabled: true,
      version: 2,
      retention_policy: { enabled: true, days: 90 },
    }));
    expect(logs[0].network_security_group_id).toBeUndefined();
    // Azure allows one watcher per region per subscription: the network never creates one
    expect(resources(doc, 'azurerm_network_watcher')).toHaveLength(0);
  });

  test('the flow log account: same region, standard, HTTPS and TLS 1.2, no public blobs, deny by default with trusted services in', () => {
    const [account] = resources(doc, 'azurerm_storage_account');
    expect(account).toEqual(expect.objectContaining({
      location: 'eastus',
      resource_group_name: 'rg-ml',
      account_tier: 'Standard',
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      infrastructure_encryption_enabled: true,
      cross_tenant_replication_enabled: false,
      // the flow log service writes with the account key (azurerm 4.55 gives the flow log no identity)
      shared_access_key_enabled: true,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
      lifecycle: { prevent_destroy: true },
    }));
    expect(account.public_network_access_enabled).toBeUndefined();
    expect(account.name).toMatch(/^[a-z0-9]{3,24}$/);
    expect(TerraformPolicyChecks.check(doc).findings).toEqual([]);
  });

  test('flowLogs: false renders no flow log and no account', () => {
    const d = synth((s) => { network(s, undefined, { flowLogs: false }); });
    expect(resources(d, 'azurerm_network_watcher_flow_log')).toHaveLength(0);
    expect(resources(d, 'azurerm_storage_account')).toHaveLength(0);
  });

  test('another watcher, an existing account and a retention are honoured', () => {
    const account = '/subscriptions/0000/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/centrallogs';
    const d = synth((s) => {
      network(s, undefined, { networkWatcher: { name: 'nw-east', resourceGroupName: 'rg-watchers' }, flowLogStorageAccountId: account, flowLogRetentionDays: 30 });
    });
    expect(resources(d, 'azurerm_network_watcher_flow_log')[0]).toMatchObject({
      network_watcher_name: 'nw-east', resource_group_name: 'rg-watchers', storage_account_id: account, retention_policy: { enabled: true, days: 30 },
    });
    expect(resources(d, 'azurerm_storage_account')).toHaveLength(0);
  });

  test('enableFlowLogs (deprecated) re-targets the flow log and drops the account of the network', () => {
    const d = synth((s) => {
      const n = network(s);
      n.enableFlowLogs('${azurerm_storage_account.other.id}', 60);
      expect(n.flowLogStorage).toBeUndefined();
    });
    expect(addresses(d, 'azurerm_network_watcher_flow_log')).toEqual([expect.stringMatching(/^azurerm_network_watcher_flow_log\.Network_FlowLog_\w+$/)]);
    expect(resources(d, 'azurerm_network_watcher_flow_log')[0]).toMatchObject({ storage_account_id: '${azurerm_storage_account.other.id}', retention_policy: { days: 60 } });
    expect(resources(d, 'azurerm_storage_account')).toHaveLength(0);
  });

  test('fails on flow log settings without flow logs, and on a retention out of range', () => {
    expect(() => synth((s) => { network(s, undefined, { flowLogs: false, flowLogRetentionDays: 30 }); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*- flowLogRetentionDays = 30: allowed: unset when flowLogs is false/);
    expect(() => synth((s) => { network(s, undefined, { flowLogRetentionDays: 400 }); }))
      .toThrow(/- flowLogRetentionDays = 400: allowed: a whole number of days from 1 to 365/);
    expect(() => synth((s) => { network(s, undefined, { flowLogs: false }).enableFlowLogs('x'); }))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*- flowLogs = false: allowed: true \(or unset\)/);
  });

  test('the rendering reads where: a flow log of the region', () => {
    const d = synth((s) => { new azure.ClusterNetwork(s, 'Network', { ...where, location: 'westeurope' }); });
    expect(resources(d, 'azurerm_network_watcher_flow_log')[0].network_watcher_name).toBe('NetworkWatcher_westeurope');
    expect(resources(d, 'azurerm_storage_account')[0].location).toBe('westeurope');
  });
});

describe('private endpoints', () => {
  test('one privatelink zone per sub-resource, linked to the VNet once, however many endpoints use it', () => {
    const doc = synth((s) => {
      const net = network(s);
      net.addPrivateEndpoint(s, 'A', { resourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/a', subresource: 'registry', name: 'a-pe' });
      net.addPrivateEndpoint(s, 'B', { resourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/b', subresource: 'registry', name: 'b-pe' });
    });
    expect(resources(doc, 'azurerm_private_dns_zone').map((z) => z.name)).toEqual(['privatelink.azurecr.io']);
    expect(resources(doc, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(1);
    expect(resources(doc, 'azurerm_private_endpoint').map((p) => [p.name, p.subnet_id, p.private_dns_zone_group.private_dns_zone_ids])).toEqual([
      ['a-pe', '${azurerm_subnet.Network_PrivateEndpointSubnet_FA0666BE.id}', ['${azurerm_private_dns_zone.Network_PrivatelinkAzurecrIo_BC9C23FA.id}']],
      ['b-pe', '${azurerm_subnet.Network_PrivateEndpointSubnet_FA0666BE.id}', ['${azurerm_private_dns_zone.Network_PrivatelinkAzurecrIo_BC9C23FA.id}']],
    ]);
  });

  test('fails on a sub-resource without a known zone, or a bad name', () => {
    expect(() => synth((s) => network(s).addPrivateEndpoint(s, 'A', { resourceId: 'x', subresource: 'vault', name: 'a-pe' })))
      .toThrow(/ClusterNetwork.addPrivateEndpoint 'test\/Network \(test\/A\)'[\s\S]*- subresource = 'vault': allowed: registry or blob/);
    expect(() => synth((s) => network(s).addPrivateEndpoint(s, 'A', { resourceId: 'x', subresource: 'registry', name: '-bad name' })))
      .toThrow(/- name = '-bad name': allowed: 1-64 letters, digits/);
  });

  const ACR = (r: string) => `/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${r}`;

  test('each VNet link falls back to internet resolution on NXDOMAIN (NxDomainRedirect)', () => {
    const doc = synth((s) => {
      network(s).addPrivateEndpoint(s, 'A', { resourceId: ACR('a'), subresource: 'registry', name: 'a-pe' });
    });
    expect(resources(doc, 'azurerm_private_dns_zone_virtual_network_link').map((l) => l.resolution_policy)).toEqual(['NxDomainRedirect']);
  });

  test('two networks of one stack in one resource group: one zone of a name, each VNet linked to it', () => {
    const doc = synth((s) => {
      const a = network(s);
      const b = new azure.ClusterNetwork(s, 'Network2', { ...where, resourceGroupName: 'RG-ML', cidr: '10.1.0.0/16', namePrefix: 'spoke' });
      a.addPrivateEndpoint(s, 'A', { resourceId: ACR('a'), subresource: 'registry', name: 'a-pe' });
      b.addPrivateEndpoint(s, 'B', { resourceId: ACR('b'), subresource: 'registry', name: 'b-pe' });
    });
    expect(addresses(doc, 'azurerm_private_dns_zone')).toEqual([expect.stringMatching(/^azurerm_private_dns_zone\.Network_PrivatelinkAzurecrIo_BC9C23FA$/)]);
    const links = resources(doc, 'azurerm_private_dns_zone_virtual_network_link');
    expect(links.map((l) => [l.private_dns_zone_name, l.virtual_network_id])).toEqual([
      ['${azurerm_private_dns_zone.Network_PrivatelinkAzurecrIo_BC9C23FA.name}', expect.stringMatching(/azurerm_virtual_network\.Network2_Vnet_/)],
      ['${azurerm_private_dns_zone.Network_PrivatelinkAzurecrIo_BC9C23FA.name}', expect.stringMatching(/azurerm_virtual_network\.Network_Vnet_/)],
    ]);
    expect(new Set(links.map((l) => l.name)).size).toBe(2);
    expect(resources(doc, 'azurerm_private_endpoint').map((p) => p.private_dns_zone_group.private_dns_zone_ids))
      .toEqual([['${azurerm_private_dns_zone.Network_PrivatelinkAzurecrIo_BC9C23FA.id}'], ['${azurerm_private_dns_zone.Network_PrivatelinkAzurecrIo_BC9C23FA.id}']]);
  });

  test('privateDnsZoneIds: a given zone is neither created nor linked; the zone group uses its id', () => {
    const HUB = '/subscriptions/0/resourceGroups/hub-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io';
    const doc = synth((s) => {
      network(s, undefined, { privateDnsZoneIds: { 'privatelink.azurecr.io': HUB } })
        .addPrivateEndpoint(s, 'A', { resourceId: ACR('a'), subresource: 'registry', name: 'a-pe' });
    });
    expect(resources(doc, 'azurerm_private_dns_zone')).toHaveLength(0);
    expect(resources(doc, 'azurerm_private_dns_zone_virtual_network_link')).toHaveLength(0);
    expect(resources(doc, 'azurerm_private_endpoint')[0].private_dns_zone_group.private_dns_zone_ids).toEqual([HUB]);
  });

  test('privateDnsZoneIds: an unknown zone or an id that is not a zone of that name is refused naming the property', () => {
    expect(() => synth((s) => network(s, undefined, { privateDnsZoneIds: { 'privatelink.vaultcore.azure.net': '/subscriptions/0/resourceGroups/h/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net' } })))
      .toThrow(/ClusterNetwork 'test\/Network'[\s\S]*privateDnsZoneIds\['privatelink.vaultcore.azure.net'\] = .*allowed: a zone the network's private endpoints use: privatelink.azurecr.io/);
    expect(() => synth((s) => network(s, undefined, { privateDnsZoneIds: { 'privatelink.azurecr.io': '/subscriptions/0/resourceGroups/h/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net' } })))
      .toThrow(/privateDnsZoneIds\['privatelink.azurecr.io'\] = .*allowed: the resource id of a private DNS zone named privatelink.azurecr.io/);
  });
});
