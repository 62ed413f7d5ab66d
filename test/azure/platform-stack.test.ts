import { Testing } from 'cdktf';
import { resources, SSH_PUBLIC_KEY } from './util';
import { AzurePlatformStack, Cloud, DataSensitivity, PlatformPlan, StrategySelector, WorkloadPattern } from '../../src';
import { factsFromAzureTerraform } from '../../src/azure/facts';
import { synthTerraform } from '../helpers';

const HYBRID = {
  requirements: { dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 150, trainingGpus: 16 },
  platform: { project: 'clinic-ai', workload: 'records-model', onPremises: { cidrs: ['172.16.0.0/16'], peerAddress: '203.0.113.10', bgpAsn: 65010 } },
};
const EDGE = {
  requirements: { dataSensitivity: DataSensitivity.MEDIUM, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 15, trainingGpus: 8 },
  platform: { project: 'factory-vision', workload: 'inspection' },
};

function platform(s: typeof HYBRID | typeof EDGE): any {
  const stack = new AzurePlatformStack(Testing.app(), 'p', {
    ...s.platform, selection: StrategySelector.select(s.requirements), location: 'eastus', adminSshPublicKey: SSH_PUBLIC_KEY,
  });
  return synthTerraform(stack);
}

/** The resources of every ARM template the document deploys. */
function templateResources(doc: any): any[] {
  return resources(doc, 'azurerm_resource_group_template_deployment').flatMap((d) => JSON.parse(d.template_content).resources);
}

