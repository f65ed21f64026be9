#!/usr/bin/env python3
"""Chart unit tests: checks the manifests `helm template` rendered against Patchbay's deployment contract.

kubeconform proves each object is valid Kubernetes; this proves the objects fit together and keep our rules:
hardened pods with probes and resources, each service's environment (the contract with the services' config
classes), secrets only in Secrets, Vault only for connection-store, selectors, ports and references that resolve.

Usage: assert-rendered.py <rendered.yaml> [--expect hpa,ingress,networkpolicy,pdb,test]
       assert-rendered.py --check-sources <repo>   (READS names exactly the variables of the config schemas)
Prints one line per failed assertion; exits 1 if any failed.
"""

import argparse
import base64
import binascii
import posixpath
import re
import sys
from pathlib import Path

import yaml

SERVICES = ("trigger-ingestion", "orchestrator", "connector-runtime", "connection-store")

# What each service's config schema reads. These tables MUST follow the config schemas: commonEnvSchema and
# kafkaSecurityEnvShape in libs/platform/src/config/env-config.ts and services/<service>/src/config/*.config.ts
# (the egress variables of connector-runtime and trigger-ingestion come from libs/egress/src/egress-config.ts). Change them together.
KAFKA_SECURITY_READS = {
    "KAFKA_SSL", "KAFKA_SSL_CA_FILE", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD",
}
COMMON_READS = {
    "LOG_LEVEL", "KAFKA_BROKERS", "KAFKA_CLIENT_ID", "KAFKA_TOPIC_PARTITIONS", "KAFKA_CONSUMER_CONCURRENCY",
} | KAFKA_SECURITY_READS
READS = {
    "trigger-ingestion": COMMON_READS | {
        "PATCHBAY_HTTP_PORT", "DATABASE_URL", "DATABASE_POOL_SIZE", "PATCHBAY_SCHEDULE_BATCH_SIZE",
        "PATCHBAY_SCHEDULE_TICK_MS", "PATCHBAY_RECURRENCE_CATCHUP_MS", "PATCHBAY_CONSUMER_GROUP",
        "PATCHBAY_POLL_TIMEOUT_MS", "PATCHBAY_POLL_BACKOFF_MS", "PATCHBAY_POLL_BACKOFF_MAX_MS",
        "PATCHBAY_POLL_DEDUP_RETENTION_MS", "CONNECTION_STORE_GRPC_URL", "CONNECTION_STORE_TIMEOUT_MS",
        "PATCHBAY_WEBHOOK_SIGNING_KEY", "PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES", "PATCHBAY_RESPONSE_TIMEOUT_MS",
        "PATCHBAY_PUBLIC_BASE_URL", "PATCHBAY_RUN_STATUS_BASE_URL", "PATCHBAY_TRUSTED_PROXIES",
        "PATCHBAY_EGRESS_ALLOW", "PATCHBAY_EGRESS_DENY", "PATCHBAY_EGRESS_RULES",
    },
    "orchestrator": COMMON_READS | {
        "PATCHBAY_HTTP_PORT", "DATABASE_URL", "DATABASE_POOL_SIZE", "PATCHBAY_WEBHOOK_SIGNING_KEY",
        "PATCHBAY_PUBLIC_BASE_URL", "PATCHBAY_RUN_STATE_KEYS", "PATCHBAY_PUBLISH_ACTION_EVENTS",
        "PATCHBAY_POLL_INTERVAL_MS", "CONNECTION_STORE_GRPC_URL", "CONNECTION_STORE_TIMEOUT_MS",
        "PATCHBAY_RUN_MAX_DURATION",
    },
    "connector-runtime": COMMON_READS | {
        "PATCHBAY_HTTP_PORT", "CONNECTION_STORE_GRPC_URL", "PATCHBAY_HTTP_ACTION_TIMEOUT_MS",
        "PATCHBAY_HTTP_MAX_RESPONSE_BYTES", "CONNECTION_STORE_TIMEOUT_MS", "PATCHBAY_CONNECTOR_TIMEOUT_MS",
        "DATABASE_URL", "DATABASE_POOL_SIZE", "PATCHBAY_CONNECTOR_CATALOG_POLL_MS",
        "PATCHBAY_CONNECTION_BUDGET_MAX_WAIT_MS", "PATCHBAY_CONNECTOR_DEFINITION_MAX_BYTES",
        "PATCHBAY_EGRESS_ALLOW", "PATCHBAY_EGRESS_DENY", "PATCHBAY_EGRESS_RULES", "PATCHBAY_EXECUTION_ENVIRONMENT",
    },
    # connection-store has its own schema: no KAFKA_CLIENT_ID or KAFKA_CONSUMER_CONCURRENCY (it only produces).
    "connection-store": KAFKA_SECURITY_READS | {
        "LOG_LEVEL", "PATCHBAY_HTTP_PORT", "PATCHBAY_GRPC_PORT", "DATABASE_URL", "VAULT_ADDR", "VAULT_AUTH_METHOD",
        "VAULT_TOKEN", "VAULT_K8S_ROLE", "VAULT_K8S_MOUNT", "VAULT_K8S_TOKEN_PATH", "VAULT_APPROLE_ROLE_ID",
        "VAULT_APPROLE_SECRET_ID", "VAULT_APPROLE_MOUNT", "VAULT_REQUEST_TIMEOUT_MS", "CONNECTION_CACHE_TTL_SECONDS",
        "KAFKA_BROKERS", "KAFKA_TOPIC_PARTITIONS", "PATCHBAY_OAUTH_REDIRECT_URL", "OAUTH_REFRESH_AHEAD_SECONDS",
        "OAUTH_REFRESH_INTERVAL_MS", "PATCHBAY_OAUTH_ALLOW_HTTP", "PATCHBAY_FAULT_INJECTION",
        "PATCHBAY_CONNECTOR_CATALOG_URL", "VAULT_DATABASE_MOUNT",
    },
}
# Variables the schemas require (no default). Same source as READS.
REQUIRED = {
    "trigger-ingestion": {"KAFKA_BROKERS", "DATABASE_URL", "PATCHBAY_WEBHOOK_SIGNING_KEY"},
    "orchestrator": {"KAFKA_BROKERS", "DATABASE_URL", "PATCHBAY_WEBHOOK_SIGNING_KEY", "PATCHBAY_RUN_STATE_KEYS"},
    "connector-runtime": {"KAFKA_BROKERS", "DATABASE_URL"},
    "connection-store": {"DATABASE_URL", "VAULT_ADDR"},
}
# Required because of another setting: connection-store's VAULT_AUTH_METHOD (default token) ...
VAULT_AUTH_REQUIRED = {
    "token": {"VAULT_TOKEN"},
    "kubernetes": {"VAULT_K8S_ROLE"},
    "approle": {"VAULT_APPROLE_ROLE_ID", "VAULT_APPROLE_SECRET_ID"},
}
# ... and, for every service, a SASL mechanism needs its credentials (kafkaSecurityProblems).
SASL_REQUIRED = {"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD"}
# Read by Node itself, so a chart user may pass them through extraEnv.
NODE_ENV = {"NODE_EXTRA_CA_CERTS", "NODE_OPTIONS"}

