#!/usr/bin/env bash
# Brings up Postgres, Kafka and Vault as local processes and writes deploy/local/.env.
# Three chains run in parallel, each step timed and logged to $PB_LOGS/<step>.log:
#   postgres
#   kafka-fetch -> kafka
#   vault-build -> vault
# Already up and healthy: says so and exits 0. Up but unhealthy: tears the old state down and starts fresh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start=$(pb_now_ms)

if [[ -f $PB_ENV_FILE ]]; then
  if bash "$PB_LIB_DIR/infra-check.sh" >/dev/null 2>&1; then
    pb_say "infrastructure already up and healthy ($PB_ENV_FILE)"
    exit 0
  fi
  pb_say "found $PB_ENV_FILE but the infrastructure is not healthy: restarting it"
  bash "$PB_LIB_DIR/infra-down.sh"
elif [[ -d $PB_STATE/pids ]]; then
  # Leftovers of a failed bring-up (no env file): stop whatever is still running.
  bash "$PB_LIB_DIR/infra-down.sh"
fi

pb_remove_state
mkdir -p "$PB_LOGS" "$PB_PIDS"

pb_step deps bash "$PB_LIB_DIR/deps-install.sh"

read -r PB_PG_PORT PB_KAFKA_PORT PB_KAFKA_CONTROLLER_PORT PB_VAULT_PORT < <("$PB_NODE" "$PB_LIB_DIR/free-ports.mjs" 4)
PB_VAULT_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export PB_PG_PORT PB_KAFKA_PORT PB_KAFKA_CONTROLLER_PORT PB_VAULT_PORT PB_VAULT_TOKEN

pb_step postgres bash "$PB_LIB_DIR/postgres-start.sh" &
postgres_chain=$!
{ pb_step kafka-fetch bash "$PB_LIB_DIR/kafka-fetch.sh" && pb_step kafka bash "$PB_LIB_DIR/kafka-start.sh"; } &
kafka_chain=$!
{ pb_step vault-build bash "$PB_LIB_DIR/vault-build.sh" && pb_step vault bash "$PB_LIB_DIR/vault-start.sh"; } &
vault_chain=$!

failed=0
for chain in "$postgres_chain" "$kafka_chain" "$vault_chain"; do
  wait "$chain" || failed=1
done

if [[ $failed -ne 0 ]]; then
  pb_say "bring-up failed in: $(tr '\n' ' ' <"$PB_STATE/failed-steps")"
  pb_say "stopping what did start; logs kept in $PB_LOGS (reset with: npm run down)"
  bash "$PB_LIB_DIR/infra-down.sh" >/dev/null 2>&1 || true
  exit 1
fi

# Plain KEY=value lines: `set -a; . deploy/local/.env` in bash, util.parseEnv / process.loadEnvFile in Node.
cat >"$PB_ENV_FILE.tmp" <<EOF
# Written by deploy/local/up.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ); removed by deploy/local/down.sh.
KAFKA_BROKERS=127.0.0.1:$PB_KAFKA_PORT
DATABASE_URL=postgres://postgres@127.0.0.1:$PB_PG_PORT/patchbay
VAULT_ADDR=http://127.0.0.1:$PB_VAULT_PORT
VAULT_TOKEN=$PB_VAULT_TOKEN
PATCHBAY_STATE_DIR=$PB_STATE
PATCHBAY_LOG_DIR=$PB_LOGS
EOF
chmod 600 "$PB_ENV_FILE.tmp"
mv "$PB_ENV_FILE.tmp" "$PB_ENV_FILE"

pb_say "infrastructure up in $(pb_seconds_since "$start"): env file $PB_ENV_FILE, logs $PB_LOGS"
sed -n 's/^\(KAFKA_BROKERS\|DATABASE_URL\|VAULT_ADDR\)=/[patchbay]   &/p' "$PB_ENV_FILE" >&2
