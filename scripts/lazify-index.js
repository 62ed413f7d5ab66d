#!/usr/bin/env node
// Runs after jsii compiles (the `compile` task): rewrites lib/index.js so the cloud namespaces (aws, gcp, azure)
// and the modules that need a cloud library (strategy, governance) load on first use, not on require(). The core
// (catalog, specs, selector: no cloud library) stays eager. aws-cdk-lib does the same to its own root index.
// The exported names and their order do not change (the .d.ts files and the jsii assembly are untouched).
const fs = require('fs');
const path = require('path');

// the compiled package directory: lib/ of this repository unless given (the tests run it on a fixture)
const lib = process.argv[2] ? path.resolve(process.argv[2]) : path.join(__dirname, '..', 'lib');
const file = path.join(lib, 'index.js');
const src = fs.readFileSync(file, 'utf8');
if (src.includes('// lazified')) {
  console.log('lib/index.js: already lazy');
  process.exit(0);
}

const EAGER = new Set(['./core']);

/** [name, module] pairs a module exports, following `export * from` re-exports down to the defining files. */
function leafExports(rel) {
  const abs = path.join(lib, rel);
  const js = fs.existsSync(`${abs}.js`) ? `${abs}.js` : path.join(abs, 'index.js');
  const text = fs.readFileSync(js, 'utf8');
  const reexports = [...text.matchAll(/^__exportStar\(require\("(\.\/[\w/.-]+)"\), exports\);$/gm)].map((m) => m[1]);
  const own = Object.keys(require(js)).filter((n) => n !== '__esModule' && n !== 'default');
  if (reexports.length === 0) return own.map((n) => [n, `./${path.relative(lib, js).replace(/\.js$/, '').split(path.sep).join('/')}`]);
  const dir = path.relative(lib, path.dirname(js)).split(path.sep).join('/');
  const pairs = reexports.flatMap((r) => leafExports(`./${path.posix.join(dir, r)}`));
  const seen = new Set(pairs.map(([n]) => n));
  // names the index defines itself (not re-exported) stay on the index
  const self = `./${path.relative(lib, js).replace(/\.js$/, '').split(path.sep).join('/')}`;
  return [...pairs, ...own.filter((n) => !seen.has(n)).map((n) => [n, self])];
}
const body = [];
let rewritten = 0;
for (const line of src.split('\n')) {
  const ns = /^exports\.(\w+) = __importStar\(require\("(\.\/[\w/.-]+)"\)\);$/.exec(line);
  const star = /^__exportStar\(require\("(\.\/[\w/.-]+)"\), exports\);$/.exec(line);
  if (ns) {
    body.push(`Object.defineProperty(exports, ${JSON.stringify(ns[1])}, { enumerable: true, configurable: true, get: () => require(${JSON.stringify(ns[2])}) });`);
    rewritten++;
  } else if (star && !EAGER.has(star[1])) {
    // each name is read from the file that defines it (read now, at build time), so using AwsPlatformStack does
    // not load the Google Cloud and Azure stacks beside it
    for (const [n, from] of leafExports(star[1])) {
      body.push(`if (!Object.prototype.hasOwnProperty.call(exports, ${JSON.stringify(n)})) Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, configurable: true, get: () => require(${JSON.stringify(from)})[${JSON.stringify(n)}] });`);
    }
    rewritten++;
  } else {
    body.push(line);
  }
}
if (rewritten === 0) throw new Error('lib/index.js: no namespace or re-export found to make lazy (did the compiled form change?)');
fs.writeFileSync(file, `// lazified by scripts/lazify-index.js\n${body.join('\n')}`);
console.log(`lib/index.js: ${rewritten} modules load on first use`);
