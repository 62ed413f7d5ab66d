/**
 * A price as observed at one date, with where it came from.
 *
 * Prices change: every figure the library reports carries its date and source so a
 * reader can tell how old it is.
 */
export interface Price {
  /** US dollars per hour (compute) or per GB-month (storage). */
  readonly usd: number;
  /** What the price is for: `hour` or `GB-month`. */
  readonly unit: string;
  /** Region the price was observed in, e.g. `us-east-1`. */
  readonly region: string;
  /** Date the price was observed, ISO `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where the price came from. */
  readonly source: string;
}
