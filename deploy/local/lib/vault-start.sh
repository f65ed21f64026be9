#!/usr/bin/env bash
# Starts Vault in dev mode on 127.0.0.1:$PB_VAULT_PORT with root token $PB_VAULT_TOKEN: in-memory storage,
# unsealed, KV v2 at secret/ (the dev-mode default), and Transit enabled at transit/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
: "${PB_VAULT_PORT:?}" "${PB_VAULT_TOKEN:?}"

bin=$(pb_vault_bin)
[[ -x $bin ]] || pb_die "no Vault binary at $bin (run lib/vault-build.sh)"
mkdir -p "$PB_PIDS" "$PB_LOGS"
addr=http://127.0.0.1:$PB_VAULT_PORT

echo "starting $("$bin" version) on $addr"
# The token goes through the environment, not argv, so it does not show in ps.
# -dev-no-store-token: do not write ~/.vault-token.
VAULT_DEV_ROOT_TOKEN_ID=$PB_VAULT_TOKEN setsid "$bin" server -dev \
  -dev-listen-address="127.0.0.1:$PB_VAULT_PORT" -dev-no-store-token \
  >"$PB_LOGS/vault-server.log" 2>&1 </dev/null &
echo $! >"$PB_PIDS/vault.pid"

export VAULT_ADDR=$addr VAULT_TOKEN=$PB_VAULT_TOKEN
# `vault status` exits 0 only once the server answers and is unsealed.
until "$bin" status >/dev/null 2>&1; do
  if ! pb_pid_alive "$PB_PIDS/vault.pid"; then
    tail -n 20 "$PB_LOGS/vault-server.log"
    pb_die "Vault exited during startup"
  fi
  sleep 0.1
done
"$bin" secrets enable transit
"$PB_NODE" --disable-warning=TimeoutNegativeWarning "$PB_LIB_DIR/readiness.mjs" vault "$addr" --timeout-ms=30000
echo "Vault ready on $addr"
