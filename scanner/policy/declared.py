"""Policy as code: a site owner's declared policy in ``policies/<site>.yaml``.

The file is validated against ``declared-policy.schema.json``; an error names the file and the
line of the offending value, because the person fixing it has the YAML open, not the JSON path.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from scanner.errors import UsageError
from scanner.policy.extract import check_email, duration_seconds
from scanner.policy.model import (
    Claim,
    Controller,
    DeclaredCookie,
    DeclaredParty,
    DeclaredPolicy,
)
from scanner.policy.parties import lookup_party
from scanner.policy.validity import judge


class _DatesAsText(yaml.SafeLoader):
    """PyYAML's safe loader, but dates stay the strings they were written as: the schema wants
    ``last_updated: 2024-01-31`` as text, and an impossible date (2024-13-45) must be reported
    with its line, not crash the loader."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [entry for entry in resolvers if entry[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@cache
def declared_schema() -> dict:
    """The JSON Schema of a declared policy (``policies/declared-policy.schema.json``)."""
    text = resources.files("scanner.policy").joinpath("declared-policy.schema.json").read_text()
    return json.loads(text)


def site_file(directory: Path, host: str) -> Path | None:
    """``policies/<host>.yaml`` (or ``.yml``) for a scanned host, if the owner keeps one."""
    for name in (host, host.removeprefix("www.")):
        for suffix in (".yaml", ".yml"):
            candidate = directory / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def load_declared(path: Path, scan_date: date | None = None) -> tuple[DeclaredPolicy, str]:
    """(declared policy, mode) from a YAML file; :class:`UsageError` names file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the declared policy {path}: {error}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=_DatesAsText)  # a SafeLoader subclass: no objects
    except (ValueError, RecursionError) as error:  # a constructor refused a scalar
        raise UsageError(f"{path}: not valid YAML: {error}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise UsageError(f"{where}: not valid YAML: {problem}") from None
    if data is None:
        data = {}
    validator = jsonschema.Draft202012Validator(declared_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        line = _line_of(root, list(error.absolute_path))
        field = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise UsageError(f"{path}:{line}: {field}: {error.message}")
    try:
        policy = _policy(data, path, scan_date or date.today())
    except ValueError as error:  # schema-shaped but impossible, such as 2024-13-45
        line = _line_of(root, ["last_updated"]) if "last_updated" in data else 1
        raise UsageError(f"{path}:{line}: invalid value: {error}") from None
    return policy, data.get("mode", "merge")


def _line_of(node: Any, path: list) -> int:
    """The 1-based line of the YAML node at a JSON path (the nearest existing ancestor)."""
    if node is None:
        return 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == step), None)
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            child = node.value[step]
        else:
            child = None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _policy(data: dict, path: Path, scan_date: date) -> DeclaredPolicy:
    source = f"declared in {path.name}"
    policy_date = date.fromisoformat(data["last_updated"]) if "last_updated" in data else None
    controller = data.get("controller", {})
    parties = []
    for row in data.get("parties", []):
        known = lookup_party(row["name"])
        parties.append(
            DeclaredParty(
                name=known.name if known else row["name"],
                owner=row.get("owner") or (known.entity if known else None),
                country=row.get("country") or (known.country if known else None),
                evidence=source,
            )
        )
    transfers = [
        judge(
            row["mechanism"],
            current=True,
            countries=row.get("countries", []),
            evidence=source,
            scan_date=scan_date,
            policy_date=policy_date,
        )
        for row in data.get("transfers", [])
    ]
    return DeclaredPolicy(
        url=data.get("url"),
        documents=[str(path)],
        language=data.get("language"),
        origin="declared",
        controller=Controller(
            name=controller.get("name"),
            address=controller.get("address"),
            registration=controller.get("registration"),
            emails=[check_email(address, source) for address in controller.get("emails", [])],
            evidence=source if controller else None,
        ),
        dpo=bool(data.get("dpo", False)),
        parties=parties,
        cookies=[
            DeclaredCookie(
                name=row["name"],
                provider=row.get("provider"),
                purpose=row.get("purpose"),
                category=row.get("category"),
                duration=row.get("duration"),
                duration_seconds=duration_seconds(row["duration"]) if "duration" in row else None,
                evidence=source,
            )
            for row in data.get("cookies", [])
        ],
        consent_model=data.get("consent_model", "unknown"),
        consent_evidence=source if "consent_model" in data else None,
        transfers=transfers,
        claims=[Claim(kind, source) for kind in data.get("claims", [])],
        last_updated=data.get("last_updated"),
        last_updated_evidence=source if "last_updated" in data else None,
    )
