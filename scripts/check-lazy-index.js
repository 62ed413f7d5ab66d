#!/usr/bin/env node
// CI check of the compiled package (lib/): require() loads no cloud library, and every export still resolves.
const path = require('path');
const loaded = (part) => Object.keys(require.cache).filter((k) => k.includes(part));
const L = require(path.join(__dirname, '..', 'lib'));
const eager = [...loaded(`${path.sep}aws-cdk-lib${path.sep}aws-`), ...loaded(`${path.sep}@cdktf${path.sep}provider-`), ...loaded(`${path.sep}cdktf${path.sep}lib${path.sep}`)];
if (eager.length) {
  console.error(`require('ai-infra-constructs') loaded cloud modules eagerly:\n  ${eager.slice(0, 10).join('\n  ')}`);
  process.exit(1);
}
const names = Object.keys(L);
const missing = names.filter((n) => L[n] === undefined);
if (missing.length) {
  console.error(`exports that do not resolve: ${missing.join(', ')}`);
  process.exit(1);
}
for (const ns of ['aws', 'gcp', 'azure']) {
  for (const c of ['ClusterNetwork', 'GpuFleet', 'TieredStorage', 'ModelEndpoint', 'PlatformMonitoring']) {
    if (typeof L[ns][c] !== 'function') { console.error(`${ns}.${c} is missing`); process.exit(1); }
  }
}
console.log(`lazy index: require() loads no cloud library; ${names.length} exports resolve, 15 constructs in aws/gcp/azure`);
