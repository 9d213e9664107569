"""Interrupted scans keep their evidence, and ``--resume`` finishes them (issue 13, item 2).

A real ``privacyscan scan`` of the onderbroken fixture (six linked pages, each busy for 1.5 s
after load) runs in a child process. It is sent SIGTERM once the checkpoint shows a finished
page in every phase, must leave a schema-valid report.json marked incomplete, and
``--resume`` must complete it with the whole page set, visiting no page twice in a phase.
The fixture site gives each browser profile its own ``bezoeker`` cookie, so the fixture
web's request log says which phase (profile) loaded which page.

The crash path runs the real command line with the checks made to raise (patched in the child
process): the report is written from the checkpoint, marked incomplete, and resuming it needs
no page load at all.
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.report.schema import validate
from tests.conftest import ROOT, run_cli
from tests.fixtureweb import FixtureWeb

SITE = "https://www.onderbroken-fixture.nl/"
HOST = "www.onderbroken-fixture.nl"
PATHS = ["/", "/een/", "/twee/", "/drie/", "/vier/", "/vijf/"]
PAGE_SET = {SITE.rstrip("/") + path for path in PATHS}
PHASES = ("pre-consent", "accept", "reject")


def scan_args(web: FixtureWeb, out: Path) -> list[str]:
    return [
        "scan", SITE, "--out", str(out), "--host-rules", web.host_rules,
        "--ignore-https-errors", "--max-pages", str(len(PATHS)), "--format", "html", "--quiet",
    ]  # fmt: skip


def wait_for(condition: Callable[[], bool], cap: float, process: subprocess.Popen) -> None:
    """Wait until ``condition`` holds (a file the scan writes appears), at most ``cap`` s."""
    deadline = time.monotonic() + cap
    while not condition():
        assert process.poll() is None, f"the scan ended first: {process.communicate()}"
        assert time.monotonic() < deadline, "the checkpoint never showed the awaited pages"
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.05)  # returns at once if the scan ends; else re-check


def finished_pages(out: Path, phase: str) -> int:
    folder = out / "checkpoint" / "pages" / phase
    return len(list(folder.glob("[0-9]*.json"))) if folder.is_dir() else 0


def report(out: Path) -> dict:
    document = json.loads((out / "report.json").read_text(encoding="utf-8"))
    validate(document)
    return document


def page_loads(requests: list) -> Counter:
    """(visitor cookie, path) of every page the browsers loaded from the site: a visitor
    cookie is one browser profile, so one phase; None is a profile's very first load."""
    return Counter(
        (r.cookies.get("bezoeker"), r.path)
        for r in requests
        if r.host == HOST
        and r.scheme == "https"
        and r.path in PATHS
        and r.headers.get("sec-fetch-dest") == "document"
    )