# What the chart always sets beyond the required variables (values.yaml -> env, see helm/patchbay/README.md).
COMMON_ENV = {"PATCHBAY_HTTP_PORT", "LOG_LEVEL", "KAFKA_BROKERS", "KAFKA_SSL"}
SERVICE_ENV = {
    "trigger-ingestion": {
        "DATABASE_URL", "PATCHBAY_PUBLIC_BASE_URL", "PATCHBAY_WEBHOOK_SIGNING_KEY", "CONNECTION_STORE_GRPC_URL",
        "PATCHBAY_TRUSTED_PROXIES", "PATCHBAY_EGRESS_ALLOW", "PATCHBAY_EGRESS_DENY", "PATCHBAY_EGRESS_RULES",
    },
    "orchestrator": {
        "DATABASE_URL", "PATCHBAY_PUBLIC_BASE_URL", "PATCHBAY_WEBHOOK_SIGNING_KEY", "PATCHBAY_RUN_STATE_KEYS",
        "PATCHBAY_PUBLISH_ACTION_EVENTS", "CONNECTION_STORE_GRPC_URL",
    },
    "connector-runtime": {
        "DATABASE_URL", "CONNECTION_STORE_GRPC_URL", "PATCHBAY_EGRESS_ALLOW", "PATCHBAY_EGRESS_DENY",
        "PATCHBAY_EGRESS_RULES",
    },
    "connection-store": {
        "DATABASE_URL", "PATCHBAY_GRPC_PORT", "VAULT_ADDR", "VAULT_AUTH_METHOD", "PATCHBAY_OAUTH_REDIRECT_URL",
    },
}
VAULT_AUTH_ENV = {
    "kubernetes": {"VAULT_K8S_ROLE", "VAULT_K8S_MOUNT", "VAULT_K8S_TOKEN_PATH"},
    "token": {"VAULT_TOKEN"},
    "approle": {"VAULT_APPROLE_ROLE_ID", "VAULT_APPROLE_SECRET_ID"},
}
SECRET_ENV = {
    "DATABASE_URL",
    "PATCHBAY_WEBHOOK_SIGNING_KEY",
    "PATCHBAY_RUN_STATE_KEYS",
    "KAFKA_SASL_PASSWORD",
    "VAULT_TOKEN",
    "VAULT_APPROLE_ROLE_ID",
    "VAULT_APPROLE_SECRET_ID",
}
# Route prefixes of the services' controllers (libs/local-gateway's spec checks values.yaml against services/*/openapi.json).
INGRESS_PATHS = {
    "/api/triggers": "trigger-ingestion",
    "/api/hooks": "trigger-ingestion",
    "/api/workflows": "orchestrator",
    "/api/runs": "orchestrator",
    "/api/connectors": "connector-runtime",
    "/api/connections": "connection-store",
    "/api/connector-policies": "connection-store",
    "/api/oauth": "connection-store",
    "/api/openapi/trigger-ingestion.json": "trigger-ingestion",
    "/api/openapi/orchestrator.json": "orchestrator",
    "/api/openapi/connector-runtime.json": "connector-runtime",
    "/api/openapi/connection-store.json": "connection-store",
}
COMPONENT = "app.kubernetes.io/component"
# connectorRuntime.environments: one more connector-runtime per execution environment, component
# connector-runtime-<environment>, serving PATCHBAY_EXECUTION_ENVIRONMENT=<environment>.
ENVIRONMENT_RUNTIME = "connector-runtime-"


