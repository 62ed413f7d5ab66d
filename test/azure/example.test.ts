import { Testing, TerraformStack } from 'cdktf';
import { addresses, resources, SSH_PUBLIC_KEY } from './util';
import { buildApp } from '../../examples/azure/main';
import { AzurePlatformStack, DataSensitivity, StrategySelector, TerraformPolicyChecks, WorkloadPattern } from '../../src';
import { synthTerraform } from '../helpers';

/** The demo's three scenarios: one per strategy. */
const SCENARIOS = [
  {
    name: 'hybrid',
    requirements: { dataSensitivity: DataSensitivity.HIGH, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 150, trainingGpus: 16 },
    platform: { project: 'clinic-ai', workload: 'records-model', onPremises: { cidrs: ['172.16.0.0/16'], peerAddress: '203.0.113.10', bgpAsn: 65010 } },
  },
  {
    name: 'cloud-first',
    requirements: { dataSensitivity: DataSensitivity.LOW, workloadPattern: WorkloadPattern.BURSTY, latencyBudgetMs: 300, trainingGpus: 64 },
    platform: { project: 'research-lab', workload: 'fine-tuning' },
  },
  {
    name: 'edge-centric',
    requirements: { dataSensitivity: DataSensitivity.MEDIUM, workloadPattern: WorkloadPattern.STEADY, latencyBudgetMs: 15, trainingGpus: 8 },
    platform: { project: 'factory-vision', workload: 'inspection' },
  },
];

describe('Terraform policy checks on Azure output', () => {
  test('the example passes every rule', () => {
    const app = buildApp(Testing.app(), SSH_PUBLIC_KEY);
    const doc = JSON.parse(Testing.synth(app.node.findChild('training-platform') as TerraformStack));
    const report = TerraformPolicyChecks.check(doc);
    expect(report.findings).toEqual([]);
    expect(report.evaluations).toBeGreaterThan(8);
    // flow logs by default, into the network's own account
    expect(resources(doc, 'azurerm_network_watcher_flow_log')).toHaveLength(1);
    expect(addresses(doc, 'azurerm_storage_account')).toEqual(expect.arrayContaining([expect.stringMatching(/\.Network_FlowLogStorage_\w+$/)]));
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

describe('AzurePlatformStack', () => {
  test.each(SCENARIOS)('$name: passes every policy rule, records flow logs, keeps ZRS data and alerts on idle GPUs', (scenario) => {
    const stack = new AzurePlatformStack(Testing.app(), 'p', {
      ...scenario.platform, selection: StrategySelector.select(scenario.requirements), location: 'eastus', adminSshPublicKey: SSH_PUBLIC_KEY,
    });
    expect(stack.plan.strategy).toBe(scenario.name);
    const doc = synthTerraform(stack);
    expect(TerraformPolicyChecks.check(doc).findings).toEqual([]);
    expect(resources(doc, 'azurerm_network_watcher_flow_log')).toHaveLength(1);
    expect(resources(doc, 'azurerm_network_watcher_flow_log')[0].storage_account_id).toContain('Network_FlowLogStorage');
    const data = doc.resource.azurerm_storage_account[Object.keys(doc.resource.azurerm_storage_account).find((k) => k.startsWith('Data_Account_'))!];
    expect(data.account_replication_type).toBe('ZRS');
    // ZRS accounts have no Archive tier: the platform's data tiers end at cold (the edge plan's own tiers at cool)
    expect(JSON.stringify(resources(doc, 'azurerm_storage_management_policy'))).not.toContain('tier_to_archive');
    // the idle alert reads the fleet's GPU table (Logs Ingestion API through the network's private link scope)
    expect(resources(doc, 'azurerm_monitor_scheduled_query_rules_alert_v2').map((a) => a.criteria[0].metric_measure_column)).toEqual(['GpuUtilization']);
    expect(resources(doc, 'azurerm_monitor_private_link_scope')).toHaveLength(1);
  });
});