describe('secrets stay out of the Terraform state', () => {
  test('hybrid: the VPN connection is an ARM deployment without a pre-shared key; no resource carries one', () => {
    const doc = platform(HYBRID);
    const text = JSON.stringify(doc);
    // azurerm_virtual_network_gateway_connection reads shared_key (Optional+Computed) back into the state
    expect(doc.resource.azurerm_virtual_network_gateway_connection).toBeUndefined();
    expect(text).not.toMatch(/shared_?key/i);
    const connection = templateResources(doc).find((r) => r.type === 'Microsoft.Network/connections');
    expect(connection.properties).toMatchObject({ connectionType: 'IPsec', connectionProtocol: 'IKEv2' });
    expect(connection.properties.sharedKey).toBeUndefined();
    const deployment = resources(doc, 'azurerm_resource_group_template_deployment').find((d) => d.template_content.includes('Microsoft.Network/connections'));
    expect(deployment.parameters_content).toContain('azurerm_virtual_network_gateway.VpnGateway.id');
    expect(deployment.parameters_content).toContain('azurerm_local_network_gateway.SiteGateway.id');
    // the facts still count the connection
    expect(factsFromAzureTerraform(doc).vpnConnections).toBe(1);
  });

  test('edge: hub and DPS are one ARM deployment; the link\'s connection string is built by Azure, no resource or data source holds a key', () => {
    const doc = platform(EDGE);
    const text = JSON.stringify(doc);
    for (const type of ['azurerm_iothub', 'azurerm_iothub_dps', 'azurerm_iothub_shared_access_policy', 'azurerm_iothub_dps_shared_access_policy']) {
      expect([type, doc.resource[type]]).toEqual([type, undefined]);
      expect([type, doc.data?.[type]]).toEqual([type, undefined]);
    }
    expect(text).not.toMatch(/primary_connection_string|primary_key|\.connection_string/);
    const dps = templateResources(doc).find((r) => r.type === 'Microsoft.Devices/provisioningServices');
    expect(dps.properties.iotHubs[0].connectionString).toMatch(/^\[concat\('HostName=', reference\(.*listKeys\(resourceId\('Microsoft.Devices\/IotHubs\/IotHubKeys'/);
    expect(templateResources(doc).find((r) => r.type === 'Microsoft.Devices/IotHubs').properties.minTlsVersion).toBe('1.2');
    // the template's only output is the ID scope, which is no secret
    const edge = resources(doc, 'azurerm_resource_group_template_deployment').find((d) => d.template_content.includes('provisioningServices'));
    expect(Object.keys(JSON.parse(edge.template_content).outputs)).toEqual(['idScope']);
    expect(doc.output.dps_id_scope.value).toContain('idScope');
  });
});

describe('container registries are reachable from the VNet through private endpoints', () => {
  test.each([['hybrid', HYBRID, 1], ['edge-centric', EDGE, 2]] as const)('%s: one private endpoint per registry in the private endpoint subnet, one privatelink.azurecr.io zone linked to the VNet',
    (_name, scenario, registries) => {
      const doc = platform(scenario as any);
      expect(resources(doc, 'azurerm_container_registry')).toHaveLength(registries);
      const zones = Object.entries<any>(doc.resource.azurerm_private_dns_zone);
      // the registry's zone, and the five zones of the network's Azure Monitor private link scope (issue 14)
      expect(zones.map(([, z]) => z.name).sort()).toEqual(['privatelink.agentsvc.azure-automation.net', 'privatelink.azurecr.io', 'privatelink.blob.core.windows.net',
        'privatelink.monitor.azure.com', 'privatelink.ods.opinsights.azure.com', 'privatelink.oms.opinsights.azure.com']);
      const [zoneName] = zones.find(([, z]) => z.name === 'privatelink.azurecr.io')!;
      const links = resources(doc, 'azurerm_private_dns_zone_virtual_network_link');
      expect(links).toHaveLength(6);
      expect(links.every((l) => l.virtual_network_id === '${azurerm_virtual_network.Network_Vnet_70FCC000.id}')).toBe(true);
      expect(links.filter((l) => l.private_dns_zone_name === `\${azurerm_private_dns_zone.${zoneName}.name}`)).toEqual([expect.objectContaining({
        private_dns_zone_name: `\${azurerm_private_dns_zone.${zoneName}.name}`,
        virtual_network_id: '${azurerm_virtual_network.Network_Vnet_70FCC000.id}',
        registration_enabled: false,
      })]);
      for (const [name, registry] of Object.entries<any>(doc.resource.azurerm_container_registry)) {
        // private endpoints need the Premium SKU
        expect(registry.sku).toBe('Premium');
        // quarantine off (nothing in the stack marks an image Passed, so every pull would fail), acknowledged with its reason
        expect(registry.quarantine_policy_enabled).toBe(false);
        expect(registry.tags['ai-infra-acknowledged-AZ-ACR-1']).toMatch(/^Quarantine off: a pushed image stays unpullable until a scanner marks it Passed/);
        expect(registry.tags['ai-infra-acknowledged-AZ-ACR-1'].length).toBeLessThanOrEqual(256);
        expect(registry).toMatchObject({ anonymous_pull_enabled: false, trust_policy_enabled: true, retention_policy_in_days: 30 });
        const pe = resources(doc, 'azurerm_private_endpoint').filter((p) => p.private_service_connection.private_connection_resource_id === `\${azurerm_container_registry.${name}.id}`);
        expect(pe).toEqual([expect.objectContaining({
          subnet_id: '${azurerm_subnet.Network_PrivateEndpointSubnet_FA0666BE.id}',
          private_service_connection: expect.objectContaining({ subresource_names: ['registry'], is_manual_connection: false }),
          private_dns_zone_group: { name: 'default', private_dns_zone_ids: [`\${azurerm_private_dns_zone.${zoneName}.id}`] },
        })]);
      }
      // the fleet may pull from the workspace registry (AcrPull) and, on the edge, push modules to the edge registry (AcrPush)
      const roles = resources(doc, 'azurerm_role_assignment').filter((r) => /azurerm_container_registry/.test(r.scope));
      expect(roles.map((r) => [r.role_definition_name, r.scope, r.principal_id])).toEqual([
        ['AcrPull', '${azurerm_container_registry.Serving_Registry_82798F60.id}', '${azurerm_linux_virtual_machine_scale_set.Training_ScaleSet_C986974C.identity[0].principal_id}'],
        ...(registries === 2 ? [['AcrPush', '${azurerm_container_registry.EdgeRegistry.id}', '${azurerm_linux_virtual_machine_scale_set.Training_ScaleSet_C986974C.identity[0].principal_id}']] : []),
      ]);
    });

  test('edge: the edge registry takes authenticated pulls from the devices on its public endpoint, acknowledged to the policy pack with the reason', () => {
    const doc = platform(EDGE);
    expect(doc.resource.azurerm_container_registry.EdgeRegistry).toMatchObject({
      public_network_access_enabled: true,
      admin_enabled: false,
      anonymous_pull_enabled: false,
      tags: { 'ai-infra-acknowledged-AZ-PRIV-1': expect.stringMatching(/IoT Edge devices pull their modules over the internet/) },
    });
    // the workspace registry stays private
    expect(doc.resource.azurerm_container_registry.Serving_Registry_82798F60.public_network_access_enabled).toBe(false);
    expect(doc.output.edge_registry_login_server.value).toBe('${azurerm_container_registry.EdgeRegistry.login_server}');
  });

  test('two platforms in one app each get their own zone, link and endpoints', () => {
    const app = Testing.app();
    const docs = ['a', 'b'].map((id) => synthTerraform(new AzurePlatformStack(app, id, {
      ...EDGE.platform, selection: StrategySelector.select(EDGE.requirements), location: 'eastus', adminSshPublicKey: SSH_PUBLIC_KEY,
    })));
    for (const doc of docs) {
      // two registries and the Azure Monitor private link scope
      expect(resources(doc, 'azurerm_private_endpoint')).toHaveLength(3);
      expect(resources(doc, 'azurerm_private_dns_zone')).toHaveLength(6);
    }
    expect(resources(docs[0], 'azurerm_private_endpoint').map((p) => p.name)).not.toEqual(resources(docs[1], 'azurerm_private_endpoint').map((p) => p.name));
  });
});

describe('hybrid: the site-to-site VPN runs BGP with the site\'s ASN', () => {
  const hybrid = (site: object) => platform({ ...HYBRID, platform: { ...HYBRID.platform, onPremises: { ...HYBRID.platform.onPremises, ...site } } } as any);
  const connection = (doc: any) => templateResources(doc).find((r) => r.type === 'Microsoft.Network/connections');

  test('by default the site peers from 169.254.21.2 and Azure from its custom APIPA address 169.254.21.1; BGP on gateway, site and connection', () => {
    const doc = hybrid({ bgpAsn: 64600 });
    expect(doc.resource.azurerm_local_network_gateway.SiteGateway).toMatchObject({
      address_space: ['172.16.0.0/16'], bgp_settings: { asn: 64600, bgp_peering_address: '169.254.21.2' },
    });
    expect(doc.resource.azurerm_virtual_network_gateway.VpnGateway).toMatchObject({
      enable_bgp: true, bgp_settings: { asn: 65515, peering_addresses: [{ ip_configuration_name: 'gateway', apipa_addresses: ['169.254.21.1'] }] },
    });
    expect(doc.resource.azurerm_virtual_network_gateway.VpnGateway.ip_configuration[0].name).toBe('gateway');
    expect(connection(doc).properties.enableBgp).toBe(true);
    expect(doc.output.vpn_bgp.value).toEqual({ azure_asn: 65515, azure_bgp_address: '169.254.21.1', site_asn: 64600, site_bgp_address: '169.254.21.2' });
  });

  test('bgpPeerAddress: an APIPA address of the site moves Azure off it; a private address uses the gateway\'s own BGP address', () => {
    const apipa = hybrid({ bgpPeerAddress: '169.254.21.1' });
    expect(apipa.resource.azurerm_local_network_gateway.SiteGateway.bgp_settings).toEqual({ asn: 65010, bgp_peering_address: '169.254.21.1' });
    expect(apipa.resource.azurerm_virtual_network_gateway.VpnGateway.bgp_settings.peering_addresses[0].apipa_addresses).toEqual(['169.254.21.2']);
    const priv = hybrid({ bgpPeerAddress: '172.16.255.254' });
    expect(priv.resource.azurerm_local_network_gateway.SiteGateway.bgp_settings).toEqual({ asn: 65010, bgp_peering_address: '172.16.255.254' });
    expect(priv.resource.azurerm_virtual_network_gateway.VpnGateway.bgp_settings).toEqual({ asn: 65515 });
    expect(priv.output.vpn_bgp.value.azure_bgp_address).toBe('${azurerm_virtual_network_gateway.VpnGateway.bgp_settings[0].peering_addresses[0].default_addresses}');
  });

  test('bgpPeerAddress outside the site\'s ranges (not APIPA): its /32 joins the local network gateway\'s address space', () => {
    const outside = hybrid({ bgpPeerAddress: '192.168.7.1' });
    expect(outside.resource.azurerm_local_network_gateway.SiteGateway.address_space).toEqual(['172.16.0.0/16', '192.168.7.1/32']);
    // inside the site's ranges, or APIPA: the ranges alone
    expect(hybrid({ bgpPeerAddress: '172.16.255.254' }).resource.azurerm_local_network_gateway.SiteGateway.address_space).toEqual(['172.16.0.0/16']);
    expect(hybrid({ bgpPeerAddress: '169.254.21.1' }).resource.azurerm_local_network_gateway.SiteGateway.address_space).toEqual(['172.16.0.0/16']);
  });

  test.each([
    ['not an address', 'site-router', /onPremises\.bgpPeerAddress = 'site-router': allowed: an IPv4 address/],
    ['an address in the VNet', '10.40.0.10', /onPremises\.bgpPeerAddress = '10\.40\.0\.10': allowed: an address outside the VNet 10\.40\.0\.0\/16 on azure/],
    ['the APIPA network address', '169.254.0.0', /onPremises\.bgpPeerAddress = '169\.254\.0\.0': allowed: an APIPA address from 169\.254\.0\.1 to 169\.254\.255\.254/],
  ])('fails when bgpPeerAddress is %s', (_what, address, message) => {
    expect(() => hybrid({ bgpPeerAddress: address })).toThrow(message);
  });
});

describe('onPremises.bgpPeerAddress is neutral: Azure renders it, AWS and Google Cloud refuse it by name', () => {
  const site = { ...HYBRID.platform.onPremises, bgpPeerAddress: '169.254.21.5' };
  test.each([
    [Cloud.AWS, /PlatformPlan 'p'.*\n.*- onPremises\.bgpPeerAddress = '169\.254\.21\.5': allowed: unset on aws: AWS assigns the BGP addresses of each of the two tunnels/],
    [Cloud.GCP, /PlatformPlan 'p'.*\n.*- onPremises\.bgpPeerAddress = '169\.254\.21\.5': allowed: unset on gcp: the two tunnels peer with the site at 169\.254\.0\.2 and 169\.254\.1\.2/],
  ])('%s refuses it', (cloud, message) => {
    expect(() => PlatformPlan.of(cloud, StrategySelector.select(HYBRID.requirements), { ...HYBRID.platform, onPremises: site }, 'p')).toThrow(message);
  });

  test('Azure takes it (and the AWS and Google Cloud plans take the same site without it)', () => {
    expect(PlatformPlan.of(Cloud.AZURE, StrategySelector.select(HYBRID.requirements), { ...HYBRID.platform, onPremises: site }, 'p', 'eastus').validate()).toEqual([]);
    for (const cloud of [Cloud.AWS, Cloud.GCP]) {
      expect(PlatformPlan.of(cloud, StrategySelector.select(HYBRID.requirements), HYBRID.platform, 'p').validate()).toEqual([]);
    }
  });
});

describe('edgeDeviceCidrs: the edge registry admits only the devices\' egress ranges', () => {
  const edge = (extra: object, s: any = EDGE) => synthTerraform(new AzurePlatformStack(Testing.app(), 'p', {
    ...s.platform, selection: StrategySelector.select(s.requirements), location: 'eastus', adminSshPublicKey: SSH_PUBLIC_KEY, ...extra,
  }));

  test('renders a deny-by-default network rule set with one allow rule per range', () => {
    const doc = edge({ edgeDeviceCidrs: ['203.0.113.0/28', '198.51.100.7'] });
    expect(doc.resource.azurerm_container_registry.EdgeRegistry.network_rule_set).toEqual([{
      default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/28' }, { action: 'Allow', ip_range: '198.51.100.7' }],
    }]);
    expect(doc.resource.azurerm_container_registry.EdgeRegistry.public_network_access_enabled).toBe(true);
  });

  test.each([
    ['a private range', { edgeDeviceCidrs: ['10.1.0.0/16'] }, EDGE, /- edgeDeviceCidrs = '10\.1\.0\.0\/16': allowed: a public IPv4 CIDR \(no host bits set\) or address/],
    ['not a CIDR', { edgeDeviceCidrs: ['203.0.113.0/33'] }, EDGE, /- edgeDeviceCidrs = '203\.0\.113\.0\/33': allowed: a public IPv4 CIDR \(no host bits set\) or address/],
    ['a CIDR with host bits set', { edgeDeviceCidrs: ['203.0.113.5/28'] }, EDGE, /- edgeDeviceCidrs = '203\.0\.113\.5\/28': allowed: a public IPv4 CIDR \(no host bits set\) or address/],
    ['the whole internet', { edgeDeviceCidrs: ['0.0.0.0/0'] }, EDGE, /- edgeDeviceCidrs = '0\.0\.0\.0\/0': allowed: a public IPv4 CIDR of prefix \/8 or longer/],
    ['wider than /8', { edgeDeviceCidrs: ['64.0.0.0/2'] }, EDGE, /- edgeDeviceCidrs = '64\.0\.0\.0\/2': allowed: a public IPv4 CIDR of prefix \/8 or longer/],
    ['empty', { edgeDeviceCidrs: [] }, EDGE, /- edgeDeviceCidrs = \[\]: allowed: from 1 to 200 public IPv4 CIDRs or addresses/],
    ['set on a hybrid platform', { edgeDeviceCidrs: ['203.0.113.0/28'] }, HYBRID, /AzurePlatformStack 'p'[\s\S]*- edgeDeviceCidrs = \["203\.0\.113\.0\/28"\]: allowed: unset: only an edge-centric platform has an edge registry/],
  ])('fails when edgeDeviceCidrs is %s', (_what, extra, s, message) => {
    expect(() => edge(extra, s)).toThrow(message);
  });
});
