/**
 * The README and docs/ stay in step with the code: the README's TypeScript snippets run as written (each cdktf one
 * with its provider construct), the toolchain it pins is the one CI's consumer path installs, and every local link
 * of the README and docs/ points at a file that exists.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { ROOT } from './helpers';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const snippets = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
/** A key of the right shape (its private key discarded), in place of the README's placeholder. */
const TEST_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-test (private key discarded)';

describe('README snippets', () => {
  test('there is one per cloud and one platform stack, and each cdktf one creates its provider construct', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4);
    const terraform = snippets.filter((s) => s.includes('new TerraformStack('));
    expect(terraform).toHaveLength(2);
    for (const s of terraform) expect(s).toMatch(/new (GoogleProvider|AzurermProvider)\(stack, /);
  });

  test.each(snippets.map((s, i) => [i, s]))('snippet %i runs as written (placeholders filled) and synthesizes', (_i, source) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippet-'));
    const previous = { CDKTF_OUTDIR: process.env.CDKTF_OUTDIR, CDK_OUTDIR: process.env.CDK_OUTDIR };
    process.env.CDKTF_OUTDIR = outdir;
    process.env.CDK_OUTDIR = outdir;
    try {
      const code = ts.transpileModule(String(source).replace(/'ssh-ed25519 AAAA\.\.\. [^']*'/, `'${TEST_KEY}'`), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      // jest's require maps `ai-infra-constructs` to src/ (the jest config's moduleNameMapper), as an app's node_modules would
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      new Function('require', 'exports', 'process', code)(require, {}, process);
      const written = fs.readdirSync(outdir, { recursive: true }).map(String);
      if (String(source).includes('app.synth()')) expect(written).toContainEqual(expect.stringMatching(/cdk\.tf\.json$/));
    } finally {
      process.env.CDKTF_OUTDIR = previous.CDKTF_OUTDIR;
      process.env.CDK_OUTDIR = previous.CDK_OUTDIR;
      if (previous.CDKTF_OUTDIR === undefined) delete process.env.CDKTF_OUTDIR;
      if (previous.CDK_OUTDIR === undefined) delete process.env.CDK_OUTDIR;
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('README toolchain', () => {
  test('pins the TypeScript, ts-node and @types/node that CI\'s consumer path installs, and the CommonJS tsconfig', () => {
    const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toContain('toolchain="ts-node@10 typescript@5.9 @types/node@20"');
    for (const pin of ['typescript@~5.9.0', 'ts-node@^10.9.2', '@types/node@^20', 'aws-cdk@2.1148.1', 'cdktf-cli@0.21.0']) expect(README).toContain(pin);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/tsconfig.json'), 'utf8')).compilerOptions.module).toBe('commonjs');
    expect(README).toContain('examples/tsconfig.json');
  });

  test('the example tasks exist for every cloud', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
    for (const cloud of ['aws', 'gcp', 'azure']) {
      expect(scripts[`example:${cloud}`]).toBeDefined();
      expect(README).toContain(`npm run example:${cloud}`);
    }
  });
});

describe('docs links', () => {
  const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  test.each(pages)('every local link of %s points at a file that exists', (page) => {
    const text = fs.readFileSync(path.join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
    const broken = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1])
      .filter((href) => !/^[a-z]+:/.test(href) && !href.startsWith('#'))
      .map((href) => path.normalize(path.join(path.dirname(page), href.split('#')[0])))
      .filter((target) => !fs.existsSync(path.join(ROOT, target)));
    expect(broken).toEqual([]);
  });
});
