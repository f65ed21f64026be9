#!/usr/bin/env bash
# npm test: the whole test suite against real infrastructure.
#   deps (npm ci when node_modules is absent) -> build -> up (infrastructure only) -> unit -> int
#   -> services (the four services and the sample workflow) -> e2e
#   -> conformance (the shared corpus, when present)
# Unit, integration and end-to-end tiers all run even when an earlier tier fails; the exit code is non-zero
# when anything failed. What this script brought up it tears down at the end (state kept after a failure, so
# the logs in deploy/local/.state/logs can be read; `npm run down` removes them). Lint is separate: npm run lint.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$PB_ROOT"

results=()
failed=0
started_infra=0
suite_start=$(pb_now_ms)

# phase NAME COMMAND...: runs COMMAND with its output on the terminal and records the outcome and elapsed time.
phase() {
  local name=$1 start rc=0
  shift
  start=$(pb_now_ms)
  pb_say "== $name: $*"
  "$@" || rc=$?
  if [[ $rc -eq 0 ]]; then
    results+=("$(printf '%-6s ok      %s' "$name" "$(pb_seconds_since "$start")")")
  else
    results+=("$(printf '%-6s FAILED  %s (exit %d)' "$name" "$(pb_seconds_since "$start")" "$rc")")
    failed=1
  fi
  return "$rc"
}

finish() {
  local rc=$?
  [[ $failed -eq 0 && $rc -ne 0 ]] && failed=1
  if [[ $started_infra -eq 1 ]]; then
    if [[ $failed -eq 0 ]]; then
      bash "$PB_LOCAL_DIR/down.sh" || true
    else
      bash "$PB_LOCAL_DIR/down.sh" --keep || true
    fi
  fi
  pb_say "== summary"
  local line
  for line in "${results[@]}"; do pb_say "   $line"; done
  pb_say "   total  $(pb_seconds_since "$suite_start")"
  if [[ $failed -ne 0 ]]; then
    pb_say "tests FAILED"
    exit 1
  fi
  pb_say "tests passed"
}
trap finish EXIT

install_deps() {
  if [[ -d node_modules ]]; then
    echo "node_modules present"
  else
    flock /tmp/patchbay-npm.lock npm ci --no-audit --no-fund
  fi
}

phase deps install_deps
export PATH=$PB_ROOT/node_modules/.bin:$PATH
phase build npm run build

if [[ -f $PB_ENV_FILE ]] && bash "$PB_LIB_DIR/infra-check.sh" >/dev/null 2>&1; then
  pb_say "infrastructure already running: using it and leaving it up"
else
  started_infra=1
fi
# Integration specs start their own service instances on the real infrastructure; the platform's services would
# compete for the same consumer groups, so they start only after the integration tier, for e2e.
phase up bash "$PB_LOCAL_DIR/up.sh" --infra-only
bash "$PB_LIB_DIR/services-down.sh" >/dev/null 2>&1 || true
# The tests find the infrastructure through these variables (libs/testkit resolveInfrastructure, step 1).
set -a
# shellcheck disable=SC1090
source "$PB_ENV_FILE"
set +a

phase topics "$PB_NODE" --disable-warning=TimeoutNegativeWarning "$PB_LIB_DIR/topics-ensure.mjs" || true
phase unit npm run test:unit || true
phase int npm run test:int || true
phase services bash "$PB_LIB_DIR/services-up.sh" || true
# The e2e specs and the conformance run find the services through the URLs services-up.sh added.
set -a
# shellcheck disable=SC1090
source "$PB_ENV_FILE"
set +a
phase e2e npm run test:e2e || true

# Conformance against material nobody here wrote (the shared corpus, read where it lies, never copied):
# expression vectors, WDL cases in-process and against the running platform, custom connector definitions.
# Definitions validation is reported in the notes (one corpus file is broken upstream, so it cannot pass).
corpus=${PATCHBAY_CORPUS_DIR:-}
if [[ -z $corpus ]]; then
  for candidate in "$PB_ROOT/../shared/corpus" /work/shared/corpus; do
    if [[ -d $candidate ]]; then
      corpus=$candidate
      break
    fi
  done
fi
corpus=${corpus:-$PB_ROOT/../shared/corpus}
conformance() {
  local cli=libs/wdl-conformance/dist/cli.js
  # Failures in full, passes counted (the last line of each is `N passed, M failed`).
  "$PB_NODE" "$cli" expressions "$corpus/expressions/vectors.json" | grep -v '^PASS' &&
    "$PB_NODE" "$cli" workflows "$corpus/wdl-cases" --target local | grep -v '^PASS' &&
    "$PB_NODE" "$cli" workflows "$corpus/wdl-cases" --target "$PATCHBAY_ORCHESTRATOR_URL" | grep -v '^PASS' &&
    "$PB_NODE" "$cli" connectors "$corpus/connectors" | grep -v '^PASS\|^OK\|^ok'
}
if [[ -d $corpus ]]; then
  phase conform conformance || true
else
  pb_say "== conformance: NOT RUN, no corpus at $corpus (set PATCHBAY_CORPUS_DIR)"
  results+=("$(printf '%-6s NOT RUN (no corpus at %s)' conform "$corpus")")
fi
