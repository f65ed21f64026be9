#!/usr/bin/env bash
# n8n-install.sh: installs the n8n release npm run bench:e2e compares Patchbay with, once, into the cache
# ($PB_CACHE/n8n-<version>, outside the repo), and prints that directory as its last line.
#
# The install runs with scripts disabled: one of n8n's dependencies downloads a binary from outside the npm
# registry in its install script. The bench points n8n at Postgres, so no native module needs building (its
# sqlite3 is only loaded for the SQLite backend). A finished install is marked; an interrupted one is redone.
#
# Settings: PATCHBAY_N8N_VERSION (default 2.40.7: 2.41.x needs a package missing from the registry).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../local/lib/common.sh"

version=${PATCHBAY_N8N_VERSION:-2.40.7}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || pb_die "PATCHBAY_N8N_VERSION must be an exact version like 2.40.7, got '$version'"
dir=$PB_CACHE/n8n-$version
marker=$dir/.patchbay-installed

if [[ ! -f $marker ]]; then
  mkdir -p "$PB_CACHE/locks"
  exec 9>"$PB_CACHE/locks/n8n-$version.lock"
  flock 9
  if [[ ! -f $marker ]]; then
    start=$(pb_now_ms)
    pb_say "installing n8n $version into $dir (a few minutes, once)"
    rm -rf "$dir.tmp" "$dir"
    mkdir -p "$dir.tmp"
    printf '{ "name": "patchbay-bench-n8n", "private": true, "dependencies": { "n8n": "%s" } }\n' "$version" \
      >"$dir.tmp/package.json"
    # npm runs under the repo's Node 24, which n8n 2.x requires.
    (cd "$dir.tmp" && PATH="$PB_ROOT/node_modules/.bin:$PATH" npm install --ignore-scripts --omit=dev \
      --no-audit --no-fund --loglevel=error) >&2
    [[ -f $dir.tmp/node_modules/n8n/bin/n8n ]] || pb_die "npm install finished but node_modules/n8n/bin/n8n is missing"
    mv "$dir.tmp" "$dir"
    touch "$marker"
    pb_say "n8n $version installed in $(pb_seconds_since "$start")"
  fi
  exec 9>&-
fi
echo "$dir"
