import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { ContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MachineLearningWorkspace } from '@cdktf/provider-azurerm/lib/machine-learning-workspace';
import { MonitorAutoscaleSetting, MonitorAutoscaleSettingProfileRule } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Construct } from 'constructs';
import { AZURE_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { IGrantable, principalKey, principalOf } from './grant';
import { acknowledgementTag } from './policy/util';
import { Cloud } from '../core/catalog/cloud';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { alnumName, dnsName, shortHash } from '../core/internal/names';
import { EndpointAuth, ModelEndpointSpec, ModelEndpointSpecProps, ScalingMetric } from '../core/specs/model-endpoint-spec';
import { Validation, ValidationProblem } from '../core/validation';
import { recordResources } from '../terraform/manifest';
import { Annotations, Fn, TerraformOutput } from '../tf';

/** Properties of an Azure ML managed online endpoint. */
export interface ModelEndpointProps extends ModelEndpointSpecProps {
  /** The cluster network (resource group, region). */
  readonly network: ClusterNetwork;
  /**
   * Registered model to deploy (`azureml://registries/<r>/models/<m>/versions/<v>` or a workspace model
   * asset id). Terraform cannot register a model; register it first (`az ml model create`).
   * @default - `modelArtifact`; without either, the endpoint only (pending), without a deployment
   * @deprecated use `modelArtifact`, which takes the same ids on Azure
   */
  readonly modelAssetId?: string;
  /**
   * How callers authenticate to the online endpoint (Azure only: on AWS and Google Cloud, IAM decides who may invoke an
   * endpoint through `grantInvoke`, and they refuse an `auth` passed to them).
   *
   * @see https://learn.microsoft.com/azure/machine-learning/how-to-authenticate-online-endpoint
   * @default EndpointAuth.AAD_TOKEN
   */
  readonly auth?: EndpointAuth;
  /**
   * Environment (image and conda) of the deployment.
   * @default - the curated Azure ML environment for PyTorch 2.2 GPU inference (acpt-pytorch-2.2-cuda12.1)
   */
  readonly environmentId?: string;
}

const API = '2024-04-01';
const ENDPOINT_NS = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints';
const DEPLOYMENT_NS = 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments';
const DEFAULT_ENVIRONMENT = 'azureml://registries/azureml/environments/acpt-pytorch-2.2-cuda12.1/labels/latest';
/** The deployment metric each neutral scaling signal tracks (azure-monitor supported metrics of online deployments). */
const SCALING_METRIC: Record<ScalingMetric, string> = {
  [ScalingMetric.GPU_UTILIZATION]: 'GpuUtilizationPercentage',
  [ScalingMetric.CPU_UTILIZATION]: 'CpuUtilizationPercentage',
  // "The number of requests sent to online deployment within a minute", divided by the instance count
  [ScalingMetric.REQUESTS_PER_INSTANCE]: 'RequestsPerMinute',
};
/** Built-in role `Storage Blob Data Contributor`. */
const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';
/** GPU serving SKUs (NC, ND and NV families): the ones that publish GpuUtilizationPercentage. */
const GPU_SKU = /^Standard_N[CDV]/;

/**
 * An Azure ML workspace with its dependencies (key vault with purge protection, application insights on a
 * log analytics workspace, a Premium container registry (public network access off; the network's VMs reach it through
 * a private endpoint in the private endpoint subnet, `registryEndpoint`), its own storage account, which refuses shared keys: the
 * workspace's blob datastores use identity-based access and the workspace and the endpoint hold Storage Blob Data
 * Contributor on it; Azure ML lists a workspace on a shared-key-disabled account as preview), public network access
 * off and a managed network that allows only approved outbound; a managed online endpoint and, with
 * `modelArtifact`, a deployment, through `azurerm_resource_group_template_deployment` (the azurerm provider
 * has no online endpoint resource); the scoring URI as an output; alerts on the endpoint's p99 latency
 * (`latencyAlarmMs`) and on 5xx answers.
 *
 * Scaling: managed online deployments take only the `Default` scale type, so autoscaling (`maxInstances` above
 * `minInstances`) is an Azure Monitor autoscale setting on the deployment, tracking the deployment metric of
 * `scaling` (`GpuUtilizationPercentage`, `CpuUtilizationPercentage`, or `RequestsPerMinute` divided by the
 * instance count): Azure Monitor autoscale works on thresholds, not target tracking, so the deployment scales out
 * by one instance when the 5-minute average is above the target and in by one when the 10-minute average is
 * below half of it (the margin keeps autoscale from flapping).
 *
 * Without `modelArtifact` (Terraform cannot register a model) the endpoint is pending: the first apply creates the
 * workspace and the online endpoint with no deployment, and a warning names the second step (register the model,
 * set `modelArtifact`, apply again). There is no deployment to size: `deploymentSpec`
 * (also an output) holds the deployment to create once a model is registered, with the instance type, the
 * instance count, the data collector and the autoscale rules.
 *
 * @see https://learn.microsoft.com/azure/machine-learning/how-to-autoscale-endpoints
 * @see https://learn.microsoft.com/azure/machine-learning/reference-yaml-deployment-managed-online
 *
 * @example
 * declare const network: azure.ClusterNetwork;
 * declare const callerObjectId: string;
 * // first apply without a model; register it (az ml model create), then apply with its asset id
 * const endpoint = new azure.ModelEndpoint(this, 'Serving', {
 *   network,
 *   instanceType: 'Standard_NC24ads_A100_v4',
 *   maxInstances: 4,
 *   modelArtifact: 'azureml://registries/azureml/models/my-model/versions/1',
 * });
 * endpoint.grantInvoke(azure.Grantee.principal(callerObjectId, 'ServicePrincipal'));
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
  /**
   * The private endpoint of the container registry in the network's private endpoint subnet (with its
   * `privatelink.azurecr.io` records), through which the network's VMs reach the registry, whose public network
   * access is off. The workspace's managed network has its own.
   */
  public readonly registryEndpoint: PrivateEndpoint;
  /** The ARM deployment holding the online endpoint (and its deployment). */
  public readonly endpointDeployment: ResourceGroupTemplateDeployment;
  /** Endpoint name. */
  public readonly endpointName: string;
  /** Lets the workspace's system identity read and write its storage account (which refuses shared keys). */
  public readonly storageAccess: RoleAssignment;
  /** Scoring URI (a Terraform expression). */
  public readonly scoringUri: string;
  /** Autoscale setting of the deployment (with `modelArtifact`, when `maxInstances` is above `minInstances`). */
  public readonly autoscale?: MonitorAutoscaleSetting;
  /** Alert: p99 latency above `latencyAlarmMs` over an hour; no action until routed (`PlatformMonitoring`). */
  public readonly latencyAlert: MonitorMetricAlert;
  /** Alert: requests answered with 5xx; no action until routed (`PlatformMonitoring`). */
  public readonly errorAlert: MonitorMetricAlert;
  /**
   * The managed online deployment to create once a model is registered (YAML for `az ml online-deployment create
   * -f`), when there is no `modelArtifact`.
   */
  public readonly deploymentSpec?: string;
  /** True when no model is set (`modelArtifact`): the online endpoint exists with no deployment, nothing is billed for serving. */
  public readonly pending: boolean;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    requireProps('ModelEndpoint', this.node.path, props);
    // the neutral modelArtifact, or the Azure-only modelAssetId it replaces: a registered model
    const model = props.modelArtifact ?? props.modelAssetId;
    this.spec = new ModelEndpointSpec({ ...props, modelArtifact: props.modelArtifact });
    const problems = [...this.spec.validate(Cloud.AZURE), ...unsupportedSettings(AZURE_CLOUD, 'ModelEndpoint', props)];
    if (props.modelArtifact !== undefined && props.modelAssetId !== undefined) {
      problems.push(Validation.problem('modelAssetId', props.modelAssetId, 'unset when modelArtifact is set (it is the Azure-only form of modelArtifact)'));
    }
    if (!(props.network instanceof ClusterNetwork)) problems.push(Validation.problem('network', props.network, 'an azure.ClusterNetwork'));
    if (props.modelAssetId !== undefined && !/^azureml:\/\/|^\/subscriptions\//.test(props.modelAssetId)) {
      problems.push(Validation.problem('modelAssetId', props.modelAssetId, 'azureml://registries/<r>/models/<m>/versions/<v> or a model resource id'));
    }
    if (props.auth !== undefined && !Object.values(EndpointAuth).includes(props.auth)) {
      problems.push(Validation.problem('auth', props.auth, Object.values(EndpointAuth).join(', ')));
    }
    if (problems.length === 0) problems.push(...scalingProblems(this.spec, props));
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
      // quarantine off: with it on, an image pushed here (Azure ML builds its environment images into the workspace
      // registry and the deployment's instances pull them) cannot be pulled until a scanner holding
      // AcrQuarantineWriter marks it Passed, and nothing in the stack does: the first deployment would fail to pull.
      // Scan images before they are pushed (the build pipeline) or with Microsoft Defender for Containers instead.
      quarantinePolicyEnabled: false,
      retentionPolicyInDays: 30,
      trustPolicyEnabled: true,
      networkRuleBypassOption: 'AzureServices',
      zoneRedundancyEnabled: true,
      tags: { [acknowledgementTag('AZ-ACR-1')]: 'Quarantine off: a pushed image stays unpullable until a scanner marks it Passed, and nothing here does (azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ACR.Quarantine); anonymous pull off, content trust and retention on' },
    });
    // Premium is the SKU that takes private endpoints
    // (https://learn.microsoft.com/azure/container-registry/container-registry-private-link)
    this.registryEndpoint = network.addPrivateEndpoint(this, 'RegistryEndpoint', {
      resourceId: this.containerRegistry.id, subresource: 'registry', name: `${base}-acr-pe`,
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
      // no shared keys: captured inference requests (the data collector) land here, and a key would read them all.
      // azurerm 4.55 has no system_datastores_auth_mode on the workspace (hashicorp/terraform-provider-azurerm#22150),
      // so the template below re-creates the workspace's blob datastores with identity-based access (credentials
      // None, the workspace's system identity), as Azure ML documents for a workspace whose storage refuses shared keys
      // https://learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage
      // https://learn.microsoft.com/azure/machine-learning/how-to-administrate-data-authentication
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
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
    // the workspace reaches its storage with its identity, not a key (identity-based datastores below)
    this.storageAccess = new RoleAssignment(this, 'WorkspaceUsesStorage', {
      scope: storage.id, roleDefinitionName: 'Storage Blob Data Contributor', principalId: this.workspace.identity.principalId, principalType: 'ServicePrincipal',
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
      properties: { authMode: props.auth ?? EndpointAuth.AAD_TOKEN, publicNetworkAccess: 'Disabled' },
    }];
    if (model) {
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
          environmentId: props.environmentId ?? DEFAULT_ENVIRONMENT,
          egressPublicNetworkAccess: 'Disabled',
          appInsightsEnabled: true,
          dataCollector: spec.dataCapturePercent > 0 ? {
            collections: { model_inputs: { dataCollectionMode: 'Enabled' }, model_outputs: { dataCollectionMode: 'Enabled' } },
            samplingRate: spec.dataCapturePercent / 100,
          } : undefined,
          // managed online deployments take only the Default scale type; autoscaling is the autoscale setting below
          scaleSettings: { scaleType: 'Default' },
        },
      });
    }
    resources.push(...identityDatastores(), {
      // the endpoint's identity writes the captured requests (data collector) to the workspace storage without a key
      type: 'Microsoft.Authorization/roleAssignments',
      apiVersion: '2022-04-01',
      scope: "[format('Microsoft.Storage/storageAccounts/{0}', parameters('storageAccountName'))]",
      name: "[guid(parameters('workspaceName'), parameters('endpointName'), 'blob-data-contributor')]",
      dependsOn: ["[resourceId('Microsoft.MachineLearningServices/workspaces/onlineEndpoints', parameters('workspaceName'), parameters('endpointName'))]"],
      properties: {
        roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${STORAGE_BLOB_DATA_CONTRIBUTOR}')]`,
        principalId: "[reference(resourceId('Microsoft.MachineLearningServices/workspaces/onlineEndpoints', parameters('workspaceName'), parameters('endpointName')), '" + API + "', 'full').identity.principalId]",
        principalType: 'ServicePrincipal',
      },
    });
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        workspaceName: { type: 'string' },
        endpointName: { type: 'string' },
        location: { type: 'string' },
        storageAccountName: { type: 'string' },
        ...(model ? { modelAssetId: { type: 'string' } } : {}),
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
      dependsOn: [this.storageAccess],
      parametersContent: Fn.jsonencode({
        workspaceName: { value: this.workspace.name },
        endpointName: { value: this.endpointName },
        location: { value: network.location },
        storageAccountName: { value: storage.name },
        ...(model ? { modelAssetId: { value: model } } : {}),
      }),
    });
    this.scoringUri = Fn.lookup(Fn.lookup(Fn.jsondecode(this.endpointDeployment.outputContent), 'scoringUri', {}), 'value', '');
    new TerraformOutput(this, 'ScoringUriOutput', { value: this.scoringUri, description: `Scoring URI of ${this.node.path}` })
      .overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_scoring_uri`);
    const endpointId = `${this.workspace.id}/onlineEndpoints/${this.endpointName}`;
    this.pending = model === undefined;
    if (model) {
      if (spec.autoscaling) this.autoscale = this.renderAutoscale(`${endpointId}/deployments/blue`, network);
    } else {
      Annotations.of(this).addWarning(`${this.node.path} is pending: no modelArtifact, so the online endpoint is created with no deployment. ` +
        'Second step: register the model (az ml model create), set modelArtifact to its azureml:// id and apply again ' +
        '(or create the deployment from the deployment_spec output)');
      this.deploymentSpec = deploymentYaml(this.endpointName, spec, props.environmentId ?? DEFAULT_ENVIRONMENT);
      new TerraformOutput(this, 'DeploymentSpecOutput', {
        value: this.deploymentSpec,
        description: `Terraform cannot register a model: register it (az ml model create), put its id in model:, save this as deployment.yml and run az ml online-deployment create -f deployment.yml --all-traffic -g ${network.resourceGroupName} -w <workspace>; or set modelArtifact and Terraform deploys it`,
      }).overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_deployment_spec`);
    }
    const alert = (cid: string, name: string, description: string, criteria: object) => new MonitorMetricAlert(this, cid, {
      name,
      resourceGroupName: network.resourceGroupName,
      description,
      scopes: [endpointId],
      severity: 2,
      frequency: 'PT5M',
      windowSize: 'PT1H',
      criteria: [{ metricNamespace: ENDPOINT_NS, ...criteria } as any],
      dependsOn: [this.endpointDeployment],
    });
    this.latencyAlert = alert('LatencyAlert', `${this.endpointName}-p99`, `${this.node.path}: p99 latency above ${spec.latencyAlarmMs} ms`,
      { metricName: 'RequestLatency_P99', aggregation: 'Average', operator: 'GreaterThan', threshold: spec.latencyAlarmMs });
    // requests answered with 5xx, through the status code class dimension
    this.errorAlert = alert('ErrorAlert', `${this.endpointName}-errors`, `${this.node.path}: requests answered with 5xx`,
      { metricName: 'RequestsPerMinute', aggregation: 'Total', operator: 'GreaterThan', threshold: 0, dimension: [{ name: 'statusCodeClass', operator: 'Include', values: ['5xx'] }] });
    recordResources(this, Cloud.AZURE, 'ModelEndpoint', {
      endpointDeployment: this.endpointDeployment,
      autoscale: this.autoscale,
      workspace: this.workspace,
      keyVault: this.keyVault,
      containerRegistry: this.containerRegistry,
      registryEndpoint: this.registryEndpoint,
      alerts: [this.latencyAlert, this.errorAlert],
    }, this.pending ? { pending: true } : undefined);
  }

  /**
   * Azure Monitor autoscale on the deployment: out by one above the target, in by one below half of it.
   * @see https://learn.microsoft.com/azure/machine-learning/how-to-autoscale-endpoints
   */
  private renderAutoscale(deploymentId: string, network: ClusterNetwork): MonitorAutoscaleSetting {
    const spec = this.spec;
    return new MonitorAutoscaleSetting(this, 'Autoscale', {
      resourceGroupName: network.resourceGroupName,
      location: network.location,
      name: `${this.endpointName}-autoscale`,
      targetResourceId: deploymentId,
      profile: [{
        name: 'scaling',
        capacity: { minimum: spec.minInstances, default: spec.minInstances, maximum: spec.maxInstances },
        rule: scalingRules(spec, deploymentId),
      }],
      dependsOn: [this.endpointDeployment],
    });
  }

  /**
   * Lets a principal score against this endpoint (`AzureML Data Scientist`, scoped to the endpoint).
   *
   * @param grantee an `azure.GpuFleet`, or `azure.Grantee.principal(objectId)`
   */
  public grantInvoke(grantee: IGrantable): RoleAssignment {
    const { principalId, principalType } = principalOf(grantee, 'ModelEndpoint', this.node.path);
    return new RoleAssignment(this, `Invoke${principalKey(this, principalId)}`, {
      // scoped to this endpoint, not the workspace
      scope: `${this.workspace.id}/onlineEndpoints/${this.endpointName}`, roleDefinitionName: 'AzureML Data Scientist', principalId, principalType,
    });
  }
}

