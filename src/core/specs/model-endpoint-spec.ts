import { Cloud } from '../catalog/cloud';
import { booleans, wholeInRange } from '../internal/checks';
import { Validation, ValidationProblem } from '../validation';

/** How an endpoint serves requests. */
export enum EndpointMode {
  /** Always-on instances (all clouds). Payload up to 6 MB / 60 s on SageMaker. */
  REALTIME = 'realtime',
  /** AWS SageMaker Serverless Inference (payload up to 4 MB / 60 s). */
  SERVERLESS = 'serverless',
  /** AWS SageMaker Asynchronous Inference (payload up to 1 GB / 1 h). */
  ASYNC = 'async',
}

/** How callers authenticate (Azure ML online endpoints: `azure.ModelEndpointProps.auth`). */
export enum EndpointAuth {
  /** Microsoft Entra ID tokens. */
  AAD_TOKEN = 'AADToken',
  /** Azure ML tokens. */
  AML_TOKEN = 'AMLToken',
  /** Static keys. */
  KEY = 'Key',
}

/** The signal an endpoint's autoscaling tracks. */
export enum ScalingMetric {
  /** Accelerator (GPU) utilization, percent: SageMaker `GPUUtilization`, Vertex `accelerator/duty_cycle`, Azure ML `GpuUtilizationPercentage`. */
  GPU_UTILIZATION = 'gpu-utilization',
  /** CPU utilization, percent. */
  CPU_UTILIZATION = 'cpu-utilization',
  /** Requests per instance per minute (SageMaker `InvocationsPerInstance`). */
  REQUESTS_PER_INSTANCE = 'requests-per-instance',
}

/**
 * What an endpoint's autoscaling tracks, and the target: one neutral setting every cloud renders (or refuses by
 * name). Enum-like class.
 */
export class EndpointScaling {
  /** The default: average GPU utilization of 60% (Vertex AI's own default target). */
  public static readonly DEFAULT_GPU_PERCENT = 60;

  /** Track accelerator utilization, percent (1-100). */
  public static gpuUtilization(percent: number = EndpointScaling.DEFAULT_GPU_PERCENT): EndpointScaling {
    return new EndpointScaling(ScalingMetric.GPU_UTILIZATION, percent);
  }

  /** Track CPU utilization, percent (1-100). */
  public static cpuUtilization(percent: number): EndpointScaling {
    return new EndpointScaling(ScalingMetric.CPU_UTILIZATION, percent);
  }

  /** Track requests per instance per minute. */
  public static requestsPerInstance(perMinute: number): EndpointScaling {
    return new EndpointScaling(ScalingMetric.REQUESTS_PER_INSTANCE, perMinute);
  }

  /** The signal. */
  public readonly metric: ScalingMetric;
  /** The target value (percent, or requests per instance per minute). */
  public readonly target: number;

  private constructor(metric: ScalingMetric, target: number) {
    this.metric = metric;
    this.target = target;
  }

  public toString(): string {
    return `${this.metric} ${this.target}`;
  }
}

/** Properties of a managed ML endpoint, cloud-neutral. */
export interface ModelEndpointSpecProps {
  /**
   * Serving instance type: SageMaker `ml.*` (AWS), machine type (Google Cloud), VM SKU (Azure).
   * @default - ml.g5.xlarge (AWS), g2-standard-4 (Google Cloud), Standard_NC4as_T4_v3 (Azure)
   */
  readonly instanceType?: string;
  /**
   * Fewest instances (1 to 100).
   * @default 1
   */
  readonly minInstances?: number;
  /**
   * Most instances (1 to 100).
   * @default 4
   */
  readonly maxInstances?: number;
  /**
   * Target invocations per instance per minute for target-tracking autoscaling.
   * @default 200
   */
  readonly targetInvocationsPerInstance?: number;
  /**
   * What autoscaling tracks, and its target (between `minInstances` and `maxInstances`).
   * @default EndpointScaling.gpuUtilization(60) - or `requestsPerInstance(targetInvocationsPerInstance)` where that
   *   deprecated prop is set
   */
  readonly scaling?: EndpointScaling;
  /**
   * Percentage of requests captured to storage, a whole number from 0 to 100 (0 turns capture off).
   * @default 20
   */
  readonly dataCapturePercent?: number;
  /**
   * Reachable only from private networks.
   * @default true
   */
  readonly privateOnly?: boolean;
  /**
   * p99 latency alarm threshold, ms.
   * @default 1000
   */
  readonly latencyAlarmMs?: number;
  /**
   * The model to serve, once it exists: set it on the second deploy, after uploading the artifact (a stack cannot
   * serve a model it has not been given yet: on a first deploy the bucket the stack creates is empty).
   * - AWS: the `model.tar.gz` as an `s3://bucket/key` URI, or a key in the endpoint's storage bucket
   *   (e.g. `models/model.tar.gz`);
   * - Google Cloud: the model directory as a `gs://bucket/path` URI (the rendered `gcloud` commands upload it);
   * - Azure: a registered model (`azureml://registries/<r>/models/<m>/versions/<v>` or a workspace model asset id).
   *
   * Without it the endpoint is pending: the constructs create what needs no artifact (role, key, security group,
   * alarms, the Vertex AI endpoint with no model, the Azure ML online endpoint with no deployment) and skip the
   * model, endpoint configuration and endpoint (AWS) or the deployment (Azure); the stack carries a warning that
   * names the second step, and its facts record the endpoint as pending (no instance billed).
   * @default - pending: no model is deployed until it is set
   */
  readonly modelArtifact?: string;
}

