import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';

const SCRIPT = path.join(ROOT, 'scripts', 'lazify-index.js');

// the helpers tsc (module node16, target es2022) writes at the top of a module with `export *` and `export * as`
const HELPERS = `"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
`;

/** A small compiled package: an eager core, a cloud namespace, and a module that re-exports another. */
function fixture(index?: string): string {
  const lib = fs.mkdtempSync(path.join(os.tmpdir(), 'lazify-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(lib, rel)), { recursive: true });
    fs.writeFileSync(path.join(lib, rel), text);
  };
  write('index.js', index ?? `${HELPERS}exports.aws = void 0;
__exportStar(require("./core"), exports);
exports.aws = __importStar(require("./aws"));
__exportStar(require("./governance"), exports);
`);
  write('core/index.js', `${HELPERS}exports.Catalog = void 0;\nclass Catalog {}\nexports.Catalog = Catalog;\n`);
  write('aws/index.js', `${HELPERS}exports.GpuFleet = void 0;\nclass GpuFleet {}\nexports.GpuFleet = GpuFleet;\n`);
  write('governance/index.js', `${HELPERS}exports.RulePack = void 0;
__exportStar(require("./rules"), exports);
class RulePack {}
exports.RulePack = RulePack;
`);
  write('governance/rules.js', `${HELPERS}exports.FullBandwidth = void 0;\nexports.FullBandwidth = { id: 'RDY-NET-1' };\n`);
  return lib;
}

function lazify(lib: string) {
  return spawnSync(process.execPath, [SCRIPT, lib], { encoding: 'utf8', timeout: 60_000 });
}

/** Requires the package in a fresh process, reads `reads` one after the other, and reports what was loaded after each. */
function probe(lib: string, reads: string[]): { names: string[]; loaded: string[][]; values: string[] } {
  const script = `
    const path = require('path');
    const lib = ${JSON.stringify(lib)};
    const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(lib)).map((f) => path.relative(lib, f).split(path.sep).join('/')).sort();
    const L = require(lib);
    const out = { names: Object.keys(L).sort(), loaded: [loaded()], values: [] };
    for (const r of ${JSON.stringify(reads)}) {
      const v = r.split('.').reduce((o, k) => o[k], L);
      out.values.push(typeof v === 'function' ? v.name : JSON.stringify(v));
      out.loaded.push(loaded());
    }
    console.log(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout.trim());
}

describe('scripts/lazify-index.js', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('rewrites the namespace and the non-core re-exports; every name still resolves', () => {
    const lib = fixture();
    made.push(lib);
    const before = probe(lib, []);
    const r = lazify(lib);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/lib\/index\.js: 2 modules load on first use/);
    expect(fs.readFileSync(path.join(lib, 'index.js'), 'utf8')).toMatch(/^\/\/ lazified by scripts\/lazify-index\.js\n/);

    const after = probe(lib, ['Catalog', 'aws.GpuFleet', 'FullBandwidth', 'RulePack']);
    expect(after.names).toEqual(before.names);
    expect(after.names).toEqual(['Catalog', 'FullBandwidth', 'RulePack', 'aws']);
    expect(after.values).toEqual(['Catalog', 'GpuFleet', '{"id":"RDY-NET-1"}', 'RulePack']);
  });

  test('core stays eager; the namespace and the other modules load only when first read', () => {
    const lib = fixture();
    made.push(lib);
    expect(lazify(lib).status).toBe(0);
    const { loaded } = probe(lib, ['Catalog', 'aws.GpuFleet', 'FullBandwidth', 'RulePack']);
    expect(loaded[0]).toEqual(['core/index.js', 'index.js']); // require(): the core only
    expect(loaded[1]).toEqual(['core/index.js', 'index.js']); // a core name: nothing more
    expect(loaded[2]).toEqual(['aws/index.js', 'core/index.js', 'index.js']); // the namespace, on first read
    // a re-exported name is read from the file that defines it, not through the module's index
    expect(loaded[3]).toEqual(['aws/index.js', 'core/index.js', 'governance/rules.js', 'index.js']);
    expect(loaded[4]).toEqual(['aws/index.js', 'core/index.js', 'governance/index.js', 'governance/rules.js', 'index.js']);
  });

  test('modules with dashes in their names (./aws/platform-stack) are made lazy too', () => {
    const lib = fixture(`${HELPERS}exports.aws = void 0;
__exportStar(require("./core"), exports);
__exportStar(require("./aws/platform-stack"), exports);
`);
    made.push(lib);
    fs.writeFileSync(path.join(lib, 'aws/platform-stack.js'), `${HELPERS}exports.AwsPlatformStack = void 0;\nclass AwsPlatformStack {}\nexports.AwsPlatformStack = AwsPlatformStack;\n`);
    expect(lazify(lib).status).toBe(0);
    const { names, loaded } = probe(lib, ['AwsPlatformStack']);
    expect(names).toContain('AwsPlatformStack');
    expect(loaded[0]).not.toContain('aws/platform-stack.js');
    expect(loaded[1]).toContain('aws/platform-stack.js');
  });

  test('a second run is a no-op', () => {
    const lib = fixture();
    made.push(lib);
    expect(lazify(lib).status).toBe(0);
    const once = fs.readFileSync(path.join(lib, 'index.js'), 'utf8');
    const again = lazify(lib);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already lazy/);
    expect(fs.readFileSync(path.join(lib, 'index.js'), 'utf8')).toBe(once);
  });

  test('fails on an unexpected compiled form, leaving the file as it was', () => {
    // e.g. a compiler that emits getters instead of `exports.aws = __importStar(require("./aws"))`
    const index = `${HELPERS}exports.aws = void 0;
__exportStar(require("./core"), exports);
const aws = require("./aws");
Object.defineProperty(exports, "aws", { enumerable: true, get: function () { return aws; } });
`;
    const lib = fixture(index);
    made.push(lib);
    const r = lazify(lib);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/no namespace or re-export found to make lazy \(did the compiled form change\?\)/);
    expect(fs.readFileSync(path.join(lib, 'index.js'), 'utf8')).toBe(index);
  });
});
