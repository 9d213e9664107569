"""The history store, diff and the report's "changed since" section, on real databases.

Every store test runs twice: on an SQLite file and on a real PostgreSQL server this module starts
on loopback (tests/pg_server.py; skipped, saying why, only when the binaries are absent).

The acceptance case (issue 14) uses two real report.json files of one fixture site in two
releases (tests/fixtureweb/sites/www.historie-fixture.nl: /v1/ and /v2/, each scanned once with
``privacyscan scan --max-pages 2``, kept in tests/data/fleet/), stored under one site key: the
second release added Hotjar and its Meta pixel fires after "Reject all".
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from scanner.cli import main
from scanner.errors import UsageError
from scanner.fleet.models import Base
from scanner.fleet.store import HistoryStore, database_url, head_revision
from tests import pg_server

DATA = Path(__file__).parent / "data" / "fleet"
SITE = "historie"
HOTJAR = ["in.hotjar.com", "script.hotjar.com", "static.hotjar.com"]
META = ["connect.facebook.net", "www.facebook.com"]


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """One PostgreSQL server for the module's tests."""
    if pg_server.binaries() is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not installed: run scripts/setup.sh")
    with pg_server.postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite")
    server = request.getfixturevalue("postgres")
    return pg_server.fresh_database(server, f"h_{uuid.uuid4().hex[:12]}")


def release(tmp_path: Path, name: str) -> Path:
    """A writable copy of a stored release report (history add rewrites it)."""
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(DATA / name / "report.json", folder / "report.json")
    return folder / "report.json"


def store_both(tmp_path: Path, db: str) -> tuple[Path, Path]:
    """``history add`` v1 then v2 under one key, through the command line."""
    first, second = release(tmp_path, "v1"), release(tmp_path, "v2")
    for report in (first, second):
        assert main(["history", "add", str(report), "--site", SITE, "--db", db]) == 0
    return first, second


def test_fresh_database_ends_at_head_with_the_models_schema(db_url: str) -> None:
    store = HistoryStore(db_url)
    assert store.revision() == head_revision() == "0003"
    with store.engine.connect() as connection:
        # The migrations build exactly what the models describe: no table or column missing.
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    store.close()


def test_older_revision_is_upgraded_on_open_and_keeps_its_rows(db_url: str) -> None:
    url = database_url(db_url)
    HistoryStore(db_url).close()  # creates the database at head ...
    engine = create_engine(url)
    with engine.begin() as connection:  # ... and back to the first revision, with a row in it
        from alembic import command

        from scanner.fleet.store import migration_config

        command.downgrade(migration_config(connection), "0001")
        connection.execute(
            text("INSERT INTO sites (key, url, created_at) VALUES ('old', 'https://o/', :t)"),
            {"t": "2026-01-01 00:00:00+00:00"},
        )
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0001"
        assert "alert_deliveries" not in inspect(connection).get_table_names()
    engine.dispose()
    store = HistoryStore(db_url)
    assert store.revision() == "0003"
    assert store.sites() == ["old"]
    with store.engine.connect() as connection:
        assert "alert_deliveries" in inspect(connection).get_table_names()
        assert "report_sha256" in {c["name"] for c in inspect(connection).get_columns("scans")}
    store.close()