/**
 * The workspace's two system blob datastores (`workspaceblobstore`, its default, in container
 * `azureml-blobstore-<workspace id>`, and `workspaceartifactstore`, container `azureml`) re-created with identity-based
 * access: no stored credential (`credentialsType: None`), the service reaching the data as the workspace's system identity.
 * This is what `system_datastores_auth_mode = identity` does, which azurerm 4.55 cannot set
 * (hashicorp/terraform-provider-azurerm#22150). The file datastores (Azure Files) keep their default: nothing here uses them.
 * @see https://learn.microsoft.com/azure/templates/microsoft.machinelearningservices/2024-04-01/workspaces/datastores
 */
function identityDatastores(): object[] {
  const workspace = "resourceId('Microsoft.MachineLearningServices/workspaces', parameters('workspaceName'))";
  const store = (name: string, container: string) => ({
    type: 'Microsoft.MachineLearningServices/workspaces/datastores',
    apiVersion: API,
    name: `[format('{0}/${name}', parameters('workspaceName'))]`,
    properties: {
      datastoreType: 'AzureBlob',
      accountName: "[parameters('storageAccountName')]",
      containerName: container,
      endpoint: '[environment().suffixes.storage]',
      protocol: 'https',
      credentials: { credentialsType: 'None' },
      serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity',
    },
  });
  return [
    store('workspaceblobstore', `[format('azureml-blobstore-{0}', reference(${workspace}, '${API}').workspaceId)]`),
    store('workspaceartifactstore', 'azureml'),
  ];
}

