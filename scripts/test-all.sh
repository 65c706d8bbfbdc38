#!/usr/bin/env bash
# The whole test suite, as CI runs it: typecheck, layer lint, build, unit, integration, durability, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$*"; }
step typecheck; npx tsc -p tsconfig.json --noEmit
step "layer lint"; npx depcruise --config .dependency-cruiser.cjs src cmd
step build; npx tsc -p tsconfig.build.json
step unit; bash scripts/run-tests.sh unit
step integration; bash scripts/run-tests.sh integration
step durability; bash scripts/run-tests.sh durability
step e2e; bash scripts/run-tests.sh e2e
