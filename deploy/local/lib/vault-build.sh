#!/usr/bin/env bash
# Builds HashiCorp Vault $PB_VAULT_VERSION from the Go module proxy into $PB_CACHE/bin/vault-<version>.
# Skipped when that binary exists (or PATCHBAY_VAULT_BIN names one). Cold: about 7 min on 2 cores (see README).
#
# Why a wrapper module (deploy/local/vault/go.mod): Vault's own go.mod replaces its sdk/api submodules with
# ./sdk and ./api (copies in its tree that the module zip leaves out), so `go install ...vault@v1.14.8` is
# refused, and a plain dependency on it gets the api v1.9.2 and sdk v0.9.2 tags instead. The proxy here refuses
# commit pseudo-versions, so no exact copy can be fetched. What works (see vault/go.mod):
#   - api v1.10.0 (v1.9.2 lacks two Raft autopilot calls the CLI uses);
#   - ./sdk = the sdk v0.9.2 tag + vault/sdk-compat/*.go (ours: five names of 1.14.x backports) with one check
#     removed (below). v0.9.1 lacks features 1.14.0 shipped; v0.10+ changed the event API 1.14.8 uses.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bin=$(pb_vault_bin)
SDK_BASE=v0.9.2

pb_lock_self "vault-$PB_VAULT_VERSION" "$@"
if [[ -x $bin ]]; then
  echo "Vault binary cached: $bin"
  exit 0
fi
command -v go >/dev/null || pb_die "Go (>= 1.21) is needed to build Vault once; or set PATCHBAY_VAULT_BIN"
work=$PB_CACHE/vault-build-$PB_VAULT_VERSION
mkdir -p "$work" "$(dirname "$bin")"
cp "$PB_LOCAL_DIR/vault/go.mod" "$PB_LOCAL_DIR/vault/go.sum" "$PB_LOCAL_DIR/vault/tools.go" "$work/"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false"
export GOPATH=$PB_CACHE/go GOMODCACHE=$PB_CACHE/go/mod GOCACHE=$PB_CACHE/go/build
echo "building Vault $PB_VAULT_VERSION with $(go version) in $work"
start=$(pb_now_ms)
# The replaced sdk must exist before Go loads the module graph: fetch it on its own (go.sum verifies it).
sdk=$(cd "$work" && go mod download -json github.com/hashicorp/vault/sdk@$SDK_BASE | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
[[ -d $sdk ]] || pb_die "could not download github.com/hashicorp/vault/sdk@$SDK_BASE"
rm -rf "$work/sdk"
cp -r "$sdk" "$work/sdk"
chmod -R u+w "$work/sdk"
cp "$PB_LOCAL_DIR/vault/sdk-compat/logical_patchbay_compat.go" "$work/sdk/logical/"
cp "$PB_LOCAL_DIR/vault/sdk-compat/physical_patchbay_compat.go" "$work/sdk/physical/"
# sdk v0.9.2, cut from main after the 1.14 branch, panics when a path has a CreateOperation but no
# ExistenceCheck; 1.14.8's system backend has such Enterprise stub paths and its own sdk never checked.
sed -i '/Detect the coding error of attempting to define a CreateOperation without defining an ExistenceCheck/,/^\t\t}$/d' \
  "$work/sdk/framework/backend.go"
if grep -q 'defines a CreateOperation but no ExistenceCheck' "$work/sdk/framework/backend.go"; then
  pb_die "could not remove the ExistenceCheck panic from sdk/framework/backend.go"
fi
(cd "$work" && go mod download)
echo "modules downloaded after $(pb_seconds_since "$start")"
(cd "$work" && go build -trimpath -ldflags "-s -w" -o "$bin.tmp" github.com/hashicorp/vault)
mv "$bin.tmp" "$bin"
echo "build done after $(pb_seconds_since "$start")"
"$bin" version

