import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { DEFAULT_SCENARIOS, Scenario } from './scenarios';
import { selectionToJson, StackJson, SummaryJson } from './summary';
import { usage } from '../cli/errors';
import { int, usd } from '../cli/output';
import { cloudDefinitions } from '../clouds';
import { CloudDefinition, DemoStack } from '../core/contract';
import { PlatformFacts } from '../core/facts';
import { StrategySelector } from '../core/strategy';
import { diagramOf } from '../diagram/render';
import { estimateCost } from '../governance/cost/estimate';
import { evaluateReadiness } from '../governance/readiness/evaluate';
import { TerraformPolicyChecks } from '../terraform/policy-pack';
import { TerraformApp } from '../tf';

export interface DemoOptions {
  /** Output folder. */
  out: string;
  /** Scenarios to synthesize (default: the embedded ones). */
  scenarios?: Scenario[];
  /** Progress lines go here. */
  log?: (line: string) => void;
}

/** CloudFormation limits the demo keeps to (aws-cdk warns from 400 resources; 1 MB from S3). */
const MAX_RESOURCES = 400;
const MAX_TEMPLATE_BYTES = 1_000_000;

/**
 * Synthesizes a platform per scenario and cloud offline: `DIR/aws` (a cloud assembly), `DIR/terraform`
 * (cdktf output) and `DIR/summary.json`, whose figures are read back from the synthesized files.
 */
export function runDemo(options: DemoOptions): SummaryJson {
  const log = options.log ?? (() => undefined);
  const scenarios = options.scenarios ?? DEFAULT_SCENARIOS;
  const out = prepareOutDir(options.out);

  const summary: SummaryJson = { version: 1, selections: [], stacks: [] };
  // one app per engine; every registered cloud builds its platform stack in its engine's app
  const apps = {
    cloudformation: new App({ outdir: path.join(out, 'aws'), context: { 'aws:cdk:enable-path-metadata': true } }),
    terraform: new TerraformApp({ outdir: path.join(out, 'terraform'), stackTraces: false }),
  };
  const made: Array<{ scenario: Scenario; cloud: CloudDefinition; demo: DemoStack }> = [];
  for (const s of scenarios) {
    const selection = StrategySelector.select(s.requirements);
    summary.selections.push(selectionToJson(selection, s.name));
    log(`selected ${selection.strategy.padEnd(12)} for ${s.name}`);
    for (const cloud of cloudDefinitions()) {
      made.push({ scenario: s, cloud, demo: cloud.demoStack(apps[cloud.engine], `${s.name}-${cloud.cloud}`, { ...s.platform, selection }) });
    }
  }

  log(`synthesizing ${made.length} stacks (${[...new Set(made.map((m) => m.cloud.cloud))].join(', ')}) into ${out}`);
  apps.cloudformation.synth();
  apps.terraform.synth();
  // CloudFormation stacks first, then Terraform ones, each in scenario order (as summary.json always listed them)
  for (const engine of ['cloudformation', 'terraform'] as const) {
    for (const { scenario, cloud, demo } of made.filter((m) => m.cloud.engine === engine)) {
      const name = demo.artifactName;
      const file = engine === 'cloudformation' ? path.join('aws', `${name}.template.json`) : path.join('terraform', 'stacks', name, 'cdk.tf.json');
      const text = fs.readFileSync(path.join(out, file), 'utf8');
      const doc = JSON.parse(text);
      const count = cloud.resourceCount(doc);
      let checks = '';
      if (engine === 'cloudformation' && (count > MAX_RESOURCES || Buffer.byteLength(text) > MAX_TEMPLATE_BYTES)) {
        throw new Error(`[ai-infra] ${name}: ${count} resources, ${Buffer.byteLength(text)} bytes; limits are ${MAX_RESOURCES} resources and ${MAX_TEMPLATE_BYTES} bytes`);
      }
      if (engine === 'terraform') {
        const report = TerraformPolicyChecks.check(doc);
        if (report.findings.length > 0) {
          throw new Error(`[ai-infra] policy checks failed on ${file}:\n${report.findings.map((f) => `  - ${f.ruleId} ${f.address}: ${f.message}`).join('\n')}`);
        }
        checks = `${int(report.evaluations)} policy evaluations, 0 findings, `;
      }
      const facts = cloud.readFacts(doc);
      const estimate = estimateCost(facts);
      const cost = estimate.monthlyUsd;
      const score = evaluateReadiness(facts).score;
      summary.stacks.push({
        ...stackEntry(name, scenario.name, cloud.cloud as StackJson['cloud'], demo.strategy, engine, file, count, fleetsJson(facts), cost, score),
        costComplete: estimate.complete,
        unpricedCostLines: estimate.unpricedItems,
        priceStandIns: estimate.lines.filter((l) => l.standsInFor !== undefined)
          .map((l) => `${l.item}: ${l.price!.region} price standing in for ${l.standsInFor === 'unknown' ? 'the stack\'s region (not in the output)' : l.standsInFor}`),
      });
      const costText = estimate.complete ? `${usd(cost)}/month` : `${usd(cost)}/month + unpriced ${estimate.unpricedItems.join(', ')}`;
      log(`synthesized ${name.padEnd(24)} ${cloud.cloud.padEnd(6)} ${demo.strategy.padEnd(12)} ${int(count)} resources, ${checks}readiness ${score}, ${costText} -> ${file}`);
    }
  }

  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  log(`wrote ${path.join(out, 'summary.json')}`);
  return summary;
}

