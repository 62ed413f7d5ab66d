import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { audit } from './audit';
import { catalogMarkdown, staleFacts } from './catalog-doc';
import { cloudOfDocument } from '../clouds';
import { Cloud } from '../core/catalog/cloud';
import { InstanceType } from '../core/catalog/instance-type';
import { SpotPrices } from '../core/catalog/spot';
import { DataSensitivity, WorkloadPattern } from '../core/requirements';
import { StrategySelector } from '../core/strategy';
import { runDemo, writeDemoDiagrams } from '../demo/demo';
import { selectionToJson } from '../demo/summary';
import { readStackFile } from '../diagram/file';
import { diagramOf } from '../diagram/render';
import { CostEstimator } from '../governance/cost';
import { Recommendations } from '../governance/recommend';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Exit code for a bad flag or value. */
export const USAGE_ERROR = 2;

function numberArg(name: string, min: number, max: number): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}, got '${v}'.`);
    }
    return n;
  };
}

function catalogRows(cloud?: Cloud) {
  return InstanceType.all(cloud).map((t) => ({
    cloud: t.cloud,
    name: t.name,
    accelerator: t.accelerator.model,
    acceleratorCount: t.acceleratorCount,
    acceleratorMemoryGiB: t.accelerator.memoryGiB,
    vcpus: t.spec.vcpus,
    memoryGiB: t.spec.memoryGiB,
    interconnect: t.network.kind,
    fabricInterfaces: t.network.fabricNics,
    hostNics: t.network.hostNics,
    networkCards: t.network.networkCards,
    gpuNicMtu: t.network.gpuNicMtu,
    maxGbps: t.maxGbps,
    onDemandUsdPerHour: t.spec.onDemandPrice?.usd ?? null,
    priceRegion: t.spec.onDemandPrice?.region ?? null,
    priceAsOf: t.spec.onDemandPrice?.asOf ?? null,
    priceSource: t.spec.onDemandPrice?.source ?? null,
    spot: t.spec.spotSupported,
    spotUsdPerHour: SpotPrices.latest(t.name)?.usdPerHour ?? null,
    spotRegion: SpotPrices.latest(t.name)?.region ?? null,
    spotObservedOn: SpotPrices.latest(t.name)?.observedOn ?? null,
    spotSource: SpotPrices.latest(t.name)?.source ?? null,
    capacityBlocks: t.spec.capacityBlocks,
  }));
}

function dateArg(v: string): Date {
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError(`--as-of must be a date YYYY-MM-DD, got '${v}'.`);
  }
  return d;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n');
}

/** The options of the commands that read synthesized stacks (cost, recommend). */
function withTargetOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'a demo output folder (its summary.json lists the stacks)', 'demo.out')
    .option('--template <file>', 'one synthesized template instead: CloudFormation JSON or cdk.tf.json')
    .addOption(new Option('--data-tib <n>', 'data kept in each object storage, TiB (default: what each storage declares as expectedDataTiB, 10 unless set)').argParser(numberArg('--data-tib', 0, 1e6)))
    .option('--json', 'print JSON');
}

/** The synthesized stacks a governance command reads: one template, or every stack of a demo output. */
function loadTargets(opts: { out: string; template?: string }): Array<{ name: string; cloud: string; doc: any }> {
  if (opts.template) {
    const doc = JSON.parse(fs.readFileSync(opts.template, 'utf8'));
    const cloud = cloudOfDocument(doc, `--template ${opts.template}`).cloud;
    return [{ name: path.basename(path.dirname(opts.template)) || opts.template, cloud, doc }];
  }
  const summaryFile = path.join(opts.out, 'summary.json');
  if (!fs.existsSync(summaryFile)) throw new Error(`no ${summaryFile}: run \`npm run demo\` (or pass --template FILE)`);
  return JSON.parse(fs.readFileSync(summaryFile, 'utf8')).stacks.map((s: any) => ({
    name: s.name, cloud: s.cloud, doc: JSON.parse(fs.readFileSync(path.join(opts.out, s.template), 'utf8')),
  }));
}

