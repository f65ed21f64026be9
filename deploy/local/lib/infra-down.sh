#!/usr/bin/env bash
# Stops Kafka, Vault and Postgres started by infra-up.sh, by pid file; removes deploy/local/.env.
# The state dir (data, logs) stays; down.sh decides whether to delete it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

rm -f "$PB_ENV_FILE"

# stop_pid NAME: SIGTERM, wait up to 20 s for a clean exit, then SIGKILL.
stop_pid() {
  local name=$1 file=$PB_PIDS/$1.pid pid
  pb_pid_alive "$file" || {
    rm -f "$file"
    return 0
  }
  pid=$(<"$file")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    pb_say "$name (pid $pid) ignored SIGTERM for 20 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
  echo "stopped $name (pid $pid)"
}

stop_postgres() {
  local home data
  [[ -f $PB_STATE/postgres.home ]] || return 0
  home=$(<"$PB_STATE/postgres.home")
  data=$home/data
  if [[ -f $data/postmaster.pid ]] && pgbin=$(pb_pg_bin); then
    pb_as_pg "$pgbin/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
  fi
  stop_pid postgres
}

stop_pid kafka &
stop_pid vault &
stop_postgres &
wait
