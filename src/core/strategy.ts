import { Cloud } from './catalog/cloud';
import { InstanceType } from './catalog/instance-type';
import { SpotPrices } from './catalog/spot';
import { TpuGeneration } from './catalog/tpu';
import { DataResidency, DataSensitivity, Requirements, ResolvedRequirements, WorkloadPattern, WorkloadRequirements } from './requirements';

/** The three platform strategies. */
export enum StrategyKind {
  /** Elastic training fleet (spot / capacity blocks), tiered data lake, autoscaled endpoint. */
  CLOUD_FIRST = 'cloud-first',
  /** Sensitive data stays on premises; VPN, private endpoints, customer-managed keys. */
  HYBRID = 'hybrid',
  /** Trained in the cloud, shipped to devices; low-latency serving near the data. */
  EDGE_CENTRIC = 'edge-centric',
}

/** Points per strategy. */
export interface StrategyScores {
  readonly cloudFirst: number;
  readonly hybrid: number;
  readonly edgeCentric: number;
}

/** The selector's answer. */
export interface Selection {
  /** The winning strategy. */
  readonly strategy: StrategyKind;
  /** Points per strategy after constraints (a vetoed strategy scores 0). */
  readonly scores: StrategyScores;
  /** Why, in order: constraints and conflicts first, then each rule that added points, then the verdict. */
  readonly rationale: string[];
  /** The requirements with defaults applied. */
  readonly requirements: ResolvedRequirements;
}

/** Latency below which a cloud round trip from the field cannot be relied on, ms. */
const EDGE_LATENCY_MS = 20;
/** Training scale at and above which capacity is rented rather than bought, accelerators. */
const LARGE_SCALE_GPUS = 64;
/** Order that breaks ties: the most conservative strategy first. */
const TIE_ORDER = [StrategyKind.HYBRID, StrategyKind.EDGE_CENTRIC, StrategyKind.CLOUD_FIRST];

/**
 * Turns workload requirements into a strategy, deterministically, with its reasons.
 *
 * Rules (points):
 * - data sensitivity: high -> hybrid +40; medium -> hybrid +10, cloud-first +10; low -> cloud-first +20
 * - residency on premises -> hybrid +30
 * - pattern: bursty -> cloud-first +35; batch -> cloud-first +20; steady -> hybrid +15
 * - latency budget: under 20 ms -> edge-centric +50; 20-49 ms -> edge-centric +15; 50 ms and more -> cloud-first +10
 * - training scale of 64 accelerators or more -> cloud-first +10
 * - budget too small for the training scale at on-demand prices -> cloud-first +15 (spot and capacity blocks
 *   are the cheapest way to bounded spend), with the shortfall in the rationale
 *
 * Constraints and conflicts (applied after the points; a vetoed strategy scores 0):
 * - high sensitivity or on-premises residency vetoes cloud-first and edge-centric: raw data may not leave
 *   the site, and edge-centric trains in the cloud. So high sensitivity with a 15 ms budget is hybrid with
 *   inference served on premises next to the data; bursty with high sensitivity is hybrid with bursts run in
 *   the cloud on de-identified data.
 * - otherwise a latency budget under 20 ms vetoes cloud-first (a cloud round trip from the field does not fit).
 * - ties go to the more conservative strategy: hybrid, then edge-centric, then cloud-first.
 */
