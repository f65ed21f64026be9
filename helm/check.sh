#!/usr/bin/env bash
# Offline checks of the Patchbay Helm chart. Installs its tools on first use (see install-tools.sh), then:
#   1. the Vault policy shipped in the chart is the one in deploy/vault, and the env tables of assert-rendered.py
#      name exactly the variables of the services' config schemas,
#   2. every value is documented, declared in the schema and listed in README.md (values-doc.py),
#   3. `helm lint --strict` with the default values and each ci/*-values.yaml scenario,
#   4. `helm template` of each scenario for the oldest supported and the newest available Kubernetes version,
#      checked by the chart's own assertions (assert-rendered.py: hardening, probes, resources, env contract,
#      references) and NOTES.txt rendered, then everything validated by `kubeconform -strict` against the
#      Kubernetes JSON schemas of those versions,
#   5. invalid values (cases/invalid/*.yaml) are rejected with the expected message,
#   6. kubeconform itself still rejects a broken manifest, so a schema setup that silently passes is caught,
#   7. the chart assertions themselves catch a Deployment without a variable its service requires.
# Exits non-zero if anything fails; prints every check it ran.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
chart=$here/patchbay
# Oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest with schemas in kubernetes-validate.
K8S_VERSIONS=(1.27.0 1.35.0)
RELEASE=patchbay
NAMESPACE=patchbay

passed=0
failed=()
ok() { passed=$((passed + 1)); printf '  ok   %s\n' "$1"; }
fail() { failed+=("$1"); printf '  FAIL %s\n' "$1"; }
step() { printf '\n== %s\n' "$1"; }

step "tools"
start=$SECONDS
tools=$(bash "$here/install-tools.sh") || { echo "tool installation failed" >&2; exit 1; }
eval "$tools"
printf '  %s (%s)\n' "$("$HELM" version --short)" "$HELM"
printf '  kubeconform %s (%s)\n' "$("$KUBECONFORM" -v)" "$KUBECONFORM"
printf '  schemas %s\n  ready in %d s\n' "$K8S_SCHEMAS" "$((SECONDS - start))"
schema_location="$K8S_SCHEMAS/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kubeconform() { # version file...
  "$KUBECONFORM" -strict -summary -kubernetes-version "$1" -schema-location "$schema_location" "${@:2}"
}

step "Vault policy"
if cmp -s "$chart/files/vault-policy.hcl" "$repo/deploy/vault/patchbay-policy.hcl"; then
  ok "helm/patchbay/files/vault-policy.hcl = deploy/vault/patchbay-policy.hcl"
else
  fail "helm/patchbay/files/vault-policy.hcl differs from deploy/vault/patchbay-policy.hcl"
fi

step "environment tables"
if out=$("$PYTHON" "$here/assert-rendered.py" --check-sources "$repo"); then
  ok "assert-rendered.py READS names exactly the variables of the services' config schemas"
else
  printf '%s\n' "$out"
  fail "assert-rendered.py READS differs from the config schemas"
fi

step "values documentation"
if "$PYTHON" "$here/values-doc.py" "$chart" --check; then
  ok "values.yaml @param comments, values.schema.json and README.md agree"
else
  fail "values documentation (values-doc.py)"
fi

# Scenarios: the default values, then each ci/*-values.yaml; its "# check-expect:" line says which optional
# objects it must render (for assert-rendered.py).
scenarios=(default)
for f in "$chart"/ci/*-values.yaml; do scenarios+=("$f"); done

# NOTES.txt is not rendered by `helm template`: a copy of the chart renders it through tpl as a plain value.
notes_chart=$work/notes-chart
cp -r "$chart" "$notes_chart"
mv "$notes_chart/templates/NOTES.txt" "$notes_chart/files/NOTES.txt"
echo 'notes: {{ tpl (.Files.Get "files/NOTES.txt") . | toJson }}' >"$notes_chart/templates/zz-notes.yaml"

for scenario in "${scenarios[@]}"; do
  if [[ $scenario == default ]]; then
    name="default values"
    id=default
    args=()
    expect="pdb,test"
  else
    name="ci/$(basename "$scenario")"
    id=$(basename "$scenario" .yaml)
    args=(-f "$scenario")
    expect=$(sed -n 's/^# check-expect: *//p' "$scenario")
    [[ $expect == none ]] && expect=""
  fi
  step "$name"

  if out=$("$HELM" lint --strict "$chart" "${args[@]}" 2>&1); then
    ok "helm lint --strict"
  else
    printf '%s\n' "$out" | sed 's/^/    /'
    fail "$name: helm lint --strict"
  fi

  for version in "${K8S_VERSIONS[@]}"; do
    rendered=$work/$version/$id.yaml
    mkdir -p "$work/$version"
    if "$HELM" template "$RELEASE" "$chart" -n "$NAMESPACE" --kube-version "$version" "${args[@]}" \
      >"$rendered" 2>"$work/err"; then
      kinds=$(grep -h '^kind:' "$rendered" | sort | uniq -c | awk '{printf "%s%s x%s", sep, $3, $1; sep=", "}')
      ok "helm template, Kubernetes $version: $kinds"
    else
      sed 's/^/    /' "$work/err"
      rm -f "$rendered"
      fail "$name: helm template (Kubernetes $version)"
    fi
  done

  if [[ -f $rendered ]]; then
    if out=$("$PYTHON" "$here/assert-rendered.py" "$rendered" --expect "$expect"); then
      ok "chart assertions (expect: ${expect:-none}): $(tail -n1 <<<"$out" | sed 's/^ *//')"
    else
      printf '%s\n' "$out"
      fail "$name: chart assertions"
    fi
  fi

  if out=$("$HELM" template "$RELEASE" "$notes_chart" -n "$NAMESPACE" "${args[@]}" \
    --show-only templates/zz-notes.yaml 2>&1) && [[ $out == *"helm test $RELEASE"* ]]; then
    ok "NOTES.txt renders"
  else
    printf '%s\n' "$out" | head -5 | sed 's/^/    /'
    fail "$name: NOTES.txt"
  fi
