import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { colourWanted, int, makeStyle, num, renderTable, usd } from '../../src/cli/output';
import { ROOT, runCli } from '../helpers';

const MAIN = `${JSON.stringify(process.execPath)} -r ts-node/register/transpile-only ${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}`;

/** Runs a shell line (pipes, a pseudo-terminal) from the repository root. */
function sh(line: string, env: Record<string, string> = {}) {
  const r = spawnSync('bash', ['-c', line], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const COMMANDS = ['select', 'catalog', 'cost', 'recommend', 'audit', 'demo'];

describe('--version and --help', () => {
  test('--version prints the version in package.json and exits 0', () => {
    const r = runCli(['--version']);
    expect([r.status, r.stdout]).toEqual([0, `${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`]);
  });

  test('bare ai-infra is a usage error: the help on stderr, nothing on stdout, exit 2', () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: ai-infra \[options\] \[command\]/);
  });

  /** The CLI in this process (for --help of every command: a spawn costs seconds each). */
  async function inProcess(args: string[]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildProgram, runCli: run } = require('../../src/cli/program') as typeof import('../../src/cli/program');
    let stdout = '';
    let stderr = '';
    const status = await run(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
    return { status, stdout, stderr, names: buildProgram({ out: () => undefined, err: () => undefined }).commands.map((c) => c.name()) };
  }

  test('every registered command (those added later too) has --help with an example; exit 0', async () => {
    const { names } = await inProcess(['--help']);
    expect(names).toEqual(expect.arrayContaining(COMMANDS));
    for (const name of names) {
      const r = await inProcess([name, '--help']);
      expect([name, r.status, r.stdout]).toEqual([name, 0, expect.stringMatching(new RegExp(`^Usage: ai-infra ${name} [^]*\nExamples?:\n {2}\\$ ai-infra ${name}\\b`))]);
    }
  });

  test('required options are marked and in the usage line; defaults are shown', () => {
    const select = runCli(['select', '--help']).stdout;
    expect(select).toMatch(/^Usage: ai-infra select --sensitivity <level> --pattern <pattern> --latency-ms <ms> \[options\]/);
    for (const flag of ['--sensitivity <level>', '--pattern <pattern>', '--latency-ms <ms>']) {
      expect(select).toMatch(new RegExp(`${flag.replace(/[<>]/g, '.')}\\s+\\(required\\) `));
    }
    expect(select).not.toMatch(/--gpus <n>\s+\(required\)/);
    expect(runCli(['demo', '--help']).stdout).toMatch(/--out <dir>\s+output folder[^]*\(default: "demo\.out"\)/);
    expect(runCli(['cost', '--help']).stdout).toMatch(/--out <dir>\s+a demo output folder[^]*\(default: "demo\.out"\)/);
  });
});

