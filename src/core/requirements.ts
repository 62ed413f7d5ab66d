import { Cloud } from './catalog/cloud';
import { isWholeNumber } from './internal/text';
import { Validation, ValidationProblem } from './validation';

/** How sensitive the training and inference data is. */
export enum DataSensitivity {
  /** Public or synthetic data. */
  LOW = 'low',
  /** Internal data; may live in a cloud region under the usual controls. */
  MEDIUM = 'medium',
  /** Regulated or secret data (health, finance, trade secrets): raw data stays on premises. */
  HIGH = 'high',
}

/** How the workload uses capacity over time. */
export enum WorkloadPattern {
  /** Constant use, around the clock. */
  STEADY = 'steady',
  /** Short, unpredictable bursts with idle time between them. */
  BURSTY = 'bursty',
  /** Scheduled jobs (nightly, weekly) that can wait for capacity. */
  BATCH = 'batch',
}

/** Where the data is allowed to live. */
export enum DataResidency {
  /** Any region of an allowed cloud. */
  ANY = 'any',
  /** Only in the allowed regions (`allowedRegions`). */
  IN_REGION = 'in-region',
  /** Raw data must stay on premises. */
  ON_PREMISES = 'on-premises',
}

/**
 * What the workload needs, in the user's terms.
 */
export interface WorkloadRequirements {
  /** How sensitive the data is. */
  readonly dataSensitivity: DataSensitivity;
  /** How the workload uses capacity over time. */
  readonly workloadPattern: WorkloadPattern;
  /**
   * End-to-end inference latency budget, in milliseconds (1 to 60000).
   * @default 200
   */
  readonly latencyBudgetMs?: number;
  /**
   * Training scale in accelerators (GPUs or AI chips). Give this or `trainingNodes`, not both.
   * @default 8 (one 8-GPU node)
   */
  readonly trainingGpus?: number;
  /**
   * Training scale in 8-accelerator nodes. Give this or `trainingGpus`, not both.
   * @default - from `trainingGpus`
   */
  readonly trainingNodes?: number;
  /**
   * Training hours per month at that scale, for the budget check (1 to 744).
   * @default 200
   */
  readonly trainingHoursPerMonth?: number;
  /**
   * Model size in billions of parameters. When given, the plan sizes from it: the training fleet must hold the
   * weights, gradients and Adam state (16 bytes per parameter, sharded across the fleet's accelerators), and the
   * endpoint gets the smallest serving type of the cloud whose accelerators hold the bf16 weights plus 20% for
   * activations and KV cache (`PlatformPlan.servingInstanceType`); the plan fails with the figures when either
   * does not fit. Also sizes `PlatformPlan.checkpointSizeGiB`.
   * @default - not given: no memory check, the default serving type
   */
  readonly modelSizeBillionParams?: number;
  /**
   * Data the platform is expected to hold, TiB (0 to 1000000); passed to the storage as `expectedDataTiB`
   * (the cost estimate reads it).
   * @default 10
   */
  readonly expectedDataTiB?: number;
  /**
   * Monthly budget in US dollars.
   * @default - no budget check
   */
  readonly monthlyBudgetUsd?: number;
  /**
   * Clouds the organisation may use.
   * @default - all three
   */
  readonly allowedClouds?: Cloud[];
  /**
   * Regions the data may live in (provider names, e.g. `eu-central-1`, `europe-west4`, `westeurope`).
   * @default - any
   */
  readonly allowedRegions?: string[];
  /**
   * Where the data is allowed to live.
   * @default DataResidency.ANY
   */
  readonly dataResidency?: DataResidency;
}

/**
 * Requirements with every default applied.
 */
export interface ResolvedRequirements {
  readonly dataSensitivity: DataSensitivity;
  readonly workloadPattern: WorkloadPattern;
  readonly latencyBudgetMs: number;
  readonly trainingGpus: number;
  readonly trainingHoursPerMonth: number;
  readonly modelSizeBillionParams?: number;
  readonly expectedDataTiB: number;
  readonly monthlyBudgetUsd?: number;
  readonly allowedClouds: Cloud[];
  readonly allowedRegions: string[];
  readonly dataResidency: DataResidency;
}

const REGION = /^[a-z][a-z0-9-]{2,30}[a-z0-9]$/;

function enumProblem<T extends string>(property: string, value: unknown, values: Record<string, T>): ValidationProblem[] {
  const allowed = Object.values(values) as string[];
  return allowed.includes(value as string) ? [] : [Validation.problem(property, value, `one of ${allowed.join(', ')}`)];
}

/**
 * Validation and defaults for {@link WorkloadRequirements}.
 */
