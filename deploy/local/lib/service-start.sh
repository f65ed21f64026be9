#!/usr/bin/env bash
# service-start.sh NAME: starts one Patchbay service (built, from services/NAME/dist) with the settings in
# deploy/local/.env, logging to $PB_LOGS/NAME.log, and waits until its /readyz answers 200 (60 s at most).
# Used by services-up.sh, and by end-to-end tests that restart a service they killed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$PB_LIB_DIR/services.sh"

name=${1:?usage: service-start.sh <service name>}
port_var=$(pb_service_port_var "$name") || pb_die "unknown service '$name' (expected one of: ${PB_SERVICES[*]})"
main=$(pb_service_main "$name")
[[ -f $main ]] || pb_die "$main is missing: run npm run build first"
pb_load_env
port=${!port_var:?$port_var missing from $PB_ENV_FILE: run npm run up}
pid_file=$PB_PIDS/$name.pid
log=$PB_LOGS/$name.log
mkdir -p "$PB_PIDS" "$PB_LOGS"

if pb_pid_alive "$pid_file"; then
  pb_die "$name is already running (pid $(<"$pid_file"))"
fi

# Each service reads PATCHBAY_HTTP_PORT; the env file holds one port per service. kafkajs 2.2 sets negative
# timers, which Node 24 warns about on every start (harmless: Node treats them as 1 ms).
PATCHBAY_HTTP_PORT=$port setsid "$PB_NODE" --enable-source-maps --disable-warning=TimeoutNegativeWarning "$main" >>"$log" 2>&1 </dev/null &
echo $! >"$pid_file"

if ! "$PB_NODE" "$PB_LIB_DIR/readiness.mjs" http "http://127.0.0.1:$port/readyz" --timeout-ms=60000 --pid="$(<"$pid_file")"; then
  pb_say "$name did not become ready: see $log"
  exit 1
fi
echo "$name ready on 127.0.0.1:$port (pid $(<"$pid_file"), log $log)"
