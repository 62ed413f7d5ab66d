// One measurement in a fresh process: prints {"ms": ..., "maxRssMiB": ..., ...} on the last line.
// Runs against the compiled library (lib/), so no TypeScript compilation is timed.
const path = require('path');
/** A model artifact per cloud for the reference platform's second deploy (test/reachability/model.ts uses the same). */
const MODEL_ARTIFACT = { aws: 'models/model.tar.gz', gcp: 'gs://models-bucket/model/', azure: 'azureml://registries/r/models/m/versions/1' };
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
} else if (task === 'import-namespace') {
  // the package and one cloud's constructs, as an app that uses them loads them
  void lib()[arg].GpuFleet;
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
} else if (/^synth-(lib|base)-(aws|gcp|azure)$/.test(task)) {
  // synthesis overhead: the reference platform through the library, or written by hand (bench/baseline), to disk
  const [, side, cloud] = task.split('-');
  const aws = cloud === 'aws';
  const { App } = require(aws ? 'aws-cdk-lib' : 'cdktf');
  const app = new App(aws ? { outdir: tmp() } : { outdir: tmp(), stackTraces: false });
  if (side === 'base') {
    require(path.join(__dirname, 'baseline', `${cloud}.js`)).build(app, 'reference');
  } else {
    const L = lib();
    const { DEFAULT_SCENARIOS, DEMO_ADMIN_SSH_PUBLIC_KEY } = require(path.join(__dirname, '..', 'lib', 'demo', 'scenarios'));
    const s = DEFAULT_SCENARIOS.find((x) => x.name === 'bursty-research');
    const selection = L.StrategySelector.select(s.requirements);
    // the second deploy (the model artifact is there), which the hand-written baseline builds: model, endpoint
    // configuration and endpoint included (without it the endpoint is pending and creates none of them)
    const modelArtifact = MODEL_ARTIFACT[cloud];
    if (aws) new L.AwsPlatformStack(app, 'reference', { ...s.platform, selection, modelArtifact });
    else if (cloud === 'gcp') new L.GcpPlatformStack(app, 'reference', { ...s.platform, selection, modelArtifact, gcpProject: 'bench-project', region: 'us-east4' });
    else new L.AzurePlatformStack(app, 'reference', { ...s.platform, selection, modelArtifact, location: 'eastus', adminSshPublicKey: DEMO_ADMIN_SSH_PUBLIC_KEY });
  }
  app.synth();
  // resource types written, so bench.ts can check both sides made the same resources
  const types = {};
  if (aws) {
    const t = JSON.parse(fs.readFileSync(path.join(app.outdir, 'reference.template.json'), 'utf8'));
    for (const r of Object.values(t.Resources)) types[r.Type] = (types[r.Type] || 0) + 1;
  } else {
    const doc = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'reference', 'cdk.tf.json'), 'utf8'));
    for (const [type, byName] of Object.entries(doc.resource)) types[type] = Object.keys(byName).length;
  }
  extra.resourceTypes = types;
} else if (task === 'demo') {
  const { runDemo } = require(path.join(__dirname, '..', 'lib', 'demo', 'demo'));
  runDemo({ out: tmp() });
} else {
  throw new Error(`unknown task ${task}`);
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const cpu = process.cpuUsage();
// cpuMs: user + system CPU time of the process, which the machine's other load does not inflate the way it does wall time
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...extra }));
