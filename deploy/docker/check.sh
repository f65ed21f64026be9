#!/usr/bin/env bash
# Static checks of the Docker files without a Docker engine:
#   1. deploy/compose.yaml loads with compose-go (the loader `docker compose` uses): schema, interpolation,
#      anchors and merges, depends_on targets; prints the resolved services;
#   2. every service's environment in it is what its config schema requires and reads (compose-env-check.py,
#      with the tables of helm/assert-rendered.py),
#   3. deploy/docker/Dockerfile parses and lints with dockerfile-utils,
#   4. each image's /app, assembled as the Dockerfile does (assemble.sh and `npm ci --omit=dev --workspace`, in a
#      temporary directory), loads the service's whole module graph and holds the files libraries read at runtime.
# Tools are built or fetched on first use into ${PATCHBAY_CACHE:-$HOME/.cache/patchbay}. Exits non-zero on a problem.
set -euo pipefail

COMPOSE_GO_VERSION=v2.16.2
DOCKERFILE_UTILS_VERSION=0.16.3

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deploy=$(dirname "$here")
cache=${PATCHBAY_CACHE:-$HOME/.cache/patchbay}
export GOPATH=$cache/go GOMODCACHE=$cache/go/mod GOCACHE=$cache/go/build GOTOOLCHAIN=local CGO_ENABLED=0

loader=$cache/go/bin/compose-config-$COMPOSE_GO_VERSION/compose-config
if [[ ! -x $loader ]]; then
  echo "building compose-config with compose-go $COMPOSE_GO_VERSION" >&2
  src=$(mktemp -d)
  trap 'rm -rf "$src"' EXIT
  cat >"$src/main.go" <<'GO'
// Loads a compose file the way `docker compose config` does and prints the resolved project.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	opts, err := cli.NewProjectOptions(os.Args[1:], cli.WithOsEnv, cli.WithDotEnv, cli.WithConsistency(true))
	if err != nil {
		fail(err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		fail(err)
	}
	out, err := project.MarshalYAML()
	if err != nil {
		fail(err)
	}
	os.Stdout.Write(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
GO
  printf 'module composeconfig\n\ngo 1.26\n' >"$src/go.mod"
  (cd "$src" && go get "github.com/compose-spec/compose-go/v2/cli@$COMPOSE_GO_VERSION" >&2 \
    && go mod tidy >&2 && go build -trimpath -o "$loader" .)
fi

echo "== deploy/compose.yaml (compose-go $COMPOSE_GO_VERSION)"
resolved=$("$loader" "$deploy/compose.yaml")
printf '%s\n' "$resolved" | awk '/^services:/{s=1; next} /^[^ ]/{s=0} s && /^  [a-z]/{sub(":", ""); sub(/^ +/, ""); printf "  ok   service %s\n", $0}'

echo "== deploy/compose.yaml environment against the services' config schemas"
resolved_file=$(mktemp)
printf '%s\n' "$resolved" >"$resolved_file"
status=0
python3 "$here/compose-env-check.py" "$resolved_file" || status=$?
rm -f "$resolved_file"
((status == 0)) || exit "$status"

echo "== deploy/docker/Dockerfile (dockerfile-utils $DOCKERFILE_UTILS_VERSION)"
npx --yes "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" lint "$here/Dockerfile"
echo "  ok   parses and lints clean"

# The image's /app, built the way the Dockerfile builds it (assemble.sh, `npm ci --omit=dev --workspace`) but
# without Docker: each service must load its whole module graph there (it then stops on the missing
# configuration, which proves every static import resolved) and find the files its libraries read at runtime.
echo "== runtime layout of each image (assemble.sh, npm ci --omit=dev --workspace)"
repo=$(dirname "$deploy")
export PATH=$repo/node_modules/.bin:$PATH
layout=$(mktemp -d)
trap 'rm -rf "$layout"' EXIT
(cd "$repo" && find . -name package.json -not -path '*/node_modules/*' -not -path './deploy/local/.state/*' \
  -exec cp --parents {} "$layout/" \; && cp package-lock.json "$layout/")
for service in trigger-ingestion orchestrator connector-runtime connection-store; do
  app=$layout/image-$service
  tsc -b "$repo/services/$service/tsconfig.json"
  (cd "$layout" && rm -rf node_modules libs/*/node_modules services/*/node_modules \
    && npm ci --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error \
      --workspace "services/$service" >/dev/null \
    && bash "$here/assemble.sh" deps "$app")
  (cd "$repo" && bash "$here/assemble.sh" files "$service" "$app")
  # An empty environment: the service must get as far as validating its configuration.
  out=$(cd "$app/services/$service" && env -i PATH="$PATH" NODE_ENV=production node dist/main.js 2>&1) && {
    echo "  FAIL $service started without any configuration"
    exit 1
  }
  if [[ $out != *"$service failed to start: Invalid configuration"* ]]; then
    printf '%s\n' "$out" | head -20 | sed 's/^/    /'
    echo "  FAIL $service: its modules do not load in the image layout"
    exit 1
  fi
  protos=$(cd "$app/services/$service" && node --input-type=module -e '
    import { existsSync } from "node:fs";
    const contracts = await import("@patchbay/contracts");
    const files = Object.entries(contracts).filter(([name]) => name.endsWith("_PROTO")).map(([, file]) => file);
    const missing = files.filter((file) => !existsSync(file));
    if (files.length === 0 || missing.length > 0) { console.error("missing:", missing.join(", ") || "no *_PROTO export"); process.exit(1); }
    console.log(files.length);') || { echo "  FAIL $service: proto files missing in the image layout"; exit 1; }
  echo "  ok   $service: all modules load (stops on the empty configuration), $protos proto file(s) present"
done