done

# One kubeconform run per Kubernetes version over every scenario: schemas compile once per kind and run.
step "kubeconform -strict (offline schemas from kubernetes-validate)"
for version in "${K8S_VERSIONS[@]}"; do
  files=("$work/$version"/*.yaml)
  if out=$(kubeconform "$version" "${files[@]}" 2>&1); then
    ok "Kubernetes $version, ${#files[@]} scenarios: ${out##*Summary: }"
  else
    printf '%s\n' "$out" | sed "s|$work/$version/||; s/^/    /"
    fail "kubeconform -strict, Kubernetes $version"
  fi
done

step "invalid values are rejected"
for case in "$here"/cases/invalid/*.yaml; do
  want=$(sed -n 's/^# expect-error: //p' "$case")
  label="cases/invalid/$(basename "$case")"
  if out=$("$HELM" template "$RELEASE" "$chart" -n "$NAMESPACE" -f "$case" 2>&1); then
    fail "$label: rendered, but should fail with: $want"
  elif [[ -z $want || $out != *"$want"* ]]; then
    printf '%s\n' "$out" | head -5 | sed 's/^/    /'
    fail "$label: failed without the expected message: $want"
  else
    ok "$label: $want"
  fi
done

step "kubeconform canary"
cat >"$work/broken.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  replicas: two
  selector:
    matchLabels: { app: broken }
  template:
    metadata:
      labels: { app: broken }
    spec:
      containers:
        - name: broken
          image: busybox
          imagePullPolcy: Always
EOF
if out=$(kubeconform "${K8S_VERSIONS[-1]}" "$work/broken.yaml" 2>&1); then
  fail "kubeconform accepted a Deployment with a typo'd field and a string replica count"
elif [[ $out == *imagePullPolcy* && $out == *replicas* ]]; then
  ok "kubeconform -strict rejects an unknown field and a wrong type"
else
  printf '%s\n' "$out" | sed 's/^/    /'
  fail "kubeconform failed on the canary for another reason"
fi

step "chart assertions canary"
# assert-rendered.py must notice a Deployment that lacks a variable its service requires or passes one it does
# not read: break the default render in three places and expect exactly those failures.
canary=$work/assertions-canary.yaml
"$PYTHON" - "$work/${K8S_VERSIONS[-1]}/default.yaml" "$canary" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1], encoding="utf-8")) if d]
for d in docs:
    component = d["metadata"].get("labels", {}).get("app.kubernetes.io/component")
    if d["kind"] == "Deployment" and component in ("connector-runtime", "orchestrator"):
        drop = {"connector-runtime": "DATABASE_URL", "orchestrator": "PATCHBAY_RUN_STATE_KEYS"}[component]
        container = d["spec"]["template"]["spec"]["containers"][0]
        container["env"] = [e for e in container["env"] if e["name"] != drop]
    if d["kind"] == "ConfigMap" and component == "trigger-ingestion":
        d["data"]["PATCHBAY_NOT_READ_BY_ANYONE"] = "1"
yaml.safe_dump_all(docs, open(sys.argv[2], "w", encoding="utf-8"))
PY
out=$("$PYTHON" "$here/assert-rendered.py" "$canary" --expect "pdb,test")
status=$?
canary_failures=$(grep -c 'FAIL' <<<"$out")
if ((status != 0)) && ((canary_failures == 3)) \
  && [[ $out == *"connector-runtime: missing env DATABASE_URL, which the service requires"* ]] \
  && [[ $out == *"orchestrator: missing env PATCHBAY_RUN_STATE_KEYS, which the service requires"* ]] \
  && [[ $out == *"trigger-ingestion: gets PATCHBAY_NOT_READ_BY_ANYONE, which the service does not read"* ]]; then
  ok "assertions catch a missing required variable (DATABASE_URL, PATCHBAY_RUN_STATE_KEYS) and an unread one"
else
  printf '%s\n' "$out" | sed 's/^/    /'
  fail "chart assertions did not report exactly the three broken variables"
fi

printf '\n%d checks passed, %d failed\n' "$passed" "${#failed[@]}"
if ((${#failed[@]})); then
  printf '  FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "helm chart check passed"
