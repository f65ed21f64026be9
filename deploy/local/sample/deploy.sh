#!/usr/bin/env bash
# Deploys the sample workflow on the running local platform (deploy/local/lib/services-up.sh calls this):
# starts the greeter target API, creates the `greeter-api` connection (its API key goes to Vault), deploys
# greeter-workflow.json through the orchestrator's REST API, links the connection, calls the workflow once and
# writes how to call it to $PB_STATE/sample.txt. Safe to run again: existing pieces are reused.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$PB_LIB_DIR/services.sh"
pb_load_env

pid_file=$PB_PIDS/sample-target.pid
key_file=$PB_STATE/sample-target.key
if ! pb_pid_alive "$pid_file"; then
  # A fresh key each time the target starts; the connection is updated to match (deploy.mjs).
  umask 077
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' >"$key_file"
  umask 022
  SAMPLE_API_KEY=$(<"$key_file") setsid "$PB_NODE" "$PB_LOCAL_DIR/sample/greeter-target.mjs" \
    "$PATCHBAY_SAMPLE_TARGET_PORT" >>"$PB_LOGS/sample-target.log" 2>&1 </dev/null &
  echo $! >"$pid_file"
fi

SAMPLE_API_KEY_FILE=$key_file "$PB_NODE" "$PB_LOCAL_DIR/sample/deploy.mjs" >"$PB_STATE/sample.txt"
