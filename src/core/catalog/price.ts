/**
 * A price as observed at one date, with where it came from.
 *
 * Prices change: every figure the library reports carries its date and source so a
 * reader can tell how old it is.
 */
export interface Price {
  /** US dollars per unit: hour (compute), chip-hour (TPU), GB-month (storage). */
  readonly usd: number;
  /** What the price is for: `hour`, `chip-hour` or `GB-month`. */
  readonly unit: string;
  /** Region the price was observed in, e.g. `us-east-1`. */
  readonly region: string;
  /** Date the price was observed, ISO `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where the price came from. */
  readonly source: string;
}

/**
 * Hours in a month for every hourly line of a cost estimate (the 730 the clouds' pricing calculators use:
 * 365 x 24 / 12, rounded). One figure, so a fleet, an endpoint and a NAT gateway running all month are
 * charged the same hours.
 */
export const HOURS_PER_MONTH = 730;
