#!/usr/bin/env bash
# Exit 0 when the infrastructure described by deploy/local/.env is running and answering:
# pid files alive, psql `select 1`, Kafka metadata through kafkajs, Vault health/token/mounts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[[ -f $PB_ENV_FILE ]] || pb_die "no $PB_ENV_FILE"
set -a
# shellcheck disable=SC1090
source "$PB_ENV_FILE"
set +a

for name in postgres kafka vault; do
  pb_pid_alive "$PB_PIDS/$name.pid" || pb_die "$name is not running"
done
pgbin=$(pb_pg_bin)
[[ $("$pgbin/psql" -X -Atc 'select 1' "$DATABASE_URL") == 1 ]] || pb_die "postgres does not answer"
"$PB_NODE" --disable-warning=TimeoutNegativeWarning "$PB_LIB_DIR/readiness.mjs" kafka "$KAFKA_BROKERS" --timeout-ms=3000
"$PB_NODE" --disable-warning=TimeoutNegativeWarning "$PB_LIB_DIR/readiness.mjs" vault "$VAULT_ADDR" --timeout-ms=3000
echo "healthy"
