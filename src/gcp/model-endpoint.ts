import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import type { VertexAiEndpointWithModelGardenDeployment } from '@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment';
import { Construct } from 'constructs';
import { GCP_CLOUD } from './cloud';
import { ClusterNetwork } from './cluster-network';
import { IGrantable, memberOf } from './grant';
import { Cloud } from '../core/catalog/cloud';
import { InstanceType } from '../core/catalog/instance-type';
import { ServingType } from '../core/catalog/serving-type';
import { unsupportedSettings } from '../core/contract';
import { requireProps } from '../core/internal/checks';
import { dnsName, numericId, shortHash } from '../core/internal/names';
import { ModelEndpointSpec, ModelEndpointSpecProps, ScalingMetric } from '../core/specs/model-endpoint-spec';
import { Validation, ValidationProblem } from '../core/validation';
import { load } from '../lazy';
import { recordResources } from '../terraform/manifest';
import { Annotations, TerraformOutput, Token, Tokenization } from '../tf';

/** Provider modules loaded on first use: only Model Garden and VPC peering need them. */
const optionalModules = () => ({
  VertexAiEndpointWithModelGardenDeployment: load<typeof import('@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment')>('@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment').VertexAiEndpointWithModelGardenDeployment,
  DataGoogleProject: load<typeof import('@cdktf/provider-google/lib/data-google-project')>('@cdktf/provider-google/lib/data-google-project').DataGoogleProject,
});

/** Provider modules loaded on first use: only a customer-managed key on the log dataset needs them. */
const cmekModules = () => ({
  DataGoogleBigqueryDefaultServiceAccount: load<typeof import('@cdktf/provider-google/lib/data-google-bigquery-default-service-account')>('@cdktf/provider-google/lib/data-google-bigquery-default-service-account').DataGoogleBigqueryDefaultServiceAccount,
  KmsCryptoKeyIamMember: load<typeof import('@cdktf/provider-google/lib/kms-crypto-key-iam-member')>('@cdktf/provider-google/lib/kms-crypto-key-iam-member').KmsCryptoKeyIamMember,
});

const KMS_KEY = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/**
 * The autoscaling metrics of a Vertex AI deployment: the short name `gcloud ai endpoints deploy-model
 * --autoscaling-metric-specs` takes (https://cloud.google.com/sdk/gcloud/reference/ai/endpoints/deploy-model: `cpu-usage`,
 * `gpu-duty-cycle`, `request-counts-per-minute`) and the v1 API's `AutoscalingMetricSpec.metricName`
 * (https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.endpoints#AutoscalingMetricSpec).
 */
const VERTEX_METRICS: Record<ScalingMetric, { readonly flag: string; readonly api: string }> = {
  [ScalingMetric.GPU_UTILIZATION]: { flag: 'gpu-duty-cycle', api: 'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle' },
  [ScalingMetric.CPU_UTILIZATION]: { flag: 'cpu-usage', api: 'aiplatform.googleapis.com/prediction/online/cpu/utilization' },
  [ScalingMetric.REQUESTS_PER_INSTANCE]: { flag: 'request-counts-per-minute', api: 'aiplatform.googleapis.com/prediction/online/request_count' },
};

/**
 * What a grant's construct id is derived from: the member with each token replaced by the reference it stands for
 * (`google_service_account.Training_ServiceAccount_81358374.email`), so the id follows the construct tree, not the
 * process-wide token counter (which moves whenever anything else creates a token first).
 */
function grantKey(member: string): string {
  if (!Token.isUnresolved(member)) return member;
  const fragments = Tokenization.reverseString(member);
  return [...fragments.literals.map(String), ...fragments.tokens.map((t) => String((t as { identifier?: unknown }).identifier ?? t))].join('|');
}

/** A machine type's accelerators, from the serving catalog or the fleet catalog. */
interface MachineAccelerators {
  /** Compute Engine accelerator type (`nvidia-l4`). */
  readonly gcpType: string;
  /** Vertex AI accelerator type (`NVIDIA_L4`). */
  readonly vertexType: string;
  /** Accelerators per replica. */
  readonly count: number;
}

function acceleratorsOf(machineType: string): MachineAccelerators | undefined {
  const lookups = [
    () => { const t = ServingType.of(Cloud.GCP, machineType); return { accelerator: t.accelerator, count: t.acceleratorCount }; },
    () => { const t = InstanceType.forCloud(Cloud.GCP, machineType); return { accelerator: t.accelerator, count: t.acceleratorCount }; },
  ];
  for (const lookup of lookups) {
    try {
      const { accelerator, count } = lookup();
      if (accelerator.gcpType && accelerator.vertexType) return { gcpType: accelerator.gcpType, vertexType: accelerator.vertexType, count };
    } catch {
      // not in this catalog
    }
  }
  return undefined;
}

