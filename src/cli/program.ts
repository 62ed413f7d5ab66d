/**
 * The `ai-infra` command. Adding a command (one block in `buildProgram`), follow the conventions the tests check
 * (test/cli/conventions.test.ts):
 *
 * - `withExamples(program.command('x')..., 'ai-infra x ...')`: every `--help` shows an example; mandatory options
 *   use `makeOptionMandatory()` (marked `(required)` and put in the usage line for you), defaults go through
 *   commander's default argument so `--help` shows them;
 * - bad input throws `usage(...)` from ./errors (exit 2) naming the option, the value or file, and what is
 *   allowed; a failure of the work throws `failure(...)` (exit 1); read a JSON file with `readJsonFile` (file
 *   name in every error);
 * - a table is `renderTable` from ./output with numbers through `int` / `num` / `usd`, colour only through
 *   `io.style`; every command that prints a table takes `--json` (`JSON_OPTION`) and prints `json(io, value)`;
 *   progress of work over a second goes to stderr with `progress(io, ...)`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Help, InvalidArgumentError, Option } from 'commander';
import { audit } from './audit';
import { catalogMarkdown, staleFacts } from './catalog-doc';
import { describeError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, failure, readJsonFile, usage } from './errors';
import { CliIo, Column, int, json, JSON_OPTION, num, PLAIN, progress, renderTable, usd } from './output';
import { cloudOfDocument } from '../clouds';
import { Cloud } from '../core/catalog/cloud';
import { InstanceType } from '../core/catalog/instance-type';
import { SpotPrices } from '../core/catalog/spot';
import { MANIFEST_KEY } from '../core/facts';
import { DataSensitivity, WorkloadPattern } from '../core/requirements';
import { StrategySelector } from '../core/strategy';
import { runDemo, writeDemoDiagrams } from '../demo/demo';
import { selectionToJson, summaryTable } from '../demo/summary';
import { readStackFile } from '../diagram/file';
import { diagramOf } from '../diagram/render';
import { CostEstimator } from '../governance/cost';
import { Recommendations } from '../governance/recommend';
import { TERRAFORM_MANIFEST_LOCAL } from '../terraform/document';

export type { CliIo } from './output';

/** Exit code for a bad flag or value (see ./errors). */
export const USAGE_ERROR = EXIT_USAGE;

/** The package's version, from its package.json (two folders up from src/cli and from lib/cli). */
export function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return String(require(path.join(__dirname, '..', '..', 'package.json')).version);
}

/** Adds examples to a command's `--help` (every command has at least one). */
export function withExamples(cmd: Command, ...examples: string[]): Command {
  return cmd.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

function numberArg(name: string, min: number, max: number): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}, got '${v}'.`);
    }
    return n;
  };
}

/** A whole number in a range (never rounded: `--gpus 1.5` is refused, not read as 2). */
function integerArg(name: string, min: number, max: number): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${int(min)} to ${int(max)}, got '${v}'.`);
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

/** The options of the commands that read synthesized stacks (cost, recommend). */
function withTargetOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'a demo output folder (its summary.json lists the stacks)', 'demo.out')
    // both given: which one to read is not for the command to guess
    .addOption(new Option('--template <file>', 'one synthesized stack instead: a CloudFormation template (.template.json) or a cdk.tf.json').conflicts('out'))
    .addOption(new Option('--data-tib <n>', 'data kept in each object storage, TiB (default: what each storage declares as expectedDataTiB, 10 unless set)').argParser(numberArg('--data-tib', 0, 1e6)))
    .option(...JSON_OPTION);
}

const EXPECTED_STACK = `a stack synthesized with ai-infra-constructs: a CloudFormation template (Resources and Metadata['${MANIFEST_KEY}']) ` +
  `or a Terraform cdk.tf.json (resource and locals.${TERRAFORM_MANIFEST_LOCAL}), the library's facts manifest in either`;

/** What a JSON document holds at its top, in a few words, for an error message. */
function shapeOf(doc: unknown): string {
  if (doc === null || typeof doc !== 'object') return `a JSON ${doc === null ? 'null' : typeof doc}`;
  if (Array.isArray(doc)) return `a JSON array of ${doc.length}`;
  const keys = Object.keys(doc);
  return keys.length === 0 ? 'an empty JSON object' : `a JSON object with ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}`;
}

