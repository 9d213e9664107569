"""Cross-check entities.json domains against the WhoTracks.me 2018 trackerdb (CC BY 4.0).

WhoTracks.me (Cliqz GmbH, https://whotracks.me) publishes its tracker database under CC BY 4.0
inside the ``whotracksme`` wheel on PyPI. Neither the wheel nor the SQL is committed; fetch it::

    .venv/bin/python -m pip download --no-deps -d /tmp/wtm whotracksme==2018.5.17
    .venv/bin/python scripts/knowledge/wtm_crosscheck.py \
        /tmp/wtm/whotracksme-2018.5.17-py3-none-any.whl

It prints (1) our domains WhoTracks.me attributes to a company whose name does not resemble our
entity (to review by hand: acquisitions since 2018 are expected) and (2) WhoTracks.me domains of
companies we already list that our table lacks (candidates; a row taken from it must carry
``"source": "wtm"``). It never writes the tables: every fact is reviewed before it goes in.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from format_tables import ENTITIES

SQL_PATH = "whotracksme/data/assets/trackerdb.sql"


def load(wheel: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(wheel) as archive:
        sql = archive.read(SQL_PATH).decode("utf-8")
    db = sqlite3.connect(":memory:")
    db.executescript(sql)
    return db


def wtm_domains(db: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """domain -> (company name, tracker name)."""
    rows = db.execute(
        "SELECT d.domain, COALESCE(c.name, t.name), t.name FROM tracker_domains d "
        "JOIN trackers t ON t.id = d.tracker LEFT JOIN companies c ON c.id = t.company_id"
    )
    return {domain: (company, tracker) for domain, company, tracker in rows}


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())[:5]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="path to the whotracksme wheel")
    args = parser.parse_args()
    table = json.loads(ENTITIES.read_text())
    wtm = wtm_domains(load(args.wheel))
    ours = table["domains"]
    print("# our domains that WhoTracks.me gives to a differently named company")
    companies_of_entity: dict[str, set[str]] = defaultdict(set)
    for domain, row in sorted(ours.items()):
        if domain in wtm:
            company = wtm[domain][0]
            companies_of_entity[row["entity"]].add(company)
            if _key(company) not in _key(row["entity"] + row["service"]) and _key(
                row["service"]
            ) != _key(company):
                print(f"{domain}\tours: {row['entity']} ({row['service']})\twtm: {company}")
    print("\n# WhoTracks.me domains of companies we list, missing from entities.json")
    for entity, companies in sorted(companies_of_entity.items()):
        missing = sorted(d for d, (c, _) in wtm.items() if c in companies and d not in ours)
        if missing:
            print(f"{entity}: {' '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
