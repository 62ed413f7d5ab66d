import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_SCENARIOS, Scenario } from './scenarios';
import { selectionToJson, SummaryJson } from './summary';
import { StrategySelector } from '../core/strategy';

export interface DemoOptions {
  /** Output folder. */
  out: string;
  /** Scenarios to synthesize (default: the embedded ones). */
  scenarios?: Scenario[];
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/**
 * Synthesizes the scenarios offline and writes `summary.json` (and, as the cloud renderers land,
 * `aws/` and `terraform/`).
 */
export function runDemo(options: DemoOptions): SummaryJson {
  const log = options.log ?? (() => undefined);
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  const out = path.resolve(options.out);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  const summary: SummaryJson = { version: 1, selections: [], stacks: [] };
  for (const s of scenarios) {
    const selection = StrategySelector.select(s.requirements);
    summary.selections.push(selectionToJson(selection, s.name));
    log(`selected ${selection.strategy.padEnd(12)} for ${s.name}`);
  }

  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  log(`wrote ${path.join(out, 'summary.json')}`);
  return summary;
}
