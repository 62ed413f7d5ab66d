import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { Cloud } from '../core/catalog/cloud';
import { alnumName, dnsName, shortHash } from '../core/internal/names';
import { ModelEndpointSpec, ModelEndpointSpecProps } from '../core/specs/model-endpoint-spec';
import { Validation } from '../core/validation';
import { Fn, TerraformOutput } from '../tf';

/** Properties of an Azure ML managed online endpoint. */
export interface ModelEndpointProps extends ModelEndpointSpecProps {
  /** The cluster network (resource group, region). */
  readonly network: ClusterNetwork;
  /**
   * Registered model to deploy (`azureml://registries/<r>/models/<m>/versions/<v>` or a workspace model
   * asset id). Terraform cannot register a model; register it first (`az ml model create`).
   * @default - the endpoint only, without a deployment
   */
  readonly modelAssetId?: string;
  /**
   * Environment (image and conda) of the deployment.
   * @default - the curated Azure ML environment for PyTorch 2.2 GPU inference (acpt-pytorch-2.2-cuda12.1)
   */
  readonly environmentId?: string;
}

const API = '2024-04-01';

/**
 * An Azure ML workspace with its dependencies (key vault with purge protection, application insights on a
 * log analytics workspace, a Premium container registry, its own storage account), public network access
 * off and a managed network that allows only approved outbound; a managed online endpoint and, with
 * `modelAssetId`, a deployment, through `azurerm_resource_group_template_deployment` (the azurerm provider
 * has no online endpoint resource); the scoring URI as an output.
 */
