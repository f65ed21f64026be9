#!/usr/bin/env bash
# Builds HashiCorp Vault $PB_VAULT_VERSION from the Go module proxy into $PB_CACHE/bin/vault-<version>.
# Skipped when that binary exists (or PATCHBAY_VAULT_BIN names one). Cold: about 10-20 min on 2 cores (see README).
#
# Why a wrapper module (deploy/local/vault/go.mod): Vault's own go.mod replaces its api/sdk submodules with
# ./api and ./sdk, so `go install github.com/hashicorp/vault@v1.14.8` is refused, and a plain dependency on it
# would resolve sdk v0.9.2, which lacks symbols 1.14.8 uses. The proxy here refuses commit pseudo-versions, so
# the wrapper pins the nearest tagged sdk that has them (v0.11.0); go.mod/go.sum fix the whole graph.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bin=$(pb_vault_bin)

build() {
  if [[ -x $bin ]]; then
    echo "Vault binary cached: $bin"
    return 0
  fi
  command -v go >/dev/null || pb_die "Go (>= 1.21) is needed to build Vault once; or set PATCHBAY_VAULT_BIN"
  local work=$PB_CACHE/vault-build-$PB_VAULT_VERSION
  mkdir -p "$work" "$(dirname "$bin")"
  cp "$PB_LOCAL_DIR/vault/go.mod" "$PB_LOCAL_DIR/vault/go.sum" "$PB_LOCAL_DIR/vault/tools.go" "$work/"
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
  export GOPATH=$PB_CACHE/go GOMODCACHE=$PB_CACHE/go/mod GOCACHE=$PB_CACHE/go/build
  echo "building Vault $PB_VAULT_VERSION with $(go version) in $work"
  local start
  start=$(pb_now_ms)
  (cd "$work" && go mod download)
  echo "modules downloaded after $(pb_seconds_since "$start")"
  # -checklinkname=0: Go >= 1.23 rejects //go:linkname pulls into the runtime that some 2023 dependencies use.
  (cd "$work" && go build -trimpath -ldflags "-s -w -checklinkname=0" -o "$bin.tmp" github.com/hashicorp/vault)
  mv "$bin.tmp" "$bin"
  echo "build done after $(pb_seconds_since "$start")"
  "$bin" version
}

pb_with_lock "vault-$PB_VAULT_VERSION" build
