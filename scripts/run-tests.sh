#!/usr/bin/env bash
# Runs one tier of tests with node:test through tsx.
#   unit:        src/**/*.test.ts, scripts/*.test.ts (co-located; the Store conformance suite also starts a real
#                etcd on loopback, and the SQLite durability test a writer it kills)
#   integration: test/integration/**/*.test.ts, cmd/*.test.ts (real apiserver on SQLite and a real etcd on
#                loopback; the k8ts command as a child process)
#   durability:  test/durability/**/*.test.ts (kill -9 of a real `k8ts up` under write load)
#   e2e:         test/e2e/**/*.test.ts   (the real kubectl against a real `k8ts up`)
set -euo pipefail
cd "$(dirname "$0")/.."
tier=${1:?usage: run-tests.sh unit|integration|e2e}
case "$tier" in
  unit) files=$(find src scripts -name '*.test.ts' | sort) ;;
  integration) files=$(find test/integration cmd -name '*.test.ts' 2>/dev/null | sort) ;;
  durability) files=$(find test/durability -name '*.test.ts' 2>/dev/null | sort) ;;
  e2e) files=$(find test/e2e -name '*.test.ts' 2>/dev/null | sort) ;;
  *) echo "unknown tier $tier" >&2; exit 2 ;;
esac
if [ -z "$files" ]; then echo "no $tier tests"; exit 0; fi
concurrency=${TEST_CONCURRENCY:-2}
case "$tier" in e2e|durability) concurrency=1 ;; esac
# Bounds: a test that hangs fails at --test-timeout; a tier that still does not end is killed, so CI never waits
# on a stuck process (TIER_TIMEOUT seconds, default 20 minutes).
# shellcheck disable=SC2086
exec timeout --kill-after=30 "${TIER_TIMEOUT:-1200}" \
  node --import tsx --test --test-concurrency="$concurrency" --test-timeout=600000 --test-reporter=spec $files