describe('file errors name the file and exit 2', () => {
  const dir = tmp();
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test.each([
    ['a missing file', () => path.join(dir, 'missing.json'), /--template \S*missing\.json: cannot read the file: no such file$/],
    ['an empty file', () => write('empty.json', ''), /--template \S*empty\.json: the file is empty; expected a stack synthesized with ai-infra-constructs/],
    ['a cut-off file', () => write('cut.json', '{"Resources": {'), /--template \S*cut\.json: not JSON \(.+\); expected a stack synthesized with ai-infra-constructs/],
    ['a folder', () => dir, /--template \S+: cannot read the file: it is a folder, not a file; expected a stack/],
    ['any JSON: {"hello":"world"}', () => write('hello.json', '{"hello":"world"}'),
      /--template \S*hello\.json: a JSON object with hello; expected a stack synthesized with ai-infra-constructs: a CloudFormation template \(Resources and Metadata\['ai-infra'\]\) or a Terraform cdk\.tf\.json \(resource and locals\.ai_infra\)/],
    ['a JSON array', () => write('list.json', '[1, 2]'), /--template \S*list\.json: a JSON array of 2; expected/],
    ['a CloudFormation template without the facts manifest', () => write('plain.template.json', JSON.stringify({ Resources: { B: { Type: 'AWS::S3::Bucket' } } })),
      /--template \S*plain\.template\.json: a CloudFormation template without Metadata\['ai-infra'\] \(no facts manifest/],
    ['a Terraform document without the facts manifest', () => write('cdk.tf.json', JSON.stringify({ resource: { azurerm_resource_group: { rg: {} } } })),
      /--template \S*cdk\.tf\.json: a Terraform document without locals\.ai_infra \(no facts manifest/],
  ])('cost --template with %s', (_, file, message) => {
    const r = runCli(['cost', '--template', file()]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(new RegExp(`^ai-infra: ${message.source}`));
    expect(r.stderr).not.toMatch(/\$0|ENOENT|Unexpected end|at Object\./);
  });

  test('recommend --out a folder without a demo says which file it looked for and what to run', () => {
    const r = runCli(['recommend', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`ai-infra: --out ${dir}: no ${path.join(dir, 'summary.json')}; expected a folder \`ai-infra demo --out ${dir}\` wrote (or pass --template FILE)\n`);
  });

  test('a file that cannot be read for another reason (a symbolic link loop) is a failure: exit 1, the file named', () => {
    const loop = path.join(dir, 'loop.json');
    fs.symlinkSync(loop, loop);
    const r = runCli(['cost', '--template', loop]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^ai-infra: --template ${loop.replace(/[.]/g, '\\.')}: cannot read the file: ELOOP`));
  });
});

describe('pipes and terminals', () => {
  test('a reader that closes the pipe early (| head) ends the command quietly with 0, not an EPIPE crash', () => {
    const r = sh(`set -o pipefail; ${MAIN} catalog --json | true; echo "exit \${PIPESTATUS[0]}" >&2`);
    expect(r.stderr).toBe('exit 0\n');
  });

  test('| head -3 prints the first lines and nothing on stderr', () => {
    const r = sh(`${MAIN} catalog | head -3`);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^CLOUD {2}TYPE/);
    expect(r.stderr).toBe('');
  });

  const tty = (args: string, env: Record<string, string> = {}) => sh(`script -qec ${JSON.stringify(`${MAIN} ${args}`)} /dev/null`, env);
  const hasScript = spawnSync('bash', ['-c', 'command -v script']).status === 0;
  const onTty = hasScript ? test : test.skip;

  onTty('on a terminal the table header is bold', () => {
    const r = tty('catalog --cloud aws', { NO_COLOR: '' });
    expect(r.stdout).toContain('\u001b[1mCLOUD');
  });

  onTty('NO_COLOR turns colour off even on a terminal', () => {
    const r = tty('catalog --cloud aws', { NO_COLOR: '1' });
    expect(r.stdout).toContain('CLOUD');
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('piped output has no colour', () => {
    const r = runCli(['catalog', '--cloud', 'aws'], { NO_COLOR: '' });
    expect(r.stdout).not.toContain('\u001b[');
  });

  test('colourWanted: a terminal, no NO_COLOR (any non-empty value), not TERM=dumb', () => {
    expect(colourWanted(true, {})).toBe(true);
    expect(colourWanted(true, { NO_COLOR: '' })).toBe(true);
    expect(colourWanted(true, { NO_COLOR: '0' })).toBe(false);
    expect(colourWanted(true, { TERM: 'dumb' })).toBe(false);
    expect(colourWanted(false, {})).toBe(false);
    expect(colourWanted(undefined, {})).toBe(false);
  });
});

describe('tables', () => {
  test('numbers align right with thousands separators; no trailing spaces', () => {
    const text = renderTable([{ header: 'NAME' }, { header: 'Gbps', align: 'right' }, { header: '$/MONTH', align: 'right' }, { header: 'NOTE' }],
      [['a', int(3200), usd(1234567.891), ''], ['bb', int(20), usd(5), 'x']]);
    expect(text).toBe([
      'NAME   Gbps        $/MONTH  NOTE',
      'a     3,200  $1,234,567.89',
      'bb       20          $5.00  x',
      '',
    ].join('\n'));
  });

  test('colour does not break the alignment', () => {
    const text = renderTable([{ header: 'A' }, { header: 'B' }], [[makeStyle(true).green('yes'), 'x'], ['no', 'y']], makeStyle(true));
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toBe('A    B\nyes  x\nno   y\n');
  });

  test('formatters', () => {
    expect([int(1e6), num(1234.567), num(0.5, 1), usd(-1234.5), usd(0.004)]).toEqual(['1,000,000', '1,234.57', '0.5', '-$1,234.50', '$0.00']);
  });

  test('a row with the wrong number of cells is an error, not a shifted table', () => {
    expect(() => renderTable([{ header: 'A' }], [['1', '2']])).toThrow(/table row has 2 cells, expected 1/);
  });

  test('catalog: every figure of a column ends in the same place', () => {
    const lines = runCli(['catalog']).stdout.trimEnd().split('\n');
    const end = lines[0].indexOf('MAX Gbps') + 'MAX Gbps'.length;
    for (const l of lines.slice(1)) expect([l, l.slice(end - 1, end)]).toEqual([l, expect.stringMatching(/\d/)]);
    expect(lines.some((l) => / 3,200 /.test(l))).toBe(true);
  });
});