/**
 * The SageMaker options (`mode`, `networkIsolation`, `serverlessMemoryMiB`, `serverlessMaxConcurrency`), which only
 * AWS's props declare (`aws.ModelEndpointProps`): serverless and asynchronous endpoints and per-container network
 * isolation are SageMaker's. The spec resolves and checks them when the props carry them; Google Cloud and Azure
 * refuse any value but the default by name (their capability tables).
 */
interface SageMakerOptions {
  readonly mode?: EndpointMode;
  readonly networkIsolation?: boolean;
  readonly serverlessMemoryMiB?: number;
  readonly serverlessMaxConcurrency?: number;
}

function sageMaker(props: ModelEndpointSpecProps): SageMakerOptions {
  return (props ?? {}) as SageMakerOptions;
}

const DEFAULT_TYPE: Record<Cloud, string> = {
  [Cloud.AWS]: 'ml.g5.xlarge',
  [Cloud.GCP]: 'g2-standard-4',
  [Cloud.AZURE]: 'Standard_NC4as_T4_v3',
};

/** The forms `modelArtifact` takes per cloud, and how errors describe them. */
const MODEL_ARTIFACT: Record<Cloud, RegExp> = {
  [Cloud.AWS]: /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/\S+|[^\s:/][^\s:]*)$/,
  [Cloud.GCP]: /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/\S*)?$/,
  [Cloud.AZURE]: /^(azureml:\/\/|\/subscriptions\/)\S+$/,
};
const MODEL_ARTIFACT_ALLOWED: Record<Cloud, string> = {
  [Cloud.AWS]: 'an s3://bucket/key URI of the model.tar.gz, or a key in the endpoint\'s storage bucket (e.g. models/model.tar.gz)',
  [Cloud.GCP]: 'a gs://bucket/path URI of the model directory',
  [Cloud.AZURE]: 'a registered model: azureml://registries/<r>/models/<m>/versions/<v> or a model resource id (/subscriptions/...)',
};

/** VM SKUs Azure ML managed online endpoints accept (CPU and GPU families used for serving). */
const AZURE_ONLINE_ENDPOINT_SKUS = [
  'Standard_DS2_v2', 'Standard_DS3_v2', 'Standard_DS4_v2', 'Standard_DS5_v2',
  'Standard_E2s_v3', 'Standard_E4s_v3', 'Standard_E8s_v3', 'Standard_E16s_v3',
  'Standard_F2s_v2', 'Standard_F4s_v2', 'Standard_F8s_v2', 'Standard_F16s_v2',
  'Standard_NC4as_T4_v3', 'Standard_NC8as_T4_v3', 'Standard_NC16as_T4_v3', 'Standard_NC64as_T4_v3',
  'Standard_NC6s_v3', 'Standard_NC12s_v3', 'Standard_NC24s_v3',
  'Standard_NC24ads_A100_v4', 'Standard_NC48ads_A100_v4', 'Standard_NC96ads_A100_v4',
  'Standard_NC40ads_H100_v5', 'Standard_NC80adis_H100_v5',
  'Standard_ND96asr_v4', 'Standard_ND96amsr_A100_v4', 'Standard_ND96isr_H100_v5',
];

/**
 * A managed ML endpoint with its defaults resolved, and the rules every cloud shares.
 */
