"""A hostile network: real scans of sites that hang, loop, leave, trap and download.

``www.vijandig-fixture.nl`` links, from its start page, to one case each (see
``tests/fixtureweb/hostile.py``): a page that trickles forever, a request never answered, an
endless redirect loop, a redirect to another site, a 20 MB page, .zip/.exe/.pdf links, an
attachment download, 403/404/500/503 pages, and last an ordinary page. The scan must end
within a bound, record what each link did, and still reach the ordinary page.
``agenda.vijandig-fixture.nl`` is an endless calendar plus an endless ``?page=N`` list.

Every scan runs the real command line in a child process (Scrapy's reactor runs once per
process); the bounds asserted are generous, they assert an upper bound, not a speed.
"""

from __future__ import annotations

import time

import pytest

from scanner.collect.bounds import SAME_TEMPLATE_LIMIT, UrlGuard, template
from tests.conftest import ScanRun
from tests.fixtureweb import FixtureWeb

HOSTILE = "https://www.vijandig-fixture.nl/"
AGENDA = "https://agenda.vijandig-fixture.nl/"
#: --page-timeout for these scans (seconds): short, so the hanging pages cost little.
PAGE_TIMEOUT_SECONDS = 5
#: Upper bound for the whole hostile-site scan (seconds): three hanging pages at the page
#: timeout, three phases, start-up, on a shared two-core machine. Unbounded, it never ends.
HOSTILE_SCAN_BOUND_SECONDS = 300
#: Upper bound for a scan of the calendar site (seconds).
AGENDA_SCAN_BOUND_SECONDS = 240
#: --scan-timeout of the cut-short scan (seconds), and how far past it the scan may end: the
#: pages in flight finish (page timeout + quiet cap), then start-up and reports.
SCAN_TIMEOUT_SECONDS = 3
CUT_SHORT_SLACK_SECONDS = 120


def timed_scan(scan_site, url: str, *args: str) -> tuple[ScanRun, float]:
    started = time.monotonic()
    run = scan_site(url, "--page-timeout", str(PAGE_TIMEOUT_SECONDS), "--format", "json", *args)
    return run, time.monotonic() - started


def pages(report: dict, phase: str = "pre-consent") -> dict[str, dict]:
    return {p["url"]: p for p in report["phases"][phase].get("pages", [])}


def assert_not_followed_by_decision_phases(report: dict, url: str) -> None:
    """Accept and reject follow the page set; ``url`` must not be in it."""
    for phase in ("accept", "reject"):
        assert url not in pages(report, phase), phase


@pytest.fixture(scope="module")
def hostile(web: FixtureWeb, scan_site) -> tuple[ScanRun, float, list]:
    """One scan of the hostile site, its duration, and what the fixture web received."""
    web.clear_log()
    run, seconds = timed_scan(scan_site, HOSTILE, "--max-pages", "10")
    return run, seconds, web.requests


def test_hostile_site_scan_ends_within_bound_with_a_report(hostile) -> None:
    run, seconds, _ = hostile
    assert run.exit_code == 0, run.stderr
    assert seconds < HOSTILE_SCAN_BOUND_SECONDS
    assert run.report["cut_short"] is None
    # The ordinary page after every hostile link was reached, and its evidence kept.
    visited = pages(run.report)
    assert visited[HOSTILE + "gewoon/"]["outcome"] == "loaded"
    cookies = {c["name"] for c in run.report["phases"]["pre-consent"]["cookies"]}
    assert {"vijandig_bezoek", "gewoon_gezien"} <= cookies


@pytest.mark.parametrize("path", ["traag/", "stil/"])
def test_page_that_never_finishes_is_timed_out(hostile, path: str) -> None:
    run, _, received = hostile
    visit = pages(run.report)[HOSTILE + path]
    assert visit["outcome"] == "timeout" and visit["status"] is None
    assert f"{PAGE_TIMEOUT_SECONDS * 1000}ms" in visit["error"]
    assert any(r.host == "www.vijandig-fixture.nl" and r.path == "/" + path for r in received)
    assert any(HOSTILE + path in error for error in run.report["errors"])


def test_redirect_loop_is_an_error(hostile) -> None:
    run, _, received = hostile
    visit = pages(run.report)[HOSTILE + "lus/"]
    assert visit["outcome"] == "error" and "ERR_TOO_MANY_REDIRECTS" in visit["error"]
    hops = [r for r in received if r.path == "/lus/" and r.host == "www.vijandig-fixture.nl"]
    assert len(hops) > 10, "the browser followed the loop before giving up"


def test_redirect_to_another_site_is_recorded_not_followed(hostile) -> None:
    run, _, received = hostile
    report = run.report
    visit = pages(report)[HOSTILE + "weg/"]
    assert visit["outcome"] == "off-site"
    assert visit["final_url"] == "https://www.example.org/"
    assert "https://www.example.org/" in visit["error"]
    assert_not_followed_by_decision_phases(report, HOSTILE + "weg/")
    # The browser was stopped before it asked the other site for anything, so none of its
    # cookies or requests can pass for this site's.
    assert not any(r.host == "www.example.org" for r in received)
    hosts = {r["host"] for r in report["phases"]["pre-consent"]["requests"]}
    assert "www.example.org" not in hosts


def test_large_page_is_bounded_and_recorded(hostile) -> None:
    run, seconds, received = hostile
    visit = pages(run.report)[HOSTILE + "groot/"]
    assert any(r.path == "/groot/" for r in received)
    # Loading and parsing 20 MB either ends within the page timeout (then the size limit
    # keeps it out of the page set) or is cut off by it.
    assert visit["outcome"] in ("too-large", "timeout"), visit
    assert_not_followed_by_decision_phases(run.report, HOSTILE + "groot/")
    assert seconds < HOSTILE_SCAN_BOUND_SECONDS


