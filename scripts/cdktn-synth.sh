#!/usr/bin/env bash
# The cdktn path (docs/releasing.md, "Engines"): the packed library in a fresh app that has the community fork of the
# Terraform CDK, cdktn, in place of cdktf, synthesizing the Azure example through the library's one import point
# (src/tf.ts imports 'cdktf'; src/azure/* import '@cdktf/provider-azurerm/lib/<resource>').
#
#   bash scripts/cdktn-synth.sh dist/js/ai-infra-constructs@<version>.jsii.tgz
#
# The app maps the names with npm aliases, so neither the library nor the example changes:
#   cdktf                    -> npm:cdktn                       (the library's and the example's imports)
#   @cdktf/provider-azurerm  -> npm:@cdktn/provider-azurerm     (the library's and the example's imports)
#   cdktn                    (the provider's own `require("cdktn")`)
# and with npm `overrides` that point the peer ranges at those aliases: the library declares cdktf ^0.21 and
# @cdktf/provider-azurerm ^14, and @cdktn/provider-azurerm 16.1.0 declares cdktn ^0.23.0, while the registry serves
# cdktn 0.24.0 only (npm view cdktn versions, 2026-12-07). Without the overrides `npm install` stops with ERESOLVE.
#
# Checks: the app type-checks and synthesizes (ts-node, what `cdktf synth` runs for cdktf.json's "app"), the
# library's Terraform policy pack finds nothing, and the Terraform JSON equals the one the repository's cdktf 0.21 +
# @cdktf/provider-azurerm 14 render from the same example, apart from the engine metadata, the azurerm provider
# version each provider package pins and the local backend's state path (the folder it ran in).
# Google Cloud is not checked: cdktn publishes no Google provider (npm view @cdktn/provider-google: E404, 2026-12-07).
set -euo pipefail
CDKTN_VERSION=0.24.0
CDKTN_AZURERM_VERSION=16.1.0
CONSTRUCTS_VERSION=10.7.2 # cdktn 0.24.0 peers constructs >=10.6.0 <10.8.0
SSH_KEY='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINjWugHwfx3jMO7oqXCRHwjGmphXAgHFZX+4GeNyUgN9 ai-infra-demo (private key discarded)'

repo="$(cd "$(dirname "$0")/.." && pwd)"
tgz="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
app="$(mktemp -d)" ref="$(mktemp -d)"
trap 'rm -rf "$app" "$ref"' EXIT
cp -r "$repo/examples/azure" "$repo/examples/tsconfig.json" "$app/"
cp "$repo/examples/tsconfig.json" "$app/azure/"
cd "$app"
node -e '
const [cdktn, azurerm] = process.argv.slice(1);
const deps = { cdktn, cdktf: `npm:cdktn@${cdktn}`, "@cdktf/provider-azurerm": `npm:@cdktn/provider-azurerm@${azurerm}` };
const overrides = { cdktn: "$cdktn", cdktf: "$cdktf", "@cdktf/provider-azurerm": "$@cdktf/provider-azurerm" };
require("fs").writeFileSync("package.json", JSON.stringify({ name: "cdktn-app", private: true, dependencies: deps, overrides }, null, 2));
' "$CDKTN_VERSION" "$CDKTN_AZURERM_VERSION"
npm install --no-audit --no-fund "$tgz" "constructs@$CONSTRUCTS_VERSION" ts-node@10 typescript@5.9 @types/node@20
for p in cdktf @cdktf/provider-azurerm; do
  node -e 'const [p, want] = process.argv.slice(1); const m = require(`${p}/package.json`);
    if (!m.name.startsWith(want)) { console.error(`cdktn: ${p} resolves to ${m.name}@${m.version}, not ${want}`); process.exit(1); }
    console.log(`cdktn: ${p} -> ${m.name}@${m.version}`);' "$p" "$( [ "$p" = cdktf ] && echo cdktn || echo @cdktn/provider-azurerm )"
done
if [ -e node_modules/aws-cdk-lib ]; then echo "cdktn: aws-cdk-lib was installed into a Terraform-only app" >&2; exit 1; fi
(cd azure && CHECKPOINT_DISABLE=1 ADMIN_SSH_PUBLIC_KEY="$SSH_KEY" npx ts-node main.ts && test -s cdktf.out/stacks/training-platform/cdk.tf.json)

# the same example with the repository's cdktf and @cdktf/provider-azurerm (from source, as the CI's examples run)
(cd "$ref" && CHECKPOINT_DISABLE=1 ADMIN_SSH_PUBLIC_KEY="$SSH_KEY" TS_NODE_PROJECT="$repo/examples/tsconfig.json" node -r "$repo/node_modules/ts-node/register/transpile-only" \
  -r "$repo/scripts/resolve-self.js" "$repo/examples/azure/main.ts")

node -e '
const [fork, ref] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
const { TerraformPolicyChecks } = require("ai-infra-constructs");
const r = TerraformPolicyChecks.check(fork);
if (r.findings.length) { console.error(r.findings); process.exit(1); }
const addresses = (d) => Object.entries(d.resource).flatMap(([t, rs]) => Object.keys(rs).map((n) => `${t}.${n}`));
// engine metadata ("//"), the provider version each provider package pins and the local state path are the only expected differences
const strip = (d) => {
  const c = JSON.parse(JSON.stringify(d, (k, v) => (k === "//" ? undefined : v)));
  for (const p of Object.values(c.terraform?.required_providers ?? {})) delete p.version;
  delete c.terraform?.backend; // the local state path is the synthesizing folder
  return JSON.stringify(c);
};
if (strip(fork) !== strip(ref)) {
  const differs = addresses(ref).filter((a) => { const [t, n] = a.split("."); return JSON.stringify(ref.resource[t][n]) !== JSON.stringify(fork.resource[t]?.[n]); });
  console.error(`cdktn: the Terraform JSON differs from cdktf'"'"'s (resources: ${differs.join(", ") || "none; other blocks"})`);
  process.exit(1);
}
const v = (d) => `${d["//"].metadata.version}, azurerm ${d.terraform.required_providers.azurerm.version}`;
console.log(`cdktn azure: synth ok through the cdktf import point (${v(fork)}), ${addresses(fork).length} resources, ${r.evaluations} policy evaluations, 0 findings; same Terraform JSON as cdktf (${v(ref)}) apart from engine metadata, provider version and state path`);
' azure/cdktf.out/stacks/training-platform/cdk.tf.json "$ref/cdktf.out/stacks/training-platform/cdk.tf.json"