def start_scan(args: list[str], out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "scanner.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def interrupted(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A scan killed with SIGTERM halfway, then resumed: both reports and both request logs."""
    out = tmp_path_factory.mktemp("interrupted")
    web.clear_log()
    started = time.monotonic()
    process = start_scan(scan_args(web, out), out)
    try:
        wait_for(lambda: all(finished_pages(out, p) >= 1 for p in PHASES), 120, process)
        process.send_signal(signal.SIGTERM)
        _stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    stopped = time.monotonic()
    first = {"exit": process.returncode, "stderr": stderr, "report": report(out)}
    first["html"] = (out / "report.html").read_text(encoding="utf-8")
    first["log"] = web.requests
    first["seconds"] = stopped - started
    # A URL that is not the interrupted scan's is refused before any browser starts.
    conflict = run_cli("scan", "https://www.shop-fixture.nl/", "--resume", str(out))
    web.clear_log()
    resumed = run_cli("scan", "--resume", str(out), "--quiet")
    return {
        "out": out,
        "first": first,
        "conflict": conflict,
        "resumed": {"exit": resumed.returncode, "stderr": resumed.stderr},
        "final": report(out) if resumed.returncode in (0, 1) else None,
        "resume_log": web.requests,
    }


def test_sigterm_leaves_a_partial_report_marked_incomplete(interrupted) -> None:
    first = interrupted["first"]
    assert first["exit"] == 143, first["stderr"]
    assert "--resume" in first["stderr"] and "Traceback" not in first["stderr"]
    partial = first["report"]
    incomplete = partial["incomplete"]
    assert 'id="incomplete"' in first["html"], "the site owner's report says so too"
    assert incomplete["signal"] == "SIGTERM" and "interrupted" in incomplete["reason"]
    missing = [url for phase in incomplete["phases"].values() for url in phase["pages_missing"]]
    assert missing, "the scan was stopped halfway, so some page must be missing"
    for name in PHASES:
        done = incomplete["phases"][name]["pages_done"]
        assert done, name
        visited = [page["url"] for page in partial["phases"][name]["pages"]]
        assert sorted(visited) == sorted(done), name
        assert set(done) <= PAGE_SET
    # What was collected is in it: the accept phase's decided Meta pixel, GA-free pre-consent.
    assert partial["consent"]["accept"]["succeeded"]
    cookies = {c["name"] for c in partial["phases"]["pre-consent"]["cookies"]}
    assert "bezoeker" in cookies


def test_resume_refuses_a_conflicting_url(interrupted) -> None:
    conflict = interrupted["conflict"]
    assert conflict.returncode == 2
    assert "not https://www.shop-fixture.nl/" in conflict.stderr
    assert "Traceback" not in conflict.stderr


def test_resume_completes_with_the_same_page_set(interrupted) -> None:
    assert interrupted["resumed"]["exit"] == 0, interrupted["resumed"]["stderr"]
    final = interrupted["final"]
    assert final["incomplete"] is None
    for name in PHASES:
        assert {page["url"] for page in final["phases"][name]["pages"]} == PAGE_SET, name
        assert len(final["phases"][name]["pages"]) == len(PATHS), name
    assert final["started_at"] == interrupted["first"]["report"]["started_at"]
    assert final["resumed"]["runs"] == 2
    for name in PHASES:
        notes = final["resumed"]["phases"][name]
        assert notes["restored_pages"] >= 1, name
        if not notes.get("finished_before"):
            assert any("sessionStorage" in text for text in notes["not_observed"]), name
    # The accept phase kept its decided state: the Meta pixel runs on the resumed pages.
    accepted = [r for r in final["phases"]["accept"]["requests"] if "facebook.com/tr" in r["url"]]
    assert {r["page"] for r in accepted} == PAGE_SET
    for name in ("pre-consent", "reject"):
        requests = final["phases"][name]["requests"]
        assert not any("facebook.com/tr" in r["url"] for r in requests), name
    assert not (interrupted["out"] / "checkpoint").exists(), "a complete scan leaves none"
    html = (interrupted["out"] / "report.html").read_text(encoding="utf-8")
    assert 'id="resumed"' in html and 'id="incomplete"' not in html


def test_no_page_is_visited_twice_in_a_phase(interrupted) -> None:
    loads = page_loads(interrupted["first"]["log"]) + page_loads(interrupted["resume_log"])
    # Each phase's fresh profile loads the start page without a visitor cookie, once.
    assert loads.pop((None, "/")) == len(PHASES)
    assert max(loads.values()) == 1, [key for key, n in loads.items() if n > 1]
    assert all(visitor for visitor, _path in loads), "only start pages load without a cookie"
    visitors = {visitor for (visitor, _path) in loads if visitor is not None}
    assert len(visitors) == 3, "the resumed phases kept their profiles' cookies"
    for visitor in visitors:
        assert {path for (v, path) in loads if v == visitor} == set(PATHS) - {"/"}
    resumed_loads = page_loads(interrupted["resume_log"])
    assert resumed_loads and all(visitor for visitor, _path in resumed_loads)


CRASHING_CLI = """
import sys
import scanner.api

def crash(*args, **kwargs):
    raise RuntimeError("injected after collection")

scanner.api.run_checks = crash
from scanner.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_after_collection_keeps_the_evidence(web: FixtureWeb, tmp_path: Path) -> None:
    out = tmp_path / "crashed"
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_CLI, *scan_args(web, out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 3, done.stderr
    assert "crashed: RuntimeError: injected after collection" in done.stderr
    assert "Traceback" not in done.stderr
    partial = report(out)
    assert partial["incomplete"]["reason"].startswith("crashed: RuntimeError")
    assert partial["incomplete"]["signal"] is None
    for name in PHASES:
        assert partial["incomplete"]["phases"][name]["finished"], name
        assert {p["url"] for p in partial["phases"][name]["pages"]} == PAGE_SET, name
    assert partial["findings"] == []
    assert any("checks not run" in error for error in partial["errors"])
    assert any("facebook.com/tr" in r["url"] for r in partial["phases"]["accept"]["requests"])
    # Every phase had ended: resuming judges the evidence again and loads no page.
    web.clear_log()
    resumed = run_cli("scan", "--resume", str(out), "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert not page_loads(web.requests)
    final = report(out)
    assert final["incomplete"] is None and final["findings"]
    # The policy fetch had ended: its look-ups are replayed, not made (and listed) again.
    assert final["policy_searched"] == partial["policy_searched"]
    assert len(final["errors"]) == len(set(final["errors"]))
    for name in PHASES:
        assert {p["url"] for p in final["phases"][name]["pages"]} == PAGE_SET, name
        assert final["resumed"]["phases"][name]["finished_before"], name


def test_a_killed_scan_resumes_from_its_checkpoint(web: FixtureWeb, tmp_path: Path) -> None:
    """SIGKILL leaves no report, but every finished page is on disk: --resume completes the
    scan and loads none of the checkpointed pages again (pages in flight are loaded again)."""
    out = tmp_path / "killed"
    web.clear_log()
    process = start_scan(scan_args(web, out), out)
    try:
        wait_for(lambda: finished_pages(out, "accept") >= 2, 120, process)
        process.kill()
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert not (out / "report.json").exists()
    checkpointed = {}
    for name in PHASES:
        folder = out / "checkpoint" / "pages" / name
        pages = [json.loads(p.read_text()) for p in sorted(folder.glob("[0-9]*.json"))]
        checkpointed[name] = {page["visit"]["url"] for page in pages}
    assert len(checkpointed["accept"]) >= 2
    web.clear_log()
    resumed = run_cli("scan", "--resume", str(out), "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    final = report(out)
    assert final["incomplete"] is None and final["resumed"]["runs"] == 2
    for name in PHASES:
        assert {page["url"] for page in final["phases"][name]["pages"]} == PAGE_SET, name
        assert final["resumed"]["phases"][name]["restored_pages"] == len(checkpointed[name])
    # The accept profile (the one with the consent cookie) loads no checkpointed page again.
    accepted = [
        r.path
        for r in web.requests
        if r.host == HOST
        and r.headers.get("sec-fetch-dest") == "document"
        and r.cookies.get("fixture_consent") == "accepted"
    ]
    done = {url.removeprefix(SITE.rstrip("/")) for url in checkpointed["accept"]}
    assert accepted and not done & set(accepted), (accepted, done)
    assert sorted(accepted) == sorted(set(PATHS) - done)


def test_a_second_sigint_forces_the_stop_and_still_reports(web: FixtureWeb, tmp_path: Path) -> None:
    """Ctrl-C twice: Scrapy stops at once instead of finishing the pages in flight; the
    report is still written from the checkpoint, and the exit code is SIGINT's 130."""
    out = tmp_path / "forced"
    process = start_scan(scan_args(web, out), out)
    try:
        wait_for(lambda: finished_pages(out, "pre-consent") >= 1, 120, process)
        process.send_signal(signal.SIGINT)
        process.send_signal(signal.SIGINT)
        _stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, stderr
    partial = report(out)
    assert partial["incomplete"]["signal"] == "SIGINT"
    done = partial["incomplete"]["phases"]["pre-consent"]["pages_done"]
    assert SITE in done
    assert {p["url"] for p in partial["phases"]["pre-consent"]["pages"]} == set(done)
    assert any(partial["incomplete"]["phases"][name]["pages_missing"] for name in PHASES)


# -- the checkpoint itself, without a browser ----------------------------------------------------


def test_checkpoint_round_trip_and_atomic_files(tmp_path: Path) -> None:
    from scanner.collect.checkpoint import (
        Checkpoint,
        options_from_dict,
        options_to_dict,
        record_from_dict,
        record_to_dict,
    )
    from scanner.model import Attribution, PageVisit, RequestRecord
    from scanner.options import ScanOptions

    options = ScanOptions(
        url=SITE, out_dir=tmp_path, max_pages=3, exclude_patterns=("/tag/",), gpc=True
    )
    restored_options = options_from_dict(options_to_dict(options))
    assert restored_options.out_dir == tmp_path and restored_options.exclude_patterns == ("/tag/",)
    assert restored_options.max_pages == 3 and restored_options.gpc
    request = RequestRecord(
        phase="accept", page=SITE, url=SITE + "x", host=HOST, method="GET",
        resource_type="script", frame=None, initiator=None,
        attribution=Attribution(owner="Meta Platforms, Inc.", tracker=True),
    )  # fmt: skip
    assert record_from_dict(record_to_dict(request)) == request
    # A field another scanner version wrote is dropped, not fatal.
    visit = record_to_dict(PageVisit(phase="accept", url=SITE, status=200))
    assert record_from_dict({**visit, "from_a_later_version": 1}).url == SITE
    checkpoint = Checkpoint(tmp_path)
    checkpoint.begin(options, "2026-12-02T15:00:00Z")
    checkpoint.save_page("accept", 0, {"index": 0, "visit": visit, "records": []})
    checkpoint.save_phase("accept", {"finished": False, "decided": True})
    restored = checkpoint.load()
    assert restored.phases["accept"].urls == [SITE] and not restored.phases["accept"].finished
    assert restored.scan["started_at"] == "2026-12-02T15:00:00Z"
    assert not list(tmp_path.rglob(".*.tmp")), "a temporary file was left behind"
    checkpoint.discard()
    assert not checkpoint.exists()


def test_resume_needs_a_checkpoint_and_the_same_url(tmp_path: Path) -> None:
    from scanner.collect.checkpoint import Checkpoint
    from scanner.errors import UsageError
    from scanner.options import ScanOptions
    from scanner.partial import resume_options

    with pytest.raises(UsageError, match="no interrupted scan"):
        resume_options(tmp_path, None)
    Checkpoint(tmp_path).begin(ScanOptions(url=SITE, out_dir=tmp_path), "2026-12-02T15:00:00Z")
    options, restored = resume_options(tmp_path, "www.onderbroken-fixture.nl")
    assert options.url == SITE and restored.scan["runs"] == 1
    with pytest.raises(UsageError, match=r"not https://www\.example\.nl/"):
        resume_options(tmp_path, "https://www.example.nl/")