/** Machine types the catalogs know accelerators for (named in errors). */
function acceleratedMachineTypes(): string[] {
  const names = [...ServingType.all(Cloud.GCP).map((t) => t.name), ...InstanceType.all(Cloud.GCP).map((t) => t.name)];
  return [...new Set(names)].filter((n) => acceleratorsOf(n) !== undefined).sort();
}

/** How a Vertex AI endpoint is reached (mutually exclusive in Vertex AI). */
export enum EndpointConnectivity {
  /** Private Service Connect: a private endpoint reached through a PSC endpoint in the consumer VPC. */
  PRIVATE_SERVICE_CONNECT = 'private-service-connect',
  /** VPC peering with the cluster's host network (private). */
  VPC_PEERING = 'vpc-peering',
  /** A dedicated public DNS endpoint (not private). */
  DEDICATED = 'dedicated',
}

/** A Model Garden or Hugging Face model to deploy with the endpoint. */
export interface ModelGardenModel {
  /**
   * Model Garden publisher model, e.g. `publishers/google/models/gemma3@gemma-3-1b-it`.
   * @default - give this or `huggingFaceModelId`
   */
  readonly publisherModelName?: string;
  /**
   * Hugging Face model id, e.g. `Qwen/Qwen3-0.6B`.
   * @default - give this or `publisherModelName`
   */
  readonly huggingFaceModelId?: string;
  /**
   * Accept the model's EULA.
   * @default false
   */
  readonly acceptEula?: boolean;
}

/** Properties of a Vertex AI endpoint. */
export interface ModelEndpointProps extends ModelEndpointSpecProps {
  /** The cluster network (project, region, host VPC for peering). */
  readonly network: ClusterNetwork;
  /**
   * How the endpoint is reached.
   * @default - EndpointConnectivity.PRIVATE_SERVICE_CONNECT while `privateOnly` (the default), else EndpointConnectivity.DEDICATED
   */
  readonly connectivity?: EndpointConnectivity;
  /**
   * Cloud KMS key for the endpoint (CMEK).
   * @default - Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /**
   * Cloud KMS key of the BigQuery dataset that receives the captured requests and responses (its
   * `default_encryption_configuration`), in the dataset's location (the network's region). The construct grants the
   * project's BigQuery encryption service account `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it and creates
   * the dataset after the grant, so the first apply succeeds. A key created in the same stack may be given as its
   * `id` (a token).
   * @default - kmsKeyName; Google-managed encryption without either
   */
  readonly loggingKmsKeyName?: string;
  /**
   * Deploy a Model Garden or Hugging Face model (the only models Terraform can deploy). The deployment is reached over
   * a public dedicated endpoint and has no request-response logging, so it needs `privateOnly: false` and
   * `dataCapturePercent: 0`.
   * @default - an empty endpoint; deploy a custom model with the `deploy_model_command` output
   */
  readonly modelGarden?: ModelGardenModel;
}

/**
 * A Vertex AI endpoint: private (Private Service Connect or VPC peering) or dedicated, optional CMEK,
 * request/response logging to BigQuery at the capture rate, autoscaling on the spec's signal, alert policies on p99
 * latency and errors, and an IAM grant for callers.
 *
 * Terraform cannot upload a custom model or deploy one to an endpoint (terraform-provider-google
 * #15303, #25152): the `deploy_model_command` output holds the exact `gcloud` call. A Model Garden or
 * Hugging Face model can be deployed through `modelGarden`.
 *
 * Two steps from an empty project: without `modelArtifact` (and without `modelGarden`) the endpoint is pending: the
 * first apply creates the Vertex AI endpoint with no model (nothing is billed for serving) and a warning names the
 * second step: copy the model directory to Cloud Storage, set `modelArtifact` to its `gs://` URI, apply again and
 * run the `deploy_model_command` output, which then uploads the artifact and deploys it.
 *
 * @example
 * declare const network: gcp.ClusterNetwork;
 * // first apply without `modelArtifact`; copy the model to gs://, apply with it and run the deploy_model_command output
 * const endpoint = new gcp.ModelEndpoint(this, 'Serving', { network, maxInstances: 8 });
 * endpoint.grantInvoke(gcp.Grantee.member('group:ml-apps@example.com'));
 */
