import { cloudDefinition } from '../../clouds';
import { Cloud } from '../../core/catalog/cloud';
import { InstanceType } from '../../core/catalog/instance-type';
import { HOURS_PER_MONTH, Price } from '../../core/catalog/price';
import { PriceList } from '../../core/catalog/price-list';
import { ServingType } from '../../core/catalog/serving-type';
import { SpotPrices } from '../../core/catalog/spot';
import { TpuGeneration } from '../../core/catalog/tpu';
import { catalogTypeOf, PlatformFacts } from '../../core/facts';

const WEEKS_PER_MONTH = HOURS_PER_MONTH / 168;

/** One line of a cost estimate. */
export interface CostLine {
  /** What is charged, e.g. `fleet bursty-research-aws/Training`. */
  readonly item: string;
  /** Monthly US dollars (0 when unpriced). */
  readonly monthlyUsd: number;
  /** How the figure was computed. */
  readonly basis: string;
  /** The price used, with date and source (undefined when unpriced). */
  readonly price?: Price;
  /** True when no price is known: the line is listed, not counted, and the total is incomplete. */
  readonly unpriced: boolean;
  /**
   * Hours a month the line charges per unit (hourly lines only): `HOURS_PER_MONTH` for what runs all month,
   * fewer for a fleet on a schedule.
   * @default - not an hourly line (storage)
   */
  readonly hoursPerMonth?: number;
  /**
   * The stack's region, when the price used was observed in another region and stands in for it
   * (e.g. a `us-central1` price on a `us-east4` stack), or `unknown` when the synthesized output does not name
   * the stack's region.
   * @default - the price is for the stack's region
   */
  readonly standsInFor?: string;
}

/** A monthly cost estimate. */
export interface CostEstimate {
  /** Total of the priced lines, US dollars per month: a lower bound when `complete` is false. */
  readonly monthlyUsd: number;
  /** False when any line is unpriced: the total leaves those lines out. */
  readonly complete: boolean;
  /** The items of the unpriced lines, which the total leaves out (empty when complete). */
  readonly unpricedItems: string[];
  /**
   * The region the stack is placed in, as its synthesized output says (for AWS, the region the facts manifest
   * records for a stack with a concrete `env.region`).
   * @default - the output does not name it (an environment-agnostic AWS stack, or a Terraform provider whose region
   * is not a literal)
   */
  readonly region?: string;
  /** Hours a month every hourly line charges for what runs all month. */
  readonly hoursPerMonth: number;
  /** Every line. */
  readonly lines: CostLine[];
}

/** Options of an estimate. */
export interface CostEstimateOptions {
  /**
   * Data kept in each object storage, TiB: overrides what each storage declares.
   * @default - each storage's `expectedDataTiB` as synthesized (10 unless set)
   */
  readonly dataTiB?: number;
}

/** A region as the clouds spell it in prices (`East US` and `eastus` are one region). */
function normalRegion(region: string): string {
  return region.toLowerCase().replace(/\s+/g, '');
}

/**
 * Monthly cost from the catalog for what a stack synthesized: fleets (nodes x hours x price; spot at the most
 * recent dated spot observation of the type, named in the line, or unpriced without one; TPU slices per chip-hour;
 * reservations all month), storage per
 * tier (data assumed evenly aged over a year, so each class holds the share of the year objects spend in it),
 * endpoint instances at their minimum (a pending endpoint, with no model deployed yet, costs nothing), and VPN,
 * NAT and interface endpoint hours. Every hourly line charges `HOURS_PER_MONTH` hours for a month. A line without
 * a price is listed and named in `unpricedItems`, and the estimate is marked incomplete; a price observed in
 * another region than the stack's says which region it stands in for.
 */
