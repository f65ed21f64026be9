#!/usr/bin/env bash
# What a service image holds at runtime, used by the Dockerfile and by check.sh (which checks the same layout
# without Docker). Run from the repository root.
#   assemble.sh files <service> <dest>: package.json and everything else a library or the service ships (dist/,
#     libs/contracts/proto/, ...) without sources, tests, declarations or build info;
#   assemble.sh deps <dest>: node_modules of an `npm ci --workspace` tree, including the nested node_modules
#     npm puts in libs/* and services/* when two packages need different versions of a dependency.
set -euo pipefail

copy_package() { # package dir, dest root
  mkdir -p "$2/$1"
  find "$1" -mindepth 1 -maxdepth 1 ! -name src ! -name node_modules ! -name 'tsconfig*.json' ! -name '*.md' \
    -exec cp -r {} "$2/$1/" \;
}

case "${1:-}" in
  files)
    service=$2 dest=$3
    [[ -f services/$service/package.json ]] || { echo "assemble.sh: no service $service" >&2; exit 1; }
    mkdir -p "$dest"
    cp package.json "$dest/"
    for lib in libs/*; do copy_package "$lib" "$dest"; done
    copy_package "services/$service" "$dest"
    find "$dest" \( -name '*.spec.js*' -o -name '*.int-spec.js*' -o -name '*.e2e-spec.js*' -o -name '*.d.ts' \
      -o -name '*.d.ts.map' -o -name '*.tsbuildinfo' \) -delete
    ;;
  deps)
    dest=$2
    mkdir -p "$dest"
    cp -a node_modules "$dest/"
    find libs services -mindepth 2 -maxdepth 2 -name node_modules -type d -exec cp -a --parents {} "$dest/" \;
    ;;
  *)
    echo "usage: assemble.sh files <service> <dest> | deps <dest>" >&2
    exit 2
    ;;
esac
