"""``privacyscan run`` and ``privacyscan schedule`` (issue 14, item 3).

Without a browser: when a site is due (never stored, a cron fire since its last stored scan,
several missed fires coalesced into one), the job message, the scan command (the guard on by
default), the run's exit code, and one-line errors for bad input.

With real scans (SQLite history): ``run`` scans only the due site and gates on ``fail_on``;
a second ``run`` scans nothing. Then the scheduler's restart behaviour, for real: the site's
last scan is moved two days back (two daily fires missed while "down"), the scheduler process
scans it once at start, is stopped with SIGTERM, and started again it scans nothing, because
the history (and APScheduler's job store on the same database) says the next fire is tomorrow.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from scanner.fleet.run import (
    Job,
    Outcome,
    ScanSettings,
    due_at,
    due_sites,
    run_exit_code,
    scan_command,
)
from scanner.fleet.schedule import JOB_TABLE, cron_trigger
from scanner.fleet.store import HistoryStore
from scanner.fleet.watchlist import Site, WatchList, load_watchlist
from tests.conftest import ROOT, run_cli
from tests.fixtureweb import FixtureWeb
from tests.fleet_dns import RESOLVER_PATH

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
DAILY = Site(key="a", url="https://a.example/", schedule="0 3 * * *")
REPORT = ROOT / "tests" / "data" / "fleet" / "v1" / "report.json"


def test_due_never_stored_is_now_and_a_recent_scan_waits_for_the_next_fire() -> None:
    assert due_at(DAILY, None, NOW) == NOW
    assert due_at(DAILY, NOW - timedelta(hours=1), NOW) == datetime(2026, 12, 3, 3, tzinfo=UTC)


def test_missed_fires_make_a_site_due_once() -> None:
    last = NOW - timedelta(days=2)  # fires on Dec 1 and Dec 2 at 03:00 were missed
    assert due_at(DAILY, last, NOW) == datetime(2026, 12, 1, 3, tzinfo=UTC)
    other = Site(key="b", url="https://b.example/", schedule="0 3 * * *")
    manual = Site(key="c", url="https://c.example/")  # no schedule: only when never stored
    watch = WatchList(path=Path("w.yaml"), sites=[DAILY, other, manual])
    recent = NOW - timedelta(minutes=5)
    assert due_sites(watch, {"a": last, "b": recent, "c": recent}, NOW) == [DAILY]
    assert due_sites(watch, {}, NOW) == [DAILY, other, manual]


def test_cron_aliases_and_crontab_weekdays_as_the_watch_list_reads_them() -> None:
    assert cron_trigger("@daily").get_next_fire_time(None, NOW) == datetime(2026, 12, 3, tzinfo=UTC)
    sunday = Site(key="s", url="https://s.example/", schedule="0 6 * * 0")
    fire = cron_trigger("0 6 * * 0").get_next_fire_time(None, NOW)
    assert fire == sunday.next_run(NOW) and fire.weekday() == 6


def test_job_message_round_trip_and_scan_command(tmp_path: Path) -> None:
    site = Site(key="k", url="https://k.example/", pages=2, fail_on="high", rules={"CB-06": "off"})
    job = Job.of("run-1", site, WatchList(path=Path("w.yaml"), sites=[site]))
    again = Job.from_json(json.dumps({**json.loads(job.to_json()), "future": 1}))
    assert again == job and again.site().rules == {"CB-06": "off"}
    command = scan_command(job, ScanSettings(out_root=tmp_path), tmp_path)
    assert "--deny-private-addresses" in command  # the default for fleets
    assert command[command.index("--max-pages") + 1] == "2"
    assert command[command.index("--fail-on") + 1] == "high"
    config = Path(command[command.index("--config") + 1])
    assert config.read_text() == '[rules]\nCB-06 = "off"\n'
    allowed = ScanSettings(out_root=tmp_path, deny_private_addresses=False)
    assert "--deny-private-addresses" not in scan_command(job, allowed, tmp_path)


def test_run_exit_code_failure_beats_findings() -> None:
    def outcome(code: int) -> Outcome:
        return Outcome("s", code, 1.0)

    assert run_exit_code([]) == 0
    assert run_exit_code([outcome(0), outcome(0)]) == 0
    assert run_exit_code([outcome(0), outcome(1)]) == 1
    assert run_exit_code([outcome(1), outcome(3)]) == 3


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["run", "missing.yaml"], 2, "missing.yaml: no such file"),
        (["enqueue", "WATCH", "--redis", "redis://127.0.0.1:1/0"], 3, "cannot reach Redis"),
        (["worker", "--redis", "redis://127.0.0.1:1/0", "--visibility", "-1"], 2, "--visibility"),
        (["schedule", "WATCH", "--concurrency", "0"], 2, "--concurrency"),
    ],
)
def test_bad_input_is_one_line(args: list[str], code: int, says: str, tmp_path: Path) -> None:
    watch = tmp_path / "w.yaml"
    watch.write_text("version: 1\nsites:\n  - url: https://a.example/\n")
    args = [str(watch) if a == "WATCH" else a for a in args]
    done = run_cli(*args, "--db", str(tmp_path / "h.sqlite"), timeout=120)
    assert done.returncode == code, done.stderr
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "Traceback" not in done.stderr


class Lines:
    """A child's stdout lines, read in a thread, waited for with a cap."""

    def __init__(self, child: subprocess.Popen) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert child.stdout is not None
        threading.Thread(target=self._read, args=(child.stdout,), daemon=True).start()

    def _read(self, stream) -> None:  # type: ignore[no-untyped-def]
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def until(self, needle: str, cap: float) -> str:
        deadline = time.monotonic() + cap
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            self.seen.append(line)
            if needle in line:
                return line