def test_history_and_diff_show_the_added_tracker_and_the_broken_reject(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = store_both(tmp_path, db_url)
    capsys.readouterr()
    assert main(["history", SITE, "--db", db_url, "--json"]) == 0
    scans = json.loads(capsys.readouterr().out)
    assert [s["report_json"] for s in scans] == [str(first.resolve()), str(second.resolve())]
    assert [s["counts"]["high"] for s in scans] == [1, 2]

    assert main(["diff", SITE, "--db", db_url, "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert changes["from"]["scan_id"] == scans[0]["id"]
    assert changes["to"]["scan_id"] == scans[1]["id"]
    parties = changes["third_parties"]
    assert [p["host"] for p in parties["added"]] == HOTJAR
    assert all(p["phases"] == ["accept"] for p in parties["added"])
    assert parties["removed"] == []
    # The reject that stopped working: Meta's hosts, seen after accept before, now after reject.
    assert [(p["host"], p["new_phases"], p["gone_phases"]) for p in parties["phases_changed"]] == [
        (host, ["reject"], []) for host in META
    ]
    cookies = changes["cookies"]
    assert [c["name"] for c in cookies["added"]] == ["_hjSessionUser_3456789", "_hjSession_3456789"]
    assert sorted(c["name"] for c in cookies["phases_changed"]) == ["_fbp", "fr"]
    assert cookies["removed"] == []
    findings = changes["findings"]
    added = {(f["rule"], f["severity"], f["phase"]) for f in findings["added"]}
    assert ("EP-05", "high", "reject") in added  # tracking continues after reject
    assert {f["rule"] for f in findings["added"]} == {"EP-05", "SEC-05", "TR-01"}
    assert [f["rule"] for f in findings["removed"]] == ["TR-01"]  # 1 recipient became 2
    assert findings["severity_changed"] == []
    assert changes["verdict"] is None  # "high" before (no policy found) and after
    assert changes["banner"] == []  # the reject click still stores a choice: only its effect broke

    assert main(["diff", SITE, "--db", db_url]) == 0
    text_out = capsys.readouterr().out
    assert "+ third party static.hotjar.com" in text_out
    assert "~ third party www.facebook.com" in text_out and "+reject" in text_out


def test_report_gets_the_changed_since_block_and_html(db_url: str, tmp_path: Path) -> None:
    first, second = store_both(tmp_path, db_url)
    v1 = json.loads(first.read_text())
    v2 = json.loads(second.read_text())
    assert v1["history"]["previous"] is None and v1["history"]["changes"] is None
    block = v2["history"]
    assert block["previous"]["started_at"] == v1["started_at"]
    assert [point["findings"]["high"] for point in block["trend"]] == [1, 2]
    assert [p["host"] for p in block["changes"]["third_parties"]["added"]] == HOTJAR

    page = (second.parent / "report.html").read_text()
    section = re.search(r'<section id="history".*?</section>', page, re.S)
    assert section is not None
    shown = html.unescape(section.group(0))
    when = v1["started_at"].replace("T", " ").replace("Z", " UTC")  # 2026-12-02 15:27:52 UTC
    assert f"Changed since {when}</h2>" in shown
    for host in HOTJAR:
        assert f"New third party: {host}" in shown
    plain = re.sub(r"<[^>]+>", "", shown)
    for host in META:  # the reject that stopped working
        assert f"{host} is seen in other phases: + after reject" in plain
    assert "New cookie: _hjSession_3456789 on .historie-fixture.nl after accept" in plain
    assert "EP-05" in shown and "Tracking continues after the visitor rejected" in shown
    assert '<svg id="history-trend"' in shown and "<script" not in page
    first_page = (first.parent / "report.html").read_text()
    assert "This is the first scan stored for historie" in first_page
    # The HTML comes from report.json alone: rendering it again gives the same section.
    assert main(["report", str(second), "--format", "html", "--out", str(tmp_path / "again")]) == 0
    again = (tmp_path / "again" / "report.html").read_text()
    assert re.search(r'<section id="history".*?</section>', again, re.S).group(0) == (
        section.group(0)
    )


def test_storing_one_scan_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "h.sqlite")
    report = release(tmp_path, "v1")
    assert main(["history", "add", str(report), "--site", SITE, "--db", db]) == 0
    capsys.readouterr()
    assert main(["history", "add", str(report), "--site", SITE, "--db", db]) == 2
    error = capsys.readouterr().err
    assert "already stored" in error and len(error.strip().splitlines()) == 1
    with sqlite3.connect(tmp_path / "h.sqlite") as connection:
        assert connection.execute("SELECT count(*) FROM scans").fetchone() == (1,)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["history", "nosuchsite"], 2, "no stored scans for site 'nosuchsite'"),
        (["diff", SITE, "--from", "99"], 2, "has no stored scan"),
        (["diff", SITE, "--to", "x"], 2, "must be a scan id"),
        (["history", "add"], 2, "give the report.json"),
        (["history", "add", "/nonexistent/report.json"], 2, "no such file"),
        (["history", "add", "REPORT", "--db", "nosuchdialect://x/y"], 2, "not a usable database"),
        (["history", SITE, "--db", "postgresql://u@127.0.0.1:1/db"], 3, "cannot open"),
    ],
)
def test_bad_input_is_one_line_and_the_right_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture, argv: list[str], code: int, message: str
) -> None:
    db = str(tmp_path / "h.sqlite")
    assert main(["history", "add", str(release(tmp_path, "v1")), "--site", SITE, "--db", db]) == 0
    capsys.readouterr()
    argv = [str(release(tmp_path, "v2")) if a == "REPORT" else a for a in argv]
    full = argv if "--db" in argv else [*argv, "--db", db]
    assert main(full) == code
    error = capsys.readouterr().err
    assert message in error and len(error.strip().splitlines()) == 1
    assert "Traceback" not in error