/**
 * A synthesized stack the governance commands can read: a CloudFormation template or a Terraform document that
 * carries the library's facts manifest (without it, facts and cost would be empty: a $0 stack that is not one).
 */
function readStack(file: string, label: string): { cloud: string; doc: any } {
  const doc = readJsonFile(file, label, EXPECTED_STACK);
  const isObject = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
  const cfn = isObject && typeof doc.Resources === 'object' && doc.Resources !== null;
  const tf = isObject && typeof doc.resource === 'object' && doc.resource !== null;
  const manifest = cfn ? doc.Metadata?.[MANIFEST_KEY] : tf ? doc.locals?.[TERRAFORM_MANIFEST_LOCAL] : undefined;
  if (!cfn && !tf) throw usage(`${label} ${file}: ${shapeOf(doc)}; expected ${EXPECTED_STACK}`);
  if (!manifest || !Array.isArray(manifest.constructs)) {
    const where = cfn ? `a CloudFormation template without Metadata['${MANIFEST_KEY}']` : `a Terraform document without locals.${TERRAFORM_MANIFEST_LOCAL}`;
    throw usage(`${label} ${file}: ${where} (no facts manifest: nothing to read fleets, storage and endpoints from); expected ${EXPECTED_STACK}`);
  }
  let cloud: string;
  try {
    cloud = cloudOfDocument(doc, `${label} ${file}`).cloud;
  } catch (e) {
    throw usage(describeError(e).message);
  }
  return { cloud, doc };
}

/** The stack's name from its file: `X.template.json` -> X, `stacks/X/cdk.tf.json` -> X, else the file name. */
function stackName(file: string): string {
  const base = path.basename(file);
  if (base === 'cdk.tf.json') return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.template\.json$/, '').replace(/\.json$/, '');
}

/** The synthesized stacks a governance command reads: one template, or every stack of a demo output. */
function loadTargets(opts: { out: string; template?: string }): Array<{ name: string; cloud: string; doc: any }> {
  if (opts.template) {
    return [{ name: stackName(opts.template), ...readStack(opts.template, '--template') }];
  }
  const summaryFile = path.join(opts.out, 'summary.json');
  if (!fs.existsSync(summaryFile)) {
    throw usage(`--out ${opts.out}: no ${summaryFile}; expected a folder \`ai-infra demo --out ${opts.out}\` wrote (or pass --template FILE)`);
  }
  const summary = readJsonFile(summaryFile, '--out', 'the summary.json `ai-infra demo` writes');
  if (!Array.isArray(summary?.stacks)) throw usage(`--out ${summaryFile}: ${shapeOf(summary)}; expected the summary.json \`ai-infra demo\` writes (with stacks)`);
  return summary.stacks.map((s: any) => ({ name: String(s.name), ...readStack(path.join(opts.out, String(s.template)), `--out ${opts.out}: stack ${s.name}:`) }));
}

