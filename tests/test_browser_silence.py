"""The scanner's own Chromium stays silent, and keeps its sandbox where the platform allows.

The fixture web answers for every host name, so any request Chromium makes on its own behalf
(component updates, network time, account lists, optimization hints, safe browsing, ...) shows
up in its request log. A real scan of ``www.stille-browser-fixture.nl`` must leave only
requests the scan itself recorded: the pages' own requests, the plain-HTTP redirect probe and
the policy look-ups.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from scanner.collect import browser
from scanner.options import ScanOptions
from tests.conftest import chromium, scan_logged
from tests.fixtureweb import FixtureWeb

SILENT_HOST = "www.stille-browser-fixture.nl"
SILENT_URL = f"https://{SILENT_HOST}/"


def _key(url: str) -> tuple[str, str, str]:
    """Scheme, host and path: how a logged request is matched with a recorded one (the
    fixture web logs the query apart, and the scan may cut long URLs)."""
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.path or "/"


def _recorded(report: dict) -> set[tuple[str, str, str]]:
    """Every URL the scan says it (or its pages) requested."""
    urls: set[str] = set()
    for phase in report["phases"].values():
        urls.update(request["url"] for request in phase.get("requests", []))
        for page in phase.get("pages", []):
            urls.update(u for u in (page["url"], page.get("final_url")) if u)
            if page.get("http_redirect"):
                urls.add(page["http_redirect"]["url"])
    # "https://host/privacy (common path)": the policy look-ups, made by the policy fetch.
    urls.update(entry.split(" ", 1)[0] for entry in report.get("policy_searched", []))
    return {_key(url) for url in urls}


def test_a_scan_sends_nothing_the_pages_did_not_cause(web: FixtureWeb, scan_site) -> None:
    run, logged = scan_logged(web, scan_site, SILENT_URL, "--max-pages", "2")
    report = run.report
    visited = {page["url"] for page in report["phases"]["pre-consent"]["pages"]}
    assert visited == {SILENT_URL, f"{SILENT_URL}tweede/"}, "the scan must crawl both pages"
    recorded = _recorded(report)
    unexplained = sorted({r.url for r in logged if _key(r.url) not in recorded})
    assert unexplained == [], "the browser sent requests of its own"
    assert any(_key(r.url)[2] == "/beeld.gif" for r in logged), "the page's own loads count"


def test_sandbox_is_kept_unless_root(tmp_path: Path) -> None:
    """As root (containers) Chromium cannot start sandboxed, so --no-sandbox is passed; as any
    other user with user namespaces the browser runs with its sandbox. Either way it starts."""
    with FixtureWeb() as web:
        options = ScanOptions(url=SILENT_URL, out_dir=tmp_path, host_rules=web.host_rules)
        options.ignore_https_errors = True
        kwargs = browser.context_kwargs(
            options, browser.new_profile(tmp_path), chromium(), har_path=None
        )
        expected = browser.sandbox_usable(chromium())
        if os.geteuid() == 0:
            assert expected is False, "Chromium does not start sandboxed as root"
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(**kwargs)
            try:
                page = context.new_page()
                page.goto(SILENT_URL)
                assert page.title() == "Stille Browser Fixture"
                flags = _browser_command_line(kwargs["user_data_dir"])
            finally:
                context.close()
    assert ("--no-sandbox" in flags) is (not expected)


def _browser_command_line(profile: str) -> list[str]:
    """The running browser process's arguments (the one started with ``profile``)."""
    for proc in Path("/proc").iterdir():
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        decoded = [a.decode(errors="replace") for a in args if a]
        if f"--user-data-dir={profile}" in decoded and not any(
            a.startswith("--type=") for a in decoded
        ):
            return decoded
    raise AssertionError(f"no browser process for {profile}")
