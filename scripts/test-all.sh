#!/usr/bin/env bash
# The whole test suite, as CI runs it: typecheck, layer lint, build, then the test tiers (unit, integration,
# durability, e2e). Every tier runs even if an earlier one failed; the last line sums them up.
set -uo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$*"; }
failed_steps=()
passed=0
failed=0

step typecheck; npx tsc -p tsconfig.json --noEmit || failed_steps+=(typecheck)
step "layer lint"; npx depcruise --config .dependency-cruiser.cjs src cmd || failed_steps+=(lint)
step build; npx tsc -p tsconfig.build.json || failed_steps+=(build)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for tier in unit integration durability e2e; do
  step "$tier tests"
  bash scripts/run-tests.sh "$tier" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  p=$(grep -E '^ℹ pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  f=$(grep -E '^ℹ fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$rc" -eq 0 ] || failed_steps+=("$tier")
done

echo
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
echo "$passed passed, $failed failed"
[ ${#failed_steps[@]} -eq 0 ]
