#!/usr/bin/env bash
# Starts the four Patchbay services on free loopback ports against the infrastructure in deploy/local/.env,
# waits for each /readyz, starts the gateway (one base URL, lib/gateway-start.sh), then deploys the sample
# workflow (deploy/local/sample) and calls it once.
# Adds the services' settings to the env file between marker lines. Already up and ready: leaves them as they are.
# Builds first (tsc -b, incremental); up.sh runs this after lib/infra-up.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$PB_LIB_DIR/services.sh"

start=$(pb_now_ms)
begin_marker='# --- services (deploy/local/lib/services-up.sh) ---'

# A bring-up already recorded in the env file keeps its ports and keys: only services that are not running or not
# ready are (re)started, so a test that killed one service does not make everyone else's URLs change.
if grep -qF "$begin_marker" "$PB_ENV_FILE" 2>/dev/null; then
  pb_load_env
  unready=()
  for name in "${PB_SERVICES[@]}"; do
    pb_service_ready "$name" || unready+=("$name")
  done
  if [[ ${#unready[@]} -eq 0 ]]; then
    pb_say "services already up and ready"
  else
    pb_step build bash -c "cd '$PB_ROOT' && PATH='$PB_ROOT/node_modules/.bin':\$PATH npm run build --silent"
    for name in "${unready[@]}"; do
      pb_stop_pid "$name" >/dev/null
      pb_step "$name" bash "$PB_LIB_DIR/service-start.sh" "$name" || exit 1
    done
    pb_say "restarted ${unready[*]} in $(pb_seconds_since "$start")"
  fi
else
  # Incremental: seconds when nothing changed.
  pb_step build bash -c "cd '$PB_ROOT' && PATH='$PB_ROOT/node_modules/.bin':\$PATH npm run build --silent"
  bash "$PB_LIB_DIR/services-down.sh" >/dev/null

  read -r ti_port or_port cr_port cs_port cs_grpc_port sample_port gw_port < <("$PB_NODE" "$PB_LIB_DIR/free-ports.mjs" 7)
  signing_key=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  run_state_key=$(head -c 32 /dev/urandom | base64)
  # The env file is private (chmod 600): it holds the Vault token, the callback signing key and the run state key.
  sed -i "\\|^$begin_marker\$|,\$d" "$PB_ENV_FILE"
  cat >>"$PB_ENV_FILE" <<ENV
$begin_marker
PATCHBAY_TRIGGER_INGESTION_PORT=$ti_port
PATCHBAY_ORCHESTRATOR_PORT=$or_port
PATCHBAY_CONNECTOR_RUNTIME_PORT=$cr_port
PATCHBAY_CONNECTION_STORE_PORT=$cs_port
PATCHBAY_GRPC_PORT=$cs_grpc_port
PATCHBAY_SAMPLE_TARGET_PORT=$sample_port
PATCHBAY_GATEWAY_PORT=$gw_port
PATCHBAY_BASE_URL=http://127.0.0.1:$gw_port
PATCHBAY_TRUSTED_PROXIES=127.0.0.1
PATCHBAY_TRIGGER_INGESTION_URL=http://127.0.0.1:$ti_port
PATCHBAY_ORCHESTRATOR_URL=http://127.0.0.1:$or_port
PATCHBAY_CONNECTOR_RUNTIME_URL=http://127.0.0.1:$cr_port
PATCHBAY_CONNECTOR_CATALOG_URL=http://127.0.0.1:$cr_port
PATCHBAY_CONNECTION_STORE_URL=http://127.0.0.1:$cs_port
PATCHBAY_PUBLIC_BASE_URL=http://127.0.0.1:$ti_port
PATCHBAY_RUN_STATUS_BASE_URL=http://127.0.0.1:$or_port
CONNECTION_STORE_GRPC_URL=127.0.0.1:$cs_grpc_port
PATCHBAY_WEBHOOK_SIGNING_KEY=$signing_key
PATCHBAY_RUN_STATE_KEYS=$run_state_key
PATCHBAY_EGRESS_ALLOW=127.0.0.0/8
LOG_LEVEL=${LOG_LEVEL:-info}
ENV

  # connection-store first (connector-runtime's readiness needs its gRPC), the orchestrator before
  # trigger-ingestion (whose readiness waits for the workflow registry the orchestrator publishes).
  for name in "${PB_SERVICES[@]}"; do
    pb_step "$name" bash "$PB_LIB_DIR/service-start.sh" "$name" || {
      pb_say "stopping the services that did start; logs in $PB_LOGS"
      bash "$PB_LIB_DIR/services-down.sh" >/dev/null 2>&1 || true
      exit 1
    }
  done
  pb_say "services up in $(pb_seconds_since "$start")"
fi

# One base URL for the four APIs (lib/gateway-start.sh). A bring-up recorded before the gateway existed gets a port.
if ! grep -q '^PATCHBAY_GATEWAY_PORT=' "$PB_ENV_FILE"; then
  read -r gw_port < <("$PB_NODE" "$PB_LIB_DIR/free-ports.mjs" 1)
  printf 'PATCHBAY_GATEWAY_PORT=%s\nPATCHBAY_BASE_URL=http://127.0.0.1:%s\n' "$gw_port" "$gw_port" >>"$PB_ENV_FILE"
fi
pb_step gateway bash "$PB_LIB_DIR/gateway-start.sh"

pb_step sample bash "$PB_LOCAL_DIR/sample/deploy.sh"
cat "$PB_STATE/sample.txt" >&2
base_url=$(sed -n 's/^PATCHBAY_BASE_URL=//p' "$PB_ENV_FILE")
pb_say "every service API under one base URL: $base_url (e.g. $base_url/api/workflows; documents: $base_url/api/openapi)"