export class StrategySelector {
  /**
   * Selects a strategy.
   *
   * @throws an Error listing every problem with the requirements
   */
  public static select(requirements: WorkloadRequirements): Selection {
    const req = Requirements.resolve(requirements);
    const points = new Map<StrategyKind, number>([[StrategyKind.CLOUD_FIRST, 0], [StrategyKind.HYBRID, 0], [StrategyKind.EDGE_CENTRIC, 0]]);
    const constraints: string[] = [];
    const reasons: string[] = [];
    const add = (s: StrategyKind, n: number, why: string) => {
      points.set(s, points.get(s)! + n);
      reasons.push(`${why} (${s} +${n})`);
    };

    switch (req.dataSensitivity) {
      case DataSensitivity.HIGH:
        add(StrategyKind.HYBRID, 40, 'high data sensitivity: raw data stays on premises, the cloud sees only what is sent over the VPN');
        break;
      case DataSensitivity.MEDIUM:
        add(StrategyKind.HYBRID, 10, 'medium data sensitivity: a private link to the site is worth having');
        add(StrategyKind.CLOUD_FIRST, 10, 'medium data sensitivity: cloud regions with customer-managed keys are acceptable');
        break;
      default:
        add(StrategyKind.CLOUD_FIRST, 20, 'low data sensitivity: data may live in a cloud region');
    }
    if (req.dataResidency === DataResidency.ON_PREMISES) {
      add(StrategyKind.HYBRID, 30, 'data residency on premises');
    } else if (req.dataResidency === DataResidency.IN_REGION) {
      reasons.push(`data residency in ${req.allowedRegions.join(', ')}: any strategy can keep data in those regions (no points)`);
    }

    switch (req.workloadPattern) {
      case WorkloadPattern.BURSTY:
        add(StrategyKind.CLOUD_FIRST, 35, 'bursty workload: elastic capacity is paid for only while a burst runs');
        break;
      case WorkloadPattern.BATCH:
        add(StrategyKind.CLOUD_FIRST, 20, 'batch workload: jobs can wait for spot capacity or a capacity block');
        break;
      default:
        add(StrategyKind.HYBRID, 15, 'steady workload: constant use amortizes owned or reserved hardware');
    }

    if (req.latencyBudgetMs < EDGE_LATENCY_MS) {
      add(StrategyKind.EDGE_CENTRIC, 50, `latency budget ${req.latencyBudgetMs} ms is under ${EDGE_LATENCY_MS} ms: inference must run next to the data`);
    } else if (req.latencyBudgetMs < 50) {
      add(StrategyKind.EDGE_CENTRIC, 15, `latency budget ${req.latencyBudgetMs} ms is tight: serving near users helps`);
    } else {
      add(StrategyKind.CLOUD_FIRST, 10, `latency budget ${req.latencyBudgetMs} ms fits a regional cloud endpoint`);
    }

    if (req.trainingGpus >= LARGE_SCALE_GPUS) {
      add(StrategyKind.CLOUD_FIRST, 10, `training scale ${req.trainingGpus} accelerators: large fleets are rented by the hour, not bought`);
    }

    if (req.monthlyBudgetUsd !== undefined) {
      const cheapest = StrategySelector.cheapestAcceleratorHour(req);
      if (cheapest !== undefined) {
        const need = req.trainingGpus * req.trainingHoursPerMonth * cheapest.usdPerAcceleratorHour;
        if (need > req.monthlyBudgetUsd) {
          const spotNeed = need * (1 - cheapest.spotDiscount);
          const spotWhy = cheapest.spotBasis ? ` (${cheapest.spotBasis})` : ' (no spot observation for it: spot not counted)';
          const covered = Math.round((req.monthlyBudgetUsd / need) * 100);
          add(StrategyKind.CLOUD_FIRST, 15,
            `conflict: budget $${Math.round(req.monthlyBudgetUsd)}/month covers ${covered}% of ${req.trainingGpus} accelerators x ` +
            `${req.trainingHoursPerMonth} h at the cheapest on-demand price ($${cheapest.usdPerAcceleratorHour.toFixed(3)}/accelerator-hour, ` +
            `${cheapest.type}); spot brings that to $${Math.round(spotNeed)}${spotWhy}` +
            (spotNeed > req.monthlyBudgetUsd ? ', still over budget: reduce the scale or the hours' : ', within budget: use spot'));
        }
      }
    }

    const tpu = StrategySelector.tpuOption(req);
    if (tpu) reasons.push(tpu);

    if (req.dataSensitivity === DataSensitivity.HIGH || req.dataResidency === DataResidency.ON_PREMISES) {
      const why = req.dataSensitivity === DataSensitivity.HIGH ? 'high data sensitivity' : 'on-premises residency';
      constraints.push(`constraint: ${why} vetoes cloud-first and edge-centric (raw data may not leave the site; edge-centric trains in the cloud)`);
      if (req.latencyBudgetMs < EDGE_LATENCY_MS) {
        constraints.push(`conflict: ${why} with a ${req.latencyBudgetMs} ms budget resolves to hybrid with inference served on premises, next to the data`);
      }
      if (req.workloadPattern === WorkloadPattern.BURSTY) {
        constraints.push(`conflict: bursty with ${why} resolves to hybrid: bursts run in the cloud on de-identified data, raw data stays on premises`);
      }
      points.set(StrategyKind.CLOUD_FIRST, 0);
      points.set(StrategyKind.EDGE_CENTRIC, 0);
    } else if (req.latencyBudgetMs < EDGE_LATENCY_MS) {
      constraints.push(`constraint: a ${req.latencyBudgetMs} ms budget vetoes cloud-first (a cloud round trip from the field does not fit)`);
      points.set(StrategyKind.CLOUD_FIRST, 0);
    }

    const ranked = [...TIE_ORDER].sort((a, b) => points.get(b)! - points.get(a)! || TIE_ORDER.indexOf(a) - TIE_ORDER.indexOf(b));
    const winner = ranked[0];
    const verdict = `selected ${winner} (${points.get(winner)}) over ` +
      ranked.slice(1).map((s) => `${s} (${points.get(s)})`).join(', ') +
      (points.get(ranked[0]) === points.get(ranked[1]) ? '; tie broken toward the more conservative strategy' : '');

    return {
      strategy: winner,
      scores: {
        cloudFirst: points.get(StrategyKind.CLOUD_FIRST)!,
        hybrid: points.get(StrategyKind.HYBRID)!,
        edgeCentric: points.get(StrategyKind.EDGE_CENTRIC)!,
      },
      rationale: [...constraints, ...reasons, verdict],
      requirements: req,
    };
  }