export class ModelEndpoint extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ModelEndpointSpec;
  /** The workspace. */
  public readonly workspace: MachineLearningWorkspace;
  /** The workspace key vault. */
  public readonly keyVault: KeyVault;
  /** The workspace container registry. */
  public readonly containerRegistry: ContainerRegistry;
  /** The ARM deployment holding the online endpoint (and its deployment). */
  public readonly endpointDeployment: ResourceGroupTemplateDeployment;
  /** Endpoint name. */
  public readonly endpointName: string;
  /** Scoring URI (a Terraform expression). */
  public readonly scoringUri: string;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    this.spec = new ModelEndpointSpec(props);
    const problems = this.spec.validate(Cloud.AZURE);
    if (!(props.network instanceof ClusterNetwork)) problems.push(Validation.problem('network', props.network, 'an azure.ClusterNetwork'));
    if (props.modelAssetId !== undefined && !/^azureml:\/\/|^\/subscriptions\//.test(props.modelAssetId)) {
      problems.push(Validation.problem('modelAssetId', props.modelAssetId, 'azureml://registries/<r>/models/<m>/versions/<v> or a model resource id'));
    }
    if (!this.spec.privateOnly) {
      problems.push(Validation.problem('privateOnly', false, 'true on azure (the workspace and endpoint take no public traffic)'));
    }
    Validation.throwIfAny('ModelEndpoint', this.node.path, problems);
    const spec = this.spec;
    const network = props.network;
    const rg = { resourceGroupName: network.resourceGroupName, location: network.location };
    const base = alnumName(`${network.namePrefix}${id}`, 18);
    const client = new DataAzurermClientConfig(this, 'Client', {});

    const logs = new LogAnalyticsWorkspace(this, 'Logs', { ...rg, name: `${base}-logs`, sku: 'PerGB2018', retentionInDays: 90 });
    const insights = new ApplicationInsights(this, 'Insights', { ...rg, name: `${base}-insights`, applicationType: 'web', workspaceId: logs.id });
    this.keyVault = new KeyVault(this, 'KeyVault', {
      ...rg,
      name: `${base}kv`.slice(0, 24),
      tenantId: client.tenantId,
      skuName: 'standard',
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: 90,
      rbacAuthorizationEnabled: true,
      publicNetworkAccessEnabled: false,
      networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
      lifecycle: { preventDestroy: true },
    });
    this.containerRegistry = new ContainerRegistry(this, 'Registry', {
      ...rg,
      name: `${base}acr`,
      sku: 'Premium',
      adminEnabled: false,
      publicNetworkAccessEnabled: false,
      anonymousPullEnabled: false,
      quarantinePolicyEnabled: true,
      retentionPolicyInDays: 30,
      trustPolicyEnabled: true,
      networkRuleBypassOption: 'AzureServices',
      zoneRedundancyEnabled: true,
    });
    const storage = new StorageAccount(this, 'Storage', {
      ...rg,
      name: `${base}st`,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      infrastructureEncryptionEnabled: true,
      publicNetworkAccessEnabled: false,
      crossTenantReplicationEnabled: false,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices', 'Logging', 'Metrics'] },
      blobProperties: { versioningEnabled: true, deleteRetentionPolicy: { days: 7 }, containerDeleteRetentionPolicy: { days: 7 } },
      lifecycle: { preventDestroy: true },
    });

    this.workspace = new MachineLearningWorkspace(this, 'Workspace', {
      ...rg,
      name: `${base}-mlw`,
      applicationInsightsId: insights.id,
      keyVaultId: this.keyVault.id,
      storageAccountId: storage.id,
      containerRegistryId: this.containerRegistry.id,
      identity: { type: 'SystemAssigned' },
      publicNetworkAccessEnabled: false,
      highBusinessImpact: true,
      managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' },
    });

    this.endpointName = dnsName(`${base}-${shortHash(this.node.path)}`, 32);
    const type = spec.instanceTypeFor(Cloud.AZURE);
    const resources: any[] = [{
      type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
      apiVersion: API,
      name: "[format('{0}/{1}', parameters('workspaceName'), parameters('endpointName'))]",
      location: "[parameters('location')]",
      identity: { type: 'SystemAssigned' },
      kind: 'Managed',
      properties: { authMode: spec.auth, publicNetworkAccess: 'Disabled' },
    }];
    if (props.modelAssetId) {
      resources.push({
        type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments',
        apiVersion: API,
        name: "[format('{0}/{1}/{2}', parameters('workspaceName'), parameters('endpointName'), 'blue')]",
        location: "[parameters('location')]",
        kind: 'Managed',
        sku: { name: 'Default', capacity: spec.minInstances },
        dependsOn: ["[resourceId('Microsoft.MachineLearningServices/workspaces/onlineEndpoints', parameters('workspaceName'), parameters('endpointName'))]"],
        properties: {
          endpointComputeType: 'Managed',
          instanceType: type,
          model: "[parameters('modelAssetId')]",
          environmentId: props.environmentId ?? 'azureml://registries/azureml/environments/acpt-pytorch-2.2-cuda12.1/labels/latest',
          egressPublicNetworkAccess: 'Disabled',
          appInsightsEnabled: true,
          dataCollector: spec.dataCapturePercent > 0 ? {
            collections: { model_inputs: { dataCollectionMode: 'Enabled' }, model_outputs: { dataCollectionMode: 'Enabled' } },
            samplingRate: spec.dataCapturePercent / 100,
          } : undefined,
          scaleSettings: spec.autoscaling
            ? { scaleType: 'TargetUtilization', minInstances: spec.minInstances, maxInstances: spec.maxInstances, targetUtilizationPercentage: 70, pollingInterval: 'PT1M' }
            : { scaleType: 'Default' },
        },
      });
    }
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        workspaceName: { type: 'string' },
        endpointName: { type: 'string' },
        location: { type: 'string' },
        ...(props.modelAssetId ? { modelAssetId: { type: 'string' } } : {}),
      },
      resources,
      outputs: {
        scoringUri: {
          type: 'string',
          value: "[reference(resourceId('Microsoft.MachineLearningServices/workspaces/onlineEndpoints', parameters('workspaceName'), parameters('endpointName')), '" + API + "').scoringUri]",
        },
      },
    };
    this.endpointDeployment = new ResourceGroupTemplateDeployment(this, 'OnlineEndpoint', {
      resourceGroupName: network.resourceGroupName,
      name: `${this.endpointName}-online-endpoint`,
      deploymentMode: 'Incremental',
      templateContent: JSON.stringify(template),
      parametersContent: Fn.jsonencode({
        workspaceName: { value: this.workspace.name },
        endpointName: { value: this.endpointName },
        location: { value: network.location },
        ...(props.modelAssetId ? { modelAssetId: { value: props.modelAssetId } } : {}),
      }),
    });
    this.scoringUri = Fn.lookup(Fn.lookup(Fn.jsondecode(this.endpointDeployment.outputContent), 'scoringUri', {}), 'value', '');
    new TerraformOutput(this, 'ScoringUriOutput', { value: this.scoringUri, description: `Scoring URI of ${this.node.path}` })
      .overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_scoring_uri`);
  }

  /** Lets a principal score against this endpoint (`AzureML Data Scientist`, scoped to the endpoint). */
  public grantInvoke(principalId: string): RoleAssignment {
    return new RoleAssignment(this, `Invoke${shortHash(principalId)}`, {
      // scoped to this endpoint, not the workspace
      scope: `${this.workspace.id}/onlineEndpoints/${this.endpointName}`, roleDefinitionName: 'AzureML Data Scientist', principalId,
    });
  }
}
