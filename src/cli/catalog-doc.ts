import { Cloud } from '../core/catalog/cloud';
import { InstanceType } from '../core/catalog/instance-type';
import { Price } from '../core/catalog/price';
import { PriceList } from '../core/catalog/price-list';
import { ServingType } from '../core/catalog/serving-type';
import { SpotObservation, SpotPrices } from '../core/catalog/spot';
import { StorageClasses, StorageTierClass } from '../core/catalog/storage-class';
import { TpuGeneration } from '../core/catalog/tpu';

const CLOUD_NAMES: Record<Cloud, string> = { [Cloud.AWS]: 'AWS', [Cloud.GCP]: 'Google Cloud', [Cloud.AZURE]: 'Azure' };

/** Numbered sources: every long source string is printed once, at the end, and cited as `[n]`. */
class Sources {
  private readonly list: string[] = [];
  public cite(source: string): string {
    let i = this.list.indexOf(source);
    if (i < 0) {
      this.list.push(source);
      i = this.list.length - 1;
    }
    return `[${i + 1}]`;
  }
  public render(): string[] {
    return this.list.map((s, i) => `${i + 1}. ${s.replace(/\|/g, '\\|')}`);
  }
}

function cell(s: string | number): string {
  return String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
function table(head: string[], rows: Array<Array<string | number>>): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}
function price(p: Price | undefined, src: Sources, unit = '$/h'): string {
  return p ? `${p.usd} ${unit} ${p.region} (${p.asOf}) ${src.cite(p.source)}` : 'unpriced';
}
function spot(o: SpotObservation | undefined, src: Sources, unit = '$/h'): string {
  return o ? `${o.usdPerHour} ${unit} ${o.region} (${o.observedOn}) ${src.cite(o.source)}` : 'none observed';
}

/**
 * The catalog as a Markdown document (docs/catalog.md): one table per cloud, then TPUs, spot observations,
 * storage, serving and network prices, every figure with its date and a numbered source. Deterministic: it holds
 * no date of its own, so regenerating it changes it only when the catalog changed.
 */