/** The scale-out and scale-in rules of the deployment's autoscale setting. */
function scalingRules(spec: ModelEndpointSpec, deploymentId: string): MonitorAutoscaleSettingProfileRule[] {
  const scaling = spec.scaling;
  const rule = (operator: string, threshold: number, window: string, direction: string, cooldown: string): MonitorAutoscaleSettingProfileRule => ({
    metricTrigger: {
      metricName: SCALING_METRIC[scaling.metric],
      metricNamespace: DEPLOYMENT_NS,
      metricResourceId: deploymentId,
      timeGrain: 'PT1M',
      statistic: 'Average',
      timeAggregation: 'Average',
      timeWindow: window,
      operator,
      threshold,
      divideByInstanceCount: scaling.metric === ScalingMetric.REQUESTS_PER_INSTANCE ? true : undefined,
    },
    scaleAction: { direction, type: 'ChangeCount', value: 1, cooldown },
  });
  return [
    rule('GreaterThan', scaling.target, 'PT5M', 'Increase', 'PT5M'),
    rule('LessThan', scaling.target / 2, 'PT10M', 'Decrease', 'PT10M'),
  ];
}

/** Scaling the deployment cannot honour: a GPU signal on a CPU SKU, or a signal with nothing to scale. */
function scalingProblems(spec: ModelEndpointSpec, props: ModelEndpointProps): ValidationProblem[] {
  const p: ValidationProblem[] = [];
  const given = props.scaling !== undefined ? 'scaling' : props.targetInvocationsPerInstance !== undefined ? 'targetInvocationsPerInstance' : undefined;
  const type = spec.instanceTypeFor(Cloud.AZURE);
  if (given && !spec.autoscaling) {
    p.push(Validation.problem(given, given === 'scaling' ? String(spec.scaling) : props.targetInvocationsPerInstance,
      `unset when maxInstances (${spec.maxInstances}) equals minInstances (${spec.minInstances}): there is nothing to scale`));
  } else if (spec.autoscaling && spec.scaling.metric === ScalingMetric.GPU_UTILIZATION && !GPU_SKU.test(type)) {
    p.push(Validation.problem('scaling', given ? String(spec.scaling) : `${spec.scaling} (default)`,
      `cpuUtilization(percent) or requestsPerInstance(perMinute) for ${type}, a CPU SKU (Azure ML publishes GpuUtilizationPercentage on GPU instances only)`));
  }
  return p;
}

