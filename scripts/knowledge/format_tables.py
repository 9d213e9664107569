"""Validate and rewrite the knowledge tables in their compact, review-friendly layout.

One entity, domain or cookie per line; table metadata first. Run after editing a table by hand
or after ``import_ocd.py``::

    .venv/bin/python scripts/knowledge/format_tables.py          # rewrite in place
    .venv/bin/python scripts/knowledge/format_tables.py --check  # exit 1 if not formatted / invalid

The structural rules checked here are the same ones ``tests/test_knowledge_tables.py`` asserts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from scanner.classify.knowledge import COOKIE_CATEGORIES, DOMAIN_CATEGORIES, DPF_STATUSES

KNOWLEDGE = Path(__file__).resolve().parents[2] / "scanner" / "knowledge"
ENTITIES = KNOWLEDGE / "entities.json"
COOKIES = KNOWLEDGE / "cookies.json"

COUNTRY = re.compile(r"^[A-Z]{2}$")
LIST_KEYS = {"entities", "domains", "cookies"}


def _dump_row(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(", ", ": "))


def render(table: dict) -> str:
    """The table as text: scalar metadata first, then one row per line."""
    lines = ["{"]
    items = list(table.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        if key in LIST_KEYS and isinstance(value, dict):
            rows = [
                f"    {json.dumps(k, ensure_ascii=False)}: {_dump_row(v)}" for k, v in value.items()
            ]
            lines.append(f"  {json.dumps(key)}: {{")
            lines.append(",\n".join(rows))
            lines.append(f"  }}{comma}")
        elif key in LIST_KEYS and isinstance(value, list):
            lines.append(f"  {json.dumps(key)}: [")
            lines.append(",\n".join(f"    {_dump_row(v)}" for v in value))
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {_dump_row(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def problems(entities: dict, cookies: dict) -> list[str]:
    """Structural problems in the two tables (empty when valid)."""
    out: list[str] = []
    known = entities["entities"]
    for name, row in known.items():
        country = row.get("country")
        if country is not None and not COUNTRY.match(country):
            out.append(f"entity {name!r}: country {country!r} is not ISO alpha-2 uppercase")
        if country == "US":
            dpf = row.get("dpf") or {}
            if (
                dpf.get("status") not in DPF_STATUSES
                or not dpf.get("checked")
                or not dpf.get("source")
            ):
                out.append(f"entity {name!r}: US entity without a complete dpf block")
    for domain, row in entities["domains"].items():
        if row["entity"] not in known:
            out.append(f"domain {domain!r}: unknown entity {row['entity']!r}")
        if row["category"] not in DOMAIN_CATEGORIES:
            out.append(f"domain {domain!r}: category {row['category']!r}")
        if not isinstance(row["tracker"], bool):
            out.append(f"domain {domain!r}: tracker must be a bool")
        if domain != domain.lower() or domain.startswith(".") or "/" in domain:
            out.append(f"domain {domain!r}: must be a lower-case host without dots at the ends")
    seen: set[tuple[str, str | None, bool]] = set()
    for row in cookies["cookies"]:
        key = (row["name"], row.get("domain"), bool(row.get("prefix")))
        if key in seen:
            out.append(f"cookie {row['name']!r}: duplicate name/domain")
        seen.add(key)
        if row.get("entity") is not None and row["entity"] not in known:
            out.append(f"cookie {row['name']!r}: unknown entity {row['entity']!r}")
        if row["category"] not in COOKIE_CATEGORIES:
            out.append(f"cookie {row['name']!r}: category {row['category']!r}")
        if row.get("prefix") and len(row["name"]) < 3:
            out.append(f"cookie {row['name']!r}: prefix pattern too short to be safe")
    exact = [row["name"] for row in cookies["cookies"] if not row.get("prefix")]
    dupes = {name for name in exact if exact.count(name) > 1}
    if dupes:
        out.append(
            f"exact cookie names listed twice (the loader keeps one per name): {sorted(dupes)}"
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; do not rewrite")
    args = parser.parse_args()
    tables = {path: json.loads(path.read_text()) for path in (ENTITIES, COOKIES)}
    found = problems(tables[ENTITIES], tables[COOKIES])
    for problem in found:
        print(problem, file=sys.stderr)
    unformatted = [p for p, t in tables.items() if p.read_text() != render(t)]
    if args.check:
        for path in unformatted:
            print(f"{path.name}: not in the compact layout (run format_tables.py)", file=sys.stderr)
        return 1 if found or unformatted else 0
    for path in unformatted:
        path.write_text(render(tables[path]))
        print(f"rewrote {path.name}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