export function catalogMarkdown(): string {
  const src = new Sources();
  const out: string[] = [
    '# Catalog',
    '',
    '<!-- Generated from src/core/catalog by `npx projen catalog:docs`; do not edit. CI regenerates it and fails on a difference. -->',
    '',
    'Every figure the library prices or sizes with, with the date it was observed and its source (numbered at the end).',
    '`ai-infra catalog --stale` lists the figures older than 12 months. "unpriced" means no trustworthy figure was found:',
    'a cost estimate lists such a line and marks its total incomplete rather than guessing.',
    '',
    'Spot: the estimate uses the most recent observation of a type (on the same date, the higher price) and names it;',
    'a type without one has its spot fleets unpriced, never charged at the on-demand price.',
    '',
  ];
  for (const cloud of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) {
    out.push(`## ${CLOUD_NAMES[cloud]} instance types`, '');
    out.push(...table(
      ['type', 'accelerators', 'accelerator GiB', 'vCPU / RAM GiB', 'NIC layout', 'published Gbps', 'configured Gbps', 'on-demand', 'spot (used)', 'capacity options'],
      InstanceType.all(cloud).map((t) => {
        const n = t.network;
        const layout = n.kind === 'ethernet'
          ? `ethernet ${n.hostNics} x ${n.hostNicGbps}`
          : `${n.kind}: ${n.hostNics ? `${n.hostNics} host x ${n.hostNicGbps} + ` : ''}${n.fabricNics} x ${n.fabricNicGbps}` +
            `${n.networkCards ? `, ${n.networkCards} cards` : ''}${n.hostOnlyCards ? ` (${n.hostOnlyCards} ENA only)` : ''}` +
            `${n.fabricNicsPerCard > 1 ? `, ${n.fabricNicsPerCard} per card` : ''}${n.hostNicMtu && n.hostNicMtu !== n.gpuNicMtu ? `, host MTU ${n.hostNicMtu}` : ''}${n.gpuNicMtu ? `, MTU ${n.gpuNicMtu}${n.hostNicMtu === n.gpuNicMtu ? ' (host NICs too)' : ''}` : ''}${n.frontEndGbps ? `, ${n.frontEndGbps} Gbps front end` : ''}`;
        // how the type is sold (the catalog's consumption options, each list with its source)
        const options = [
          ...t.spec.consumptionOptions,
          ...(t.spec.maxNodesPerFabricDomain ? [`${t.spec.maxNodesPerFabricDomain} nodes per fabric domain`] : []),
        ].join(', ') + ` ${src.cite(t.spec.consumptionSource)}`;
        const pub = t.spec.publishedBandwidth;
        return [
          `${t.name}${t.spec.architecture === 'arm64' ? ' (arm64)' : ''}`, `${t.acceleratorCount} x ${t.accelerator.model}`, t.accelerator.memoryGiB, `${t.spec.vcpus} / ${t.spec.memoryGiB}`, layout,
          `${pub.gbps} (${pub.asOf}) ${src.cite(pub.source)}`, t.layoutGbps,
          price(t.spec.onDemandPrice, src), spot(SpotPrices.latest(t.name), src), options,
        ];
      }),
    ), '');
  }

  out.push('## Google Cloud TPUs', '');
  out.push(...table(
    ['generation', 'GKE accelerator', 'HBM GB per chip', 'hosts (machine type: chips, vCPU / RAM GB)', 'topologies', 'on-demand per chip', 'spot per chip'],
    TpuGeneration.all().map((g) => [
      g.spec.displayName, g.spec.gkeAccelerator, g.spec.hbmGBPerChip,
      g.spec.hosts.map((h) => `${h.machineType}: ${h.chips}${h.vcpus ? `, ${h.vcpus} / ${h.memoryGB}` : ''}`).join('; '),
      g.spec.topologies.join(', '), price(g.spec.onDemandPerChipHour, src, '$/chip-h'), spot(g.spec.spotPerChipHour, src, '$/chip-h'),
    ]),
  ), '');
  out.push(`Shapes and topologies: ${TpuGeneration.V6E.spec.sources.map((s) => src.cite(s)).join(' ')}.`, '');

  out.push('## Spot observations', '');
  out.push(...table(
    ['cloud', 'type', '$/h', 'region', 'observed', 'used by estimates', 'note', 'source'],
    SpotPrices.all().map((o) => [
      o.cloud, o.instanceType, o.usdPerHour, o.region, o.observedOn, SpotPrices.latest(o.instanceType) === o ? 'yes' : 'no (older)', o.note ?? '', src.cite(o.source),
    ]),
  ), '');
  out.push('Azure: no spot price was found for any catalog size; Azure spot fleets are unpriced.', '');

  out.push('## Object storage', '');
  const storageRows: Array<Array<string | number>> = [];
  for (const cloud of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) {
    const tiers = new Map<string, { tier: string; days: number }>();
    for (const tier of Object.values(StorageTierClass)) {
      const c = StorageClasses.of(cloud, tier);
      if (!tiers.has(c.providerName)) tiers.set(c.providerName, { tier, days: c.minimumDays });
    }
    for (const [name, p] of Object.entries(PriceList.storageClasses(cloud))) {
      const t = tiers.get(name);
      storageRows.push([cloud, name, name === PriceList.hotClass(cloud) ? 'hot' : t?.tier ?? 'high-throughput', t ? t.days : 0, price(p, src, '$/GB-month')]);
    }
  }
  out.push(...table(['cloud', 'class', 'neutral tier', 'minimum days', 'price'], storageRows), '');

  out.push('## Serving (managed endpoints)', '');
  out.push(...table(
    ['cloud', 'type', 'accelerators', 'accelerator GiB total', 'price per instance', 'cost per 1,000 predictions at 1 instance, 3,600 predictions/hour'],
    [Cloud.AWS, Cloud.GCP, Cloud.AZURE].flatMap((cloud) => ServingType.all(cloud).map((t) => [
      cloud, t.name, `${t.acceleratorCount} x ${t.accelerator.model}`, t.totalMemoryGiB,
      t.price ? price(t.price, src) : `unpriced: ${t.unpricedReason}`,
      t.price ? `$${t.costPerThousandPredictions(1, 3600)}` : 'n/a',
    ])),
  ), '');

  out.push('## Network', '');
  out.push(...table(['cloud', 'component', 'price'], [Cloud.AWS, Cloud.GCP, Cloud.AZURE].flatMap((cloud) =>
    Object.entries(PriceList.networkComponents(cloud)).map(([name, p]) => [cloud, name, price(p, src)]))), '');

  out.push('## Sources', '', ...src.render(), '');
  return out.join('\n');
}

