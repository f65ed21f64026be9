# shellcheck shell=bash
# The four Patchbay services as deploy/local runs them: names, entry points and the variable holding each
# service's HTTP port in the env file. Sourced by services-up.sh, service-start.sh and services-down.sh.

PB_SERVICES=(connection-store connector-runtime orchestrator trigger-ingestion)

# pb_service_port_var NAME -> the env-file variable with the service's HTTP port.
pb_service_port_var() {
  case $1 in
    trigger-ingestion) echo PATCHBAY_TRIGGER_INGESTION_PORT ;;
    orchestrator) echo PATCHBAY_ORCHESTRATOR_PORT ;;
    connector-runtime) echo PATCHBAY_CONNECTOR_RUNTIME_PORT ;;
    connection-store) echo PATCHBAY_CONNECTION_STORE_PORT ;;
    *) return 1 ;;
  esac
}

pb_service_main() { echo "$PB_ROOT/services/$1/dist/main.js"; }

# Loads the env file into the current shell, exporting every variable.
pb_load_env() {
  [[ -f $PB_ENV_FILE ]] || pb_die "$PB_ENV_FILE is missing: run npm run up"
  set -a
  # shellcheck disable=SC1090
  source "$PB_ENV_FILE"
  set +a
}

# pb_service_ready NAME: its process runs and its /readyz answers 200 (needs the env file loaded).
pb_service_ready() {
  local port_var
  port_var=$(pb_service_port_var "$1")
  pb_pid_alive "$PB_PIDS/$1.pid" && curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${!port_var}/readyz"
}
