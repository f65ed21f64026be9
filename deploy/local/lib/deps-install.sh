#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for the local infrastructure, and nothing that is already there:
#   - Postgres 15 server (apt postgresql-15)
#   - a Java 17+ runtime and Maven (apt openjdk-17-jre-headless, maven)   for the Kafka broker and its jar fetch
#   - npm dependencies (npm ci) when node_modules is absent                for Node 24 and kafkajs
# Go is not installed here: Debian's Go is too old for Vault; CI images bring Go 1.26 (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

apt_packages=()

if ! pb_pg_bin >/dev/null; then
  apt_packages+=(postgresql-15)
fi

java_major() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
if ! command -v java >/dev/null || [[ $(java_major) -lt 17 ]]; then
  apt_packages+=(openjdk-17-jre-headless)
fi
if ! command -v mvn >/dev/null; then
  apt_packages+=(maven)
fi

if ((${#apt_packages[@]} > 0)); then
  sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null || pb_die "missing ${apt_packages[*]} and not root (no sudo): install them first"
    sudo=(sudo)
  fi
  echo "apt-get install ${apt_packages[*]}"
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${apt_packages[@]}"
fi

pb_pg_bin >/dev/null || pb_die "Postgres binaries not found after install (set PATCHBAY_PG_BIN)"
echo "postgres: $(pb_pg_bin)"
echo "java: $(java_major)"
echo "maven: $(mvn -v 2>/dev/null | head -n 1)"

if [[ ! -d $PB_ROOT/node_modules ]]; then
  echo "npm ci"
  (cd "$PB_ROOT" && flock /tmp/patchbay-npm.lock npm ci --no-audit --no-fund)
fi
[[ -x $PB_NODE ]] || pb_die "$PB_NODE missing: run npm ci at the repository root"
echo "node: $("$PB_NODE" --version)"