export class ModelEndpointSpec {
  /** VM SKUs Azure ML managed online endpoints accept (the list the library validates against). */
  public static azureOnlineEndpointSkus(): string[] {
    return [...AZURE_ONLINE_ENDPOINT_SKUS];
  }

  /** Given properties. */
  public readonly props: ModelEndpointSpecProps;

  constructor(props: ModelEndpointSpecProps = {}) {
    this.props = props ?? {};
  }

  /** Serving instance type for `cloud`. */
  public instanceTypeFor(cloud: Cloud): string { return this.props.instanceType ?? DEFAULT_TYPE[cloud]; }
  /** Mode. */
  public get mode(): EndpointMode { return sageMaker(this.props).mode ?? EndpointMode.REALTIME; }
  /** Fewest instances. */
  public get minInstances(): number { return this.props.minInstances ?? 1; }
  /** Most instances. */
  public get maxInstances(): number { return this.props.maxInstances ?? Math.max(4, this.minInstances); }
  /** Whether autoscaling applies. */
  public get autoscaling(): boolean { return this.mode === EndpointMode.REALTIME && this.maxInstances > this.minInstances; }
  /**
   * Target invocations per instance per minute.
   * @deprecated use `scaling` (`EndpointScaling.requestsPerInstance(n)`); kept for one release
   */
  public get targetInvocationsPerInstance(): number { return this.props.targetInvocationsPerInstance ?? 200; }
  /** What autoscaling tracks, and its target. */
  public get scaling(): EndpointScaling {
    if (this.props.scaling !== undefined) return this.props.scaling;
    if (this.props.targetInvocationsPerInstance !== undefined) return EndpointScaling.requestsPerInstance(this.props.targetInvocationsPerInstance);
    return EndpointScaling.gpuUtilization();
  }
  /** Data capture percentage. */
  public get dataCapturePercent(): number { return this.props.dataCapturePercent ?? 20; }
  /** Private only. */
  public get privateOnly(): boolean { return this.props.privateOnly ?? true; }
  /** Network isolation as set (false when unset); `networkIsolationFor(cloud)` resolves the default per cloud and mode. */
  public get networkIsolation(): boolean { return sageMaker(this.props).networkIsolation ?? false; }
  /**
   * Network isolation on a cloud: as set, else on for AWS real-time and async endpoints, off for serverless ones
   * (SageMaker Serverless Inference does not support it) and on the clouds without the setting.
   */
  public networkIsolationFor(cloud: Cloud): boolean {
    return sageMaker(this.props).networkIsolation ?? (cloud === Cloud.AWS && this.mode !== EndpointMode.SERVERLESS);
  }
  /** p99 latency alarm, ms. */
  public get latencyAlarmMs(): number { return this.props.latencyAlarmMs ?? 1000; }
  /** Whether the endpoint waits for its model artifact (`modelArtifact` unset): no model is deployed yet. */
  public get pending(): boolean { return this.props.modelArtifact === undefined; }
  /** Serverless memory, MiB. */
  public get serverlessMemoryMiB(): number { return sageMaker(this.props).serverlessMemoryMiB ?? 4096; }
  /** Serverless concurrency. */
  public get serverlessMaxConcurrency(): number { return sageMaker(this.props).serverlessMaxConcurrency ?? 20; }

