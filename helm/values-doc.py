#!/usr/bin/env python3
"""Keeps the chart's values documented: values.yaml, values.schema.json and README.md agree.

Checks that
  - every value in values.yaml is covered by a "## @param <path> <description>" comment (on the value or an ancestor),
  - every @param names a value that exists,
  - every value path is declared in values.schema.json (so the strict schema accepts the chart's own defaults),
  - README.md's values table (between the values-table markers) is what the @param comments generate.

Usage: values-doc.py <chart dir> --check | --write   (--write regenerates the README table)
"""

import json
import re
import sys
from pathlib import Path

import yaml

PARAM = re.compile(r"^\s*## @param (\S+) (.+)$")
SECTION = re.compile(r"^\s*## @section (.+)$")
TABLE_START = "<!-- values-table:start -->"
TABLE_END = "<!-- values-table:end -->"


def leaf_paths(node, prefix=""):
    """Dotted paths of the leaves; an empty map or a list counts as a leaf."""
    if isinstance(node, dict) and node:
        for key, child in node.items():
            yield from leaf_paths(child, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix


def lookup(values, path):
    node = values
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(path)
        node = node[part]
    return node


def schema_declares(schema, root, path):
    """True when the schema names every segment of path through properties (following local $refs)."""

    def resolve(node):
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            target = root
            for part in ref.lstrip("#/").split("/"):
                target = target[part]
            merged = {k: v for k, v in node.items() if k != "$ref"}
            props = {**target.get("properties", {}), **merged.get("properties", {})}
            node = {**target, **merged, "properties": props}
        return node

    node = resolve(schema)
    for part in path.split("."):
        props = node.get("properties", {})
        if part not in props:
            # A free-form object (e.g. resources, securityContext) accepts any deeper key.
            closed = node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False
            return not closed and "properties" not in node
        node = resolve(props[part])
    return True


def parse_params(lines):
    """(sections, params): params as (path, description), in file order, grouped under sections."""
    sections, current = [], None
    for line in lines:
        section = SECTION.match(line)
        if section:
            current = (section.group(1).strip(), [])
            sections.append(current)
            continue
        param = PARAM.match(line)
        if param:
            if current is None:
                current = ("Parameters", [])
                sections.append(current)
            current[1].append((param.group(1), param.group(2).strip()))
    return sections


def cell(text):
    return text.replace("|", "\\|")


def default_text(value):
    text = json.dumps(value, separators=(",", ":"))
    if len(text) > 90:
        return "see values.yaml"
    return "`" + cell(text) + "`"


def render_table(sections, values):
    out = []
    for title, params in sections:
        out += [f"### {title}", "", "| Name | Description | Default |", "| --- | --- | --- |"]
        for path, description in params:
            try:
                value = lookup(values, path)
            except KeyError:
                continue  # reported as a problem already
            out.append(f"| `{path}` | {cell(description)} | {default_text(value)} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("--check", "--write"):
        print(__doc__, file=sys.stderr)
        return 2
    chart = Path(sys.argv[1])
    text = (chart / "values.yaml").read_text(encoding="utf-8")
    values = yaml.safe_load(text)
    schema = json.loads((chart / "values.schema.json").read_text(encoding="utf-8"))
    sections = parse_params(text.splitlines())
    params = [p for _, ps in sections for p in ps]
    names = [p for p, _ in params]
    problems = []

    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(f"@param {name} is documented twice")
    for name in names:
        try:
            lookup(values, name)
        except KeyError:
            problems.append(f"@param {name} names no value in values.yaml")
    documented = set(names)
    leaves = list(leaf_paths(values))
    for leaf in leaves:
        parts = leaf.split(".")
        if not any(".".join(parts[:i]) in documented for i in range(1, len(parts) + 1)):
            problems.append(f"value {leaf} has no @param comment")
    for path in sorted(documented | set(leaves)):
        if not schema_declares(schema, schema, path):
            problems.append(f"value {path} is not declared in values.schema.json")

    readme_path = chart / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    if TABLE_START not in readme or TABLE_END not in readme:
        problems.append(f"README.md lacks the {TABLE_START} / {TABLE_END} markers")
    else:
        head, rest = readme.split(TABLE_START, 1)
        current, tail = rest.split(TABLE_END, 1)
        table = render_table(sections, values)
        wanted = f"{head}{TABLE_START}\n{table}{TABLE_END}{tail}"
        if sys.argv[2] == "--write":
            readme_path.write_text(wanted, encoding="utf-8")
        elif wanted != readme:
            problems.append("README.md values table is out of date: run python3 helm/values-doc.py helm/patchbay --write")

    for problem in problems:
        print(f"  FAIL {problem}")
    print(f"  {len(params)} documented parameters, {len(leaves)} values, schema and README checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
