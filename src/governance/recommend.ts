import { cloudDefinition, cloudOfDocument, terraformCloud } from '../clouds';
import { CostEstimate, estimateCost } from './cost/estimate';
import { InstanceType } from '../core/catalog/instance-type';
import { PriceList } from '../core/catalog/price-list';
import { SpotPrices } from '../core/catalog/spot';
import { catalogTypeOf, PlatformFacts } from '../core/facts';

/** One recommendation with its estimated saving. */
export interface Recommendation {
  /** Stable id: `spot`, `scale-to-zero`, `inference-hardware`, `throughput-cache`, `commitment`. */
  readonly id: string;
  /** What to change, and where. */
  readonly action: string;
  /** Estimated monthly saving in US dollars (0 where it cannot be computed from the catalog). */
  readonly monthlySavingUsd: number;
  /** How the saving was computed. */
  readonly basis: string;
}

/** Options of the recommendations. */
export interface RecommendationOptions {
  /**
   * Share of GPU time lost waiting for data without a high-throughput tier (an assumption; 0 turns the cache recommendation off).
   * @default 0.1
   */
  readonly ioWaitFraction?: number;
  /**
   * Data kept in each object storage, TiB: overrides what each storage declares.
   * @default - each storage's `expectedDataTiB` as synthesized (10 unless set)
   */
  readonly dataTiB?: number;
}

/** Hours a week of the working window a scale-to-zero schedule keeps (13 h x 5 days, the library's default). */
const WORKING_HOURS = 65;

function fleetCost(estimate: CostEstimate, path: string): number {
  return estimate.lines.find((l) => l.item === `fleet ${path}`)?.monthlyUsd ?? 0;
}
const round = (n: number) => Math.round(n * 100) / 100;

function recommend(facts: PlatformFacts, options: RecommendationOptions): Recommendation[] {
  const definition = cloudDefinition(facts.cloud, 'Recommendations');
  const advice = definition.advice;
  const estimate = estimateCost(facts, { dataTiB: options.dataTiB });
  const out: Recommendation[] = [];
  for (const f of facts.fleets) {
    const t = catalogTypeOf(f.instanceType);
    const cost = fleetCost(estimate, f.path);
    const obs = t ? SpotPrices.latest(t.name) : undefined;
    const od = t?.spec.onDemandPrice;
    if (t && f.purchase === 'on-demand' && t.spec.spotSupported && obs && od && obs.usdPerHour < od.usd) {
      // the saving is on-demand minus spot at the most recent observation, which the basis names
      const ratio = obs.usdPerHour / od.usd;
      out.push({
        id: 'spot',
        action: `Run ${f.path} (${t.name}) on spot with checkpointing`,
        monthlySavingUsd: round(cost * (1 - ratio)),
        basis: `$${cost}/month x (1 - ${obs.usdPerHour} / ${od.usd} $/h: ${SpotPrices.describe(obs)})`,
      });
    }
    if (f.hoursPerWeek >= 168 && f.purchase !== 'reservation' && f.purchase !== 'capacity-block') {
      out.push({
        id: 'scale-to-zero',
        action: `Scale ${f.path} to zero outside working hours (scaleToZero)`,
        monthlySavingUsd: round(cost * (1 - WORKING_HOURS / 168)),
        basis: `$${cost}/month x (1 - ${WORKING_HOURS}/168 h a week)`,
      });
      if (advice.commitment && cost > 0) {
        out.push({
          id: 'commitment',
          action: `If ${f.path} runs steadily, buy a 1-year committed use discount`,
          monthlySavingUsd: round(cost * advice.commitment.discount),
          basis: `$${cost}/month x ${advice.commitment.discount} (${advice.commitment.basis})`,
        });
      }
    }
    const io = options.ioWaitFraction ?? 0.1;
    if (io > 0 && f.nodes > 1 && facts.storage.length > 0 && !facts.storage.some((s) => s.highThroughput) && cost > 0) {
      const cache = advice.cacheStorageClass ? PriceList.storage(definition.cloud, advice.cacheStorageClass) : undefined;
      const dataTiB = options.dataTiB ?? facts.storage.reduce((n, st) => n + st.dataTiB, 0);
      const cacheCost = cache ? dataTiB * 1024 * 0.1 * cache.usd : 0;
      out.push({
        id: 'throughput-cache',
        action: `Put a high-throughput tier in front of the data ${f.path} reads every epoch (${advice.highThroughputProducts})`,
        monthlySavingUsd: round(Math.max(0, cost * io - cacheCost)),
        basis: `$${cost}/month x ${io} GPU time assumed lost to I/O${cacheCost ? ` - $${round(cacheCost)} for 10% of the data in ${advice.cacheStorageClass}` : ''}`,
      });
    }
  }
  for (const e of facts.endpoints) {
    const line = estimate.lines.find((l) => l.item === `endpoint ${e.path}`);
    if (!line) continue;
    if (e.instanceType === 'ml.g5.xlarge') {
      for (const cheaper of [InstanceType.G6_XLARGE, InstanceType.INF2_XLARGE]) {
        const ratio = cheaper.spec.onDemandPrice!.usd / InstanceType.G5_XLARGE.spec.onDemandPrice!.usd;
        out.push({
          id: 'inference-hardware',
          action: `Serve on ml.${cheaper.name} instead of ml.g5.xlarge${cheaper.name.startsWith('inf2') ? ' (compile the model with the Neuron SDK)' : ''}`,
          monthlySavingUsd: round(line.monthlyUsd * (1 - ratio)),
          basis: `$${line.monthlyUsd}/month x (1 - ${cheaper.name} / g5.xlarge EC2 price ratio ${ratio.toFixed(3)}, applied to the SageMaker price)`,
        });
      }
    } else if (line.unpriced) {
      out.push({
        id: 'inference-hardware',
        action: `Compare ${e.instanceType} with an L4 or Inferentia-class serving type`,
        monthlySavingUsd: 0,
        basis: `${e.instanceType} has no price in the catalog: saving not computed`,
      });
    }
  }
  return out.sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd);
}

/**
 * Recommendations for a synthesized stack, each with an estimated monthly saving computed from the
 * catalog: spot for checkpointed training, scale to zero off hours, cheaper inference hardware,
 * a high-throughput cache, and commitments when use is steady.
 */
export class Recommendations {
  /** Recommendations for a synthesized stack of any cloud (the cloud is read from the stack's facts manifest). */
  public static of(document: any, options: RecommendationOptions = {}): Recommendation[] {
    return recommend(cloudOfDocument(document, 'Recommendations.of').readFacts(document), options);
  }

  /** Recommendations for a synthesized CloudFormation template. */
  public static ofCloudFormation(template: any, options: RecommendationOptions = {}): Recommendation[] {
    return recommend(cloudDefinition('aws', 'Recommendations.ofCloudFormation').readFacts(template), options);
  }

  /** Recommendations for a synthesized Terraform document (`gcp` or `azure`). */
  public static ofTerraform(cloud: string, document: any, stackName: string, options: RecommendationOptions = {}): Recommendation[] {
    void stackName;
    return recommend(terraformCloud(cloud, 'Recommendations.ofTerraform').readFacts(document), options);
  }

  private constructor() {}
}
