#!/usr/bin/env bash
# Starts the local gateway (libs/local-gateway) on PATCHBAY_GATEWAY_PORT: PATCHBAY_BASE_URL, one base URL for the
# four services' APIs and webhook callbacks, routed by path prefix like the Helm Ingress. Its table comes from
# services/*/openapi.json. Already running and healthy: leaves it. Log $PB_LOGS/gateway.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$PB_LIB_DIR/services.sh"
pb_load_env
: "${PATCHBAY_GATEWAY_PORT:?PATCHBAY_GATEWAY_PORT missing from $PB_ENV_FILE: run npm run up}"
main=$PB_ROOT/libs/local-gateway/dist/main.js
[[ -f $main ]] || pb_die "$main is missing: run npm run build first"
pid_file=$PB_PIDS/gateway.pid
mkdir -p "$PB_PIDS" "$PB_LOGS"

if pb_pid_alive "$pid_file" && curl -fsS -o /dev/null --max-time 2 "$PATCHBAY_BASE_URL/healthz"; then
  echo "gateway already up on $PATCHBAY_BASE_URL"
  exit 0
fi
pb_stop_pid gateway >/dev/null
setsid "$PB_NODE" "$main" >>"$PB_LOGS/gateway.log" 2>&1 </dev/null &
echo $! >"$pid_file"
if ! "$PB_NODE" "$PB_LIB_DIR/readiness.mjs" http "$PATCHBAY_BASE_URL/healthz" --timeout-ms=20000 --pid="$(<"$pid_file")"; then
  pb_say "the gateway did not start: see $PB_LOGS/gateway.log"
  exit 1
fi
echo "gateway ready on $PATCHBAY_BASE_URL (pid $(<"$pid_file"), log $PB_LOGS/gateway.log)"
