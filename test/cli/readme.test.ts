import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers';

/** The `ai-infra` examples of the README's command section, as written there. */
function readmeCommands(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The `ai-infra` command'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1];
  return block.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('npm run ai-infra --'));
}

describe('README: the ai-infra examples run verbatim from a clone', () => {
  const commands = readmeCommands();

  test('the README shows the CLI through the npm script, never a bare `npx ai-infra` that could fetch a stranger\'s package', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    const docs = [path.join(ROOT, 'README.md'), ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', f))];
    for (const file of docs) {
      expect({ file, bare: fs.readFileSync(file, 'utf8').match(/npx (?!--no )ai-infra\b.*/g) }).toEqual({ file, bare: null });
    }
  });

  test('each example exits 0 with output (in the order written: the demo before cost and recommend read its folder)', () => {
    const out = path.join(ROOT, 'demo.out');
    const results = commands.map((command) => {
      const r = spawnSync('bash', ['-c', command], { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NO_COLOR: '1' } });
      return { command, status: r.status, stdout: r.stdout.length > 0, stderr: r.status === 0 ? '' : r.stderr.slice(-400) };
    });
    expect(results).toEqual(commands.map((command) => ({ command, status: 0, stdout: true, stderr: '' })));
    expect(fs.existsSync(path.join(out, 'summary.json'))).toBe(true);
  });
});
