import { cloudDefinition } from '../../clouds';
import { Cloud } from '../../core/catalog/cloud';
import { InstanceType } from '../../core/catalog/instance-type';
import { Price } from '../../core/catalog/price';
import { PriceList } from '../../core/catalog/price-list';
import { PlatformFacts } from '../../core/facts';

/** Hours in an average month (365.25 x 24 / 12). */
const HOURS_PER_MONTH = 730.5;
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
  /** True when no price is known: the line is listed, not counted. */
  readonly unpriced: boolean;
}

/** A monthly cost estimate. */
export interface CostEstimate {
  /** Total of the priced lines, US dollars per month. */
  readonly monthlyUsd: number;
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

function line(item: string, monthlyUsd: number, basis: string, price?: Price): CostLine {
  return { item, monthlyUsd: Math.round(monthlyUsd * 100) / 100, basis, price, unpriced: price === undefined };
}

/**
 * Monthly cost from the catalog for what a stack synthesized: fleets (nodes x hours x price, spot at the
 * catalog's typical discount, reservations all month), storage per tier (data assumed evenly aged over a
 * year, so each class holds the share of the year objects spend in it), endpoint instances at their
 * minimum, and VPN, NAT and interface endpoint hours.
 */
export function estimateCost(facts: PlatformFacts, options: CostEstimateOptions = {}): CostEstimate {
  const definition = cloudDefinition(facts.cloud, 'CostEstimator');
  const cloud = definition.cloud as Cloud;
  const lines: CostLine[] = [];
  for (const f of facts.fleets) {
    const t = InstanceType.of(f.instanceType);
    const p = t.spec.onDemandPrice;
    const hours = f.purchase === 'reservation' ? HOURS_PER_MONTH : f.hoursPerWeek * WEEKS_PER_MONTH;
    if (!p) {
      lines.push(line(`fleet ${f.path}`, 0, `${f.nodes} x ${t.name}: no price in the catalog`));
      continue;
    }
    const discount = f.purchase === 'spot' ? (t.spec.typicalSpotDiscount ?? 0) : 0;
    lines.push(line(`fleet ${f.path}`, f.nodes * hours * p.usd * (1 - discount),
      `${f.nodes} x ${t.name} x ${Math.round(hours)} h x $${p.usd}/h${discount ? ` x (1 - ${discount} spot discount)` : ''} (${f.purchase})`, p));
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
    lines.push(line(`storage ${s.path}`, total, `${gb / 1024} TiB: ${parts.join(', ')} per GB-month`, missing ? undefined : PriceList.storage(cloud, classes[0])));
  }
  for (const e of facts.endpoints) {
    if (e.minInstances === 0) continue;
    const p = PriceList.serving(e.instanceType) ?? (() => {
      try {
        return InstanceType.of(e.instanceType).spec.onDemandPrice;
      } catch {
        return undefined;
      }
    })();
    lines.push(line(`endpoint ${e.path}`, p ? e.minInstances * HOURS_PER_MONTH * p.usd : 0,
      p ? `${e.minInstances} x ${e.instanceType} x ${HOURS_PER_MONTH} h x $${p.usd}/h (minimum instances)` : `${e.minInstances} x ${e.instanceType}: no price in the catalog`, p));
  }
  const fixed: Array<[string, number]> = [
    [definition.pricing.vpnComponent, facts.vpnConnections],
    ['nat-gateway', facts.natGateways],
    ['interface-endpoint-az', facts.interfaceEndpoints * definition.pricing.interfaceEndpointHoursPerEndpoint],
  ];
  for (const [component, count] of fixed) {
    if (count === 0) continue;
    const p = PriceList.network(cloud, component);
    lines.push(line(component, p ? count * HOURS_PER_MONTH * p.usd : 0, `${count} x ${HOURS_PER_MONTH} h${p ? ` x $${p.usd}/h` : ': unpriced'}`, p));
  }
  return { monthlyUsd: Math.round(lines.reduce((n, l) => n + l.monthlyUsd, 0) * 100) / 100, lines };
}