/** One figure older than the cut-off. */
export interface StaleFact {
  /** What the figure is, e.g. `p5.48xlarge on-demand price`. */
  readonly fact: string;
  /** The figure with its unit. */
  readonly value: string;
  /** Its date as recorded (`YYYY-MM-DD` or `YYYY-MM`). */
  readonly asOf: string;
  /** Its source. */
  readonly source: string;
  /** Whole months between the date and the reference date. */
  readonly ageMonths: number;
}

function monthsBetween(from: string, to: Date): number {
  const [y, m, d] = from.split('-').map(Number);
  const start = Date.UTC(y, (m || 1) - 1, d || 1);
  let months = (to.getUTCFullYear() - y) * 12 + (to.getUTCMonth() - ((m || 1) - 1));
  if (to.getUTCDate() < (d || 1)) months -= 1;
  return start > to.getTime() ? 0 : months;
}

/**
 * Every dated figure of the catalog (prices, spot observations, published bandwidth) older than 12 months at
 * `asOf`, oldest first.
 *
 * @param asOf the reference date (today unless a test injects one)
 */
export function staleFacts(asOf: Date): StaleFact[] {
  const all: Array<Omit<StaleFact, 'ageMonths'>> = [];
  const p = (fact: string, x: Price | undefined, unit: string) => {
    if (x) all.push({ fact, value: `${x.usd} ${unit} ${x.region}`, asOf: x.asOf, source: x.source });
  };
  for (const t of InstanceType.all()) {
    p(`${t.name} on-demand price`, t.spec.onDemandPrice, '$/h');
    const b = t.spec.publishedBandwidth;
    all.push({ fact: `${t.name} published bandwidth`, value: `${b.gbps} Gbps`, asOf: b.asOf, source: b.source });
  }
  for (const o of SpotPrices.all()) {
    all.push({ fact: `${o.instanceType} spot price`, value: `${o.usdPerHour} $/h ${o.region}`, asOf: o.observedOn, source: o.source });
  }
  for (const g of TpuGeneration.all()) {
    p(`TPU ${g.name} on-demand price`, g.spec.onDemandPerChipHour, '$/chip-h');
    const s = g.spec.spotPerChipHour;
    if (s) all.push({ fact: `TPU ${g.name} spot price`, value: `${s.usdPerHour} $/chip-h ${s.region}`, asOf: s.observedOn, source: s.source });
  }
  for (const cloud of [Cloud.AWS, Cloud.GCP, Cloud.AZURE]) {
    for (const [name, x] of Object.entries(PriceList.storageClasses(cloud))) p(`${cloud} storage ${name} price`, x, '$/GB-month');
    for (const [name, x] of Object.entries(PriceList.networkComponents(cloud))) p(`${cloud} ${name} price`, x, '$/h');
    for (const t of ServingType.all(cloud)) p(`${t.name} serving price`, t.price, '$/h');
  }
  return all.map((f) => ({ ...f, ageMonths: monthsBetween(f.asOf, asOf) }))
    .filter((f) => f.ageMonths >= 12)
    .sort((a, b) => a.asOf.localeCompare(b.asOf) || a.fact.localeCompare(b.fact));
}