  /** Every problem with the properties for one cloud (empty when valid). */
  public validate(cloud: Cloud): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    const props = this.props;
    booleans(p, props, ['privateOnly', 'networkIsolation']);
    const sm = sageMaker(props);
    if (sm.mode !== undefined && !Object.values(EndpointMode).includes(sm.mode)) {
      p.push(Validation.problem('mode', sm.mode, Object.values(EndpointMode).join(', ')));
      return p;
    }
    const type = this.instanceTypeFor(cloud);
    if (this.mode === EndpointMode.SERVERLESS) {
      if (props.instanceType !== undefined) p.push(Validation.problem('instanceType', props.instanceType, 'unset for serverless (memory and concurrency size it)'));
      if (sm.serverlessMemoryMiB !== undefined && ![1024, 2048, 3072, 4096, 5120, 6144].includes(sm.serverlessMemoryMiB)) {
        p.push(Validation.problem('serverlessMemoryMiB', sm.serverlessMemoryMiB, '1024, 2048, 3072, 4096, 5120 or 6144'));
      }
      if (sm.serverlessMaxConcurrency !== undefined) wholeInRange(p, 'serverlessMaxConcurrency', sm.serverlessMaxConcurrency, 1, 200);
    } else {
      if (sm.serverlessMemoryMiB !== undefined) p.push(Validation.problem('serverlessMemoryMiB', sm.serverlessMemoryMiB, 'unset unless mode is serverless'));
      if (sm.serverlessMaxConcurrency !== undefined) p.push(Validation.problem('serverlessMaxConcurrency', sm.serverlessMaxConcurrency, 'unset unless mode is serverless'));
      if (cloud === Cloud.AWS && !/^ml\.[a-z0-9-]+\.[a-z0-9]+$/.test(String(type))) {
        p.push(Validation.problem('instanceType', type, 'a SageMaker instance type like ml.g5.xlarge'));
      } else if (cloud === Cloud.GCP && !/^[a-z][a-z0-9]*-[a-z0-9-]+$/.test(String(type))) {
        p.push(Validation.problem('instanceType', type, 'a Compute Engine machine type like g2-standard-4 or n1-standard-8'));
      } else if (cloud === Cloud.AZURE && !AZURE_ONLINE_ENDPOINT_SKUS.includes(String(type))) {
        p.push(Validation.problem('instanceType', type, `an Azure ML online endpoint SKU: ${AZURE_ONLINE_ENDPOINT_SKUS.join(', ')}`));
      }
    }
    if (props.minInstances !== undefined) wholeInRange(p, 'minInstances', props.minInstances, 1, 100);
    if (props.maxInstances !== undefined) wholeInRange(p, 'maxInstances', props.maxInstances, 1, 100);
    if (p.length === 0 && this.maxInstances < this.minInstances) {
      p.push(Validation.problem('maxInstances', this.maxInstances, `at least minInstances (${this.minInstances})`));
    }
    if (cloud === Cloud.AWS && this.autoscaling && /^ml\.t\d/.test(type)) {
      p.push(Validation.problem('instanceType', type, 'a non-burstable type when autoscaling (SageMaker refuses autoscaling on ml.t*); or set maxInstances = minInstances'));
    }
    if (this.mode !== EndpointMode.REALTIME && (props.minInstances !== undefined || props.maxInstances !== undefined) && this.mode === EndpointMode.SERVERLESS) {
      p.push(Validation.problem('maxInstances', props.maxInstances ?? props.minInstances, 'unset for serverless (use serverlessMaxConcurrency)'));
    }
    if (props.targetInvocationsPerInstance !== undefined) wholeInRange(p, 'targetInvocationsPerInstance', props.targetInvocationsPerInstance, 1, 100000, ' per minute');
    if (props.scaling !== undefined) {
      if (!(props.scaling instanceof EndpointScaling)) {
        p.push(Validation.problem('scaling', props.scaling, 'an EndpointScaling: gpuUtilization(percent), cpuUtilization(percent) or requestsPerInstance(perMinute)'));
      } else if (props.scaling.metric === ScalingMetric.REQUESTS_PER_INSTANCE) {
        wholeInRange(p, 'scaling.target', props.scaling.target, 1, 100000, ' requests per instance per minute');
      } else {
        wholeInRange(p, 'scaling.target', props.scaling.target, 1, 100, ' percent');
      }
      if (props.targetInvocationsPerInstance !== undefined) p.push(Validation.problem('targetInvocationsPerInstance', props.targetInvocationsPerInstance, 'unset when scaling is given (it is the deprecated form of scaling)'));
    }
    // SageMaker's InitialSamplingPercentage is an integer: 12.5 would fail at deploy
    if (props.dataCapturePercent !== undefined) wholeInRange(p, 'dataCapturePercent', props.dataCapturePercent, 0, 100, ' percent');
    if (props.latencyAlarmMs !== undefined) wholeInRange(p, 'latencyAlarmMs', props.latencyAlarmMs, 1, 3_600_000);
    // which clouds honour mode and networkIsolation: their capability tables (src/<cloud>/cloud.ts); `auth` is Azure's
    // own prop (azure.ModelEndpointProps), refused by name on the other clouds
    if (props.modelArtifact !== undefined) {
      const allowed = MODEL_ARTIFACT[cloud];
      if (typeof props.modelArtifact !== 'string' || !allowed.test(props.modelArtifact)) {
        p.push(Validation.problem('modelArtifact', props.modelArtifact, MODEL_ARTIFACT_ALLOWED[cloud]));
      }
    }
    return p;
  }

  /** Validates and throws an Error naming the construct and every problem. */
  public assertValid(path: string, cloud: Cloud): void {
    Validation.throwIfAny('ModelEndpoint', path, this.validate(cloud));
  }
}
