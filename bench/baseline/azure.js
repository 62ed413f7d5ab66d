// The Azure reference platform (bursty-research: cloud-first, 8 x Standard_ND96isr_H100_v5 on spot) written by hand
// with cdktf and @cdktf/provider-azurerm, the way a team would without this library: the same 28 resources, every
// value typed in. bench/bench.ts synthesizes it next to AzurePlatformStack and checks the resource types match.
const { App, Fn, TerraformOutput, TerraformStack } = require('cdktf');
const { ApplicationInsights } = require('@cdktf/provider-azurerm/lib/application-insights');
const { ApplicationInsightsWorkbook } = require('@cdktf/provider-azurerm/lib/application-insights-workbook');
const { ContainerRegistry } = require('@cdktf/provider-azurerm/lib/container-registry');
const { DataAzurermClientConfig } = require('@cdktf/provider-azurerm/lib/data-azurerm-client-config');
const { KeyVault } = require('@cdktf/provider-azurerm/lib/key-vault');
const { LinuxVirtualMachineScaleSet } = require('@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set');
const { LogAnalyticsWorkspace } = require('@cdktf/provider-azurerm/lib/log-analytics-workspace');
const { MachineLearningWorkspace } = require('@cdktf/provider-azurerm/lib/machine-learning-workspace');
const { MonitorActionGroup } = require('@cdktf/provider-azurerm/lib/monitor-action-group');
const { MonitorAutoscaleSetting } = require('@cdktf/provider-azurerm/lib/monitor-autoscale-setting');
const { MonitorMetricAlert } = require('@cdktf/provider-azurerm/lib/monitor-metric-alert');
const { NetworkSecurityGroup } = require('@cdktf/provider-azurerm/lib/network-security-group');
const { NetworkWatcherFlowLog } = require('@cdktf/provider-azurerm/lib/network-watcher-flow-log');
const { AzurermProvider } = require('@cdktf/provider-azurerm/lib/provider');
const { ProximityPlacementGroup } = require('@cdktf/provider-azurerm/lib/proximity-placement-group');
const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group');
const { ResourceGroupTemplateDeployment } = require('@cdktf/provider-azurerm/lib/resource-group-template-deployment');
const { RoleAssignment } = require('@cdktf/provider-azurerm/lib/role-assignment');
const { StorageAccount } = require('@cdktf/provider-azurerm/lib/storage-account');
const { StorageContainer } = require('@cdktf/provider-azurerm/lib/storage-container');
const { StorageManagementPolicy } = require('@cdktf/provider-azurerm/lib/storage-management-policy');
const { Subnet } = require('@cdktf/provider-azurerm/lib/subnet');
const { SubnetNetworkSecurityGroupAssociation } = require('@cdktf/provider-azurerm/lib/subnet-network-security-group-association');
const { VirtualNetwork } = require('@cdktf/provider-azurerm/lib/virtual-network');

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-demo (private key discarded)';

