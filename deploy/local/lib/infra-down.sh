#!/usr/bin/env bash
# Stops Kafka, Vault and Postgres started by infra-up.sh, by pid file; removes deploy/local/.env.
# The state dir (data, logs) stays; down.sh decides whether to delete it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

rm -f "$PB_ENV_FILE"

stop_postgres() {
  local home data
  [[ -f $PB_STATE/postgres.home ]] || return 0
  home=$(<"$PB_STATE/postgres.home")
  data=$home/data
  if [[ -f $data/postmaster.pid ]] && pgbin=$(pb_pg_bin); then
    pb_as_pg "$pgbin/pg_ctl" -D "$data" -m fast -w -t 20 stop >/dev/null 2>&1 || true
  fi
  pb_stop_pid postgres
}

pb_stop_pid kafka &
pb_stop_pid vault &
stop_postgres &
wait
