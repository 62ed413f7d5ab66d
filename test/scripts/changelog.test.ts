import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';

const SCRIPT = path.join(ROOT, 'scripts', 'changelog.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { changelog, parseCommit, compareTags } = require(SCRIPT) as {
  changelog: (cwd: string) => string;
  parseCommit: (hash: string, subject: string, body: string) => { type: string; scope?: string; subject: string; breaking: boolean; breakingNote?: string } | undefined;
  compareTags: (a: string, b: string) => number;
};

function repo(): { dir: string; commit: (message: string) => string; tag: (name: string) => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'changelog-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  let n = 0;
  return {
    dir,
    commit: (message) => {
      fs.writeFileSync(path.join(dir, `f${n++}`), message);
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', '--short=7', 'HEAD');
    },
    tag: (name) => git('tag', name),
  };
}

describe('changelog from conventional commits', () => {
  test('parses type, scope, breaking marker and BREAKING CHANGE footer; other messages are not conventional', () => {
    expect(parseCommit('h', 'feat(aws): GpuFleet takes a capacity block', '')).toEqual({ hash: 'h', type: 'feat', scope: 'aws', subject: 'GpuFleet takes a capacity block', breaking: false, breakingNote: undefined });
    expect(parseCommit('h', 'fix!: nodes is a whole number', '')).toMatchObject({ type: 'fix', scope: undefined, breaking: true });
    expect(parseCommit('h', 'refactor(core): spec split', 'why\n\nBREAKING CHANGE: GpuFleetSpec.nodes\nis required\n\nRefs #16')).toMatchObject({ breaking: true, breakingNote: 'GpuFleetSpec.nodes is required' });
    expect(parseCommit('h', 'Merge branch \'wt/aws\'', '')).toBeUndefined();
    expect(parseCommit('h', 'update stuff', '')).toBeUndefined();
  });

  test('orders release tags by semantic version, a release after its pre-releases', () => {
    expect(['v0.10.0', 'v0.2.0', 'v1.0.0', 'v1.0.0-rc.1', 'v0.9.1'].sort(compareTags)).toEqual(['v0.2.0', 'v0.9.1', 'v0.10.0', 'v1.0.0-rc.1', 'v1.0.0']);
  });

  test('groups user-facing commits by release tag, newest first, with unreleased work on top', () => {
    const r = repo();
    const a = r.commit('feat(core): strategy selector');
    r.commit('test: selector cases');
    const b = r.commit('fix: error names the property');
    r.tag('v0.1.0');
    r.tag('not-a-release');
    const c = r.commit('perf(aws): lazy namespaces');
    const d = r.commit('feat(azure)!: TieredStorage takes redundancy');
    r.commit('docs: how to cut a release');
    r.tag('v0.2.0');
    const e = r.commit('fix(gcp): dataset kept');

    const text = changelog(r.dir);
    const date = new Date().toISOString().slice(0, 10);
    expect(text.split('\n## ').slice(1).map((s) => `## ${s.trim()}`)).toEqual([
      `## Unreleased\n\n### Bug Fixes\n\n* **gcp:** dataset kept (${e})`,
      `## [0.2.0] (${date})\n\n### ⚠ BREAKING CHANGES\n\n* **azure:** TieredStorage takes redundancy (${d})\n\n### Features\n\n* **azure:** TieredStorage takes redundancy (${d})\n\n### Performance\n\n* **aws:** lazy namespaces (${c})`,
      `## [0.1.0] (${date})\n\n### Features\n\n* **core:** strategy selector (${a})\n\n### Bug Fixes\n\n* error names the property (${b})`,
    ]);
    expect(text).not.toContain('selector cases');
    expect(text).not.toContain('how to cut');
  });

  test('a release with only tests and docs says so; the command writes the file', () => {
    const r = repo();
    r.commit('test: one');
    r.tag('v0.1.0');
    const out = path.join(r.dir, 'CHANGELOG.md');
    const run = spawnSync(process.execPath, [SCRIPT, out], { cwd: r.dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('changelog: wrote ' + out + ' (0 entries)\n');
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^# Changelog\n[\s\S]*## \[0\.1\.0\] \(\d{4}-\d\d-\d\d\)\n\nNo user-facing change \(tests, docs, CI and build only\)\.\n$/);
    expect(fs.readFileSync(out, 'utf8')).not.toContain('Unreleased');
  });
});