// the cloud-init the library writes for gpuMetrics (typed in here as a team would paste it)
const GPU_METRICS_CUSTOM_DATA = 'I2Nsb3VkLWNvbmZpZwp3cml0ZV9maWxlczoKICAtIHBhdGg6IC91c3IvbG9jYWwvYmluL2FpLWluZnJhLWdwdS1tZXRyaWNzCiAgICBwZXJtaXNzaW9uczogJzA3NTUnCiAgICBjb250ZW50OiB8CiAgICAgICMhL3Vzci9iaW4vZW52IHB5dGhvbjMKICAgICAgIyBhaS1pbmZyYTogcHVibGlzaGVzIHRoZSBhdmVyYWdlIEdQVSB1dGlsaXphdGlvbiBvZiB0aGlzIFZNIGFzIGFuIEF6dXJlIE1vbml0b3IgY3VzdG9tIG1ldHJpYyBvZiBpdHMgc2NhbGUgc2V0CiAgICAgIGltcG9ydCBkYXRldGltZSwganNvbiwgc3VicHJvY2VzcywgdXJsbGliLnJlcXVlc3QKICAgICAgSU1EUyA9ICdodHRwOi8vMTY5LjI1NC4xNjkuMjU0L21ldGFkYXRhLycKICAgICAgZGVmIGltZHMocGF0aCk6CiAgICAgICAgICB3aXRoIHVybGxpYi5yZXF1ZXN0LnVybG9wZW4odXJsbGliLnJlcXVlc3QuUmVxdWVzdChJTURTICsgcGF0aCwgaGVhZGVycz17J01ldGFkYXRhJzogJ3RydWUnfSksIHRpbWVvdXQ9MTApIGFzIHI6CiAgICAgICAgICAgICAgcmV0dXJuIGpzb24ubG9hZChyKQogICAgICB2bSA9IGltZHMoJ2luc3RhbmNlL2NvbXB1dGU/YXBpLXZlcnNpb249MjAyMS0wMi0wMScpCiAgICAgIHRva2VuID0gaW1kcygnaWRlbnRpdHkvb2F1dGgyL3Rva2VuP2FwaS12ZXJzaW9uPTIwMTgtMDItMDEmcmVzb3VyY2U9aHR0cHMlM0ElMkYlMkZtb25pdG9yaW5nLmF6dXJlLmNvbSUyRicpWydhY2Nlc3NfdG9rZW4nXQogICAgICBvdXQgPSBzdWJwcm9jZXNzLnJ1bihbJ252aWRpYS1zbWknLCAnLS1xdWVyeS1ncHU9dXRpbGl6YXRpb24uZ3B1JywgJy0tZm9ybWF0PWNzdixub2hlYWRlcixub3VuaXRzJ10sIGNhcHR1cmVfb3V0cHV0PVRydWUsIHRleHQ9VHJ1ZSwgY2hlY2s9VHJ1ZSkuc3Rkb3V0CiAgICAgIGdwdXMgPSBbZmxvYXQodikgZm9yIHYgaW4gb3V0LnNwbGl0KCldCiAgICAgIHNjYWxlX3NldCA9ICcvc3Vic2NyaXB0aW9ucy8lcy9yZXNvdXJjZUdyb3Vwcy8lcy9wcm92aWRlcnMvTWljcm9zb2Z0LkNvbXB1dGUvdmlydHVhbE1hY2hpbmVTY2FsZVNldHMvJXMnICUgKHZtWydzdWJzY3JpcHRpb25JZCddLCB2bVsncmVzb3VyY2VHcm91cE5hbWUnXSwgdm1bJ3ZtU2NhbGVTZXROYW1lJ10pCiAgICAgIGJvZHkgPSB7J3RpbWUnOiBkYXRldGltZS5kYXRldGltZS5ub3coZGF0ZXRpbWUudGltZXpvbmUudXRjKS5zdHJmdGltZSgnJVktJW0tJWRUJUg6JU06JVNaJyksICdkYXRhJzogeydiYXNlRGF0YSc6IHsKICAgICAgICAgICdtZXRyaWMnOiAnR3B1VXRpbGl6YXRpb24nLCAnbmFtZXNwYWNlJzogJ0FJSW5mcmEuR3B1JywgJ2RpbU5hbWVzJzogWydJbnN0YW5jZSddLAogICAgICAgICAgJ3Nlcmllcyc6IFt7J2RpbVZhbHVlcyc6IFt2bVsnbmFtZSddXSwgJ21pbic6IG1pbihncHVzKSwgJ21heCc6IG1heChncHVzKSwgJ3N1bSc6IHN1bShncHVzKSwgJ2NvdW50JzogbGVuKGdwdXMpfV19fX0KICAgICAgcmVxdWVzdCA9IHVybGxpYi5yZXF1ZXN0LlJlcXVlc3QoJ2h0dHBzOi8vJXMubW9uaXRvcmluZy5henVyZS5jb20lcy9tZXRyaWNzJyAlICh2bVsnbG9jYXRpb24nXSwgc2NhbGVfc2V0KSwgZGF0YT1qc29uLmR1bXBzKGJvZHkpLmVuY29kZSgpLAogICAgICAgICAgaGVhZGVycz17J0NvbnRlbnQtVHlwZSc6ICdhcHBsaWNhdGlvbi9qc29uJywgJ0F1dGhvcml6YXRpb24nOiAnQmVhcmVyICcgKyB0b2tlbn0pCiAgICAgIHVybGxpYi5yZXF1ZXN0LnVybG9wZW4ocmVxdWVzdCwgdGltZW91dD0xMCkuY2xvc2UoKQogIC0gcGF0aDogL2V0Yy9zeXN0ZW1kL3N5c3RlbS9haS1pbmZyYS1ncHUtbWV0cmljcy5zZXJ2aWNlCiAgICBwZXJtaXNzaW9uczogJzA2NDQnCiAgICBjb250ZW50OiB8CiAgICAgIFtVbml0XQogICAgICBEZXNjcmlwdGlvbj1QdWJsaXNoIEdQVSB1dGlsaXphdGlvbiB0byBBenVyZSBNb25pdG9yIChhaS1pbmZyYSkKICAgICAgQWZ0ZXI9bmV0d29yay1vbmxpbmUudGFyZ2V0CiAgICAgIFtTZXJ2aWNlXQogICAgICBUeXBlPW9uZXNob3QKICAgICAgRXhlY1N0YXJ0PS91c3IvYmluL3B5dGhvbjMgL3Vzci9sb2NhbC9iaW4vYWktaW5mcmEtZ3B1LW1ldHJpY3MKICAtIHBhdGg6IC9ldGMvc3lzdGVtZC9zeXN0ZW0vYWktaW5mcmEtZ3B1LW1ldHJpY3MudGltZXIKICAgIHBlcm1pc3Npb25zOiAnMDY0NCcKICAgIGNvbnRlbnQ6IHwKICAgICAgW1VuaXRdCiAgICAgIERlc2NyaXB0aW9uPVB1Ymxpc2ggR1BVIHV0aWxpemF0aW9uIGV2ZXJ5IG1pbnV0ZSAoYWktaW5mcmEpCiAgICAgIFtUaW1lcl0KICAgICAgT25Cb290U2VjPTJtaW4KICAgICAgT25Vbml0QWN0aXZlU2VjPTFtaW4KICAgICAgW0luc3RhbGxdCiAgICAgIFdhbnRlZEJ5PXRpbWVycy50YXJnZXQKcnVuY21kOgogIC0gW3N5c3RlbWN0bCwgZGFlbW9uLXJlbG9hZF0KICAtIFtzeXN0ZW1jdGwsIGVuYWJsZSwgLS1ub3csIGFpLWluZnJhLWdwdS1tZXRyaWNzLnRpbWVyXQo=';