/** Builds the `ai-infra` program. */
export function buildProgram(io: CliIo): Command {
  const style = io.style ?? PLAIN;
  const errStyle = io.errStyle ?? PLAIN;
  const table = (columns: Column[], rows: string[][]) => io.out(renderTable(columns, rows, style));
  const program = new Command('ai-infra')
    .description('AI infrastructure constructs: strategy selection, catalog, demo synthesis, cost')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      // required options say so (commander lists them with the others); defaults show as `(default: ...)`
      optionDescription: (option) => {
        const text = new Help().optionDescription(option);
        return option.mandatory ? `(required) ${text}` : text;
      },
    })
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // one line, prefixed, whatever commander found wrong
      outputError: (s, write) => write(`${errStyle.red('ai-infra:')} ${s.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });
  withExamples(program, 'ai-infra select --sensitivity high --pattern steady --latency-ms 150', 'ai-infra demo --out demo.out', 'ai-infra cost --out demo.out', 'ai-infra <command> --help');

  withExamples(program.command('select')
    .description('choose cloud-first, hybrid or edge-centric from workload requirements')
    .addOption(new Option('--sensitivity <level>', 'data sensitivity').choices(Object.values(DataSensitivity)).makeOptionMandatory())
    .addOption(new Option('--pattern <pattern>', 'workload pattern').choices(Object.values(WorkloadPattern)).makeOptionMandatory())
    .addOption(new Option('--latency-ms <ms>', 'inference latency budget in ms').argParser(numberArg('--latency-ms', 1, 60000)).makeOptionMandatory())
    .addOption(new Option('--gpus <n>', 'training scale in accelerators, a whole number').argParser(integerArg('--gpus', 1, 100000)))
    .addOption(new Option('--budget <usd>', 'monthly budget in USD').argParser(numberArg('--budget', 1, 1e12)))
    .option('--json', 'print the selection object as JSON'),
  'ai-infra select --sensitivity high --pattern steady --latency-ms 150',
  'ai-infra select --sensitivity low --pattern bursty --latency-ms 300 --gpus 64 --json')
    .action((opts) => {
      const selection = StrategySelector.select({
        dataSensitivity: opts.sensitivity,
        workloadPattern: opts.pattern,
        latencyBudgetMs: opts.latencyMs,
        trainingGpus: opts.gpus,
        monthlyBudgetUsd: opts.budget,
      });
      if (opts.json) return json(io, selectionToJson(selection));
      const s = selection.scores;
      io.out(`strategy: ${style.bold(selection.strategy)}\n`);
      io.out(`scores:   cloud-first ${s.cloudFirst}, hybrid ${s.hybrid}, edge-centric ${s.edgeCentric}\n`);
      io.out('reasons:\n');
      selection.rationale.forEach((r, i) => io.out(`  ${i + 1}. ${r}\n`));
    });

  withExamples(program.command('catalog')
    .description('list instance types with accelerators, bandwidth and price')
    .addOption(new Option('--cloud <cloud>', 'only this cloud (default: every cloud)').choices(Object.values(Cloud)))
    .option(...JSON_OPTION)
    .option('--stale', 'list every price or fact older than 12 months, with its source')
    .addOption(new Option('--as-of <date>', 'the date --stale measures age from, YYYY-MM-DD (default: today)').argParser(dateArg))
    .option('--markdown', 'print the catalog document (docs/catalog.md)'),
  'ai-infra catalog --cloud aws',
  'ai-infra catalog --json',
  'ai-infra catalog --stale --as-of 2027-06-01')
    .action((opts) => {
      if (opts.asOf && !opts.stale) throw usage('catalog: --as-of applies to --stale only.');
      if (opts.markdown) {
        io.out(catalogMarkdown());
        return;
      }
      if (opts.stale) {
        const asOf: Date = opts.asOf ?? new Date();
        const stale = staleFacts(asOf);
        const day = asOf.toISOString().slice(0, 10);
        if (opts.json) return json(io, { asOf: day, olderThanMonths: 12, facts: stale });
        io.out(`${int(stale.length)} fact(s) older than 12 months as of ${day}\n`);
        if (stale.length === 0) return;
        table([{ header: 'AS OF' }, { header: 'MONTHS', align: 'right' }, { header: 'FACT' }, { header: 'VALUE' }, { header: 'SOURCE' }],
          stale.map((f) => [f.asOf, int(f.ageMonths), f.fact, String(f.value), f.source]));
        return;
      }
      const rows = catalogRows(opts.cloud);
      if (opts.json) return json(io, rows);
      const columns: Column[] = [
        { header: 'CLOUD' }, { header: 'TYPE' }, { header: 'ACCELERATORS' }, { header: 'GiB EACH', align: 'right' }, { header: 'VCPU', align: 'right' },
        { header: 'RAM GiB', align: 'right' }, { header: 'INTERCONNECT' }, { header: 'MAX Gbps', align: 'right' }, { header: '$/HOUR', align: 'right' },
        { header: 'PRICE REGION, DATE' }, { header: 'SPOT $/HOUR', align: 'right' }, { header: 'SPOT REGION, OBSERVED' },
      ];
      table(columns, rows.map((r) => {
        const nics = r.interconnect === 'ethernet' ? 'ethernet' : `${r.interconnect} x${r.fabricInterfaces}${r.gpuNicMtu ? ` mtu ${r.gpuNicMtu}` : ''}`;
        return [
          r.cloud, r.name, `${r.acceleratorCount} x ${r.accelerator}`, int(r.acceleratorMemoryGiB), int(r.vcpus), int(r.memoryGiB), nics, int(r.maxGbps),
          r.onDemandUsdPerHour === null ? 'n/a' : usd(r.onDemandUsdPerHour), r.onDemandUsdPerHour === null ? '' : `${r.priceRegion}, ${r.priceAsOf}`,
          r.spotUsdPerHour === null ? 'none observed' : usd(r.spotUsdPerHour), r.spotUsdPerHour === null ? '' : `${r.spotRegion}, ${r.spotObservedOn}`,
        ];
      }));
    });

  withExamples(withTargetOptions(program.command('cost')
    .description('monthly cost of synthesized stacks, from the catalog (each price with its date and source)')),
  'ai-infra cost --out demo.out',
  'ai-infra cost --template cdk.out/MyStack.template.json --data-tib 50 --json')
    .action((opts) => {
      const results = loadTargets(opts).map((t) => ({ stack: t.name, cloud: t.cloud, ...CostEstimator.of(t.doc, { dataTiB: opts.dataTib }) }));
      if (opts.json) return json(io, results);
      table([{ header: 'STACK' }, { header: 'CLOUD' }, { header: 'REGION' }, { header: '$/MONTH', align: 'right' }, { header: 'UNPRICED (left out of the total)' }],
        results.map((r) => [r.stack, r.cloud, r.region ?? 'not in the output', usd(r.monthlyUsd), r.complete ? '' : r.unpricedItems.join(', ')]));
      for (const r of results) {
        io.out(`\n${style.bold(r.stack)}: ${usd(r.monthlyUsd)}/month${r.complete ? '' : style.yellow(' INCOMPLETE: leaves out unpriced lines')}\n`);
        // the basis is the longest cell: last, so the other columns stay narrow
        table([{ header: '$/MONTH', align: 'right' }, { header: 'ITEM' }, { header: 'PRICE (region, date, source)' }, { header: 'BASIS' }],
          r.lines.map((l) => [l.unpriced ? 'unpriced' : usd(l.monthlyUsd), l.item, l.price ? `${l.price.region}, ${l.price.asOf}, ${l.price.source}` : '-', l.basis]));
      }
    });

  withExamples(withTargetOptions(program.command('recommend')
    .description('changes that save money on synthesized stacks, each with its estimated monthly saving')),
  'ai-infra recommend --out demo.out',
  'ai-infra recommend --template cdktf.out/stacks/my-stack/cdk.tf.json --json')
    .action((opts) => {
      const results = loadTargets(opts).map((t) => ({ stack: t.name, cloud: t.cloud, recommendations: Recommendations.of(t.doc, { dataTiB: opts.dataTib }) }));
      if (opts.json) return json(io, results);
      results.forEach((r, i) => {
        io.out(`${i > 0 ? '\n' : ''}${style.bold(r.stack)} (${r.cloud}): ${int(r.recommendations.length)} recommendation(s); savings overlap, so they do not add up\n`);
        if (r.recommendations.length === 0) return;
        table([{ header: 'SAVES $/MONTH', align: 'right' }, { header: 'ID' }, { header: 'ACTION' }],
          r.recommendations.map((x) => [usd(x.monthlySavingUsd), x.id, x.action]));
        io.out(r.recommendations.map((x) => `  ${style.dim(`${x.id}: ${x.basis}`)}\n`).join(''));
      });
    });

  withExamples(program.command('audit')
    .description('readiness of this machine for AI work: GPUs (nvidia-smi), CPU, memory, disks')
    .option(...JSON_OPTION),
  'ai-infra audit',
  'ai-infra audit --json')
    .action((opts) => {
      const r = audit();
      if (opts.json) return json(io, r);
      io.out(`score: ${style.bold(`${r.score}/100`)}\n`);
      io.out(`gpus:  ${r.gpus.length ? r.gpus.map((g) => `${g.name} (${int(Math.round(g.memoryMiB / 1024))} GiB, cc ${g.computeCapability}, driver ${g.driverVersion})`).join('; ') : `none (nvidia-smi ${r.nvidiaSmi})`}\n`);
      io.out(`cpu:   ${r.cpuCores} cores\nmemory: ${int(r.memoryGiB)} GiB\n\n`);
      if (r.disks.length) {
        table([{ header: 'DISK' }, { header: 'FREE GiB', align: 'right' }, { header: 'TOTAL GiB', align: 'right' }], r.disks.map((d) => [d.path, int(d.freeGiB), int(d.totalGiB)]));
        io.out('\n');
      }
      table([{ header: 'CHECK' }, { header: 'WEIGHT', align: 'right' }, { header: 'PASSED' }, { header: 'DETAIL' }],
        r.checks.map((c) => [c.check, String(c.weight), c.passed ? style.green('yes') : style.yellow('no'), c.detail]));
      if (r.recommendations.length) io.out('\nrecommendations:\n' + r.recommendations.map((x) => `  - ${x}\n`).join(''));
    });

  withExamples(program.command('demo')
    .description('synthesize the embedded default scenarios offline (progress on stderr, a table of the stacks on stdout)')
    .option('--out <dir>', 'output folder: a new one, an empty one, or one an earlier demo wrote', 'demo.out')
    .option('--json', 'print summary.json instead of the table'),
  'ai-infra demo --out demo.out',
  'ai-infra demo --out /tmp/demo --json')
    .action(async (opts) => {
      const started = Date.now();
      const log = (l: string) => progress(io, 'demo', l);
      const summary = runDemo({ out: opts.out, log });
      // one SVG per stack next to summary.json, and index.html showing them with their figures
      await writeDemoDiagrams(opts.out, summary, log);
      progress(io, 'demo', `done in ${num((Date.now() - started) / 1000, 1)} s`);
      if (opts.json) return json(io, summary);
      const t = summaryTable(summary);
      table(t.columns, t.rows);
      if (t.notes.length) io.out(t.notes.join('\n') + '\n');
    });

  withExamples(program.command('diagram')
    .description('draw a synthesized stack (CloudFormation template or cdk.tf.json) as SVG: networks, subnets, fleets, storage, endpoints and the paths between them (Graphviz)')
    .requiredOption('--template <file>', 'the synthesized stack')
    .option('--out <file>', 'write the picture here (default: standard output)')
    .addOption(new Option('--format <format>', 'svg, or dot (the Graphviz source)').choices(['svg', 'dot']).default('svg')),
  'ai-infra diagram --template demo.out/aws/bursty-research-aws.template.json --out stack.svg',
  'ai-infra diagram --template cdktf.out/stacks/my-stack/cdk.tf.json --format dot')
    .action(async (opts) => {
      const stack = readStackFile(opts.template);
      if (stack.problem !== undefined) throw usage(`diagram --template ${opts.template}: ${stack.problem}`);
      const text = await diagramOf(stack.doc, opts.format, { context: `diagram --template ${opts.template}` });
      if (opts.out) {
        try {
          fs.writeFileSync(opts.out, text);
        } catch (e) {
          throw failure(`diagram --out ${opts.out}: cannot write the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
        io.out(`wrote ${opts.out}\n`);
      } else {
        io.out(text);
      }
    });

  // required options also show in the usage line: `ai-infra select --sensitivity <level> ... [options]`
  for (const cmd of program.commands) {
    const required = cmd.options.filter((o) => o.mandatory);
    if (required.length > 0) cmd.usage(`${required.map((o) => o.flags).join(' ')} [options]`);
  }
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success (and for `--help`, `--version`), 2 for a wrong command line
 * (bare `ai-infra` included: it prints the help on stderr), 1 for a failure. See ./errors.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
      if (e.code === 'commander.executeSubCommandAsync') return EXIT_FAILURE;
      // `commander.help` is the help printed for a missing command (bare `ai-infra`): a usage error
      return EXIT_USAGE;
    }
    const { code, message } = describeError(e);
    io.err(`${(io.errStyle ?? PLAIN).red('ai-infra:')} ${message}\n`);
    return code;
  }
}
