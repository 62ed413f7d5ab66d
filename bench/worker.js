// One measurement in a fresh process: prints {"ms": ..., "maxRssMiB": ..., ...} on the last line.
// Runs against the compiled library (lib/), so no TypeScript compilation is timed.
const path = require('path');
const fs = require('fs');
const os = require('os');
const [task, arg] = process.argv.slice(2);
const start = process.hrtime.bigint();
const extra = {};

function lib() { return require(path.join(__dirname, '..', 'lib')); }
function tmp() { return fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')); }

if (task === 'import-floor') {
  require('constructs'); require('aws-cdk-lib/core'); require('cdktf');
} else if (task === 'import-package') {
  lib();
} else if (task === 'scale-aws' || task === 'scale-gcp' || task === 'scale-azure') {
  const n = Number(arg);
  const L = lib();
  const { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY } = require(path.join(__dirname, '..', 'lib', 'demo', 'scenarios'));
  const s = DEFAULT_SCENARIOS[1];
  const selection = L.StrategySelector.select(s.requirements);
  let maxResources = 0;
  if (task === 'scale-aws') {
    const { App } = require('aws-cdk-lib');
    const app = new App({ outdir: tmp() });
    for (let i = 0; i < n; i++) new L.AwsPlatformStack(app, `p${i}`, { ...s.platform, selection });
    const asm = app.synth();
    for (const st of asm.stacks) maxResources = Math.max(maxResources, Object.keys(st.template.Resources).length);
  } else {
    const { App } = require('cdktf');
    const app = new App({ outdir: tmp(), stackTraces: false });
    for (let i = 0; i < n; i++) {
      if (task === 'scale-gcp') new L.GcpPlatformStack(app, `p${i}`, { ...s.platform, selection, gcpProject: 'bench-project', region: 'us-east4' });
      else new L.AzurePlatformStack(app, `p${i}`, { ...s.platform, selection, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
    }
    app.synth();
  }
  extra.maxResourcesPerStack = maxResources;
} else if (task === 'demo') {
  const { runDemo } = require(path.join(__dirname, '..', 'lib', 'demo', 'demo'));
  runDemo({ out: tmp() });
} else {
  throw new Error(`unknown task ${task}`);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra }));
