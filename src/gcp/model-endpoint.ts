import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { VertexAiEndpoint } from '@cdktf/provider-google/lib/vertex-ai-endpoint';
import type { VertexAiEndpointWithModelGardenDeployment } from '@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment';
import { Construct } from 'constructs';
import { ClusterNetwork } from './cluster-network';
import { Cloud } from '../core/catalog/cloud';
import { InstanceType } from '../core/catalog/instance-type';
import { dnsName, numericId, shortHash } from '../core/internal/names';
import { ModelEndpointSpec, ModelEndpointSpecProps } from '../core/specs/model-endpoint-spec';
import { Validation } from '../core/validation';
import { load } from '../lazy';
import { TerraformOutput } from '../tf';

/** Provider modules loaded on first use: only Model Garden and VPC peering need them. */
const optionalModules = () => ({
  VertexAiEndpointWithModelGardenDeployment: load<typeof import('@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment')>('@cdktf/provider-google/lib/vertex-ai-endpoint-with-model-garden-deployment').VertexAiEndpointWithModelGardenDeployment,
  DataGoogleProject: load<typeof import('@cdktf/provider-google/lib/data-google-project')>('@cdktf/provider-google/lib/data-google-project').DataGoogleProject,
});

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
   * @default EndpointConnectivity.PRIVATE_SERVICE_CONNECT
   */
  readonly connectivity?: EndpointConnectivity;
  /**
   * Cloud KMS key for the endpoint (CMEK).
   * @default - Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /**
   * Deploy a Model Garden or Hugging Face model (the only models Terraform can deploy).
   * @default - an empty endpoint; deploy a custom model with the `deploy_model_command` output
   */
  readonly modelGarden?: ModelGardenModel;
}

/**
 * A Vertex AI endpoint: private (Private Service Connect or VPC peering) or dedicated, optional CMEK,
 * request/response logging to BigQuery at the capture rate, and an IAM grant for callers.
 *
 * Terraform cannot upload a custom model or deploy one to an endpoint (terraform-provider-google
 * #15303, #25152): the `deploy_model_command` output holds the exact `gcloud` call. A Model Garden or
 * Hugging Face model can be deployed through `modelGarden`.
 */
export class ModelEndpoint extends Construct {
  /** The neutral spec (defaults resolved). */
  public readonly spec: ModelEndpointSpec;
  /** The endpoint (absent with `modelGarden`). */
  public readonly endpoint?: VertexAiEndpoint;
  /** The Model Garden deployment (with `modelGarden`). */
  public readonly modelGardenDeployment?: VertexAiEndpointWithModelGardenDeployment;
  /** The BigQuery dataset receiving request/response logs. */
  public readonly loggingDataset?: BigqueryDataset;
  /** The endpoint id. */
  public readonly endpointId: string;
  /** The command that deploys a custom model to the endpoint. */
  public readonly deployModelCommand: string;
  private readonly network: ClusterNetwork;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    this.spec = new ModelEndpointSpec(props);
    const problems = this.spec.validate(Cloud.GCP);
    const connectivity = props.connectivity ?? EndpointConnectivity.PRIVATE_SERVICE_CONNECT;
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
    if (mg !== undefined && connectivity !== EndpointConnectivity.PRIVATE_SERVICE_CONNECT && connectivity !== EndpointConnectivity.DEDICATED) {
      problems.push(Validation.problem('connectivity', connectivity, 'private-service-connect or dedicated with modelGarden'));
    }
    if (props.kmsKeyName !== undefined && !/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/.test(props.kmsKeyName)) {
      problems.push(Validation.problem('kmsKeyName', props.kmsKeyName, 'projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>'));
    }
    Validation.throwIfAny('ModelEndpoint', this.node.path, problems);
    const spec = this.spec;
    const network = props.network;
    this.network = network;
    const name = dnsName(`${network.namePrefix}-${id}`, 40);
    this.endpointId = numericId(this.node.path);

    const machineType = spec.instanceTypeFor(Cloud.GCP);
    let catalogType: InstanceType | undefined;
    try {
      catalogType = InstanceType.forCloud(Cloud.GCP, machineType);
    } catch {
      catalogType = undefined;
    }
    const acceleratorFlag = catalogType?.accelerator.gcpType ? ` --accelerator=type=${catalogType.accelerator.gcpType},count=${catalogType.acceleratorCount}` : '';

    if (spec.dataCapturePercent > 0) {
      this.loggingDataset = new BigqueryDataset(this, 'Logs', {
        project: network.project,
        datasetId: name.replace(/-/g, '_') + '_logs',
        location: network.region,
        deleteContentsOnDestroy: false,
        defaultEncryptionConfiguration: props.kmsKeyName ? { kmsKeyName: props.kmsKeyName } : undefined,
        lifecycle: { preventDestroy: true },
      });
    }
    const logging = this.loggingDataset ? {
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
              acceleratorType: catalogType?.accelerator.vertexType,
              acceleratorCount: catalogType?.accelerator.vertexType ? catalogType.acceleratorCount : undefined,
            },
            minReplicaCount: spec.minInstances,
            maxReplicaCount: spec.maxInstances,
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
      this.deployModelCommand = [
        `gcloud ai endpoints deploy-model ${this.endpointId}`,
        `--project=${network.project} --region=${network.region}`,
        '--model=MODEL_ID --display-name=' + name,
        `--machine-type=${machineType}${acceleratorFlag}`,
        `--min-replica-count=${spec.minInstances} --max-replica-count=${spec.maxInstances}`,
        '--autoscaling-metric-specs=gpu-duty-cycle=60',
        '--traffic-split=0=100',
      ].join(' ');
    }

    new TerraformOutput(this, 'EndpointIdOutput', {
      value: this.endpoint ? this.endpoint.name : this.modelGardenDeployment!.endpoint,
      description: `Vertex AI endpoint of ${this.node.path}`,
    }).overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_endpoint_id`);
    new TerraformOutput(this, 'DeployModelCommandOutput', {
      value: this.deployModelCommand,
      description: 'Terraform cannot upload or deploy a custom model (terraform-provider-google #15303, #25152): upload it with `gcloud ai models upload`, then run this with its MODEL_ID',
    }).overrideLogicalId(`${dnsName(id, 40).replace(/-/g, '_')}_deploy_model_command`);
  }

  /**
   * Lets an IAM member call predict on this endpoint only (`roles/aiplatform.user` under an IAM condition on the endpoint).
   */
  public grantInvoke(member: string): ProjectIamMember {
    const resource = `projects/${this.network.project}/locations/${this.network.region}/endpoints/${this.endpoint ? this.endpointId : '*'}`;
    return new ProjectIamMember(this, `Invoke${shortHash(member)}`, {
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
}
