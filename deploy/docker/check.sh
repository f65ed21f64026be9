#!/usr/bin/env bash
# Static checks of the Docker files without a Docker engine:
#   1. deploy/compose.yaml loads with compose-go (the loader `docker compose` uses): schema, interpolation,
#      anchors and merges, depends_on targets; prints the resolved services;
#   2. deploy/docker/Dockerfile parses and lints with dockerfile-utils.
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

echo "== deploy/docker/Dockerfile (dockerfile-utils $DOCKERFILE_UTILS_VERSION)"
npx --yes "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" lint "$here/Dockerfile"
echo "  ok   parses and lints clean"
