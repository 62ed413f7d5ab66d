#!/usr/bin/env node
/**
 * Runs AWS CloudFormation Guard with the Control Tower proactive-control rules bundled in
 * `@cdklabs/cdk-validator-cfnguard` (the binary ships inside the npm package) over synthesized templates:
 *
 *   node scripts/cfn-guard.js .ci-work/demo/aws/*.template.json .ci-work/examples-aws/*.template.json
 *
 * A finding is acknowledged when the construct that made the resource, or one above it, carries
 * `Validations.of(scope).acknowledge({ id: 'cdk-validator-cfnguard::<rule>', reason })` (src/aws/nag.ts
 * `acknowledgeGuard`): the cloud assembly records those in `<stack>.metadata.json` (or manifest.json) beside the
 * template, and the template's `aws:cdk:path` metadata names each resource's construct. Prints one line per
 * template (findings, acknowledged) and every unacknowledged finding; exits 1 on any, 2 on a usage error.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { CfnGuardValidator } = require('@cdklabs/cdk-validator-cfnguard');

const PLUGIN = 'cdk-validator-cfnguard';
const ACK = 'aws:cdk:acknowledged-rules';

function usage(message) {
  process.stderr.write(`cfn-guard: ${message}\nusage: node scripts/cfn-guard.js TEMPLATE.template.json...\n`);
  process.exit(2);
}

/** Construct path -> acknowledged rule ids, from the stack's metadata file or the assembly manifest. */
function acknowledgements(templatePath) {
  const dir = path.dirname(templatePath);
  const stack = path.basename(templatePath).replace(/\.template\.json$/, '');
  let metadata;
  const file = path.join(dir, `${stack}.metadata.json`);
  if (fs.existsSync(file)) {
    metadata = JSON.parse(fs.readFileSync(file, 'utf8'));
  } else if (fs.existsSync(path.join(dir, 'manifest.json'))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    metadata = manifest.artifacts?.[stack]?.metadata ?? {};
  } else {
    metadata = {};
  }
  const acks = new Map();
  for (const [constructPath, entries] of Object.entries(metadata)) {
    for (const e of entries) {
      if (e.type !== ACK) continue;
      const ids = acks.get(constructPath) ?? new Set();
      Object.keys(e.data).forEach((id) => ids.add(id));
      acks.set(constructPath, ids);
    }
  }
  return acks;
}

/** Whether the resource's construct or an ancestor acknowledges the rule. */
function acknowledged(acks, constructPath, rule) {
  if (!constructPath) return false;
  const parts = constructPath.split('/');
  for (let n = parts.length; n > 0; n--) {
    if (acks.get(`/${parts.slice(0, n).join('/')}`)?.has(`${PLUGIN}::${rule}`)) return true;
  }
  return false;
}

function main(argv) {
  const templates = argv.filter((a) => a !== '--');
  if (templates.length === 0) usage('no templates given');
  for (const t of templates) {
    if (!fs.existsSync(t)) usage(`${t}: no such file`);
    if (!t.endsWith('.template.json')) usage(`${t}: not a *.template.json of a cloud assembly`);
  }
  const absolute = templates.map((t) => path.resolve(t));
  const report = new CfnGuardValidator({ maxBuffer: 256 * 1024 * 1024 }).validate({ templatePaths: absolute });

  const perTemplate = new Map(absolute.map((t) => [t, { findings: 0, acknowledged: 0, open: [] }]));
  const docs = new Map(absolute.map((t) => [t, JSON.parse(fs.readFileSync(t, 'utf8'))]));
  const acks = new Map(absolute.map((t) => [t, acknowledgements(t)]));
  for (const v of report.violations) {
    for (const r of v.violatingResources) {
      const t = path.resolve(r.templatePath);
      const entry = perTemplate.get(t);
      if (!entry) throw new Error(`cfn-guard reported a template it was not given: ${r.templatePath}`);
      const constructPath = docs.get(t).Resources?.[r.resourceLogicalId]?.Metadata?.['aws:cdk:path'];
      entry.findings++;
      if (acknowledged(acks.get(t), constructPath, v.ruleName)) {
        entry.acknowledged++;
      } else {
        entry.open.push(`  ${v.ruleName}: ${r.resourceLogicalId}${constructPath ? ` (${constructPath})` : ''}\n    ${v.description}\n    fix: ${v.fix}`);
      }
    }
  }
  let open = 0;
  for (const [t, e] of perTemplate) {
    const shown = path.relative(process.cwd(), t);
    process.stdout.write(`${shown}: ${e.findings} findings, ${e.acknowledged} acknowledged, ${e.open.length} unacknowledged\n`);
    if (e.open.length > 0) process.stdout.write(`${e.open.join('\n')}\n`);
    open += e.open.length;
  }
  process.stdout.write(`cfn-guard: ${templates.length} templates, ${open} unacknowledged findings\n`);
  return open === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
