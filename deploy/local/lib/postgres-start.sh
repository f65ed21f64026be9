#!/usr/bin/env bash
# Starts a throwaway Postgres cluster on 127.0.0.1:$PB_PG_PORT with database `patchbay`, fsync off.
# Each service creates its own schema through its migrations; this script only provides the database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
: "${PB_PG_PORT:?}"

pgbin=$(pb_pg_bin) || pb_die "no Postgres binaries (run lib/deps-install.sh)"
home=$PB_STATE/postgres
log=$PB_LOGS/postgres-server.log
mkdir -p "$home" "$PB_PIDS"

if [[ $EUID -eq 0 ]]; then
  chown postgres: "$home"
  # A checkout under /root is not traversable by the postgres user: keep the cluster in /tmp instead.
  if ! runuser -u postgres -- test -w "$home"; then
    home=$(mktemp -d /tmp/patchbay-postgres.XXXXXX)
    chown postgres: "$home"
    log=$home/server.log
    ln -sf "$log" "$PB_LOGS/postgres-server.log"
  else
    touch "$log"
    chown postgres: "$log"
  fi
fi
echo "$home" >"$PB_STATE/postgres.home"

echo "initdb in $home/data with $pgbin"
pb_as_pg "$pgbin/initdb" -D "$home/data" -U postgres --auth=trust -E UTF8 --no-locale --no-sync

# Unix sockets off (TCP on loopback only); durability off because the cluster is thrown away.
echo "starting Postgres on 127.0.0.1:$PB_PG_PORT"
pb_as_pg "$pgbin/pg_ctl" -D "$home/data" -l "$log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $PB_PG_PORT \
  -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=200" start
head -n 1 "$home/data/postmaster.pid" >"$PB_PIDS/postgres.pid"

psql=("$pgbin/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PB_PG_PORT" -U postgres)
[[ $("${psql[@]}" -d postgres -Atc 'select 1') == 1 ]] || pb_die "psql select 1 failed"
"${psql[@]}" -d postgres -qc 'create database patchbay'
echo "Postgres ready: database patchbay on 127.0.0.1:$PB_PG_PORT"