/** The file that marks a folder as the demo's own output: only such a folder (or a new or empty one) is cleared. */
export const DEMO_MARKER = '.ai-infra-demo';

/**
 * The output folder, ready to write: created if missing; cleared only when it is empty or holds the demo's marker
 * file (a folder an earlier demo wrote). Any other folder is refused: `--out .` in an app repo must never delete
 * its sources. A folder that cannot be used is a usage error (exit 2) naming the path.
 */
function prepareOutDir(dir: string): string {
  const out = path.resolve(dir);
  const refuse = (why: string) => usage(`demo --out ${dir}: ${why}: allowed: a new folder, an empty one, or one an earlier demo wrote`);
  if (fs.existsSync(out)) {
    if (!fs.statSync(out).isDirectory()) throw refuse(`${out} is a file`);
    const entries = fs.readdirSync(out);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw refuse(`${out} holds ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} and no ${DEMO_MARKER} marker (the demo clears its output folder and will not clear one it did not create)`);
    }
    // only a folder the demo wrote (its marker is there) or an empty one
    for (const e of entries) fs.rmSync(path.join(out, e), { recursive: true, force: true });
  } else {
    makeFolders(out, refuse);
  }
  try {
    fs.writeFileSync(path.join(out, DEMO_MARKER), 'Written by `ai-infra demo`: the demo clears this folder on its next run.\n');
  } catch (e: any) {
    throw refuse(`cannot write in ${out} (${e?.code ?? e})`);
  }
  return out;
}

/**
 * Creates a folder and its missing parents one level at a time. Not `fs.mkdirSync(out, { recursive: true })`: where
 * the file system answers ENOENT for a child of a folder that exists (procfs: `--out /proc/x`), Node's recursive
 * mkdir creates the parent again and retries forever at 100% CPU (reproduced with Node 20 here; analysed in
 * https://github.com/Kewton/CommandMate/issues/1774). One level at a time, ENOENT after its parent exists is final.
 */
function makeFolders(out: string, refuse: (why: string) => Error): void {
  const missing: string[] = [];
  let at = out;
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (fs.existsSync(at) && !fs.statSync(at).isDirectory()) throw refuse(`${at} is a file, so ${out} cannot be created`);
  for (const folder of missing) {
    try {
      fs.mkdirSync(folder);
    } catch (e: any) {
      if (e?.code === 'EEXIST' && fs.statSync(folder).isDirectory()) continue;
      const why = e?.code === 'ENOENT' ? `${path.dirname(folder)} accepts no new folder (ENOENT: a virtual file system such as /proc)`
        : e?.code === 'EACCES' || e?.code === 'EPERM' ? `permission denied in ${path.dirname(folder)} (${e.code})`
          : e?.code === 'EROFS' ? `${path.dirname(folder)} is on a read-only file system (EROFS)` : String(e?.message ?? e);
      throw refuse(`cannot create ${folder}: ${why}`);
    }
  }
}

