#!/usr/bin/env bash
# Runs the real `terraform validate`, offline, on every synthesized stack of the app
# (cdktf.out) and of every example (examples/*/cdktf.out), using the stand-in provider
# plugins of shared/tools/tf-validate (schemas only, no provider downloads).
# Exit status: 0 all valid, 1 any invalid; with no terraform binary it warns loudly and
# exits 0 (the stacks are still synthesized and tested, just not validated).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOL=${TF_VALIDATE_OFFLINE:-$ROOT/../shared/tools/tf-validate/tf-validate-offline.sh}
if ! command -v "${TERRAFORM:-terraform}" >/dev/null 2>&1; then
  echo "################################################################################" >&2
  echo "## WARNING: no terraform binary on PATH: terraform validate was SKIPPED.       ##" >&2
  echo "## Install Terraform >= 1.10 (or set TERRAFORM) to validate the stacks.        ##" >&2
  echo "################################################################################" >&2
  exit 0
fi
if [ ! -x "$TOOL" ] && [ ! -f "$TOOL" ]; then
  echo "tf-validate: $TOOL not found (set TF_VALIDATE_OFFLINE to tf-validate-offline.sh)" >&2
  exit 1
fi
dirs=("$ROOT")
for d in "$ROOT"/examples/*/; do
  [ -d "$d/cdktf.out/stacks" ] && dirs+=("${d%/}")
done
if [ ! -d "$ROOT/cdktf.out/stacks" ]; then
  echo "tf-validate: $ROOT/cdktf.out/stacks is missing: run 'npm run synth' first" >&2
  exit 1
fi
TFSTUB_NODE_MODULES=${TFSTUB_NODE_MODULES:-$ROOT/node_modules} exec sh "$TOOL" "${dirs[@]}"
