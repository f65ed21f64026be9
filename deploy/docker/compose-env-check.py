#!/usr/bin/env python3
"""Checks the services' environment in the resolved compose project against their config schemas.

The tables of what each service reads and requires live in helm/assert-rendered.py (they follow the config
schemas); the same rules hold here: every required variable set, nothing set that the service does not read.

Usage: compose-env-check.py <resolved compose YAML file>   (the output of the compose-go loader)
"""

import importlib.util
import sys
from pathlib import Path

import yaml

spec = importlib.util.spec_from_file_location(
    "assert_rendered", Path(__file__).resolve().parents[2] / "helm" / "assert-rendered.py"
)
contract = importlib.util.module_from_spec(spec)
spec.loader.exec_module(contract)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        services = yaml.safe_load(f)["services"]
    failures = []
    for name in contract.SERVICES:
        if name not in services:
            failures.append(f"service {name} missing")
            continue
        env = services[name].get("environment") or {}
        required = set(contract.REQUIRED[name])
        if name == "connection-store":
            required |= contract.VAULT_AUTH_REQUIRED.get(env.get("VAULT_AUTH_METHOD") or "token", set())
        if env.get("KAFKA_SASL_MECHANISM"):
            required |= contract.SASL_REQUIRED
        failures += [f"{name}: missing {var}, which the service requires" for var in sorted(required - env.keys())]
        unread = env.keys() - contract.READS[name] - contract.NODE_ENV
        failures += [f"{name}: sets {var}, which the service does not read" for var in sorted(unread)]
        if not failures:
            print(f"  ok   {name}: {len(env)} variables, the {len(required)} required ones set, all read")
    for failure in failures:
        print(f"  FAIL {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