/** The summary's fleet figures, from the facts read back from the synthesized output. */
function fleetsJson(facts: PlatformFacts): StackJson['fleets'] {
  return facts.fleets.map((f) => ({ path: f.path, instanceType: f.instanceType, nodes: f.nodes, configuredGbps: f.configuredGbps, maxGbps: f.maxGbps }));
}

function stackEntry(name: string, scenario: string, cloud: StackJson['cloud'], strategy: string, engine: StackJson['engine'],
  template: string, resourceCount: number, fleets: StackJson['fleets'], estimatedMonthlyCostUsd: number, readinessScore: number): StackJson {
  return { name, scenario, cloud, strategy, engine, template, resourceCount, fleets, estimatedMonthlyCostUsd, readinessScore };
}

/**
 * Draws every stack of a demo summary next to it (`DIR/<stack>.svg`, laid out by Graphviz) and writes `DIR/index.html`:
 * a card per stack with its summary figures and its picture. The page loads nothing from elsewhere (works offline).
 */
export async function writeDemoDiagrams(dir: string, summary: SummaryJson, log: (line: string) => void = () => undefined): Promise<void> {
  const out = path.resolve(dir);
  for (const s of summary.stacks) {
    const doc = JSON.parse(fs.readFileSync(path.join(out, s.template), 'utf8'));
    const svg = await diagramOf(doc, 'svg', { name: s.name, subtitle: [`${s.strategy}, scenario ${s.scenario}`], context: `demo ${s.name}` });
    fs.writeFileSync(path.join(out, `${s.name}.svg`), svg);
  }
  fs.writeFileSync(path.join(out, 'index.html'), demoIndexHtml(summary));
  log(`wrote ${summary.stacks.length} diagrams and ${path.join(out, 'index.html')}`);
}

/** HTML text: `&`, `<`, `>`, `"` and `'` as entities. */
function html(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The demo's index page: one card per stack, its figures from summary.json and its SVG beside it. */
export function demoIndexHtml(summary: SummaryJson): string {
  const cards = summary.stacks.map((s) => {
    const fleets = s.fleets.map((f) => `${html(f.instanceType)} x ${f.nodes}, ${f.configuredGbps} of ${f.maxGbps} Gbps`).join('; ') || 'none';
    const cost = s.estimatedMonthlyCostUsd === undefined ? 'n/a'
      : `$${s.estimatedMonthlyCostUsd.toFixed(2)}${s.costComplete === false ? ` + unpriced ${html((s.unpricedCostLines ?? []).join(', '))}` : ''}`;
    const rows: Array<[string, string]> = [
      ['cloud', html(s.cloud)], ['strategy', html(s.strategy)], ['scenario', html(s.scenario)], ['resources', String(s.resourceCount)],
      ['fleet', fleets], ['readiness', s.readinessScore === undefined ? 'n/a' : `${s.readinessScore}/100`], ['$/month', cost],
    ];
    return `<section class="card" id="${html(s.name)}">
<h2>${html(s.name)}</h2>
<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>
<a href="${html(encodeURIComponent(s.name))}.svg"><img src="${html(encodeURIComponent(s.name))}.svg" alt="diagram of ${html(s.name)}"></a>
</section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ai-infra demo: ${summary.stacks.length} stacks</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; background: #fafafa; color: #222; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1em; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 8px; padding: 1em; }
.card h2 { margin: 0 0 .5em; font-size: 1.1em; }
table { border-collapse: collapse; margin-bottom: .5em; font-size: .9em; }
th { text-align: left; padding-right: 1em; color: #555; font-weight: normal; }
img { max-width: 100%; height: auto; border-top: 1px solid #eee; }
</style>
</head>
<body>
<h1>ai-infra demo: ${summary.stacks.length} stacks</h1>
<p>Each picture is drawn from the synthesized stack (figures from summary.json). Click a picture for full size.</p>
<div class="cards">
${cards.join('\n')}
</div>
</body>
</html>
`;
}