export function estimateCost(facts: PlatformFacts, options: CostEstimateOptions = {}): CostEstimate {
  const definition = cloudDefinition(facts.cloud, 'CostEstimator');
  const cloud = definition.cloud as Cloud;
  const stackRegion = facts.region === undefined ? undefined : normalRegion(facts.region);
  const lines: CostLine[] = [];
  const line = (item: string, monthlyUsd: number, basis: string, price?: Price, hoursPerMonth?: number): void => {
    const standsInFor = price === undefined ? undefined : stackRegion === undefined ? 'unknown' : normalRegion(price.region) === stackRegion ? undefined : stackRegion;
    const where = standsInFor === undefined ? '' : standsInFor === 'unknown'
      ? ` (${price!.region} price: the output does not name the stack's region)`
      : ` (${price!.region} price standing in for ${standsInFor})`;
    lines.push({
      item,
      monthlyUsd: price === undefined ? 0 : Math.round(monthlyUsd * 100) / 100,
      basis: basis + where,
      price,
      unpriced: price === undefined,
      ...(hoursPerMonth !== undefined ? { hoursPerMonth: Math.round(hoursPerMonth * 100) / 100 } : {}),
      ...(standsInFor !== undefined ? { standsInFor } : {}),
    });
  };
  for (const f of facts.fleets) {
    const hours = f.purchase === 'reservation' ? HOURS_PER_MONTH : f.hoursPerWeek * WEEKS_PER_MONTH;
    const h = Math.round(hours * 100) / 100;
    const item = `fleet ${f.path}`;
    const tpu = TpuGeneration.ofMachineType(f.instanceType);
    if (tpu) {
      // a TPU slice: hosts x chips per host x the per-chip-hour price
      const chips = f.nodes * tpu.host(f.instanceType).chips;
      const spot = f.purchase === 'spot';
      const obs = tpu.spec.spotPerChipHour;
      const p = spot ? (obs ? SpotPrices.asPrice(obs) : undefined) : tpu.spec.onDemandPerChipHour;
      if (!p) {
        line(item, 0, `${f.nodes} x ${f.instanceType} (${chips} TPU ${tpu.name} chips, ${f.purchase}): ${spot ? 'no spot observation' : 'no price'} for TPU ${tpu.name} in the catalog`, undefined, hours);
        continue;
      }
      line(item, chips * hours * p.usd,
        `${f.nodes} x ${f.instanceType} = ${chips} TPU ${tpu.name} chips x ${h} h x $${p.usd}/chip-hour` +
        (spot ? ` (spot per chip observed ${obs!.region} ${obs!.observedOn}, ${obs!.source})` : ` (${f.purchase})`), p, hours);
      continue;
    }
    const t = InstanceType.of(f.instanceType);
    if (f.purchase === 'spot') {
      // spot is priced from a dated observation of the type, or unpriced: never the on-demand price under a spot label
      const obs = SpotPrices.latest(t.name);
      if (!obs) {
        line(item, 0, `${f.nodes} x ${t.name} (spot): no spot price observation for ${t.name} on ${definition.displayName}`, undefined, hours);
        continue;
      }
      line(item, f.nodes * hours * obs.usdPerHour, `${f.nodes} x ${t.name} x ${h} h x ${SpotPrices.describe(obs)} (spot)`, SpotPrices.asPrice(obs), hours);
      continue;
    }
    const p = t.spec.onDemandPrice;
    if (!p) {
      line(item, 0, `${f.nodes} x ${t.name}: no price in the catalog (${f.purchase})`, undefined, hours);
      continue;
    }
    line(item, f.nodes * hours * p.usd, `${f.nodes} x ${t.name} x ${h} h x $${p.usd}/h (${f.purchase})`, p, hours);
  }
  for (const s of facts.storage) {
    const gb = (options.dataTiB ?? s.dataTiB) * 1024;
    // objects are assumed evenly aged over a year: each class holds the share of the year spent in it
    const steps = [{ storageClass: definition.pricing.hotStorageClass, afterDays: 0 }, ...s.transitions];
    let total = 0;
    const parts: string[] = [];
    let missing = false;
    steps.forEach((step, j) => {
      const from = Math.min(step.afterDays, 365);
      const to = Math.min(steps[j + 1]?.afterDays ?? 365, 365);
      const share = (to - from) / 365;
      if (share <= 0) return;
      const p = PriceList.storage(cloud, step.storageClass);
      if (!p) missing = true;
      total += gb * share * (p?.usd ?? 0);
      parts.push(`${Math.round(share * 100)}% ${step.storageClass} ${p ? `$${p.usd}` : 'unpriced'}`);
    });
    const classes = steps.map((x) => x.storageClass);
    line(`storage ${s.path}`, total, `${gb / 1024} TiB: ${parts.join(', ')} per GB-month`, missing ? undefined : PriceList.storage(cloud, classes[0]));
  }
  for (const e of facts.endpoints) {
    if (e.minInstances === 0 || e.pending) continue;
    // the managed service's own price; a bare VM price stands in only for a type the serving table does not list
    const p = PriceList.serving(e.instanceType) ?? (ServingType.find(e.instanceType) ? undefined : catalogTypeOf(e.instanceType)?.spec.onDemandPrice);
    const why = ServingType.find(e.instanceType)?.unpricedReason ?? 'no price in the catalog';
    line(`endpoint ${e.path}`, p ? e.minInstances * HOURS_PER_MONTH * p.usd : 0,
      p ? `${e.minInstances} x ${e.instanceType} x ${HOURS_PER_MONTH} h x $${p.usd}/h (minimum instances)` : `${e.minInstances} x ${e.instanceType}: ${why}`,
      p, HOURS_PER_MONTH);
  }
  const fixed: Array<[string, number]> = [
    [definition.pricing.vpnComponent, facts.vpnConnections],
    ['nat-gateway', facts.natGateways],
    ['interface-endpoint-az', facts.interfaceEndpoints * definition.pricing.interfaceEndpointHoursPerEndpoint],
  ];
  for (const [component, count] of fixed) {
    if (count === 0) continue;
    const p = PriceList.network(cloud, component);
    line(component, p ? count * HOURS_PER_MONTH * p.usd : 0, `${count} x ${HOURS_PER_MONTH} h${p ? ` x $${p.usd}/h` : ': unpriced'}`, p, HOURS_PER_MONTH);
  }
  const unpricedItems = lines.filter((l) => l.unpriced).map((l) => l.item);
  return {
    monthlyUsd: Math.round(lines.reduce((n, l) => n + l.monthlyUsd, 0) * 100) / 100,
    complete: unpricedItems.length === 0,
    unpricedItems,
    ...(stackRegion !== undefined ? { region: stackRegion } : {}),
    hoursPerMonth: HOURS_PER_MONTH,
    lines,
  };
}