class Checker:
    def __init__(self, docs):
        self.docs = docs
        self.failures = []
        self.count = 0

    def check(self, condition, message):
        self.count += 1
        if not condition:
            self.failures.append(message)
        return condition

    def of_kind(self, kind):
        return [d for d in self.docs if d["kind"] == kind]

    def named(self, kind, name):
        return next((d for d in self.of_kind(kind) if d["metadata"]["name"] == name), None)


def matches(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def check_pod(c, where, pod_spec, deployment):
    psc = pod_spec.get("securityContext", {})
    c.check(psc.get("runAsNonRoot") is True, f"{where}: pod securityContext.runAsNonRoot is not true")
    c.check(
        psc.get("seccompProfile", {}).get("type") == "RuntimeDefault",
        f"{where}: pod seccompProfile is not RuntimeDefault",
    )
    c.check(pod_spec.get("automountServiceAccountToken") is False, f"{where}: service account token automounted")
    for container in pod_spec.get("containers", []):
        cw = f"{where}/{container['name']}"
        sc = container.get("securityContext", {})
        c.check(sc.get("readOnlyRootFilesystem") is True, f"{cw}: root filesystem is writable")
        c.check(sc.get("allowPrivilegeEscalation") is False, f"{cw}: privilege escalation allowed")
        c.check("ALL" in sc.get("capabilities", {}).get("drop", []), f"{cw}: capabilities not dropped (ALL)")
        resources = container.get("resources", {})
        for kind in ("requests", "limits"):
            for res in ("cpu", "memory") if kind == "requests" else ("memory",):
                c.check(res in resources.get(kind, {}), f"{cw}: no {kind}.{res}")
        if not deployment:
            continue
        for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz"), ("startupProbe", "/healthz")):
            get = container.get(probe, {}).get("httpGet", {})
            c.check(get.get("path") == path and get.get("port") == "http", f"{cw}: {probe} is not GET {path} on http")
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        volumes = {v["name"]: v for v in pod_spec.get("volumes", [])}
        c.check("emptyDir" in volumes.get(mounts.get("/tmp"), {}), f"{cw}: /tmp is not an emptyDir")


def container_env(c, deployment):
    """Env names of the service container: its ConfigMap's keys plus explicit env entries."""
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    names = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef")
        if ref:
            cm = c.named("ConfigMap", ref["name"])
            if c.check(cm is not None, f"{deployment['metadata']['name']}: ConfigMap {ref['name']} not rendered"):
                for key, value in cm.get("data", {}).items():
                    names[key] = ("config", value)
    for entry in container.get("env", []):
        names[entry["name"]] = ("secret", entry["valueFrom"]["secretKeyRef"]) if "valueFrom" in entry else (
            "value",
            entry.get("value"),
        )
    return container, names


def check_mounted_file(c, where, container, pod_spec, path):
    """The file at path comes from a Secret volume that projects it under that name."""
    mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
    directory, name = posixpath.split(path)
    volume = next((v for v in pod_spec.get("volumes", []) if v["name"] == mounts.get(directory)), {})
    items = volume.get("secret", {}).get("items")
    c.check(
        "secret" in volume and (items is None or any(i["path"] == name for i in items)),
        f"{where}: {path} is not a file of a mounted Secret",
    )


def check_secret_value(c, where, var, value):
    """Values the chart generates or stores must pass the service's schema (never printed)."""
    if var == "PATCHBAY_RUN_STATE_KEYS":
        keys = value.split(",")

        def is_key(text):
            try:
                return len(base64.b64decode(text, validate=True)) == 32
            except (binascii.Error, ValueError):
                return False

        c.check(keys and all(is_key(k) for k in keys), f"{where}: {var} in the Secret is not base64 of 32-byte keys")
    elif var == "PATCHBAY_WEBHOOK_SIGNING_KEY":
        c.check(all(len(k) >= 16 for k in value.split(",")), f"{where}: {var} in the Secret has a key under 16 chars")


def check_service(c, name, deployment, expect, environment=None):
    where = f"Deployment {deployment['metadata']['name']}"
    pod = deployment["spec"]["template"]
    check_pod(c, where, pod["spec"], deployment=True)
    container, env = container_env(c, deployment)

    # What the service's config schema requires: the service would refuse to start without it.
    required = set(REQUIRED[name])
    method = env.get("VAULT_AUTH_METHOD", (None, None))[1]
    if name == "connection-store":
        required |= VAULT_AUTH_REQUIRED.get(method or "token", set())
    if "KAFKA_SASL_MECHANISM" in env:
        required |= SASL_REQUIRED
    for var in sorted(required - env.keys()):
        c.failures.append(f"{where}: missing env {var}, which the service requires")
    c.count += 1
    if "KAFKA_SSL_CA_FILE" in env:
        c.check(env.get("KAFKA_SSL", (None, None))[1] == "true", f"{where}: KAFKA_SSL_CA_FILE without KAFKA_SSL=true")
        check_mounted_file(c, where, container, pod["spec"], env["KAFKA_SSL_CA_FILE"][1])

    wanted = COMMON_ENV | SERVICE_ENV[name]
    if name == "connector-runtime":
        # The default runtime leaves PATCHBAY_EXECUTION_ENVIRONMENT to its default; each environment's names it.
        got = env.get("PATCHBAY_EXECUTION_ENVIRONMENT", (None, None))[1]
        c.check(got == environment, f"{where}: PATCHBAY_EXECUTION_ENVIRONMENT is {got!r}, want {environment!r}")
    if name == "connection-store":
        c.check(method in VAULT_AUTH_ENV, f"{where}: VAULT_AUTH_METHOD {method!r} unknown")
        wanted |= VAULT_AUTH_ENV.get(method, set())
    for var in sorted(wanted - env.keys() - required):  # required ones are reported above
        c.failures.append(f"{where}: missing env {var}")
    c.count += 1
    # Nothing the service does not read (credentials least of all).
    for var in sorted(env.keys() - READS[name] - NODE_ENV):
        c.failures.append(f"{where}: gets {var}, which the service does not read")
    c.count += 1
    if name != "connection-store":
        vault = sorted(k for k in env if k.startswith("VAULT_"))
        c.check(not vault, f"{where}: only connection-store talks to Vault, found {vault}")

    for var, (source, ref) in env.items():
        if var in SECRET_ENV:
            c.check(source == "secret", f"{where}: {var} must come from a Secret, not {source}")
        if source == "secret":
            secret = c.named("Secret", ref["name"])
            if secret is not None:  # otherwise an existingSecret managed outside the chart
                data = secret.get("data", {})
                if c.check(ref["key"] in data, f"{where}: Secret {ref['name']} lacks key {ref['key']}"):
                    check_secret_value(c, where, var, base64.b64decode(data[ref["key"]]).decode())

    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    c.check(
        str(ports.get("http")) == env.get("PATCHBAY_HTTP_PORT", (None, None))[1],
        f"{where}: http port differs from PATCHBAY_HTTP_PORT",
    )
    if name == "connection-store":
        c.check(
            str(ports.get("grpc")) == env.get("PATCHBAY_GRPC_PORT", (None, None))[1],
            f"{where}: grpc port differs from PATCHBAY_GRPC_PORT",
        )
    if method == "kubernetes":
        token_dir = posixpath.dirname(env["VAULT_K8S_TOKEN_PATH"][1])
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        volume = next((v for v in pod["spec"].get("volumes", []) if v["name"] == mounts.get(token_dir)), {})
        sources = volume.get("projected", {}).get("sources", [])
        c.check(
            any("serviceAccountToken" in s for s in sources),
            f"{where}: no projected service account token at {token_dir}",
        )

    labels = pod["metadata"]["labels"]
    service = c.named("Service", deployment["metadata"]["name"])
    if c.check(service is not None, f"{where}: no Service of the same name"):
        c.check(matches(service["spec"]["selector"], labels), f"{where}: Service selector does not match the pods")
        for port in service["spec"]["ports"]:
            c.check(port["targetPort"] in ports, f"{where}: Service targets unknown port {port['targetPort']}")
    c.check(matches(deployment["spec"]["selector"]["matchLabels"], labels), f"{where}: selector misses its pods")

    hpa = next((h for h in c.of_kind("HorizontalPodAutoscaler")
                if h["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]), None)
    c.check((hpa is None) == ("replicas" in deployment["spec"]), f"{where}: replicas must be set exactly when no HPA")
    if "hpa" in expect:
        c.check(hpa is not None, f"{where}: no HorizontalPodAutoscaler")
    pdbs = [p for p in c.of_kind("PodDisruptionBudget") if matches(p["spec"]["selector"]["matchLabels"], labels)]
    if "pdb" in expect:
        c.check(len(pdbs) == 1, f"{where}: expected one PodDisruptionBudget, found {len(pdbs)}")
    if "networkpolicy" in expect:
        policies = [p for p in c.of_kind("NetworkPolicy") if matches(p["spec"]["podSelector"]["matchLabels"], labels)]
        c.check(len(policies) == 1, f"{where}: expected one NetworkPolicy, found {len(policies)}")
    return env


def check_connections(c, envs, deployments):
    store = deployments.get("connection-store")
    runtimes = sorted(k for k in envs if k.startswith(ENVIRONMENT_RUNTIME))
    for client in ["connector-runtime", *runtimes, "trigger-ingestion", "orchestrator"]:
        client_env = envs.get(client, {})
        if store and "CONNECTION_STORE_GRPC_URL" in client_env:
            service = c.named("Service", store["metadata"]["name"])
            grpc = next((p["port"] for p in (service or {}).get("spec", {}).get("ports", []) if p["name"] == "grpc"), None)
            wanted = f"{store['metadata']['name']}:{grpc}"
            got = client_env["CONNECTION_STORE_GRPC_URL"][1]
            c.check(got == wanted, f"{client}: CONNECTION_STORE_GRPC_URL is {got}, Service is {wanted}")


def check_ingress(c, deployments):
    ingresses = c.of_kind("Ingress")
    if not c.check(len(ingresses) == 1, f"expected one Ingress, found {len(ingresses)}"):
        return
    rules = ingresses[0]["spec"]["rules"]
    c.check(len(rules) == 1, "Ingress must put every API under one host")
    routed = {}
    for rule in rules:
        for path in rule["http"]["paths"]:
            backend = path["backend"]["service"]
            routed[path["path"]] = backend["name"]
            c.check(backend["port"].get("name") == "http", f"Ingress {path['path']}: backend port is not http")
            c.check(c.named("Service", backend["name"]) is not None, f"Ingress {path['path']}: no Service {backend['name']}")
    for path, service in INGRESS_PATHS.items():
        want = deployments[service]["metadata"]["name"] if service in deployments else service
        c.check(routed.get(path) == want, f"Ingress {path} routes to {routed.get(path)}, want {want}")


def check_network_policies(c, deployments, environments):
    store = deployments.get("connection-store")
    runtime = deployments.get("connector-runtime")
    policy = next((p for p in c.of_kind("NetworkPolicy")
                   if store and matches(p["spec"]["podSelector"]["matchLabels"], store["spec"]["template"]["metadata"]["labels"])), None)
    if not c.check(policy is not None, "no NetworkPolicy for connection-store"):
        return
    grpc_rules = [r for r in policy["spec"].get("ingress", []) if any(p.get("port") == "grpc" for p in r.get("ports", []))]
    clients = [d["spec"]["template"]["metadata"]["labels"]
               for d in (runtime, deployments.get("trigger-ingestion"), deployments.get("orchestrator"),
                         *environments.values()) if d is not None]
    peers = grpc_rules[0].get("from", [{}]) if len(grpc_rules) == 1 else [{}]
    c.check(
        len(grpc_rules) == 1
        and all("podSelector" in peer and any(matches(peer["podSelector"]["matchLabels"], labels) for labels in clients)
                for peer in peers),
        "connection-store gRPC must be reachable from connector-runtime, trigger-ingestion and orchestrator only",
    )
    for name, d in environments.items():
        labels = d["spec"]["template"]["metadata"]["labels"]
        c.check(
            any("podSelector" in peer and matches(peer["podSelector"]["matchLabels"], labels) for peer in peers),
            f"connection-store gRPC is not reachable from {name}",
        )
        policy = next((p for p in c.of_kind("NetworkPolicy") if matches(p["spec"]["podSelector"]["matchLabels"], labels)), None)
        store_labels = store["spec"]["template"]["metadata"]["labels"]
        c.check(
            policy is not None and not any(
                "podSelector" in peer and matches(peer["podSelector"]["matchLabels"], store_labels)
                for rule in policy["spec"].get("ingress", []) for peer in rule.get("from", [])),
            f"{name}: only the default connector-runtime serves connection-store the catalogue",
        )
    for p in c.of_kind("NetworkPolicy"):
        for rule in p["spec"].get("ingress", []):
            c.check(rule.get("from"), f"NetworkPolicy {p['metadata']['name']}: an ingress rule allows every source")


def check_test_pod(c, deployments):
    pods = [p for p in c.of_kind("Pod") if p["metadata"].get("annotations", {}).get("helm.sh/hook") == "test"]
    if not c.check(len(pods) == 1, f"expected one helm test pod, found {len(pods)}"):
        return
    check_pod(c, f"Pod {pods[0]['metadata']['name']}", pods[0]["spec"], deployment=False)
    script = " ".join(" ".join(ctr.get("command", []) + ctr.get("args", [])) for ctr in pods[0]["spec"]["containers"])
    for deployment in deployments.values():
        service = c.named("Service", deployment["metadata"]["name"])
        http = next((p["port"] for p in (service or {}).get("spec", {}).get("ports", []) if p["name"] == "http"), None)
        url = f"http://{deployment['metadata']['name']}:{http}/readyz"
        c.check(url in script, f"helm test does not call {url}")


# Where each schema's keys are written: shapes spread into a service schema, and each service's config files.
SHAPES = {
    "commonEnvSchema.extend": ("libs/platform/src/config/env-config.ts", "commonEnvSchema = z"),
    "...kafkaSecurityEnvShape": ("libs/platform/src/config/env-config.ts", "kafkaSecurityEnvShape = {"),
    "...egressEnvShape": ("libs/egress/src/egress-config.ts", "egressEnvShape = {"),
}
ENV_KEY = re.compile(r"^\s+([A-Z][A-Z0-9_]{2,}):", re.M)


def object_keys(text, start):
    """Variable names declared in the object literal that opens after `start` (to its matching brace)."""
    i = text.index("{", text.index(start))
    depth, j = 0, i
    while True:
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            break
        j += 1
    body = text[i : j + 1]
    keys = set(ENV_KEY.findall(body))
    for spread, (path, marker) in SHAPES.items():
        if spread.startswith("...") and spread in body:
            keys |= object_keys(SOURCES[path], marker)
    return keys


SOURCES = {}


def check_sources(repo):
    """Compares READS with the variable names in the services' config schemas (a text scan of the sources)."""
    for path, _ in SHAPES.values():
        SOURCES[path] = (repo / path).read_text(encoding="utf-8")
    failures = []
    for name in SERVICES:
        found = set()
        for config in sorted((repo / "services" / name / "src" / "config").glob("*.config.ts")):
            text = config.read_text(encoding="utf-8")
            found |= object_keys(text, "EnvSchema = ")
            if "commonEnvSchema.extend" in text:
                found |= object_keys(SOURCES[SHAPES["commonEnvSchema.extend"][0]], SHAPES["commonEnvSchema.extend"][1])
        for var in sorted(found - READS[name]):
            failures.append(f"{name}: its config schema reads {var}, missing from READS in assert-rendered.py")
        for var in sorted(READS[name] - found):
            failures.append(f"{name}: READS lists {var}, which its config schema does not read")
    for failure in failures:
        print(f"  FAIL {failure}")
    if not failures:
        print(f"  READS of {len(SERVICES)} services match their config schemas")
    return 1 if failures else 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check-sources":
        return check_sources(Path(sys.argv[2]))
    parser = argparse.ArgumentParser()
    parser.add_argument("rendered")
    parser.add_argument("--expect", default="", help="comma list: hpa, ingress, networkpolicy, pdb, test")
    args = parser.parse_args()
    expect = {e for e in args.expect.split(",") if e}
    with open(args.rendered, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    c = Checker(docs)

    rendered = {d["metadata"]["labels"].get(COMPONENT): d for d in c.of_kind("Deployment")}
    environments = {k: d for k, d in rendered.items() if k.startswith(ENVIRONMENT_RUNTIME)}
    deployments = {k: d for k, d in rendered.items() if k not in environments}
    c.check(sorted(deployments) == sorted(SERVICES), f"Deployments {sorted(deployments)} are not the four services")
    envs = {name: check_service(c, name, d, expect) for name, d in deployments.items() if name in SERVICES}
    for name, d in environments.items():
        envs[name] = check_service(c, "connector-runtime", d, expect, environment=name[len(ENVIRONMENT_RUNTIME):])
    default_runtime = c.named("Service", deployments.get("connector-runtime", {}).get("metadata", {}).get("name"))
    for name, d in environments.items():
        c.check(
            default_runtime is None
            or not matches(default_runtime["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"]),
            f"{name}: the default connector-runtime Service selects its pods",
        )
    check_connections(c, envs, deployments)

    for cm in c.of_kind("ConfigMap"):
        leaked = sorted(k for k in cm.get("data", {}) if k in SECRET_ENV)
        c.check(not leaked, f"ConfigMap {cm['metadata']['name']} holds secrets {leaked}")
    for doc in docs:
        where = f"{doc['kind']} {doc['metadata']['name']}"
        if doc["kind"] != "ClusterRoleBinding":
            c.check(doc["metadata"].get("namespace"), f"{where}: no namespace")
        c.check(doc["metadata"].get("labels", {}).get("app.kubernetes.io/instance"), f"{where}: no instance label")

    if "ingress" in expect:
        check_ingress(c, deployments)
    if "networkpolicy" in expect and "connection-store" in deployments and "connector-runtime" in deployments:
        check_network_policies(c, deployments, environments)
    if "test" in expect:
        check_test_pod(c, {**deployments, **environments})

    for failure in c.failures:
        print(f"  FAIL {failure}")
    print(f"  {c.count} assertions on {len(docs)} objects, {len(c.failures)} failed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