def scheduler(watch: Path, db: str, web: FixtureWeb, out: Path) -> subprocess.Popen:
    args = ["schedule", str(watch), "--db", db, "--out", str(out), "--quiet-cap", "3"]
    args += ["--host-rules", web.host_rules, "--ignore-https-errors"]
    return subprocess.Popen(
        [sys.executable, "-m", "scanner.cli", *args],
        cwd=ROOT,
        env={**os.environ, "PRIVACYSCAN_RESOLVER": RESOLVER_PATH, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_scans_what_is_due_and_the_scheduler_survives_restarts(
    web: FixtureWeb, tmp_path: Path
) -> None:
    one, two = "site31.vloot-fixture.nl", "site32.vloot-fixture.nl"
    watch = tmp_path / "watch.yaml"
    watch.write_text(
        "version: 1\nsites:\n"
        f"  - url: https://{one}/\n    pages: 1\n    schedule: '0 3 * * *'\n    fail_on: low\n"
        f"  - url: https://{two}/\n    pages: 1\n    schedule: '0 3 * * *'\n"
    )
    load_watchlist(watch)
    db = str(tmp_path / "history.sqlite")
    store = HistoryStore(db)
    seeded = json.loads(REPORT.read_text())
    seeded["target"] = f"https://{two}/"
    seeded["started_at"] = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    store.add_scan(two, seeded)  # scanned a minute ago: not due
    out = tmp_path / "reports"
    common = ["--db", db, "--out", str(out), "--host-rules", web.host_rules]
    common += ["--ignore-https-errors", "--quiet-cap", "3"]
    environment = {"PRIVACYSCAN_RESOLVER": RESOLVER_PATH}
    os.environ.update(environment)
    try:
        first = run_cli("run", str(watch), *common)
        second = run_cli("run", str(watch), *common, timeout=120)
    finally:
        os.environ.pop("PRIVACYSCAN_RESOLVER")
    assert first.returncode == 1, first.stderr  # fail_on: low, and the site has findings
    assert "1 of 2 site(s) due" in first.stdout
    row = next(line for line in first.stdout.splitlines() if line.startswith(one))
    assert "FAIL-ON" in row and two not in first.stdout.split("due", 1)[1]
    assert second.returncode == 0 and "0 of 2 site(s) due" in second.stdout, second.stdout
    assert [len(store.history(k)) for k in (one, two)] == [1, 1]

    with store.engine.begin() as connection:  # "down" for two days: two fires missed
        connection.execute(
            text(
                "UPDATE scans SET started_at = :t WHERE site_id = (SELECT id FROM sites "
                "WHERE key = :k)"
            ),
            {"t": datetime.now(UTC) - timedelta(days=2), "k": one},
        )
    child = scheduler(watch, db, web, out)
    lines = Lines(child)
    assert "due now" in lines.until(one, 120)
    assert " next " in lines.until(two, 30)
    lines.until(f"{one}: stored as scan", 400)
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=120) == 0, child.stderr.read() if child.stderr else ""
    assert [len(store.history(k)) for k in (one, two)] == [2, 1]  # once, not twice
    with store.engine.connect() as connection:
        rows = connection.execute(text(f"SELECT id, next_run_time FROM {JOB_TABLE}")).all()
        jobs = {key: when for key, when in rows}
    tomorrow = cron_trigger("0 3 * * *").get_next_fire_time(None, datetime.now(UTC))
    assert jobs == {one: tomorrow.timestamp(), two: tomorrow.timestamp()}

    child = scheduler(watch, db, web, out)  # restarted: nothing is due
    lines = Lines(child)
    assert f"next {tomorrow:%Y-%m-%dT%H:%M:%SZ}" in lines.until(one, 120)
    assert f"next {tomorrow:%Y-%m-%dT%H:%M:%SZ}" in lines.until(two, 30)
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=120) == 0
    assert not any("stored as scan" in line for line in lines.seen)
    assert [len(store.history(k)) for k in (one, two)] == [2, 1]
    store.close()