function build(app, id) {
  const stack = new TerraformStack(app, id);
  const location = 'eastus';
  new AzurermProvider(stack, 'azurerm', { features: [{}], storageUseAzuread: true });
  const rg = new ResourceGroup(stack, 'Group', { name: `${id}-rg`, location, tags: { project: 'research-lab', strategy: 'cloud-first', workload: 'fine-tuning' } });
  const where = { resourceGroupName: rg.name, location };

  // network
  const vnet = new VirtualNetwork(stack, 'Network_Vnet', { ...where, name: `${id}-vnet`, addressSpace: ['10.40.0.0/16'] });
  const compute = new Subnet(stack, 'Network_ComputeSubnet', {
    resourceGroupName: rg.name, virtualNetworkName: vnet.name, name: `${id}-compute`, addressPrefixes: ['10.40.255.0/24'],
    defaultOutboundAccessEnabled: false, serviceEndpoints: ['Microsoft.Storage', 'Microsoft.KeyVault'],
  });
  const endpoints = new Subnet(stack, 'Network_PrivateEndpointSubnet', {
    resourceGroupName: rg.name, virtualNetworkName: vnet.name, name: `${id}-private-endpoints`, addressPrefixes: ['10.40.0.0/20'],
    defaultOutboundAccessEnabled: false, privateEndpointNetworkPolicies: 'Enabled',
  });
  const rule = (name, access, priority, source, destination) => ({
    name, access, priority, direction: 'Inbound', protocol: '*', sourceAddressPrefix: source, destinationAddressPrefix: destination, sourcePortRange: '*', destinationPortRange: '*',
  });
  const rules = [rule('allow-vnet-inbound', 'Allow', 100, 'VirtualNetwork', 'VirtualNetwork'), rule('deny-internet-inbound', 'Deny', 4096, 'Internet', '*')];
  const computeNsg = new NetworkSecurityGroup(stack, 'Network_ComputeNsg', { ...where, name: `${id}-compute-nsg`, securityRule: rules });
  const endpointNsg = new NetworkSecurityGroup(stack, 'Network_PrivateEndpointNsg', { ...where, name: `${id}-private-endpoints-nsg`, securityRule: rules });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Network_ComputeNsgAssociation', { subnetId: compute.id, networkSecurityGroupId: computeNsg.id });
  new SubnetNetworkSecurityGroupAssociation(stack, 'Network_PrivateEndpointNsgAssociation', { subnetId: endpoints.id, networkSecurityGroupId: endpointNsg.id });

  // storage
  const account = new StorageAccount(stack, 'Data_Account', {
    ...where, name: 'datareferencedatccd47257', accountKind: 'StorageV2', accountTier: 'Standard', accountReplicationType: 'ZRS', accessTier: 'Hot',
    httpsTrafficOnlyEnabled: true, minTlsVersion: 'TLS1_2', allowNestedItemsToBePublic: false, sharedAccessKeyEnabled: false, defaultToOauthAuthentication: true,
    crossTenantReplicationEnabled: false, infrastructureEncryptionEnabled: true, tags: { 'ai-infra-storage': 'Data' },
    networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'], virtualNetworkSubnetIds: [compute.id] },
    blobProperties: {
      versioningEnabled: true, changeFeedEnabled: true, lastAccessTimeEnabled: false,
      deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 },
    },
    lifecycle: { preventDestroy: true },
  });
  new StorageContainer(stack, 'Data_DataContainer', { name: 'data', storageAccountId: account.id, containerAccessType: 'private' });
  const blobs = (prefix) => ({ blobTypes: ['blockBlob'], prefixMatch: [prefix] });
  new StorageManagementPolicy(stack, 'Data_Lifecycle', {
    storageAccountId: account.id,
    rule: [
      {
        name: 'raw', enabled: true, filters: blobs('data/raw/'),
        actions: { baseBlob: { tierToCoolAfterDaysSinceModificationGreaterThan: 30, tierToColdAfterDaysSinceModificationGreaterThan: 90, tierToArchiveAfterDaysSinceModificationGreaterThan: 365 } },
      },
      { name: 'features', enabled: true, filters: blobs('data/features/'), actions: { baseBlob: { tierToCoolAfterDaysSinceModificationGreaterThan: 30 } } },
      { name: 'checkpoints', enabled: true, filters: blobs('data/checkpoints/'), actions: { baseBlob: { deleteAfterDaysSinceModificationGreaterThan: 30 } } },
      { name: 'noncurrent-versions', enabled: true, filters: { blobTypes: ['blockBlob'] }, actions: { version: { deleteAfterDaysSinceCreation: 90 } } },
    ],
  });
  // flow logs into an account of their own (a flow log replaces the target account's lifecycle rules)
  const flowLogAccount = new StorageAccount(stack, 'Network_FlowLogStorage', {
    ...where, name: `flowlogs${id.replace(/[^a-z0-9]/g, '').slice(0, 8)}9954002c`, accountKind: 'StorageV2', accountTier: 'Standard', accountReplicationType: 'ZRS',
    allowNestedItemsToBePublic: false, crossTenantReplicationEnabled: false, httpsTrafficOnlyEnabled: true, infrastructureEncryptionEnabled: true,
    minTlsVersion: 'TLS1_2', sharedAccessKeyEnabled: true, networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
    lifecycle: { preventDestroy: true }, tags: { 'ai-infra-flow-logs': vnet.name },
  });
  new NetworkWatcherFlowLog(stack, 'Network_FlowLog', {
    name: `${id}-vnet-flow-log`, networkWatcherName: `NetworkWatcher_${location}`, resourceGroupName: 'NetworkWatcherRG',
    targetResourceId: vnet.id, storageAccountId: flowLogAccount.id, enabled: true, version: 2, retentionPolicy: { enabled: true, days: 90 },
  });

  // fleet
  const ppg = new ProximityPlacementGroup(stack, 'Training_Placement', { ...where, name: `${id}-training-ppg`, allowedVmSizes: ['Standard_ND96isr_H100_v5'] });
  const vmss = new LinuxVirtualMachineScaleSet(stack, 'Training_ScaleSet', {
    ...where, name: `${id}-training`, sku: 'Standard_ND96isr_H100_v5', instances: 0, upgradeMode: 'Manual',
    singlePlacementGroup: true, proximityPlacementGroupId: ppg.id, platformFaultDomainCount: 1, overprovision: false,
    priority: 'Spot', evictionPolicy: 'Delete', maxBidPrice: -1, encryptionAtHostEnabled: false,
    adminUsername: 'azureuser', disablePasswordAuthentication: true, adminSshKey: [{ username: 'azureuser', publicKey: SSH_KEY }],
    sourceImageReference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' },
    osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: 200 },
    networkInterface: [{ name: `${id}-training-nic`, primary: true, enableAcceleratedNetworking: true, ipConfiguration: [{ name: 'internal', primary: true, subnetId: compute.id }] }],
    identity: { type: 'SystemAssigned' }, bootDiagnostics: {},
    // cloud-init: a timer that publishes nvidia-smi's GPU utilization as an Azure Monitor custom metric
    customData: GPU_METRICS_CUSTOM_DATA,
    extension: [{ name: 'AADSSHLoginForLinux', publisher: 'Microsoft.Azure.ActiveDirectory', type: 'AADSSHLoginForLinux', typeHandlerVersion: '1.0', autoUpgradeMinorVersion: true }],
    tags: { 'ai-infra-fleet': `${id}-training` },
  });
  const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
  new MonitorAutoscaleSetting(stack, 'Training_Autoscale', {
    ...where, name: `${id}-training-schedule`, targetResourceId: vmss.id,
    profile: [
      { name: 'working-hours', capacity: { default: 8, minimum: 8, maximum: 8 }, recurrence: { timezone: 'UTC', days: weekdays, hours: [7], minutes: [0] } },
      { name: 'off-hours', capacity: { default: 0, minimum: 0, maximum: 0 }, recurrence: { timezone: 'UTC', days: weekdays, hours: [20], minutes: [0] } },
    ],
  });
  new RoleAssignment(stack, 'Training_MetricsPublisher', {
    scope: vmss.id, roleDefinitionName: 'Monitoring Metrics Publisher', principalId: vmss.identity.principalId, principalType: 'ServicePrincipal',
  });
  new RoleAssignment(stack, 'Data_ReadWrite', { scope: account.id, roleDefinitionName: 'Storage Blob Data Contributor', principalId: vmss.identity.principalId });

  // serving
  const client = new DataAzurermClientConfig(stack, 'Serving_Client', {});
  const base = `${id}s30706b06`;
  const logs = new LogAnalyticsWorkspace(stack, 'Serving_Logs', { ...where, name: `${base}-logs`, sku: 'PerGB2018', retentionInDays: 90 });
  const insights = new ApplicationInsights(stack, 'Serving_Insights', { ...where, name: `${base}-insights`, applicationType: 'web', workspaceId: logs.id });
  const vault = new KeyVault(stack, 'Serving_KeyVault', {
    ...where, name: `${base}kv`, tenantId: client.tenantId, skuName: 'standard', purgeProtectionEnabled: true, softDeleteRetentionDays: 90,
    rbacAuthorizationEnabled: true, publicNetworkAccessEnabled: false, networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny' }, lifecycle: { preventDestroy: true },
  });
  const registry = new ContainerRegistry(stack, 'Serving_Registry', {
    ...where, name: `${base}acr`, sku: 'Premium', adminEnabled: false, publicNetworkAccessEnabled: false, anonymousPullEnabled: false,
    quarantinePolicyEnabled: true, trustPolicyEnabled: true, retentionPolicyInDays: 30, zoneRedundancyEnabled: true, networkRuleBypassOption: 'AzureServices',
  });
  const mlStorage = new StorageAccount(stack, 'Serving_Storage', {
    ...where, name: `${base}st`, accountKind: 'StorageV2', accountTier: 'Standard', accountReplicationType: 'ZRS', httpsTrafficOnlyEnabled: true,
    minTlsVersion: 'TLS1_2', allowNestedItemsToBePublic: false, crossTenantReplicationEnabled: false, infrastructureEncryptionEnabled: true,
    publicNetworkAccessEnabled: false, networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
    blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } },
    lifecycle: { preventDestroy: true },
  });
  const workspace = new MachineLearningWorkspace(stack, 'Serving_Workspace', {
    ...where, name: `${base}-mlw`, applicationInsightsId: insights.id, keyVaultId: vault.id, storageAccountId: mlStorage.id, containerRegistryId: registry.id,
    identity: { type: 'SystemAssigned' }, publicNetworkAccessEnabled: false, highBusinessImpact: true, managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
  });
  const endpointName = `${base}-f33c9ae9`;
  const armTemplate = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { workspaceName: { type: 'string' }, endpointName: { type: 'string' }, location: { type: 'string' } },
    resources: [{
      type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints', apiVersion: '2024-04-01',
      name: "[format('{0}/{1}', parameters('workspaceName'), parameters('endpointName'))]", location: "[parameters('location')]",
      identity: { type: 'SystemAssigned' }, kind: 'Managed', properties: { authMode: 'AADToken', publicNetworkAccess: 'Disabled' },
    }],
    outputs: { scoringUri: { type: 'string', value: "[reference(resourceId('Microsoft.MachineLearningServices/workspaces/onlineEndpoints', parameters('workspaceName'), parameters('endpointName')), '2024-04-01').scoringUri]" } },
  };
  const online = new ResourceGroupTemplateDeployment(stack, 'Serving_OnlineEndpoint', {
    resourceGroupName: rg.name, name: `${endpointName}-online-endpoint`, deploymentMode: 'Incremental', templateContent: JSON.stringify(armTemplate),
    parametersContent: Fn.jsonencode({ workspaceName: { value: workspace.name }, endpointName: { value: endpointName }, location: { value: location } }),
  });

  // monitoring
  const group = new MonitorActionGroup(stack, 'Monitoring_ActionGroup', { name: `${vmss.name}-alerts`, resourceGroupName: vmss.resourceGroupName, shortName: 'ai5d5fd199' });
  const endpointId = `${workspace.id}/onlineEndpoints/${endpointName}`;
  const alert = (name, suffix, scope, criteria, dependsOn) => new MonitorMetricAlert(stack, name, {
    name: `${vmss.name}-${suffix}`, resourceGroupName: vmss.resourceGroupName, scopes: [scope], severity: 2, frequency: 'PT5M', windowSize: 'PT1H',
    criteria: [criteria], action: [{ actionGroupId: group.id }], dependsOn,
  });
  alert('Monitoring_NodesIdle', 'idle', vmss.id, { metricNamespace: 'AIInfra.Gpu', metricName: 'GpuUtilization', aggregation: 'Average', operator: 'LessThan', threshold: 10, skipMetricValidation: true }, []);
  const ml = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints';
  alert('Monitoring_Latency', 'endpoint-p99', endpointId, { metricNamespace: ml, metricName: 'RequestLatency_P99', aggregation: 'Average', operator: 'GreaterThan', threshold: 300 }, [online]);
  alert('Monitoring_Errors', 'endpoint-errors', endpointId, {
    metricNamespace: ml, metricName: 'RequestsPerMinute', aggregation: 'Total', operator: 'GreaterThan', threshold: 0,
    dimension: [{ name: 'statusCodeClass', operator: 'Include', values: ['5xx'] }],
  }, [online]);
  const chart = (resourceType, resourceId, metric, aggregation, title) => ({
    type: 10,
    content: {
      version: 'MetricsItem/2.0', size: 0, chartType: 2, resourceType, metricScope: 0, resourceIds: [resourceId], timeContext: { durationMs: 86400000 },
      metrics: [{ namespace: resourceType, metric: `${resourceType}--${metric}`, aggregation }], title,
    },
  });
  const mlType = 'microsoft.machinelearningservices/workspaces/onlineendpoints';
  new ApplicationInsightsWorkbook(stack, 'Monitoring_Workbook', {
    name: '00000000-0000-4000-8000-5d5fd1990000', resourceGroupName: vmss.resourceGroupName, location: vmss.location, displayName: `ai-infra ${vmss.name}`,
    dataJson: JSON.stringify({
      version: 'Notebook/1.0',
      items: [
        chart('microsoft.compute/virtualmachinescalesets', vmss.id, 'Percentage CPU', 4, 'Node CPU (%)'),
        chart(mlType, endpointId, 'RequestLatency_P99', 4, 'Endpoint p99 latency (ms)'),
        chart(mlType, endpointId, 'RequestsPerMinute', 1, 'Requests per minute'),
        chart(mlType, endpointId, 'GpuUtilizationPercentage', 4, 'Deployment GPU utilization (%)'),
        { type: 1, content: { json: 'Cost per 1,000 predictions = serving $/hour x instances / predictions per hour x 1000; the serving SKU has no price in the library catalog yet.' } },
      ],
    }),
  });

  new TerraformOutput(stack, 'storage_account', { value: account.name });
  new TerraformOutput(stack, 'serving_scoring_uri', { value: Fn.lookup(Fn.lookup(Fn.jsondecode(online.outputContent), 'scoringUri', {}), 'value', ''), description: `Scoring URI of ${id}/Serving` });
  new TerraformOutput(stack, 'strategy', { value: 'cloud-first' });
  return stack;
}

module.exports = { build };

if (require.main === module) {
  const app = new App();
  build(app, 'reference');
  app.synth();
}
