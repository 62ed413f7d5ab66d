import { network, resources, synth } from './util';
import { azure, EndpointAuth, EndpointScaling } from '../../src';
import { factsFromAzureTerraform } from '../../src/azure/facts';

const MODEL = 'azureml://registries/azureml/models/bert/versions/1';
const endpoint = (props: Partial<azure.ModelEndpointProps> = {}) => synth((s) => { new azure.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); });
const template = (doc: any) => JSON.parse(resources(doc, 'azurerm_resource_group_template_deployment')[0].template_content);
const autoscale = (doc: any) => resources(doc, 'azurerm_monitor_autoscale_setting');

describe('azure.ModelEndpoint', () => {
  const doc = endpoint({ modelAssetId: MODEL });

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

  test('the workspace storage refuses shared keys; the workspace and the endpoint reach it with their identities', () => {
    // captured inference requests land in this account: no account key may read them
    const storage = resources(doc, 'azurerm_storage_account').find((a) => a.name.endsWith('st'));
    expect(storage).toMatchObject({ shared_access_key_enabled: false, default_to_oauth_authentication: true, public_network_access_enabled: false });
    // the system blob datastores use identity-based access (azurerm cannot set system_datastores_auth_mode)
    const stores = template(doc).resources.filter((r: any) => r.type === 'Microsoft.MachineLearningServices/workspaces/datastores');
    expect(stores.map((r: any) => r.name)).toEqual([
      "[format('{0}/workspaceblobstore', parameters('workspaceName'))]", "[format('{0}/workspaceartifactstore', parameters('workspaceName'))]",
    ]);
    for (const st of stores) {
      expect(st.properties).toMatchObject({
        datastoreType: 'AzureBlob',
        accountName: "[parameters('storageAccountName')]",
        credentials: { credentialsType: 'None' },
        serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity',
      });
    }
    expect(stores[0].properties.containerName).toContain("format('azureml-blobstore-{0}'");
    const params = resources(doc, 'azurerm_resource_group_template_deployment')[0].parameters_content;
    expect(params).toMatch(/storageAccountName.*azurerm_storage_account\.Serving_Storage_\w+\.name/s);
    // the workspace identity and the endpoint identity hold Storage Blob Data Contributor on the account
    const grant = resources(doc, 'azurerm_role_assignment').find((r) => r.principal_id.includes('azurerm_machine_learning_workspace'));
    expect(grant).toMatchObject({ role_definition_name: 'Storage Blob Data Contributor', scope: expect.stringContaining('azurerm_storage_account.Serving_Storage') });
    const endpointGrant = template(doc).resources.find((r: any) => r.type === 'Microsoft.Authorization/roleAssignments');
    expect(endpointGrant.properties.roleDefinitionId).toContain('ba92f5b4-2d11-453d-a403-e96b0029c9fe');
    expect(endpointGrant.properties.principalId).toContain('onlineEndpoints');
  });

  test('online endpoint and deployment through an ARM template deployment, scoring URI output', () => {
    const t = template(doc);
    expect(t.resources.map((r: any) => r.type)).toEqual([
      'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
      'Microsoft.MachineLearningServices/workspaces/datastores', 'Microsoft.MachineLearningServices/workspaces/datastores',
      'Microsoft.Authorization/roleAssignments',
    ]);
    expect(t.resources[0].properties).toEqual({ authMode: 'AADToken', publicNetworkAccess: 'Disabled' });
    // managed online deployments take the Default scale type only: autoscaling is an Azure Monitor autoscale setting
    expect(t.resources[1].properties).toMatchObject({ instanceType: 'Standard_NC4as_T4_v3', scaleSettings: { scaleType: 'Default' } });
    expect(t.resources[1].sku).toEqual({ name: 'Default', capacity: 1 });
    expect(doc.output.serving_scoring_uri.value).toContain('output_content');
  });

  test('data capture: the data collector samples dataCapturePercent of the requests', () => {
    expect(template(doc).resources[1].properties.dataCollector).toEqual({
      collections: { model_inputs: { dataCollectionMode: 'Enabled' }, model_outputs: { dataCollectionMode: 'Enabled' } }, samplingRate: 0.2,
    });
    expect(template(endpoint({ modelAssetId: MODEL, dataCapturePercent: 0 })).resources[1].properties.dataCollector).toBeUndefined();
  });

  test('fails on an SKU managed online endpoints do not take', () => {
    expect(() => endpoint({ instanceType: 'Standard_B2s' })).toThrow(/instanceType = 'Standard_B2s': allowed: an Azure ML online endpoint SKU/);
  });

  test('fails on privateOnly: false, naming Azure', () => {
    expect(() => endpoint({ privateOnly: false })).toThrow(/ModelEndpoint 'test\/Serving'[\s\S]*- privateOnly = false: allowed: on Azure: true only/);
  });

  test('alerts on the endpoint: p99 latency above latencyAlarmMs, and 5xx answers', () => {
    const d = endpoint({ latencyAlarmMs: 250 });
    const alerts = resources(d, 'azurerm_monitor_metric_alert');
    expect(alerts.map((a) => a.criteria[0].metric_name).sort()).toEqual(['RequestLatency_P99', 'RequestsPerMinute']);
    const latency = alerts.find((a) => a.criteria[0].metric_name === 'RequestLatency_P99');
    expect(latency.criteria[0]).toMatchObject({ metric_namespace: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', operator: 'GreaterThan', threshold: 250 });
    const errors = alerts.find((a) => a.criteria[0].metric_name === 'RequestsPerMinute');
    expect(errors.criteria[0]).toMatchObject({ aggregation: 'Total', operator: 'GreaterThan', threshold: 0, dimension: [{ name: 'statusCodeClass', operator: 'Include', values: ['5xx'] }] });
    for (const a of alerts) expect(a.scopes[0]).toMatch(/\/onlineEndpoints\//);
  });
});

describe('azure.ModelEndpoint auth: an Azure prop of its own (not in the neutral ModelEndpointSpecProps)', () => {
  test('auth renders as the online endpoint\'s authMode', () => {
    expect(template(endpoint({ auth: EndpointAuth.KEY })).resources[0].properties).toEqual({ authMode: 'Key', publicNetworkAccess: 'Disabled' });
  });

  test('fails on an auth that is not an EndpointAuth, naming the values', () => {
    expect(() => endpoint({ auth: 'password' as any })).toThrow(/ModelEndpoint 'test\/Serving'[\s\S]*- auth = 'password': allowed: AADToken, AMLToken, Key/);
  });
});

describe('azure.ModelEndpoint scaling', () => {
  test('default: Azure Monitor autoscale on GpuUtilizationPercentage of the deployment, out above 60, in below 30, 1 to 4 instances', () => {
    const [setting] = autoscale(endpoint({ modelAssetId: MODEL }));
    expect(setting.target_resource_id).toMatch(/\/onlineEndpoints\/[-a-z0-9]+\/deployments\/blue$/);
    expect(setting.depends_on).toEqual([expect.stringMatching(/^azurerm_resource_group_template_deployment\.Serving_OnlineEndpoint_\w+$/)]);
    const [profile] = setting.profile;
    expect(profile.capacity).toEqual({ minimum: 1, default: 1, maximum: 4 });
    expect(profile.rule.map((r: any) => [r.metric_trigger.metric_name, r.metric_trigger.operator, r.metric_trigger.threshold, r.scale_action.direction])).toEqual([
      ['GpuUtilizationPercentage', 'GreaterThan', 60, 'Increase'],
      ['GpuUtilizationPercentage', 'LessThan', 30, 'Decrease'],
    ]);
    expect(profile.rule[0].metric_trigger).toMatchObject({
      metric_namespace: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments', statistic: 'Average', time_window: 'PT5M',
    });
    expect(profile.rule[0].metric_trigger.divide_by_instance_count).toBeUndefined();
  });

  test('cpuUtilization(50): CpuUtilizationPercentage at 50, and the instance bounds of the spec', () => {
    const [setting] = autoscale(endpoint({ modelAssetId: MODEL, scaling: EndpointScaling.cpuUtilization(50), minInstances: 2, maxInstances: 6 }));
    expect(setting.profile[0].capacity).toEqual({ minimum: 2, default: 2, maximum: 6 });
    expect(setting.profile[0].rule.map((r: any) => [r.metric_trigger.metric_name, r.metric_trigger.threshold])).toEqual([['CpuUtilizationPercentage', 50], ['CpuUtilizationPercentage', 25]]);
  });

  test('requestsPerInstance(300): the deployment RequestsPerMinute divided by the instance count', () => {
    const [setting] = autoscale(endpoint({ modelAssetId: MODEL, scaling: EndpointScaling.requestsPerInstance(300) }));
    expect(setting.profile[0].rule[0].metric_trigger).toMatchObject({ metric_name: 'RequestsPerMinute', threshold: 300, divide_by_instance_count: true });
  });

  test('targetInvocationsPerInstance (deprecated) is requestsPerInstance', () => {
    const [setting] = autoscale(endpoint({ modelAssetId: MODEL, targetInvocationsPerInstance: 120 }));
    expect(setting.profile[0].rule[0].metric_trigger).toMatchObject({ metric_name: 'RequestsPerMinute', threshold: 120, divide_by_instance_count: true });
  });

  test('a fixed size (maxInstances = minInstances): the deployment runs minInstances, no autoscale', () => {
    const d = endpoint({ modelAssetId: MODEL, minInstances: 3, maxInstances: 3 });
    expect(autoscale(d)).toHaveLength(0);
    expect(template(d).resources[1].sku).toEqual({ name: 'Default', capacity: 3 });
  });

  test('fails on GPU scaling (the default too) with a CPU SKU', () => {
    expect(() => endpoint({ instanceType: 'Standard_DS3_v2' })).toThrow(new RegExp("ModelEndpoint 'test/Serving'[\\s\\S]*- scaling = 'gpu-utilization 60 \\(default\\)': " +
      'allowed: cpuUtilization\\(percent\\) or requestsPerInstance\\(perMinute\\) for Standard_DS3_v2, a CPU SKU'));
    expect(autoscale(endpoint({ modelAssetId: MODEL, instanceType: 'Standard_DS3_v2', scaling: EndpointScaling.cpuUtilization(70) }))).toHaveLength(1);
  });

  test('fails on scaling with nothing to scale', () => {
    expect(() => endpoint({ scaling: EndpointScaling.gpuUtilization(50), minInstances: 2, maxInstances: 2 }))
      .toThrow(/- scaling = 'gpu-utilization 50': allowed: unset when maxInstances \(2\) equals minInstances \(2\)/);
  });

  test('without a model: no deployment, and the deployment spec output carries the size, the data collector and the autoscale', () => {
    const d = endpoint({ instanceType: 'Standard_NC24ads_A100_v4', minInstances: 2, maxInstances: 5, dataCapturePercent: 50, scaling: EndpointScaling.gpuUtilization(70) });
    // the endpoint, its storage's identity-based datastores and grant, and no deployment
    expect(template(d).resources.map((r: any) => r.type)).not.toContain('Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments');
    expect(template(d).resources.filter((r: any) => r.type === 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints')).toHaveLength(1);
    expect(autoscale(d)).toHaveLength(0);
    const spec: string = d.output.serving_deployment_spec.value;
    expect(spec.split('\n')).toEqual(expect.arrayContaining([
      'instance_type: Standard_NC24ads_A100_v4',
      'instance_count: 2',
      '  sampling_rate: 0.5',
      '#   out by 1 when the 5-minute average of GpuUtilizationPercentage is above 70, in by 1 when the 10-minute average is below 35',
    ]));
    expect(spec).toContain('--min-count 2 --count 2 --max-count 5');
    expect(endpoint({ modelAssetId: MODEL }).output.serving_deployment_spec).toBeUndefined();
  });
});

describe('azure.ModelEndpoint from an empty subscription: the first apply without an artifact', () => {
  function build(props: Partial<azure.ModelEndpointProps> = {}) {
    let e!: azure.ModelEndpoint;
    const doc = synth((s) => { e = new azure.ModelEndpoint(s, 'Serving', { network: network(s), ...props }); });
    return { doc, e, warnings: e.node.metadata.filter((m) => /warn/i.test(m.type)).map((m) => String(m.data)) };
  }

  test('no modelArtifact: the online endpoint without a deployment, a warning naming the second step, pending in the facts', () => {
    const { doc, e, warnings } = build();
    expect(e.pending).toBe(true);
    // the endpoint (and the identity-based datastores and their role assignment), no deployment
    const types = template(doc).resources.map((r: any) => r.type);
    expect(types).toContain('Microsoft.MachineLearningServices/workspaces/onlineEndpoints');
    expect(types).not.toContain('Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments');
    expect(autoscale(doc)).toHaveLength(0);
    expect(warnings).toEqual([expect.stringMatching(/Serving is pending: no modelArtifact.*register the model .*set modelArtifact to its azureml:\/\/ id and apply again/)]);
    expect(factsFromAzureTerraform(doc).endpoints).toEqual([expect.objectContaining({ path: 'test/Serving', pending: true, minInstances: 0 })]);
  });

  test('with modelArtifact: the deployment exists and points at the model; no warning', () => {
    const { doc, e, warnings } = build({ modelArtifact: MODEL });
    expect(e.pending).toBe(false);
    expect(warnings).toEqual([]);
    const t = template(doc);
    expect(t.resources.find((r: any) => r.type === 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments'))
      .toMatchObject({ properties: { model: "[parameters('modelAssetId')]" } });
    expect(resources(doc, 'azurerm_resource_group_template_deployment')[0].parameters_content).toContain(MODEL);
    expect(factsFromAzureTerraform(doc).endpoints[0].pending).toBeUndefined();
  });

  test('modelArtifact and the deprecated modelAssetId together, or a blob URI, fail naming the property', () => {
    expect(() => build({ modelArtifact: MODEL, modelAssetId: MODEL })).toThrow(/modelAssetId = '.*': allowed: unset when modelArtifact is set/);
    expect(() => build({ modelArtifact: 'https://acct.blob.core.windows.net/models/m.onnx' })).toThrow(/modelArtifact = 'https:.*': allowed: a registered model/);
  });
});
