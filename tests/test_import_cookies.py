"""Importing an Open Cookie Database CSV: a labelled table consulted after the bundled one."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_cli

HEADER = [
    "ID",
    "Platform",
    "Category",
    "Cookie / Data Key name",
    "Domain",
    "Description",
    "Retention period",
    "Data Controller",
    "User Privacy & GDPR Rights Portals",
    "Wildcard match",
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def test_import_then_attribute_with_provenance(tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "ocd.csv",
        [
            [
                "1",
                "Fixture Analytics",
                "Analytics",
                "_fxa_id",
                "",
                "",
                "1 year",
                "Fixture BV",
                "",
                "0",
            ],
            [
                "2",
                "Fixture Analytics",
                "Marketing",
                "_fxa_seg_",
                "",
                "",
                "30 days",
                "Fixture BV",
                "",
                "1",
            ],
            ["3", "Google Analytics", "Functional", "_ga", "", "", "2 years", "Google", "", "0"],
        ],
    )
    table = tmp_path / "imported.json"
    done = run_cli("import-cookies", str(source), "--into", str(table))
    assert done.returncode == 0, done.stderr
    assert "imported 3 cookie names" in done.stdout
    stored = json.loads(table.read_text())
    assert stored["licence"].startswith("Apache-2.0") and "sha256" in stored["version"]
    # In a fresh process pointed at the table: unknown names come from it, labelled; the
    # bundled table still wins for _ga (analytics by Google LLC, not "Functional" by "Google").
    probe = (
        "from scanner.classify.knowledge import lookup_cookie, data_versions;"
        "a = lookup_cookie('_fxa_id'); b = lookup_cookie('_fxa_seg_42'); g = lookup_cookie('_ga');"
        "print(a.entity, a.category, a.source, '|', b.category, '|', g.entity, g.category, '|',"
        " 'cookies (imported Open Cookie Database)' in data_versions())"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PRIVACYSCAN_IMPORTED_COOKIES": str(table), "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.split() == [
        "Fixture",
        "BV",
        "analytics",
        "imported",
        "Open",
        "Cookie",
        "Database",
        "|",
        "marketing",
        "|",
        "Google",
        "LLC",
        "analytics",
        "|",
        "True",
    ], out.stderr


def test_a_file_that_is_not_the_ocd_is_refused_in_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "other.csv"
    bogus.write_text("a,b\n1,2\n")
    done = run_cli("import-cookies", str(bogus), "--into", str(tmp_path / "x.json"))
    assert done.returncode == 2
    assert "not an Open Cookie Database CSV" in done.stderr and "Traceback" not in done.stderr
    missing = run_cli("import-cookies", str(tmp_path / "nope.csv"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
