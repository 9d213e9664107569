"""The optional TrackerDB enrichment, with a small file in TrackerDB's format written here.

Ghostery's own data is non-commercial and never installed by the project, so the tests build a
file of the same shape (organisations, patterns, domains) with made-up facts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.classify.attribute import attribute_request
from scanner.classify.trackerdb import load
from scanner.model import PhaseResult, RequestRecord, Scan
from scanner.options import ScanOptions
from scanner.report.json import build_report
from tests.conftest import request_record, run_cli

FACTS = {
    "categories": {"advertising": {"name": "Advertising"}},
    "organizations": {"fixtureads": {"name": "Fixture Ads GmbH", "country": "DE"}},
    "patterns": {
        "fixtureads": {
            "name": "Fixture Ads",
            "category": "advertising",
            "organization": "fixtureads",
            "domains": ["fixture-ads.example"],
        }
    },
    "domains": {"fixture-ads.example": "fixtureads", "google-analytics.com": "fixtureads"},
    "filters": {},
}


@pytest.fixture
def trackerdb_file(tmp_path: Path) -> Path:
    (tmp_path / "dist").mkdir()
    (tmp_path / "package.json").write_text(json.dumps({"version": "9.9.9"}))
    path = tmp_path / "dist" / "trackerdb.json"
    path.write_text(json.dumps(FACTS))
    return path


def record(host: str) -> RequestRecord:
    return request_record(host, f"https://{host}/p.gif")


def test_unknown_host_is_attributed_from_trackerdb_and_labelled(trackerdb_file: Path) -> None:
    request = record("px.fixture-ads.example")
    attribute_request(request, "example.nl", trackerdb=load(trackerdb_file))
    assert request.attribution.owner == "Fixture Ads GmbH"
    assert request.attribution.country == "DE" and request.attribution.tracker
    assert request.attribution.reasons == ["Ghostery TrackerDB 9.9.9 (non-commercial): Fixture Ads"]


def test_the_projects_own_table_wins(trackerdb_file: Path) -> None:
    request = record("www.google-analytics.com")
    attribute_request(request, "example.nl", trackerdb=load(trackerdb_file))
    assert request.attribution.owner == "Google LLC"


def test_report_names_the_enrichment_and_its_licence(trackerdb_file: Path, tmp_path: Path) -> None:
    options = ScanOptions(url="https://www.example.nl/", out_dir=tmp_path, trackerdb=trackerdb_file)
    scan = Scan(target=options.url, started_at="2026-11-25T00:00:00Z", phases={})
    for name in ("pre-consent", "accept", "reject"):
        scan.phases[name] = PhaseResult(name=name)  # type: ignore[arg-type]
    versions = build_report(scan, options)["tool"]["data_versions"]
    assert versions["ghostery_trackerdb"].startswith("9.9.9 (CC-BY-NC-SA-4.0 (non-commercial")


def test_a_missing_trackerdb_file_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli(
        "scan",
        "https://www.example.nl/",
        "--out",
        str(tmp_path),
        "--trackerdb",
        str(tmp_path / "nope.json"),
    )
    assert done.returncode == 2
    assert "--trackerdb" in done.stderr and "Traceback" not in done.stderr
