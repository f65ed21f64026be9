#!/usr/bin/env bash
# Proves patchbay-policy.hcl against a real Vault/OpenBao dev server: a token holding only this policy can do
# what connection-store needs (KV v2 connection secrets, transit with the "patchbay" key, renew itself) and is
# refused ("permission denied") everything next to it.
# The server binary: $VAULT_BIN, else the newest bao-*/vault-* in ${PATCHBAY_CACHE:-$HOME/.cache/patchbay}/bin
# (deploy/local builds them). Exits non-zero on any unexpected result.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
policy=$here/patchbay-policy.hcl
cache=${PATCHBAY_CACHE:-$HOME/.cache/patchbay}
bin=${VAULT_BIN:-$(ls -t "$cache"/bin/bao-* "$cache"/bin/vault-* 2>/dev/null | head -n 1 || true)}
[[ -x $bin ]] || { echo "no Vault/OpenBao binary: set VAULT_BIN or run deploy/local first" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$bin" server -dev -dev-root-token-id=root -dev-listen-address="127.0.0.1:$port" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
export VAULT_ADDR=http://127.0.0.1:$port BAO_ADDR=http://127.0.0.1:$port VAULT_TOKEN=root BAO_TOKEN=root

# Wait until the dev server answers unsealed, or give up if it exits.
until "$bin" status >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; echo "dev server exited" >&2; exit 1; }
  sleep 0.2
done
echo "== $("$bin" version) dev server on 127.0.0.1:$port"

"$bin" secrets enable transit >/dev/null
"$bin" secrets enable database >/dev/null
"$bin" write -f transit/keys/patchbay >/dev/null
"$bin" write -f transit/keys/other >/dev/null
"$bin" kv put -mount=secret patchbay/other x=1 >/dev/null
"$bin" policy write patchbay "$policy" >/dev/null
token=$("$bin" token create -policy=patchbay -period=1h -orphan -field=token)

failures=0
expect() { # allow|deny command...
  local want=$1 out got
  shift
  if out=$(VAULT_TOKEN=$token BAO_TOKEN=$token "$bin" "$@" 2>&1); then got=allow; else got=deny; fi
  if [[ $got == "$want" && ($want == allow || $out == *"permission denied"*) ]]; then
    echo "  ok   $want: $*"
  else
    echo "  FAIL want $want, got $got: $*"
    printf '%s\n' "$out" | head -3 | sed 's/^/       /'
    failures=$((failures + 1))
  fi
}

# Allowed by the policy even when the call itself fails for another reason (no such database role here).
expect_permitted() {
  local out
  out=$(VAULT_TOKEN=$token BAO_TOKEN=$token "$bin" "$@" 2>&1) || true
  if [[ $out == *"permission denied"* ]]; then
    echo "  FAIL want permitted, got permission denied: $*"
    failures=$((failures + 1))
  else
    echo "  ok   permitted: $*"
  fi
}

plaintext=$(printf hello | base64)
expect allow kv put -mount=secret patchbay/connections/c1 clientSecret=s3cret
expect allow kv patch -mount=secret patchbay/connections/c1 refreshToken=r1
expect allow kv get -mount=secret patchbay/connections/c1
expect allow kv destroy -mount=secret -versions=2 patchbay/connections/c1
expect allow list secret/metadata/patchbay/connections
expect allow write transit/encrypt/patchbay plaintext="$plaintext"
ciphertext=$(VAULT_TOKEN=$token BAO_TOKEN=$token "$bin" write -field=ciphertext transit/encrypt/patchbay plaintext="$plaintext")
expect allow write transit/decrypt/patchbay ciphertext="$ciphertext"
expect allow token renew
expect allow kv delete -mount=secret patchbay/connections/c1
expect allow kv metadata delete -mount=secret patchbay/connections/c1
expect deny kv get -mount=secret patchbay/other
expect deny kv destroy -mount=secret -versions=1 patchbay/other
expect deny kv put -mount=secret patchbay/other x=2
expect deny list secret/metadata/patchbay
expect deny kv metadata get -mount=secret patchbay/connections/c1
expect deny write transit/encrypt/other plaintext="$plaintext"
expect deny read transit/keys/patchbay
expect deny write -f transit/keys/patchbay/rotate
expect deny policy write patchbay "$policy"
expect_permitted read database/creds/patchbay-orders
expect deny read database/config/pg
expect deny write database/roles/patchbay-orders db_name=pg
expect deny read database/roles/patchbay-orders

if ((failures)); then
  echo "$failures unexpected results"
  exit 1
fi
echo "policy check passed"
