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

  // FINDING (open): no container registry and no Azure Monitor path from the compute subnet: it has default outbound
  // access off and no NAT gateway, the stack's registries have public network access off and no private endpoint in
  // the VNet, and there is no Azure Monitor private link scope. `test.failing` passes while the gap is there; when
  // src/azure adds the private endpoints (see the positive control below), turn these into `test`.
  test.failing('fleet nodes reach a container registry and Azure Monitor (open finding: no path on Azure)', () => {
    expect(model.canReach('fleet', 'registry', 443, 'tcp').reachable).toBe(true);
    expect(model.canReach('fleet', 'logs', 443, 'tcp').reachable).toBe(true);
  });

  test('the gap is what the finding says', () => {
    expect(model.canReach('fleet', 'registry', 443, 'tcp').reason).toMatch(/^fleet cannot reach a container registry: .*no private endpoint to azurerm_container_registry\.Serving_Registry_82798F60 \(registry\) \| azurerm_container_registry\.Serving_Registry_82798F60 has public network access off/);
    expect(model.canReach('fleet', 'logs', 443, 'tcp').reason).toMatch(/^fleet cannot reach Azure Monitor: no Azure Monitor private link scope \| azurerm_subnet\.Network_ComputeSubnet_29CD7B13 has no outbound path/);
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

  // FINDING (open): the edge registry has public network access off and no private endpoint, and the factory has
  // no site-to-site link: IoT Edge devices cannot pull their modules.
  test.failing('edge devices pull their modules from the edge registry (open finding)', () => {
    expect(new AzureNetworkModel(edge.document).canReach('edge', 'registry', 443, 'tcp').reachable).toBe(true);
  });

  test('the gap is what the finding says', () => {
    expect(new AzureNetworkModel(edge.document).canReach('edge', 'registry', 443, 'tcp').reason)
      .toBe('edge devices cannot reach azurerm_container_registry.EdgeRegistry: public network access off, no private endpoint, no site-to-site link');
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

  test('the fix path: a registry private endpoint with its linked privatelink.azurecr.io zone makes the registry reachable', () => {
    const doc = clone(base);
    doc.resource.azurerm_private_endpoint = {
      AcrPe: {
        subnet_id: '${azurerm_subnet.Network_PrivateEndpointSubnet_FA0666BE.id}',
        private_service_connection: [{ private_connection_resource_id: '${azurerm_container_registry.Serving_Registry_82798F60.id}', subresource_names: ['registry'] }],
      },
    };
    const m1 = new AzureNetworkModel(doc);
    expect(m1.canReach('fleet', 'registry', 443, 'tcp').reason).toMatch(/no privatelink\.azurecr\.io zone linked/);
    doc.resource.azurerm_private_dns_zone = { AcrZone: { name: 'privatelink.azurecr.io' } };
    doc.resource.azurerm_private_dns_zone_virtual_network_link = { AcrLink: { private_dns_zone_name: '${azurerm_private_dns_zone.AcrZone.name}', virtual_network_id: '${azurerm_virtual_network.Network_Vnet_70FCC000.id}' } };
    expect(new AzureNetworkModel(doc).canReach('fleet', 'registry', 443, 'tcp')).toMatchObject({ reachable: true, reason: expect.stringMatching(/private endpoint azurerm_private_endpoint\.AcrPe with privatelink\.azurecr\.io/) });
  });
});
