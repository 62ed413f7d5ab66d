import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';

const SCRIPT = path.join(ROOT, 'scripts', 'check-tarball.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkPackage, listTarball, BUDGET } = require(SCRIPT) as {
  checkPackage: (files: { path: string; size: number }[], sizes: { packedBytes?: number; unpackedBytes?: number }, budget?: typeof BUDGET) => string[];
  listTarball: (file: string) => { path: string; size: number }[];
  BUDGET: { packedBytes: number; unpackedBytes: number };
};

const LIBRARY = ['package.json', 'README.md', 'LICENSE', '.jsii', 'API.md', 'lib/index.js', 'lib/index.d.ts', 'lib/index.js.map', 'lib/cli/main.js', 'lib/aws/gpu-fleet.d.ts'];
const files = (...paths: string[]) => paths.map((p) => ({ path: p, size: 100 }));

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'check-tarball-'));
}

function write(dir: string, rel: string, content = 'x'): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
}

describe('check-tarball: what the npm package may carry', () => {
  test('the compiled library with its bundled dependency passes', () => {
    expect(checkPackage(files(...LIBRARY, 'node_modules/commander/lib/command.js', 'node_modules/commander/test/x.test.js'), { packedBytes: 1000 })).toEqual([]);
  });

  test('fails when the demo output is packed (demo.out/ after `npm run demo`)', () => {
    const problems = checkPackage(files(...LIBRARY, 'demo.out/summary.json', 'demo.out/aws/TrainingPlatform.template.json'), {});
    expect(problems).toEqual([
      'demo.out/summary.json: demo or synth output must not be published (exclude it through npmIgnoreOptions in .projenrc.ts)',
      'demo.out/aws/TrainingPlatform.template.json: demo or synth output must not be published (exclude it through npmIgnoreOptions in .projenrc.ts)',
    ]);
  });

  test.each([
    ['test/aws/gpu-fleet.test.ts', 'tests'],
    ['lib/aws/gpu-fleet.test.js', 'test files'],
    ['lib/__snapshots__/a.snap', 'test snapshots'],
    ['test/policy/fixtures/insecure.json', 'tests'],
    ['lib/policy/fixtures/insecure.json', 'test fixtures'],
    ['bench/bench.ts', 'benchmarks'],
    ['BENCHMARKS.md', 'benchmarks'],
    ['bench.json', 'benchmarks'],
    ['.ci/run', 'CI'],
    ['scripts/check-tarball.js', 'build and CI scripts'],
    ['examples/aws/app.ts', 'examples (in the repository, not the package)'],
    ['cdktf.out/stacks/a/cdk.tf.json', 'demo or synth output'],
    ['src/index.ts', 'TypeScript sources'],
    ['lib/index.ts', 'TypeScript sources'],
    ['dist/js/ai-infra-constructs-0.1.0.tgz', 'a nested tarball'],
    ['.versionrc.json', 'build state'],
  ])('fails on %s (%s)', (file, what) => {
    expect(checkPackage(files(...LIBRARY, file), {})).toEqual([`${file}: ${what} must not be published (exclude it through npmIgnoreOptions in .projenrc.ts)`]);
  });

  test('fails when a file the package needs at run time is missing', () => {
    expect(checkPackage(files(...LIBRARY.filter((f) => f !== 'lib/cli/main.js' && f !== '.jsii')), {})).toEqual([
      '.jsii: missing from the package (the package needs it at run time)',
      'lib/cli/main.js: missing from the package (the package needs it at run time)',
    ]);
  });

  test('fails over the size budget, packed or unpacked; passes at the budget', () => {
    const budget = { packedBytes: 5000, unpackedBytes: 2000 };
    expect(checkPackage(files(...LIBRARY), { packedBytes: 5000 }, { ...budget, unpackedBytes: 1000 })).toEqual([]);
    expect(checkPackage(files(...LIBRARY), { packedBytes: 5001, unpackedBytes: 2001 }, budget)).toEqual([
      'unpacked size 2001 bytes is over the budget of 2000 bytes (scripts/check-tarball.js BUDGET)',
      'packed size 5001 bytes is over the budget of 5000 bytes (scripts/check-tarball.js BUDGET)',
    ]);
    // without npm's figure, the unpacked size is the sum of the files
    expect(checkPackage(files(...LIBRARY), {}, { packedBytes: 5000, unpackedBytes: 999 })).toEqual([
      'unpacked size 1000 bytes is over the budget of 999 bytes (scripts/check-tarball.js BUDGET)',
    ]);
  });
});