def test_workers_sharing_a_new_database_migrate_once_and_lose_nothing(
    db_url: str, tmp_path: Path
) -> None:
    """Four workers open one new database at the same moment (a barrier) and each store a scan
    of one new site, one of them storing the same report twice: every scan is there once, the
    site once, the schema at head, and the twin is refused."""
    document = json.loads((DATA / "v1" / "report.json").read_text())
    start = threading.Barrier(4)
    outcomes: list[str] = []

    def worker(number: int) -> None:
        start.wait(timeout=30)
        store = HistoryStore(db_url)
        try:
            hour = min(number, 2)  # workers 2 and 3 store the same scan
            report = {**document, "started_at": f"2026-12-0{hour + 1}T06:00:00Z"}
            store.add_scan("shared", report)
            outcomes.append("stored")
        except UsageError as error:
            outcomes.append("twin" if "already stored" in str(error) else str(error))
        finally:
            store.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["stored", "stored", "stored", "twin"]
    store = HistoryStore(db_url)
    assert store.revision() == head_revision()
    assert store.sites() == ["shared"]
    assert [scan.started_at for scan in store.history("shared")] == [
        "2026-12-01T06:00:00Z",
        "2026-12-02T06:00:00Z",
        "2026-12-03T06:00:00Z",
    ]
    store.close()


def test_the_changed_since_section_escapes_what_sites_control(tmp_path: Path) -> None:
    """Host names, cookie names and titles in the history block come from the scanned site:
    they are rendered as text, never as markup."""
    from scanner.fleet.record import record_report
    from tests.report_samples import HOSTILE, synthetic_report

    before = synthetic_report()
    after = synthetic_report()
    after["started_at"] = "2026-11-25T21:00:00Z"
    evil_host = '"><script>alert(1)</script>.evil.example'
    request = {**after["phases"]["pre-consent"]["requests"][0], "host": evil_host, "owner": HOSTILE}
    after["phases"]["pre-consent"]["requests"].append(request)
    after["phases"]["pre-consent"]["cookies"][0]["name"] = HOSTILE + "<b>2</b>"
    store = HistoryStore(str(tmp_path / "h.sqlite"))
    for name, document in (("a", before), ("b", after)):
        (tmp_path / name).mkdir()
        report = tmp_path / name / "report.json"
        report.write_text(json.dumps(document))
        record_report(store, "evil", document, report)
    store.close()
    page = (tmp_path / "b" / "report.html").read_text()
    section = re.search(r'<section id="history".*?</section>', page, re.S).group(0)
    assert "<script" not in page and "<img" not in section and "<b>2" not in section
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.evil.example" in section
    assert "onerror=alert(1)&gt;" in section
    shown = html.unescape(re.sub(r"<[^>]+>", "", section))
    assert f"New third party: {evil_host} ({HOSTILE})" in shown


def test_diff_names_banner_and_severity_changes() -> None:
    """A reject that no longer works as the banner outcome shows it, and a finding whose
    severity moved, matched by fingerprint."""
    from scanner.fleet.diff import diff_snapshots, new_findings_at
    from scanner.fleet.snapshot import from_report
    from tests.report_samples import synthetic_report

    before, after = synthetic_report(), synthetic_report()
    after["consent"]["reject"]["succeeded"] = False
    moved = next(f for f in after["findings"] if f["severity"] == "medium")
    moved["severity"] = "high"
    changes = diff_snapshots(from_report(before), from_report(after))
    assert changes["banner"] == [
        {"phase": "reject", "field": "succeeded", "from": True, "to": False}
    ]
    assert [
        (f["fingerprint"], f["from"], f["severity"])
        for f in changes["findings"]["severity_changed"]
    ] == [(moved["fingerprint"], "medium", "high")]
    assert changes["findings"]["added"] == changes["findings"]["removed"] == []
    assert [f["fingerprint"] for f in new_findings_at(changes, "high")] == [moved["fingerprint"]]
    assert (
        diff_snapshots(from_report(after), from_report(before))["findings"]["severity_changed"][0][
            "severity"
        ]
        == "medium"
    )


def test_default_database_is_a_file_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PRIVACYSCAN_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["history", "add", str(release(tmp_path, "v1"))]) == 0
    assert "stored scan 1 of www.historie-fixture.nl (the first)" in capsys.readouterr().out
    database = tmp_path / "data" / "privacyscan" / "history.sqlite"
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT key FROM sites").fetchall() == [
            ("www.historie-fixture.nl",)
        ]
    monkeypatch.setenv("PRIVACYSCAN_DB", str(tmp_path / "team.sqlite"))
    assert main(["history", "www.historie-fixture.nl"]) == 2  # $PRIVACYSCAN_DB wins: empty
    assert "the store is empty" in capsys.readouterr().err
