import { Testing } from 'cdktf';
import { resources, SSH_PUBLIC_KEY } from './util';
import { AzurePlatformStack, DataSensitivity, StrategySelector, WorkloadPattern } from '../../src';
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