/** Builds the `ai-infra` program. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('ai-infra')
    .description('AI infrastructure constructs: strategy selection, catalog, demo synthesis')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // one line, prefixed, whatever commander found wrong
      outputError: (s, write) => write(`ai-infra: ${s.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });

  program.command('select')
    .description('choose cloud-first, hybrid or edge-centric from workload requirements')
    .addOption(new Option('--sensitivity <level>', 'data sensitivity').choices(Object.values(DataSensitivity)).makeOptionMandatory())
    .addOption(new Option('--pattern <pattern>', 'workload pattern').choices(Object.values(WorkloadPattern)).makeOptionMandatory())
    .addOption(new Option('--latency-ms <ms>', 'inference latency budget in ms').argParser(numberArg('--latency-ms', 1, 60000)).makeOptionMandatory())
    .addOption(new Option('--gpus <n>', 'training scale in accelerators').argParser(numberArg('--gpus', 1, 100000)))
    .addOption(new Option('--budget <usd>', 'monthly budget in USD').argParser(numberArg('--budget', 1, 1e12)))
    .option('--json', 'print the selection object as JSON')
    .action((opts) => {
      const selection = StrategySelector.select({
        dataSensitivity: opts.sensitivity,
        workloadPattern: opts.pattern,
        latencyBudgetMs: opts.latencyMs,
        trainingGpus: opts.gpus !== undefined ? Math.round(opts.gpus) : undefined,
        monthlyBudgetUsd: opts.budget,
      });
      if (opts.json) {
        io.out(JSON.stringify(selectionToJson(selection), null, 2) + '\n');
        return;
      }
      const s = selection.scores;
      io.out(`strategy: ${selection.strategy}\n`);
      io.out(`scores:   cloud-first ${s.cloudFirst}, hybrid ${s.hybrid}, edge-centric ${s.edgeCentric}\n`);
      io.out('reasons:\n');
      selection.rationale.forEach((r, i) => io.out(`  ${i + 1}. ${r}\n`));
    });

  program.command('catalog')
    .description('list instance types with accelerators, bandwidth and price')
    .addOption(new Option('--cloud <cloud>', 'only this cloud').choices(Object.values(Cloud)))
    .option('--json', 'print JSON')
    .option('--stale', 'list every price or fact older than 12 months, with its source')
    .addOption(new Option('--as-of <date>', 'the date --stale measures age from, YYYY-MM-DD (default: today)').argParser(dateArg))
    .option('--markdown', 'print the catalog document (docs/catalog.md)')
    .action((opts, cmd: Command) => {
      if (opts.asOf && !opts.stale) cmd.error('--as-of applies to --stale only.', { code: 'commander.usage', exitCode: USAGE_ERROR });
      if (opts.markdown) {
        io.out(catalogMarkdown());
        return;
      }
      if (opts.stale) {
        const asOf: Date = opts.asOf ?? new Date();
        const stale = staleFacts(asOf);
        const day = asOf.toISOString().slice(0, 10);
        if (opts.json) {
          io.out(JSON.stringify({ asOf: day, olderThanMonths: 12, facts: stale }, null, 2) + '\n');
          return;
        }
        io.out(`${stale.length} fact(s) older than 12 months as of ${day}\n`);
        for (const f of stale) io.out(`  ${f.asOf.padEnd(10)}  ${f.fact}: ${f.value} (${f.ageMonths} months) [${f.source}]\n`);
        return;
      }
      const rows = catalogRows(opts.cloud);
      if (opts.json) {
        io.out(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      const lines = [['CLOUD', 'TYPE', 'ACCELERATORS', 'GiB EACH', 'VCPU', 'RAM GiB', 'INTERCONNECT', 'MAX Gbps', '$/HOUR (region, date)', 'SPOT $/HOUR (region, observed)']];
      for (const r of rows) {
        const nics = r.interconnect === 'ethernet' ? 'ethernet' : `${r.interconnect} x${r.fabricInterfaces}${r.gpuNicMtu ? ` mtu ${r.gpuNicMtu}` : ''}`;
        lines.push([
          r.cloud, r.name, `${r.acceleratorCount} x ${r.accelerator}`, String(r.acceleratorMemoryGiB), String(r.vcpus), String(r.memoryGiB), nics,
          String(r.maxGbps), r.onDemandUsdPerHour === null ? 'n/a' : `${r.onDemandUsdPerHour} (${r.priceRegion}, ${r.priceAsOf})`,
          r.spotUsdPerHour === null ? 'none observed' : `${r.spotUsdPerHour} (${r.spotRegion}, ${r.spotObservedOn})`,
        ]);
      }
      io.out(table(lines) + '\n');
    });

  withTargetOptions(program.command('cost')
    .description('monthly cost of synthesized stacks, from the catalog (each price with its date and source)'))
    .action((opts) => {
      const targets = loadTargets(opts);
      const results = targets.map((t) => {
        const doc = t.doc;
        const estimate = CostEstimator.of(doc, { dataTiB: opts.dataTib });
        return { stack: t.name, cloud: t.cloud, ...estimate };
      });
      if (opts.json) {
        io.out(JSON.stringify(results, null, 2) + '\n');
        return;
      }
      for (const r of results) {
        const region = r.region ?? 'region not in the output';
        io.out(r.complete
          ? `${r.stack} (${r.cloud}, ${region}): $${r.monthlyUsd.toFixed(2)}/month\n`
          : `${r.stack} (${r.cloud}, ${region}): $${r.monthlyUsd.toFixed(2)}/month INCOMPLETE: leaves out unpriced ${r.unpricedItems.join(', ')}\n`);
        for (const l of r.lines) {
          io.out(`  ${(l.unpriced ? 'unpriced' : `$${l.monthlyUsd.toFixed(2)}`).padStart(12)}  ${l.item}: ${l.basis}${l.price ? ` [${l.price.region}, ${l.price.asOf}, ${l.price.source}]` : ''}\n`);
        }
      }
    });

  withTargetOptions(program.command('recommend')
    .description('changes that save money on synthesized stacks, each with its estimated monthly saving'))
    .action((opts) => {
      const results = loadTargets(opts).map((t) => ({
        stack: t.name,
        cloud: t.cloud,
        recommendations: Recommendations.of(t.doc, { dataTiB: opts.dataTib }),
      }));
      if (opts.json) {
        io.out(JSON.stringify(results, null, 2) + '\n');
        return;
      }
      for (const r of results) {
        io.out(`${r.stack} (${r.cloud}): ${r.recommendations.length} recommendation(s); savings overlap, so they do not add up\n`);
        for (const x of r.recommendations) io.out(`  $${x.monthlySavingUsd.toFixed(2).padStart(10)}  ${x.action}\n               ${x.basis}\n`);
      }
    });

  program.command('audit')
    .description('readiness of this machine for AI work: GPUs (nvidia-smi), CPU, memory, disks')
    .option('--json', 'print JSON')
    .action((opts) => {
      const r = audit();
      if (opts.json) {
        io.out(JSON.stringify(r, null, 2) + '\n');
        return;
      }
      io.out(`score: ${r.score}/100\n`);
      io.out(`gpus:  ${r.gpus.length ? r.gpus.map((g) => `${g.name} (${Math.round(g.memoryMiB / 1024)} GiB, cc ${g.computeCapability}, driver ${g.driverVersion})`).join('; ') : `none (nvidia-smi ${r.nvidiaSmi})`}\n`);
      io.out(`cpu:   ${r.cpuCores} cores\nmemory: ${r.memoryGiB} GiB\n`);
      for (const d of r.disks) io.out(`disk:  ${d.path} ${d.freeGiB} of ${d.totalGiB} GiB free\n`);
      for (const c of r.checks) io.out(`  [${c.passed ? 'x' : ' '}] ${c.check} (${c.weight}): ${c.detail}\n`);
      if (r.recommendations.length) io.out('recommendations:\n' + r.recommendations.map((x) => `  - ${x}\n`).join(''));
    });

  program.command('demo')
    .description('synthesize the embedded default scenarios offline')
    .option('--out <dir>', 'output folder', 'demo.out')
    .action(async (opts) => {
      const log = (l: string) => io.out(`[demo] ${l}\n`);
      await writeDemoDiagrams(opts.out, runDemo({ out: opts.out, log }), log);
    });

  program.command('diagram')
    .description('draw a synthesized stack (CloudFormation template or cdk.tf.json) as SVG: networks, subnets, fleets, storage, endpoints and the paths between them (Graphviz)')
    .requiredOption('--template <file>', 'the synthesized stack')
    .option('--out <file>', 'write the picture here (default: standard output)')
    .addOption(new Option('--format <format>', 'svg, or dot (the Graphviz source)').choices(['svg', 'dot']).default('svg'))
    .action(async (opts, cmd: Command) => {
      const stack = readStackFile(opts.template);
      if (stack.problem !== undefined) cmd.error(`diagram --template ${opts.template}: ${stack.problem}`, { exitCode: USAGE_ERROR, code: 'ai-infra.badTemplate' });
      const text = await diagramOf(stack.doc, opts.format, { context: `diagram --template ${opts.template}` });
      if (opts.out) {
        fs.writeFileSync(opts.out, text);
        io.out(`wrote ${opts.out}\n`);
      } else {
        io.out(text);
      }
    });

  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 2 for a bad flag or value, 1 for a failure.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'commander.executeSubCommandAsync') return 1;
      return USAGE_ERROR;
    }
    const msg = e instanceof Error ? e.message : String(e);
    // validation errors from the library list their problems on several lines: keep it to one
    io.err(`ai-infra: ${msg.replace(/\s*\n\s*/g, ' ').trim()}\n`);
    return msg.includes('invalid propert') ? USAGE_ERROR : 1;
  }
}