def test_downloads_are_not_pages(hostile) -> None:
    run, _, received = hostile
    report = run.report
    skipped = {n["url"]: n["reason"] for n in report["not_followed"]}
    for name in ("bestand.zip", "setup.exe", "folder.pdf"):
        assert "by its extension" in skipped[HOSTILE + name]
        assert not any(r.path == "/" + name for r in received), "a skipped link was fetched"
    attachment = pages(report)[HOSTILE + "bijlage"]
    assert attachment["outcome"] == "download"
    assert attachment["content_type"] == "text/csv"
    assert "prijslijst.csv" in attachment["error"]
    assert_not_followed_by_decision_phases(report, HOSTILE + "bijlage")


@pytest.mark.parametrize(
    ("path", "status"),
    [("bestaat-niet/", 404), ("verboden/", 403), ("kapot/", 500), ("onderhoud/", 503)],
)
def test_error_statuses_are_recorded_and_the_crawl_goes_on(hostile, path: str, status: int) -> None:
    run, _, _ = hostile
    for phase in ("pre-consent", "accept", "reject"):
        visit = pages(run.report, phase)[HOSTILE + path]
        assert visit["status"] == status and visit["outcome"] == "http-error", (phase, visit)


def test_decision_phases_follow_only_real_pages(hostile) -> None:
    report = hostile[0].report
    kept = [u for u, p in pages(report).items() if p["outcome"] in ("loaded", "http-error")]
    assert len(kept) == 6  # start, four error pages, the ordinary page
    assert list(pages(report, "accept")) == list(pages(report, "reject")) == kept


def test_calendar_trap_is_bounded_by_exclude_and_template_guard(scan_site) -> None:
    run, seconds = timed_scan(scan_site, AGENDA, "--max-pages", "8", "--exclude", r"[?&]page=")
    assert run.exit_code == 0, run.stderr
    assert seconds < AGENDA_SCAN_BOUND_SECONDS
    report = run.report
    visited = list(pages(report))
    assert not any("page=" in url for url in visited)
    # Three months of the endless calendar, then the guard: fewer pages than --max-pages.
    assert visited == [
        AGENDA,
        AGENDA + "agenda/2026/12/",
        AGENDA + "agenda/2027/01/",
        AGENDA + "agenda/2027/02/",
    ]
    reasons = {n["url"]: n["reason"] for n in report["not_followed"]}
    assert reasons[AGENDA + "nieuws/?page=1"].startswith("excluded by --exclude")
    assert reasons[AGENDA + "agenda/2027/03/"].startswith("crawl trap")


def test_calendar_trap_is_bounded_by_max_pages(scan_site) -> None:
    run, seconds = timed_scan(scan_site, AGENDA, "--max-pages", "3")
    assert run.exit_code == 0, run.stderr
    assert seconds < AGENDA_SCAN_BOUND_SECONDS
    assert len(pages(run.report)) == 3


def test_scan_timeout_cuts_the_crawl_short_and_keeps_the_report(scan_site) -> None:
    run, seconds = timed_scan(
        scan_site, AGENDA, "--max-pages", "50", "--scan-timeout", str(SCAN_TIMEOUT_SECONDS)
    )
    assert run.exit_code == 0, run.stderr
    report = run.report
    assert "--scan-timeout" in report["cut_short"]
    visited = pages(report)
    assert AGENDA in visited and visited[AGENDA]["outcome"] == "loaded"
    assert len(visited) < 50
    assert seconds < SCAN_TIMEOUT_SECONDS + CUT_SHORT_SLACK_SECONDS


def test_pdf_start_page_fails_cleanly(scan_site) -> None:
    run, seconds = timed_scan(scan_site, HOSTILE + "folder.pdf")
    assert run.exit_code == 3, (run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "not HTML" in lines[0] and "application/pdf" in lines[0]
    assert seconds < AGENDA_SCAN_BOUND_SECONDS


# --- the URL guard alone (no browser) -------------------------------------------------


def test_template_replaces_numbers_in_path_and_query() -> None:
    assert (
        template("https://a.nl/agenda/2026/12/?page=3&q=x") == "a.nl/agenda/{n}/{n}/?page={n}&q=x"
    )
    assert template("https://a.nl/over-ons/") == "a.nl/over-ons/?"


def test_guard_allows_a_few_of_one_template_then_refuses() -> None:
    guard = UrlGuard()
    months = [f"https://a.nl/agenda/2027/{m:02d}/" for m in range(1, 13)]
    verdicts = [guard.refuse(url) for url in months]
    assert verdicts[:SAME_TEMPLATE_LIMIT] == [None] * SAME_TEMPLATE_LIMIT
    assert all(v and v.startswith("crawl trap") for v in verdicts[SAME_TEMPLATE_LIMIT:])
    # Pages without numbers, and other templates, are not affected.
    assert guard.refuse("https://a.nl/contact/") is None
    assert guard.refuse("https://a.nl/nieuws/?page=2") is None


def test_guard_applies_exclude_patterns_first() -> None:
    guard = UrlGuard([r"/zoeken", r"[?&]sort="])
    assert guard.refuse("https://a.nl/zoeken/?q=koffie") == "excluded by --exclude /zoeken"
    assert guard.refuse("https://a.nl/winkel/?sort=prijs") == r"excluded by --exclude [?&]sort="
    assert guard.refuse("https://a.nl/winkel/") is None
