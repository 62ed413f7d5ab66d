#!/usr/bin/env bash
# API compatibility against the last release (docs/releasing.md): jsii-diff compares the compiled assembly (.jsii,
# after `npx projen compile`) with the one in the last published tarball, and fails on any breaking change.
#
#   bash scripts/compat.sh                   against the version npm's registry has (`npm run compat`, CI, release)
#   bash scripts/compat.sh PACKAGE.tgz       against a tarball (a stand-in for a release; the local check)
#
# - No release yet (`npm view ai-infra-constructs version` answers E404): says so and passes. Any other registry error
#   fails: a check that cannot run is not a pass.
# - The whole library is `stability: experimental`, and jsii-diff by default reports breaking changes to experimental
#   APIs as warnings only; `--error-on all` makes them errors, as issue 16 asks.
# - A deliberate break: add the key jsii-diff prints (-k) to .compatignore, with a comment saying why, and mark the
#   commit `feat!:` / `BREAKING CHANGE:` so the release bumps the version accordingly.
# - The old assembly is read with the repository's node_modules (aws-cdk-lib, cdktf and the providers at the
#   versions this tree builds with): the published package's engines are optional peers that a plain
#   `npm install ai-infra-constructs` (what jsii-diff's own `npm:` loader does) would leave out.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
name="$(node -p 'require("./package.json").name')"
if [ ! -f .jsii ]; then echo "compat: no .jsii here: run 'npx projen compile' first" >&2; exit 1; fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
  tgz="$1"
  baseline="$tgz"
else
  set +e
  out="$(npm view "$name" version 2>&1)"
  rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    if grep -q 'E404' <<<"$out"; then
      echo "compat: $name has no published version on $(npm config get registry) (npm view: E404): nothing to compare against yet; skipped"
      exit 0
    fi
    echo "$out" >&2
    echo "compat: could not ask the registry for the last release of $name (npm view exit $rc)" >&2
    exit 1
  fi
  baseline="$name@$out"
  (cd "$work" && npm pack --silent "$baseline" > /dev/null)
  tgz="$(ls "$work"/*.tgz)"
fi
tar -xzf "$tgz" -C "$work"
# one level up: package/node_modules holds the bundled commander; resolution walks on to $work/node_modules
ln -s "$repo/node_modules" "$work/node_modules"
echo "compat: $name $(node -p 'require("./package.json").version') (this tree) against $baseline"
npx jsii-diff "$work/package" "$repo" --keys --ignore-file .compatignore --error-on all
echo "compat: no breaking API change against $baseline"