export class ModelEndpoint extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ModelEndpointSpec;
  /** The endpoint (absent with `modelGarden`). */
  public readonly endpoint?: VertexAiEndpoint;
  /** The Model Garden deployment (with `modelGarden`). */
  public readonly modelGardenDeployment?: VertexAiEndpointWithModelGardenDeployment;
  /**
   * The BigQuery dataset receiving request/response logs. Present whenever the endpoint is not a Model Garden
   * deployment, also at `dataCapturePercent: 0`: it is kept (prevent_destroy) so capture can be turned off and on again.
   */
  public readonly loggingDataset?: BigqueryDataset;
  /** The endpoint id. */
  public readonly endpointId: string;
  /**
   * True when the endpoint waits for its model (no `modelArtifact`, no `modelGarden`): the Vertex AI endpoint exists
   * with no model deployed, and nothing is billed for serving.
   */
  public readonly pending: boolean;
  /** The command that deploys a custom model to the endpoint (uploading `modelArtifact` first when it is set). */
  public readonly deployModelCommand: string;
  /** Alert: p99 prediction latency over `latencyAlarmMs` for 15 minutes. */
  public readonly latencyAlert: MonitoringAlertPolicy;
  /** Alert: prediction errors. */
  public readonly errorAlert: MonitoringAlertPolicy;
  /** Cloud Monitoring filter of the endpoint's monitored resource (`aiplatform.googleapis.com/Endpoint`). */
  public readonly monitoringFilter: string;
  private readonly network: ClusterNetwork;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    requireProps('ModelEndpoint', this.node.path, props);
    this.spec = new ModelEndpointSpec(props);
    const problems = [...this.spec.validate(Cloud.GCP), ...unsupportedSettings(GCP_CLOUD, 'ModelEndpoint', props)];
    const connectivity = props.connectivity ?? (this.spec.privateOnly ? EndpointConnectivity.PRIVATE_SERVICE_CONNECT : EndpointConnectivity.DEDICATED);
    if (!(props.network instanceof ClusterNetwork)) problems.push(Validation.problem('network', props.network, 'a gcp.ClusterNetwork'));
    if (!Object.values(EndpointConnectivity).includes(connectivity)) {
      problems.push(Validation.problem('connectivity', connectivity, Object.values(EndpointConnectivity).join(', ')));
    }
    if (connectivity === EndpointConnectivity.DEDICATED && this.spec.privateOnly) {
      problems.push(Validation.problem('connectivity', connectivity, 'private-service-connect or vpc-peering while privateOnly is true (a dedicated endpoint is public)'));
    }
    const mg = props.modelGarden;
    if (mg !== undefined && (mg.publisherModelName === undefined) === (mg.huggingFaceModelId === undefined)) {
      problems.push(Validation.problem('modelGarden', mg, 'exactly one of publisherModelName and huggingFaceModelId'));
    }
    if (mg !== undefined && props.modelArtifact !== undefined) {
      problems.push(Validation.problem('modelArtifact', props.modelArtifact, 'unset with modelGarden (the Model Garden deployment brings its own model)'));
    }
    if (mg !== undefined && connectivity !== EndpointConnectivity.DEDICATED && props.connectivity !== undefined) {
      problems.push(Validation.problem('connectivity', connectivity,
        'dedicated with modelGarden (the Model Garden deployment\'s endpoint_config has no Private Service Connect or peering setting)'));
    }
    for (const prop of ['kmsKeyName', 'loggingKmsKeyName'] as const) {
      const key = props[prop];
      if (key !== undefined && !(typeof key === 'string' && (Token.isUnresolved(key) || KMS_KEY.test(key)))) {
        problems.push(Validation.problem(prop, key, 'projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>, or a key\'s id from this stack'));
      }
    }
    if (props.loggingKmsKeyName !== undefined && mg !== undefined) {
      problems.push(Validation.problem('loggingKmsKeyName', props.loggingKmsKeyName, 'unset with modelGarden (a Model Garden deployment logs no requests)'));
    }
    if (problems.length === 0) problems.push(...this.googleCloudProblems(props));
    Validation.throwIfAny('ModelEndpoint', this.node.path, problems);
    const spec = this.spec;
    const network = props.network;
    this.network = network;
    const name = dnsName(`${network.namePrefix}-${id}`, 40);
    this.endpointId = numericId(this.node.path);

    const machineType = spec.instanceTypeFor(Cloud.GCP);
    const accelerators = acceleratorsOf(machineType);
    const acceleratorFlag = accelerators ? ` --accelerator=type=${accelerators.gcpType},count=${accelerators.count}` : '';
    const scalingTargets = this.scalingTargets(accelerators !== undefined);

    // the dataset outlives the capture rate: it carries prevent_destroy and holds captured data, so turning capture
    // off (0%) keeps it at the same address and only stops logging into it; Model Garden deployments log nothing
    if (!mg) this.loggingDataset = this.renderLoggingDataset(name, props.loggingKmsKeyName ?? props.kmsKeyName);
    const logging = this.loggingDataset && spec.dataCapturePercent > 0 ? {
      enabled: true,
      samplingRate: spec.dataCapturePercent / 100,
      bigqueryDestination: { outputUri: `bq://${network.project}.${this.loggingDataset.datasetId}` },
    } : undefined;

    if (mg) {
      this.modelGardenDeployment = new (optionalModules().VertexAiEndpointWithModelGardenDeployment)(this, 'ModelGarden', {
        project: network.project,
        location: network.region,
        publisherModelName: mg.publisherModelName,
        huggingFaceModelId: mg.huggingFaceModelId,
        modelConfig: { acceptEula: mg.acceptEula ?? false },
        endpointConfig: { endpointDisplayName: name, dedicatedEndpointEnabled: connectivity === EndpointConnectivity.DEDICATED },
        deployConfig: {
          dedicatedResources: {
            machineSpec: {
              machineType,
              acceleratorType: accelerators?.vertexType,
              acceleratorCount: accelerators?.count,
            },
            minReplicaCount: spec.minInstances,
            maxReplicaCount: spec.maxInstances,
            autoscalingMetricSpecs: scalingTargets.length > 0
              ? scalingTargets.map((t) => ({ metricName: VERTEX_METRICS[t.metric].api, target: t.target })) : undefined,
          },
        },
      });
      this.deployModelCommand = 'deployed by Terraform through vertex_ai_endpoint_with_model_garden_deployment';
    } else {
      const projectData = connectivity === EndpointConnectivity.VPC_PEERING ? new (optionalModules().DataGoogleProject)(this, 'Project', { projectId: network.project }) : undefined;
      this.endpoint = new VertexAiEndpoint(this, 'Endpoint', {
        project: network.project,
        location: network.region,
        region: network.region,
        name: this.endpointId,
        displayName: name,
        description: `ai-infra endpoint ${this.node.path}`,
        labels: { 'ai-infra-endpoint': name },
        network: projectData ? `projects/${projectData.number}/global/networks/${network.hostNetwork.name}` : undefined,
        privateServiceConnectConfig: connectivity === EndpointConnectivity.PRIVATE_SERVICE_CONNECT
          ? { enablePrivateServiceConnect: true, projectAllowlist: [network.project] } : undefined,
        dedicatedEndpointEnabled: connectivity === EndpointConnectivity.DEDICATED ? true : undefined,
        encryptionSpec: props.kmsKeyName ? { kmsKeyName: props.kmsKeyName } : undefined,
        predictRequestResponseLoggingConfig: logging,
      });
      // with the artifact, the command uploads it first and deploys the model it registers; without it, the endpoint
      // is created with no model (Vertex AI allows an empty endpoint) and waits for the second step
      const upload = props.modelArtifact === undefined ? [] : [
        `MODEL_ID=$(gcloud ai models upload --project=${network.project} --region=${network.region} --display-name=${name}`,
        `--artifact-uri=${props.modelArtifact} --container-image-uri=CONTAINER_IMAGE_URI --format='value(model)') &&`,
      ];
      this.deployModelCommand = [
        ...upload,
        `gcloud ai endpoints deploy-model ${this.endpointId}`,
        `--project=${network.project} --region=${network.region}`,
        `--model=${props.modelArtifact === undefined ? 'MODEL_ID' : '"$MODEL_ID"'} --display-name=` + name,
        `--machine-type=${machineType}${acceleratorFlag}`,
        `--min-replica-count=${spec.minInstances} --max-replica-count=${spec.maxInstances}`,
        ...(scalingTargets.length > 0 ? [`--autoscaling-metric-specs=${scalingTargets.map((t) => `${VERTEX_METRICS[t.metric].flag}=${t.target}`).join(',')}`] : []),
        '--traffic-split=0=100',
      ].join(' ');
    }

    const endpointIdRef = this.endpoint ? this.endpointId : this.modelGardenDeployment!.endpoint;
    this.monitoringFilter = `resource.type="aiplatform.googleapis.com/Endpoint" AND resource.label.endpoint_id="${endpointIdRef}"`;
    this.latencyAlert = this.alert('Latency', `${this.node.path}: p99 latency over ${spec.latencyAlarmMs} ms`,
      'prediction/online/prediction_latencies', 'COMPARISON_GT', spec.latencyAlarmMs, 'ALIGN_PERCENTILE_99', '900s');
    this.errorAlert = this.alert('Errors', `${this.node.path}: prediction errors`, 'prediction/online/error_count', 'COMPARISON_GT', 0, 'ALIGN_SUM', '600s');

    new TerraformOutput(this, 'EndpointIdOutput', {
      value: this.endpoint ? this.endpoint.name : this.modelGardenDeployment!.endpoint,
      description: `Vertex AI endpoint of ${this.node.path}`,
    }).overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_endpoint_id`);
    new TerraformOutput(this, 'DeployModelCommandOutput', {
      value: this.deployModelCommand,
      description: 'Terraform cannot upload or deploy a custom model (terraform-provider-google #15303, #25152): upload it with `gcloud ai models upload`, then run this with its MODEL_ID',
    }).overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_deploy_model_command`);
    this.pending = this.endpoint !== undefined && spec.pending;
    if (this.pending) {
      Annotations.of(this).addWarning(`${this.node.path} is pending: no modelArtifact, so the Vertex AI endpoint is created with no model. ` +
        'Second step: upload the model directory to Cloud Storage, set modelArtifact to its gs:// URI and apply again, then run the ' +
        '`deploy_model_command` output (Terraform cannot deploy a custom model)');
    }
    // the custom-model deployment is the gcloud command above, not a resource: its size is recorded as settings
    recordResources(this, Cloud.GCP, 'ModelEndpoint', { endpoint: this.endpoint, modelGardenDeployment: this.modelGardenDeployment, loggingDataset: this.loggingDataset },
      this.endpoint ? { machineType, minReplicas: spec.minInstances, maxReplicas: spec.maxInstances, ...(this.pending ? { pending: true } : {}) } : undefined);
  }

  /**
   * The dataset receiving request-response logs, with the customer-managed key when given, created after the BigQuery
   * encryption service account may use the key (BigQuery checks the key when the dataset is created).
   */
  private renderLoggingDataset(name: string, kmsKeyName: string | undefined): BigqueryDataset {
    const network = this.network;
    let grant;
    if (kmsKeyName) {
      const { DataGoogleBigqueryDefaultServiceAccount, KmsCryptoKeyIamMember } = cmekModules();
      const agent = new DataGoogleBigqueryDefaultServiceAccount(this, 'BigqueryServiceAgent', { project: network.project });
      grant = new KmsCryptoKeyIamMember(this, 'BigqueryAgentUsesKey', {
        cryptoKeyId: kmsKeyName, role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter', member: `serviceAccount:${agent.email}`,
      });
    }
    return new BigqueryDataset(this, 'Logs', {
      project: network.project,
      datasetId: name.replace(/-/g, '_') + '_logs',
      location: network.region,
      deleteContentsOnDestroy: false,
      defaultEncryptionConfiguration: kmsKeyName ? { kmsKeyName } : undefined,
      dependsOn: grant ? [grant] : undefined,
      lifecycle: { preventDestroy: true },
    });
  }

  /**
   * Cloud Monitoring filter of one of the endpoint's metrics.
   *
   * @param metric the metric below `aiplatform.googleapis.com/`, e.g. `prediction/online/response_count`
   */
  public metricFilter(metric: string): string {
    return `metric.type="aiplatform.googleapis.com/${metric}" AND ${this.monitoringFilter}`;
  }

  /**
   * Lets a principal call predict on this endpoint only (`roles/aiplatform.user` under an IAM condition on the endpoint).
   *
   * @param grantee a `gcp.GpuFleet`, or `gcp.Grantee.member('group:...')`
   */
  public grantInvoke(grantee: IGrantable): ProjectIamMember {
    const member = memberOf(grantee, 'ModelEndpoint', this.node.path);
    const resource = `projects/${this.network.project}/locations/${this.network.region}/endpoints/${this.endpoint ? this.endpointId : '*'}`;
    return new ProjectIamMember(this, `Invoke${shortHash(grantKey(member))}`, {
      project: this.network.project,
      role: 'roles/aiplatform.user',
      member,
      condition: {
        title: `predict-${this.endpointId}`,
        description: `Predict on ${this.node.path} only`,
        expression: `resource.name.startsWith("${resource.replace(/\*$/, '')}")`,
      },
    });
  }

  private alert(cid: string, name: string, metric: string, comparison: string, threshold: number, aligner: string, duration: string): MonitoringAlertPolicy {
    return new MonitoringAlertPolicy(this, cid, {
      project: this.network.project,
      displayName: name,
      combiner: 'OR',
      conditions: [{
        displayName: name,
        conditionThreshold: {
          filter: this.metricFilter(metric),
          comparison,
          thresholdValue: threshold,
          duration,
          aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: aligner }],
        },
      }],
    });
  }

  /**
   * The autoscaling metric specs: the spec's signal at its target and, because Vertex AI always evaluates CPU
   * utilization (and, with accelerators, the duty cycle) at a default target of 60 and scales up when any one exceeds
   * its target, the other built-in signals pinned to 100 so that only the chosen one moves the replica count
   * (DedicatedResources.autoscalingMetricSpecs, https://cloud.google.com/vertex-ai/docs/reference/rest/v1/DedicatedResources).
   * Empty when the endpoint does not autoscale.
   */
  private scalingTargets(accelerated: boolean): Array<{ metric: ScalingMetric; target: number }> {
    if (!this.spec.autoscaling) return [];
    const scaling = this.spec.scaling;
    const targets = [{ metric: scaling.metric, target: scaling.target }];
    if (scaling.metric !== ScalingMetric.CPU_UTILIZATION) targets.push({ metric: ScalingMetric.CPU_UTILIZATION, target: 100 });
    if (accelerated && scaling.metric !== ScalingMetric.GPU_UTILIZATION) targets.push({ metric: ScalingMetric.GPU_UTILIZATION, target: 100 });
    return targets;
  }

  /** Neutral settings Google Cloud cannot honour here because of another setting. */
  private googleCloudProblems(props: ModelEndpointProps): ValidationProblem[] {
    const spec = this.spec;
    const p: ValidationProblem[] = [];
    const machineType = spec.instanceTypeFor(Cloud.GCP);
    const scaling = props.scaling;
    if (!spec.autoscaling) {
      if (scaling !== undefined) p.push(Validation.problem('scaling', String(scaling), `unset when maxInstances equals minInstances (${spec.minInstances}): nothing scales`));
      if (props.targetInvocationsPerInstance !== undefined) {
        p.push(Validation.problem('targetInvocationsPerInstance', props.targetInvocationsPerInstance, `unset when maxInstances equals minInstances (${spec.minInstances}): nothing scales`));
      }
    } else if (spec.scaling.metric === ScalingMetric.GPU_UTILIZATION && acceleratorsOf(machineType) === undefined) {
      // the accelerator duty cycle exists only on a machine with accelerators
      const other = 'EndpointScaling.cpuUtilization(percent) or EndpointScaling.requestsPerInstance(perMinute)';
      if (scaling !== undefined) {
        p.push(Validation.problem('scaling', String(scaling), `${other}: ${machineType} has no accelerators to track`));
      } else {
        p.push(Validation.problem('instanceType', machineType,
          `a machine type with accelerators (${acceleratedMachineTypes().join(', ')}) while scaling tracks GPU utilization (the default); or set scaling: ${other}`));
      }
    }
    if (props.modelGarden !== undefined) {
      if (spec.privateOnly) {
        p.push(Validation.problem('privateOnly', true, 'false with modelGarden (a Model Garden deployment is reached over a public endpoint: its endpoint_config has no private setting)'));
      }
      if (spec.dataCapturePercent > 0) {
        p.push(Validation.problem('dataCapturePercent', spec.dataCapturePercent, '0 with modelGarden (a Model Garden deployment has no request-response logging setting)'));
      }
      if (spec.autoscaling && spec.scaling.metric === ScalingMetric.REQUESTS_PER_INSTANCE) {
        p.push(Validation.problem(scaling !== undefined ? 'scaling' : 'targetInvocationsPerInstance', scaling !== undefined ? String(scaling) : props.targetInvocationsPerInstance,
          'EndpointScaling.gpuUtilization(percent) or cpuUtilization(percent) with modelGarden (the provider documents only the duty-cycle and CPU metrics for its autoscaling_metric_specs)'));
      }
    }
    return p;
  }
}