def test_fixture_web_serves_any_fleet_host_from_the_wildcard_folder() -> None:
    """The fleet's twenty (or more) hosts are one folder; an exact folder still wins, and an
    unknown host is still a 404."""
    from tests.fixtureweb.sites import serve_first_party, site_folder

    page = serve_first_party("site07.vloot-fixture.nl", "/")
    assert page.status == 200 and b"Een site van de vloot" in page.body
    assert site_folder("site99.vloot-fixture.nl").name == "*.vloot-fixture.nl"
    assert site_folder("www.shop-fixture.nl").name == "www.shop-fixture.nl"
    assert serve_first_party("www.nergens-fixture.nl", "/").status == 404


def test_a_second_attempt_in_one_run_gets_its_own_folder(tmp_path: Path) -> None:
    """A worker that died left a partial scan in the run's folder; the next attempt must not
    write its evidence over (or beside) it."""
    from scanner.fleet.run import out_dir_for

    settings, job = ScanSettings(out_root=tmp_path), Job("r1", "k", "https://k.example/")
    first = out_dir_for(job, settings)
    assert out_dir_for(job, settings) == first  # still empty: the same folder
    (first / "checkpoint").mkdir()
    assert out_dir_for(job, settings) == tmp_path / "k" / "r1-2"


def test_run_with_a_failing_site_exits_3_with_the_reason_in_the_table(tmp_path: Path) -> None:
    """A site the guard refuses (fleet scans refuse private addresses by default) fails at
    once, without a browser: the table says ERROR with the scan's own one-line reason, nothing
    is stored, and the run exits 3 with one line on stderr."""
    watch = tmp_path / "w.yaml"
    watch.write_text("version: 1\nsites:\n  - url: https://127.0.0.1/\n    name: lokaal\n")
    db = str(tmp_path / "h.sqlite")
    done = run_cli("run", str(watch), "--db", db, "--out", str(tmp_path / "r"), timeout=120)
    assert done.returncode == 3, done.stderr
    row = next(line for line in done.stdout.splitlines() if line.startswith("lokaal "))
    assert "ERROR" in row and "refusing https://127.0.0.1/" in row, row
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    store = HistoryStore(db)
    try:
        assert store.sites() == []
    finally:
        store.close()