/**
 * A managed online deployment in the YAML of `az ml online-deployment create -f`, for an endpoint Terraform cannot
 * deploy a model to; the autoscale rules as comments.
 * @see https://learn.microsoft.com/azure/machine-learning/reference-yaml-deployment-managed-online
 */
function deploymentYaml(endpointName: string, spec: ModelEndpointSpec, environmentId: string): string {
  const lines = [
    '$schema: https://azuremlschemas.azureedge.net/latest/managedOnlineDeployment.schema.json',
    'name: blue',
    `endpoint_name: ${endpointName}`,
    'model: azureml:<model>:<version>',
    `environment: ${environmentId}`,
    `instance_type: ${spec.instanceTypeFor(Cloud.AZURE)}`,
    `instance_count: ${spec.minInstances}`,
    'egress_public_network_access: disabled',
    'app_insights_enabled: true',
  ];
  if (spec.dataCapturePercent > 0) {
    lines.push('data_collector:', `  sampling_rate: ${spec.dataCapturePercent / 100}`, '  collections:',
      '    model_inputs:', "      enabled: 'True'", '    model_outputs:', "      enabled: 'True'");
  }
  if (spec.autoscaling) {
    const s = spec.scaling;
    const per = s.metric === ScalingMetric.REQUESTS_PER_INSTANCE ? ' per instance' : '';
    lines.push(
      `# autoscale (az monitor autoscale create --resource <deployment id> --min-count ${spec.minInstances} --count ${spec.minInstances} --max-count ${spec.maxInstances}):`,
      `#   out by 1 when the 5-minute average of ${SCALING_METRIC[s.metric]}${per} is above ${s.target}, in by 1 when the 10-minute average is below ${s.target / 2}`,
    );
  }
  return lines.join('\n') + '\n';
}
