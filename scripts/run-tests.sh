#!/usr/bin/env bash
# Runs one tier of tests with node:test through tsx.
#   unit:        src/**/*.test.ts        (pure, fast, no network or processes)
#   integration: test/integration/**/*.test.ts (real apiserver on SQLite and a real etcd on loopback)
#   e2e:         test/e2e/**/*.test.ts   (the real kubectl against a real `k8ts up`)
set -euo pipefail
cd "$(dirname "$0")/.."
tier=${1:?usage: run-tests.sh unit|integration|e2e}
case "$tier" in
  unit) files=$(find src -name '*.test.ts' | sort) ;;
  integration) files=$(find test/integration -name '*.test.ts' | sort) ;;
  e2e) files=$(find test/e2e -name '*.test.ts' | sort) ;;
  *) echo "unknown tier $tier" >&2; exit 2 ;;
esac
if [ -z "$files" ]; then echo "no $tier tests"; exit 0; fi
concurrency=${TEST_CONCURRENCY:-2}
[ "$tier" = e2e ] && concurrency=1
# shellcheck disable=SC2086
exec node --import tsx --test --test-concurrency="$concurrency" --test-reporter=spec $files
