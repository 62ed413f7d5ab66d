import { Column, int, usd } from '../cli/output';
import { FleetJson } from '../core/facts';
import { Selection } from '../core/strategy';

export { FleetJson };

/** One selection as written to summary.json and printed by `ai-infra select --json`. */
export interface SelectionJson {
  scenario?: string;
  requirements: Record<string, unknown>;
  strategy: string;
  scores: { 'cloud-first': number; 'hybrid': number; 'edge-centric': number };
  rationale: string[];
}

/** One synthesized stack. */
export interface StackJson {
  name: string;
  scenario: string;
  cloud: 'aws' | 'gcp' | 'azure';
  strategy: string;
  engine: 'cloudformation' | 'terraform';
  template: string;
  resourceCount: number;
  fleets: FleetJson[];
  /** Total of the priced cost lines; a lower bound when `costComplete` is false. */
  estimatedMonthlyCostUsd?: number;
  /** False when the estimate left lines out for want of a price (named in `unpricedCostLines`). */
  costComplete?: boolean;
  /** The cost lines without a price, which the total leaves out. */
  unpricedCostLines?: string[];
  /** Lines priced from another region than the stack's: `item: <price region> price standing in for <region>`. */
  priceStandIns?: string[];
  readinessScore?: number;
}

/** summary.json, per the demo contract (docs/ARCHITECTURE.md, "The demo contract"). */
export interface SummaryJson {
  version: 1;
  selections: SelectionJson[];
  stacks: StackJson[];
}

export function selectionToJson(selection: Selection, scenario?: string): SelectionJson {
  const r = selection.requirements;
  const requirements: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v !== undefined && !(Array.isArray(v) && v.length === 0 && k === 'allowedRegions')) requirements[k] = v;
  }
  return {
    ...(scenario !== undefined ? { scenario } : {}),
    requirements,
    strategy: selection.strategy,
    scores: {
      'cloud-first': selection.scores.cloudFirst,
      'hybrid': selection.scores.hybrid,
      'edge-centric': selection.scores.edgeCentric,
    },
    rationale: selection.rationale,
  };
}

/**
 * The demo's stacks as the CLI prints them: one row per stack (stack, cloud, strategy, resources, fleet, Gbps per
 * node, readiness, $/month), figures with thousands separators. A cost that leaves lines out is marked `*` and
 * explained in `notes`.
 */
export function summaryTable(summary: SummaryJson): { columns: Column[]; rows: string[][]; notes: string[] } {
  const columns: Column[] = [
    { header: 'STACK' }, { header: 'CLOUD' }, { header: 'STRATEGY' }, { header: 'RESOURCES', align: 'right' },
    { header: 'FLEET' }, { header: 'Gbps/NODE', align: 'right' }, { header: 'READINESS', align: 'right' }, { header: '$/MONTH', align: 'right' },
    { header: '' }, // `*`: the cost leaves lines out (see the notes)
  ];
  const notes: string[] = [];
  const rows = summary.stacks.map((s) => {
    const fleet = s.fleets.map((f) => `${int(f.nodes)} x ${f.instanceType}`).join(', ') || '-';
    const gbps = s.fleets.map((f) => (f.configuredGbps === f.maxGbps ? int(f.configuredGbps) : `${int(f.configuredGbps)} of ${int(f.maxGbps)}`)).join(', ') || '-';
    const cost = s.estimatedMonthlyCostUsd === undefined ? 'n/a' : usd(s.estimatedMonthlyCostUsd);
    if (s.costComplete === false) notes.push(`* ${s.name}: the cost leaves out unpriced ${(s.unpricedCostLines ?? []).join(', ')}`);
    return [s.name, s.cloud, s.strategy, int(s.resourceCount), fleet, gbps, s.readinessScore === undefined ? 'n/a' : `${s.readinessScore}/100`, cost, s.costComplete === false ? '*' : ''];
  });
  return { columns, rows, notes };
}
