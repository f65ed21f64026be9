#!/usr/bin/env bash
# Installs the chart-check tools into the Patchbay cache if they are missing, then prints their paths as
# shell assignments (HELM=..., KUBECONFORM=..., K8S_SCHEMAS=..., PYTHON=...) for check.sh to eval.
# Sources: the Go module proxy (helm, kubeconform) and PyPI (kubernetes-validate, for its JSON schemas).
# Progress goes to stderr so stdout stays machine-readable.
set -euo pipefail

HELM_VERSION=v3.21.4
KUBECONFORM_VERSION=v0.7.0
# The kubernetes-validate release fixes which Kubernetes schema versions we can validate against.
KUBERNETES_VALIDATE_VERSION=1.35.0

CACHE=${PATCHBAY_CACHE:-$HOME/.cache/patchbay}
export GOPATH=$CACHE/go
# Same layout as the other Patchbay Go builds, so the module and build caches are shared.
export GOMODCACHE=$GOPATH/mod GOCACHE=$GOPATH/build
export GOTOOLCHAIN=local CGO_ENABLED=0

log() { printf '[install-tools] %s\n' "$*" >&2; }

# Two checks starting at once would install into the same directories.
mkdir -p "$CACHE"
exec 9>"$CACHE/.install-tools.lock"
flock 9

# One directory per tool version: presence of the binary means that exact version is installed.
go_tool() { # name module version [ldflags]
  local name=$1 module=$2 version=$3 ldflags=${4:-}
  local bin=$GOPATH/bin/$name-$version/$name
  if [[ ! -x $bin ]]; then
    command -v go >/dev/null || { log "go is required to install $name"; exit 1; }
    log "installing $name $version (go install $module@$version)"
    local start=$SECONDS
    GOBIN=$(dirname "$bin") go install -trimpath -ldflags "-s -w $ldflags" "$module@$version" >&2
    log "installed $name $version in $((SECONDS - start)) s"
  fi
  printf '%s\n' "$bin"
}

# helm's Makefile sets these with -X; a plain `go install` would report version "v3.21" and, worse, assume
# Kubernetes 1.20 for .Capabilities.KubeVersion and for lint's deprecation checks. 1.36 is the minor of the
# k8s.io modules helm v3.21.4 is built with (client-go v0.36.2).
HELM_K8S_MINOR=36
HELM_LDFLAGS="-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
for pkg in pkg/lint/rules pkg/chartutil; do
  HELM_LDFLAGS+=" -X helm.sh/helm/v3/$pkg.k8sVersionMajor=1 -X helm.sh/helm/v3/$pkg.k8sVersionMinor=$HELM_K8S_MINOR"
done
HELM=$(go_tool helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" "$HELM_LDFLAGS")
KUBECONFORM=$(go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION" \
  "-X main.version=$KUBECONFORM_VERSION")

# A private virtualenv keeps the schemas out of the system Python.
VENV=$CACHE/py/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import kubernetes_validate' 2>/dev/null; then
  log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION (pip) into $VENV"
  start=$SECONDS
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" >&2
  log "installed kubernetes-validate in $((SECONDS - start)) s"
fi
# The package's schemas carry "$id": "https://kubernetes.io/api/..." and reference "/api/_definitions.json",
# which its own Python resolver preloads; kubeconform does not, fails to compile them and reports "could not
# find schema". Copy the strict variants without the $id and with the reference made relative to the file.
K8S_SCHEMAS=$CACHE/k8s-json-schema/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION
if [[ ! -f $K8S_SCHEMAS/.complete ]]; then
  log "preparing kubeconform schemas in $K8S_SCHEMAS"
  rm -rf "$K8S_SCHEMAS"
  "$VENV/bin/python" - "$K8S_SCHEMAS" <<'PY'
import json, os, sys, kubernetes_validate
src = os.path.join(os.path.dirname(kubernetes_validate.__file__), "kubernetes-json-schema")
dst = sys.argv[1]
for version_dir in sorted(os.listdir(src)):
    if not version_dir.endswith("-local-strict"):
        continue
    os.makedirs(os.path.join(dst, version_dir))
    for name in os.listdir(os.path.join(src, version_dir)):
        with open(os.path.join(src, version_dir, name), encoding="utf-8") as f:
            schema = json.load(f)
        schema.pop("$id", None)
        text = json.dumps(schema).replace('"/api/_definitions.json#', '"_definitions.json#')
        with open(os.path.join(dst, version_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
PY
  touch "$K8S_SCHEMAS/.complete"
fi

printf 'HELM=%q\nKUBECONFORM=%q\nK8S_SCHEMAS=%q\nPYTHON=%q\n' "$HELM" "$KUBECONFORM" "$K8S_SCHEMAS" "$VENV/bin/python"
