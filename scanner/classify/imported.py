"""A user's import of the Open Cookie Database, consulted after the bundled cookie table.

``privacyscan import-cookies open-cookie-database.csv`` converts the CSV (Apache-2.0,
github.com/jkwakman/Open-Cookie-Database) into the bundled table's row format and stores it
with its provenance (file hash, import date) in the user's data folder, or where
``PRIVACYSCAN_IMPORTED_COOKIES`` points. The bundled table always wins; an imported row only
names cookies it does not know. OCD's "Data Controller" is kept as written (it is not always a
legal entity name), and no country is inferred for it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from datetime import date
from functools import cache
from pathlib import Path

LICENCE = "Apache-2.0 (Open Cookie Database)"
CATEGORIES = {
    "functional": "functional",
    "necessary": "functional",
    "personalization": "personalization",
    "analytics": "analytics",
    "marketing": "marketing",
    "security": "security",
}
REQUIRED_COLUMNS = {"Platform", "Category", "Cookie / Data Key name", "Wildcard match"}


class NotAnOcdFile(ValueError):
    """The file is not an Open Cookie Database CSV."""


def table_path() -> Path:
    """Where the imported table lives."""
    configured = os.environ.get("PRIVACYSCAN_IMPORTED_COOKIES")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "privacyscan" / "cookies-ocd.json"


def import_ocd(source: Path, destination: Path) -> int:
    """Convert the OCD CSV at ``source`` into ``destination``; return the rows written."""
    raw = source.read_bytes()
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    if not rows or not set(rows[0]) >= REQUIRED_COLUMNS:
        raise NotAnOcdFile(f"{source}: not an Open Cookie Database CSV (columns missing)")
    cookies = []
    for row in rows:
        name = (row.get("Cookie / Data Key name") or "").strip()
        category = CATEGORIES.get((row.get("Category") or "").strip().lower())
        if not name or category is None:
            continue
        cookie = {
            "name": name,
            "entity": (row.get("Data Controller") or "").strip() or None,
            "platform": (row.get("Platform") or "").strip() or "unknown",
            "category": category,
            "lifetime": (row.get("Retention period") or "").strip() or "unknown",
        }
        if (row.get("Wildcard match") or "").strip() == "1":
            cookie["prefix"] = True
        cookies.append(cookie)
    table = {
        "table": "cookies (imported Open Cookie Database)",
        "version": f"imported {date.today()}, sha256 {hashlib.sha256(raw).hexdigest()[:12]}",
        "licence": LICENCE,
        "source": str(source),
        "cookies": cookies,
    }
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(json.dumps(table, ensure_ascii=False, indent=0), encoding="utf-8")
    return len(cookies)


@cache
def imported_table() -> dict | None:
    """The imported table, or None when the user has not imported one."""
    path = table_path()
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