export class Requirements {
  /** Every problem with the requirements (empty when they are valid). */
  public static validate(req: WorkloadRequirements): ValidationProblem[] {
    const p: ValidationProblem[] = [];
    if (req === undefined || req === null || typeof req !== 'object') {
      return [Validation.problem('requirements', req, 'an object with dataSensitivity and workloadPattern')];
    }
    p.push(...enumProblem('dataSensitivity', req.dataSensitivity, DataSensitivity));
    p.push(...enumProblem('workloadPattern', req.workloadPattern, WorkloadPattern));
    if (req.dataResidency !== undefined) p.push(...enumProblem('dataResidency', req.dataResidency, DataResidency));
    if (req.latencyBudgetMs !== undefined && !(typeof req.latencyBudgetMs === 'number' && req.latencyBudgetMs >= 1 && req.latencyBudgetMs <= 60000)) {
      p.push(Validation.problem('latencyBudgetMs', req.latencyBudgetMs, 'a number of milliseconds from 1 to 60000'));
    }
    if (req.trainingGpus !== undefined && req.trainingNodes !== undefined) {
      p.push(Validation.problem('trainingNodes', req.trainingNodes, 'unset when trainingGpus is given (give one of the two)'));
    }
    if (req.trainingGpus !== undefined && !(isWholeNumber(req.trainingGpus) && req.trainingGpus >= 1 && req.trainingGpus <= 100000)) {
      p.push(Validation.problem('trainingGpus', req.trainingGpus, 'a whole number from 1 to 100000'));
    }
    if (req.trainingNodes !== undefined && !(isWholeNumber(req.trainingNodes) && req.trainingNodes >= 1 && req.trainingNodes <= 12500)) {
      p.push(Validation.problem('trainingNodes', req.trainingNodes, 'a whole number from 1 to 12500'));
    }
    if (req.trainingHoursPerMonth !== undefined && !(typeof req.trainingHoursPerMonth === 'number' && req.trainingHoursPerMonth >= 1 && req.trainingHoursPerMonth <= 744)) {
      p.push(Validation.problem('trainingHoursPerMonth', req.trainingHoursPerMonth, 'a number of hours from 1 to 744 (a 31-day month)'));
    }
    if (req.modelSizeBillionParams !== undefined && !(typeof req.modelSizeBillionParams === 'number' && req.modelSizeBillionParams > 0 && req.modelSizeBillionParams <= 100000)) {
      p.push(Validation.problem('modelSizeBillionParams', req.modelSizeBillionParams, 'a positive number of billions of parameters, at most 100000'));
    }
    if (req.expectedDataTiB !== undefined && !(typeof req.expectedDataTiB === 'number' && req.expectedDataTiB >= 0 && req.expectedDataTiB <= 1e6)) {
      p.push(Validation.problem('expectedDataTiB', req.expectedDataTiB, 'a number of TiB from 0 to 1000000'));
    }
    if (req.monthlyBudgetUsd !== undefined && !(typeof req.monthlyBudgetUsd === 'number' && Number.isFinite(req.monthlyBudgetUsd) && req.monthlyBudgetUsd > 0)) {
      p.push(Validation.problem('monthlyBudgetUsd', req.monthlyBudgetUsd, 'a positive number of US dollars'));
    }
    if (req.allowedClouds !== undefined) {
      if (!Array.isArray(req.allowedClouds) || req.allowedClouds.length === 0) {
        p.push(Validation.problem('allowedClouds', req.allowedClouds, 'a non-empty list of aws, gcp, azure'));
      } else {
        req.allowedClouds.forEach((c, i) => p.push(...enumProblem(`allowedClouds[${i}]`, c, Cloud)));
        if (new Set(req.allowedClouds).size !== req.allowedClouds.length) {
          p.push(Validation.problem('allowedClouds', req.allowedClouds, 'each cloud at most once'));
        }
      }
    }
    if (req.allowedRegions !== undefined) {
      if (!Array.isArray(req.allowedRegions)) {
        p.push(Validation.problem('allowedRegions', req.allowedRegions, 'a list of region names'));
      } else {
        req.allowedRegions.forEach((r, i) => {
          if (typeof r !== 'string' || !REGION.test(r)) {
            p.push(Validation.problem(`allowedRegions[${i}]`, r, 'a provider region name: lower case letters, digits and dashes (e.g. us-east-1, europe-west4, westeurope)'));
          }
        });
      }
    }
    if (req.dataResidency === DataResidency.IN_REGION && (req.allowedRegions === undefined || req.allowedRegions.length === 0)) {
      p.push(Validation.problem('allowedRegions', req.allowedRegions, 'at least one region when dataResidency is in-region'));
    }
    return p;
  }

  /**
   * Validates the requirements and applies the defaults.
   *
   * @throws an Error listing every problem
   */
  public static resolve(req: WorkloadRequirements): ResolvedRequirements {
    Validation.throwIfAny('WorkloadRequirements', 'requirements', Requirements.validate(req));
    return {
      dataSensitivity: req.dataSensitivity,
      workloadPattern: req.workloadPattern,
      latencyBudgetMs: req.latencyBudgetMs ?? 200,
      trainingGpus: req.trainingGpus ?? (req.trainingNodes !== undefined ? req.trainingNodes * 8 : 8),
      trainingHoursPerMonth: req.trainingHoursPerMonth ?? 200,
      modelSizeBillionParams: req.modelSizeBillionParams,
      expectedDataTiB: req.expectedDataTiB ?? 10,
      monthlyBudgetUsd: req.monthlyBudgetUsd,
      allowedClouds: req.allowedClouds ?? [Cloud.AWS, Cloud.GCP, Cloud.AZURE],
      allowedRegions: req.allowedRegions ?? [],
      dataResidency: req.dataResidency ?? DataResidency.ANY,
    };
  }

  private constructor() {}
}
