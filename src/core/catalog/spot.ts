import { Cloud } from './cloud';
import { Price } from './price';

/**
 * A spot (preemptible) price as seen once: what one instance cost per hour, where, when, and who recorded it.
 *
 * Spot prices move by zone and by month (Google Cloud's a3-highgpu-8g spot price doubled between the February
 * and July 2026 snapshots), so the catalog keeps dated observations instead of one "typical" discount, and an
 * estimate says which observation it used.
 */
export interface SpotObservation {
  /** The provider's type name, e.g. `a3-highgpu-8g` (TPUs: `tpu-v6e`, priced per chip). */
  readonly instanceType: string;
  /** The cloud that sells it. */
  readonly cloud: Cloud;
  /** US dollars per instance-hour (TPUs: per chip-hour). */
  readonly usdPerHour: number;
  /** Region (or regions) the price was seen in. */
  readonly region: string;
  /** Date of the observation (the snapshot's date), ISO `YYYY-MM-DD`. */
  readonly observedOn: string;
  /** Where it was observed, with the snapshot (commit) where one exists. */
  readonly source: string;
  /**
   * What the figure is: the upper end of a range of zones, one zone, a secondary source.
   * @default - a single figure from the source
   */
  readonly note?: string;
}

// Sources, as docs/reference/catalog-audit-2026-12.md records them.
const SKYPILOT = 'skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv @00148f2a (SpotPrice column = EC2 spot price history)';
/**
 * The skypilot snapshot carries no date of its own in the audit; 2026-11-01 is the date the catalog records for
 * the on-demand prices read from the same file (UNVERIFIED: the commit date was not read).
 */
const SKYPILOT_DATE = '2026-11-01';
const CYCLENERD_FEB = 'Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml @34e4858 (generated 2026-02-12)';
const CYCLENERD_JUL = 'Cyclenerd/google-cloud-pricing-cost-calculator pricing.yml @fd66b26 (generated 2026-07-30)';
const TANOD = 'huggingface.co/datasets/tanod/cloud-gpu-list-prices (Billing Catalog snapshot 2026-10-13; secondary)';

function aws(instanceType: string, usdPerHour: number, region: string, note?: string): SpotObservation {
  return { instanceType, cloud: Cloud.AWS, usdPerHour, region, observedOn: SKYPILOT_DATE, source: SKYPILOT, ...(note ? { note } : {}) };
}
function gcp(instanceType: string, usdPerHour: number, region: string, observedOn: string, source: string, note?: string): SpotObservation {
  return { instanceType, cloud: Cloud.GCP, usdPerHour, region, observedOn, source, ...(note ? { note } : {}) };
}

/**
 * Every spot observation the catalog holds. Where the source gives a range over zones, the upper end is kept
 * (an estimate from it does not undercount). Types without a row have no observation: their spot fleets are
 * unpriced. Azure: no spot price was found for any catalog size (audit: "no source found").
 */
const OBSERVATIONS: SpotObservation[] = [
  aws('p5.48xlarge', 25.75, 'us-east-1', 'upper end of 17.63-25.75 in use1-az2/3/5/6; az1/az4 had no spot discount'),
  aws('p5e.48xlarge', 18.74, 'us-east-2', 'also seen: 63.00 in another us-east-2 zone, 19.54 us-west-2, 19.43 ap-southeast-3'),
  aws('p5en.48xlarge', 18.25, 'us-east-1', 'upper end of 16.56-18.25'),
  aws('p4de.24xlarge', 11.01, 'us-west-2', 'upper end of 10.33-11.01'),
  aws('p6-b200.48xlarge', 28.4, 'us-east-1', 'upper end of 21.0-28.4 over us-east-1, us-east-2 and us-west-2'),
  aws('p6-b300.48xlarge', 33.43, 'us-west-2'),
  aws('trn1.32xlarge', 6.14, 'us-east-1', 'upper end of 2.15-6.14 over us-east-1, us-east-2 and us-west-2'),
  aws('trn1n.32xlarge', 4.25, 'us-east-1', 'upper end of 2.48-4.25; region not recorded in the audit (UNVERIFIED: us-east-1 assumed)'),
  aws('trn2.48xlarge', 23.06, 'us-east-2'),
  gcp('a3-highgpu-8g', 25.76, 'us-central1', '2026-02-12', CYCLENERD_FEB),
  gcp('a3-highgpu-8g', 50.61, 'us-central1', '2026-07-30', CYCLENERD_JUL),
  gcp('a3-megagpu-8g', 17.27, 'us-east4', '2026-02-12', CYCLENERD_FEB),
  gcp('a3-megagpu-8g', 23.28, 'us-east4', '2026-07-30', CYCLENERD_JUL),
  gcp('a3-ultragpu-8g', 50.09, 'us-central1', '2026-10-13', TANOD, 'secondary source'),
  gcp('a2-highgpu-1g', 1.804, 'us-central1', '2026-02-12', CYCLENERD_FEB),
  gcp('a2-highgpu-1g', 1.928, 'us-central1', '2026-07-30', CYCLENERD_JUL),
  gcp('g2-standard-4', 0.397, 'us-central1', '2026-07-30', CYCLENERD_JUL),
];

/**
 * Dated spot price observations, per type. The estimate uses the most recent one (`SpotPrices.latest`) and
 * names it; a type without one is priced on demand only, and its spot fleets are unpriced (never charged at
 * the on-demand price under a spot label).
 */
export class SpotPrices {
  /** Every observation, by cloud, type, then date (oldest first). */
  public static all(): SpotObservation[] {
    return [...OBSERVATIONS].sort((a, b) => a.cloud.localeCompare(b.cloud) || a.instanceType.localeCompare(b.instanceType) || a.observedOn.localeCompare(b.observedOn));
  }

  /**
   * Observations of one type (case-insensitive), newest first.
   *
   * @param instanceType the provider's type name
   */
  public static of(instanceType: string): SpotObservation[] {
    const n = String(instanceType).toLowerCase();
    return OBSERVATIONS.filter((o) => o.instanceType.toLowerCase() === n)
      .sort((a, b) => b.observedOn.localeCompare(a.observedOn) || b.usdPerHour - a.usdPerHour);
  }

  /**
   * The observation an estimate uses: the most recent (on the same date, the higher price), or undefined.
   *
   * @param instanceType the provider's type name
   */
  public static latest(instanceType: string): SpotObservation | undefined {
    return SpotPrices.of(instanceType)[0];
  }

  /**
   * An observation as a `Price` (unit `hour`), for cost lines.
   *
   * @param observation the observation
   */
  public static asPrice(observation: SpotObservation): Price {
    return { usd: observation.usdPerHour, unit: 'hour', region: observation.region, asOf: observation.observedOn, source: observation.source };
  }

  /**
   * One line naming an observation: `spot 50.61 $/h observed us-central1 2026-07-30, Cyclenerd/... pricing.yml @fd66b26 ...`.
   *
   * @param observation the observation
   */
  public static describe(observation: SpotObservation): string {
    return `spot ${observation.usdPerHour} $/h observed ${observation.region} ${observation.observedOn}, ${observation.source}`;
  }

  private constructor() {}
}
