#!/usr/bin/env node
// Release check of the npm tarball (docs/releasing.md): what a user installs is the compiled library and nothing else,
// and it stays within a size budget.
//
//   node scripts/check-tarball.js dist/js/*.tgz          reads the packed tarball itself (what `npm publish` uploads)
//   node scripts/check-tarball.js --pack-json FILE       reads the output of `npm pack --dry-run --json`
//
// Fails (exit 1) when the tarball
//   - carries anything that is not the library: tests, fixtures, snapshots, benchmarks, CI, build scripts, examples,
//     demo or synth output, TypeScript sources, nested tarballs (FORBIDDEN below);
//   - lacks what the package needs at run time: package.json, README.md, LICENSE, .jsii, lib/index.js and
//     lib/index.d.ts, and the `ai-infra` command's lib/cli/main.js (REQUIRED);
//   - is over the budget: packed (gzip) and unpacked bytes (BUDGET).
//
// BUDGET: measured with `npx projen package` on 2026-12-07 (docs/releasing.md has the figures) and set about 20% above,
// so a release that suddenly doubles (a stray directory, inline source maps) fails while ordinary growth does not.
// Raise it deliberately, in the same commit as what grew, and say why in the commit message.
'use strict';
const fs = require('fs');
const zlib = require('zlib');

const BUDGET = {
  // raised from 950,000 / 4,800,000 when the diagram command bundled @viz-js/viz (Graphviz in WebAssembly, 1.9 MB
  // packed: it ships the wasm in three builds, which a bundled dependency cannot trim)
  packedBytes: 3_400_000,
  unpackedBytes: 11_400_000,
};

// [pattern over the path inside the package (no leading `package/`), what it is]
const FORBIDDEN = [
  [/(^|\/)(test|tests|__tests__)\//, 'tests'],
  [/(^|\/)__snapshots__\//, 'test snapshots'],
  [/(^|\/)[^/]*fixtures?[^/]*\//i, 'test fixtures'],
  [/\.(test|spec)\.[cm]?[jt]sx?(\.map)?$|\.snap$/, 'test files'],
  [/^bench\/|^bench\.json$|^BENCHMARKS\.md$/, 'benchmarks'],
  [/^\.ci\/|^\.ci-work\/|^\.github\//, 'CI'],
  [/^scripts\//, 'build and CI scripts'],
  [/^examples\//, 'examples (in the repository, not the package)'],
  [/(^|\/)demo\.out\/|(^|\/)cdk\.out\/|(^|\/)cdktf\.out\//, 'demo or synth output'],
  [/^(coverage|test-reports)\/|(^|\/)junit\.xml$/, 'test reports'],
  [/^src\/|^projenrc\/|^\.projenrc\.ts$|(?<!\.d)\.ts$/, 'TypeScript sources'],
  [/\.tgz$/, 'a nested tarball'],
  [/^\.versionrc\.json$|^tsconfig\.tsbuildinfo$|^\.projen\//, 'build state'],
];

const REQUIRED = ['package.json', 'README.md', 'LICENSE', '.jsii', 'lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js'];

/**
 * The problems with a package's file list (paths relative to the package root) and sizes.
 * @param {{ path: string, size: number }[]} files
 * @param {{ packedBytes?: number, unpackedBytes?: number }} sizes
 * @param {{ packedBytes: number, unpackedBytes: number }} budget
 * @returns {string[]} one line per problem; empty when the package passes
 */
function checkPackage(files, sizes, budget = BUDGET) {
  const problems = [];
  for (const f of files) {
    // bundled dependencies (commander) are someone else's package: only their presence matters here
    if (f.path.startsWith('node_modules/')) continue;
    const hit = FORBIDDEN.find(([re]) => re.test(f.path));
    if (hit) problems.push(`${f.path}: ${hit[1]} must not be published (exclude it through npmIgnoreOptions in .projenrc.ts)`);
  }
  const paths = new Set(files.map((f) => f.path));
  for (const r of REQUIRED) {
    if (!paths.has(r)) problems.push(`${r}: missing from the package (the package needs it at run time)`);
  }
  const unpacked = sizes.unpackedBytes ?? files.reduce((n, f) => n + f.size, 0);
  if (unpacked > budget.unpackedBytes) {
    problems.push(`unpacked size ${unpacked} bytes is over the budget of ${budget.unpackedBytes} bytes (scripts/check-tarball.js BUDGET)`);
  }
  if (sizes.packedBytes !== undefined && sizes.packedBytes > budget.packedBytes) {
    problems.push(`packed size ${sizes.packedBytes} bytes is over the budget of ${budget.packedBytes} bytes (scripts/check-tarball.js BUDGET)`);
  }
  return problems;
}

/** The regular files of a gzipped tar (ustar and pax headers, as npm writes them), with the leading `package/` removed. */
function listTarball(file) {
  const buf = zlib.gunzipSync(fs.readFileSync(file));
  const files = [];
  let paxPath;
  for (let off = 0; off + 512 <= buf.length;) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157) || '0';
    const prefix = str(257, 263).startsWith('ustar') ? str(345, 500) : '';
    let name = prefix ? `${prefix}/${str(0, 100)}` : str(0, 100);
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = m ? m[1] : undefined;
    } else {
      if (paxPath) name = paxPath;
      paxPath = undefined;
      if (type === '0') files.push({ path: name.replace(/^[^/]+\//, ''), size });
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function main(argv) {
  let files; let sizes; let what;
  if (argv[0] === '--pack-json' && argv[1]) {
    const [pack] = JSON.parse(fs.readFileSync(argv[1], 'utf8'));
    files = pack.files.map((f) => ({ path: f.path, size: f.size }));
    sizes = { packedBytes: pack.size, unpackedBytes: pack.unpackedSize };
    what = `${pack.filename} (npm pack --dry-run)`;
  } else if (argv.length === 1 && argv[0].endsWith('.tgz')) {
    files = listTarball(argv[0]);
    sizes = { packedBytes: fs.statSync(argv[0]).size };
    what = argv[0];
  } else {
    console.error('usage: check-tarball.js PACKAGE.tgz | --pack-json FILE');
    return 2;
  }
  const problems = checkPackage(files, sizes);
  const unpacked = sizes.unpackedBytes ?? files.reduce((n, f) => n + f.size, 0);
  const summary = `${files.length} files, ${sizes.packedBytes} bytes packed (budget ${BUDGET.packedBytes}), ${unpacked} bytes unpacked (budget ${BUDGET.unpackedBytes})`;
  if (problems.length) {
    console.error(`check-tarball: ${what}: ${problems.length} problem(s); ${summary}`);
    for (const p of problems.slice(0, 40)) console.error(`  - ${p}`);
    if (problems.length > 40) console.error(`  ... and ${problems.length - 40} more`);
    return 1;
  }
  console.log(`check-tarball: ${what}: ok; ${summary}`);
  return 0;
}

module.exports = { checkPackage, listTarball, BUDGET, FORBIDDEN, REQUIRED };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