  private static cheapestAcceleratorHour(req: ResolvedRequirements): { usdPerAcceleratorHour: number; spotDiscount: number; spotBasis?: string; type: string } | undefined {
    let best: { usdPerAcceleratorHour: number; spotDiscount: number; spotBasis?: string; type: string } | undefined;
    for (const t of InstanceType.all()) {
      // training-class types only: those with an accelerator fabric
      if (!req.allowedClouds.includes(t.cloud) || !t.spec.onDemandPrice || !t.hasFabric) continue;
      const perAcc = t.spec.onDemandPrice.usd / t.acceleratorCount;
      if (!best || perAcc < best.usdPerAcceleratorHour) {
        // the discount of the most recent dated spot observation; none observed, no discount counted
        const obs = t.spec.spotSupported ? SpotPrices.latest(t.name) : undefined;
        const discount = obs ? Math.max(0, 1 - obs.usdPerHour / t.spec.onDemandPrice.usd) : 0;
        best = { usdPerAcceleratorHour: perAcc, spotDiscount: discount, type: t.name, ...(obs ? { spotBasis: SpotPrices.describe(obs) } : {}) };
      }
    }
    return best;
  }

  /**
   * Where Google Cloud is allowed: the cheapest priced TPU generation for the training scale, as a reason with
   * figures (no points: a TPU needs JAX or PyTorch/XLA code, which requirements do not say).
   */
  private static tpuOption(req: ResolvedRequirements): string | undefined {
    if (!req.allowedClouds.includes(Cloud.GCP)) return undefined;
    let best: { g: TpuGeneration; perChip: number } | undefined;
    for (const g of TpuGeneration.all()) {
      const p = g.spec.onDemandPerChipHour;
      if (p && g.smallestSliceFor(req.trainingGpus) && (!best || p.usd < best.perChip)) best = { g, perChip: p.usd };
    }
    if (!best) return undefined;
    const s = best.g.smallestSliceFor(req.trainingGpus)!;
    const p = best.g.spec.onDemandPerChipHour!;
    const month = Math.round(s.chips * req.trainingHoursPerMonth * p.usd);
    const spot = best.g.sliceSpotHourlyUsd(s.topology);
    return `Google Cloud TPU option: ${best.g.spec.displayName} slice ${s.topology} (${s.chips} chips, ${s.hosts} x ${s.machineType}) for ` +
      `${req.trainingGpus} accelerators at $${p.usd}/chip-hour (${p.region}, ${p.asOf}) = $${month}/month for ${req.trainingHoursPerMonth} h` +
      (spot !== undefined ? `, spot $${Math.round(spot * req.trainingHoursPerMonth)}` : '') +
      '; needs JAX or PyTorch/XLA code (no points)';
  }

  private constructor() {}
}
