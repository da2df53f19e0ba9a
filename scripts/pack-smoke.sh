#!/usr/bin/env bash
# Package smoke test: builds the npm tarball the way a release would (jsii compile +
# jsii-pacmak), installs it with its peer dependencies into an empty folder, and
# checks that `require` works and a stack synthesizes from the installed package.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
npx projen compile
npx projen package:js
TARBALL=$(ls "$ROOT"/dist/js/*.tgz | head -n 1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
PEERS=$(node -e "const p=require('$ROOT/package.json').peerDependencies; console.log(Object.entries(p).map(([n,v])=>n+'@'+v).join(' '))")
npm install --no-audit --no-fund --silent "$TARBALL" $PEERS
tar tzf "$TARBALL" | grep -Eq '^package/(test|stacks|examples)/' && { echo "pack-smoke: tests, stacks or examples leaked into the tarball" >&2; exit 1; }
node -e "
const { Testing } = require('cdktf');
const lib = require('@livestreamsell/cdktf-constructs');
const stack = new lib.EnvironmentStack(Testing.app(), 'staging', { environment: lib.Environment.staging({ project: 'acme-shop' }) });
new lib.StorageBuckets(stack, 'Storage');
const json = JSON.parse(Testing.synth(stack, true));
if (!json.resource.aws_s3_bucket || typeof lib.render.webService.WebService !== 'function') process.exit(1);
console.log('pack-smoke: ' + require('path').basename('$TARBALL') + ' installs with its peers, require() works, a stack synthesizes');
"