describe('check-tarball on real packages (npm pack)', () => {
  // a package laid out like the repository after `npm run demo`, a test run and a benchmark: the repository's own
  // .npmignore (generated from .projenrc.ts) must leave only the library in it
  function repoShapedPackage(npmignore: string): string {
    const dir = tmpdir();
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    delete pkg.bundledDependencies; // the bundled commander is not installed in the temporary folder
    delete pkg.scripts;
    write(dir, 'package.json', JSON.stringify(pkg));
    write(dir, '.npmignore', npmignore);
    for (const f of ['README.md', 'LICENSE', 'API.md', '.jsii', 'lib/index.js', 'lib/index.d.ts', 'lib/index.js.map', 'lib/cli/main.js',
      'src/index.ts', 'test/aws/gpu-fleet.test.ts', 'test/policy/fixtures/bad.json', 'test/__snapshots__/a.snap',
      'bench/bench.ts', 'bench/baseline/aws.js', 'bench.json', 'BENCHMARKS.md', '.ci/run', '.ci-work/consumer.log',
      'scripts/check-tarball.js', 'examples/aws/app.ts', 'docs/releasing.md', 'CHANGELOG.md',
      'demo.out/summary.json', 'demo.out/aws/manifest.json', 'cdk.out/manifest.json', 'test-reports/junit.xml',
      'coverage/lcov.info', 'tsconfig.json', '.projenrc.ts', '.projen/tasks.json', 'dist/js/old.tgz', 'old-0.0.1.tgz']) {
      write(dir, f);
    }
    return dir;
  }

  function npmPack(dir: string, ...args: string[]): { files: { path: string; size: number }[]; unpackedSize: number; size: number; filename: string } {
    const r = spawnSync('npm', ['pack', '--json', '--ignore-scripts', ...args], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
    return JSON.parse(r.stdout)[0];
  }

  test("the repository's .npmignore leaves tests, fixtures, benchmarks, CI, scripts, examples and demo output out", () => {
    const dir = repoShapedPackage(fs.readFileSync(path.join(ROOT, '.npmignore'), 'utf8'));
    const pack = npmPack(dir, '--dry-run');
    expect(pack.files.map((f) => f.path).sort()).toEqual(['.jsii', 'API.md', 'LICENSE', 'README.md', 'lib/cli/main.js', 'lib/index.d.ts', 'lib/index.js', 'lib/index.js.map', 'package.json']);
    expect(checkPackage(pack.files, { packedBytes: pack.size, unpackedBytes: pack.unpackedSize })).toEqual([]);
  });

  test('the command reads a packed tarball, names what must not be there and exits 1', () => {
    const dir = repoShapedPackage('/src/\n');
    const pack = npmPack(dir);
    const tgz = path.join(dir, pack.filename);
    expect(listTarball(tgz).map((f) => f.path)).toEqual(expect.arrayContaining(['demo.out/summary.json', '.ci/run', 'lib/index.js', 'package.json']));
    const r = spawnSync(process.execPath, [SCRIPT, tgz], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('demo.out/summary.json: demo or synth output must not be published');
    expect(r.stderr).toContain('BENCHMARKS.md: benchmarks must not be published');
    expect(r.stderr).toContain('test/policy/fixtures/bad.json: tests must not be published');
    expect(r.stderr).not.toContain('src/index.ts');
  });

  test('the command passes a clean tarball and prints its sizes against the budget', () => {
    const dir = repoShapedPackage(fs.readFileSync(path.join(ROOT, '.npmignore'), 'utf8'));
    const pack = npmPack(dir);
    const r = spawnSync(process.execPath, [SCRIPT, path.join(dir, pack.filename)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`: ok; 9 files, \\d+ bytes packed \\(budget ${BUDGET.packedBytes}\\)`));
  });
});
