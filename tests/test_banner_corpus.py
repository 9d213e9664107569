"""The banner corpus (tests/fixtureweb/banners.json) checked in real Chromium, without the scanner.

For every banner site: nothing tracks before a choice; the manifest's accept steps make the
Meta pixel and GA4 fire and write the CMP's consent store, also on ``/tweede/``; its reject
steps write the refusal and nothing tracks, also on ``/tweede/``. Then @duckduckgo/autoconsent
itself must recognise each emulated CMP under the manifest's rule name and opt in and out.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, FrameLocator, Page, sync_playwright

from tests.conftest import launch_chromium
from tests.fixtureweb import FixtureWeb, LoggedRequest

ROOT = Path(__file__).resolve().parent.parent
MANIFEST_PATH = ROOT / "tests" / "fixtureweb" / "banners.json"
BANNERS: list[dict[str, Any]] = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
AUTOCONSENT_DIR = ROOT / "node_modules" / "@duckduckgo" / "autoconsent"
SETTLE_MS = 1000  # How long a page gets to (wrongly) start tracking after load or a click.

# Set-up installs node_modules; without it the corpus's npm consent managers cannot be served.
# In CI a missing install must fail, not skip.
pytestmark = [
    pytest.mark.skipif(
        not (ROOT / "node_modules").is_dir() and not os.environ.get("CI"),
        reason="npm packages not installed (run scripts/setup.sh)",
    ),
]


def is_tracking(request: LoggedRequest) -> bool:
    """Anything reaching Meta or Google: the tag scripts themselves and their hits."""
    return request.host in {
        "connect.facebook.net",
        "www.facebook.com",
        "www.googletagmanager.com",
    } or request.host.endswith("google-analytics.com")


def is_meta_hit(request: LoggedRequest) -> bool:
    return request.host == "www.facebook.com" and request.path.startswith("/tr")


def is_ga4_hit(request: LoggedRequest) -> bool:
    return request.host.endswith("google-analytics.com") and request.path == "/g/collect"


def tracking(web: FixtureWeb) -> list[str]:
    return [request.url for request in web.requests if is_tracking(request)]


def wait_for(
    web: FixtureWeb, *wanted: Callable[[LoggedRequest], bool], timeout: float = 10
) -> bool:
    """Poll the log until every predicate matched some request."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        requests = web.requests
        if all(any(match(request) for request in requests) for match in wanted):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureWeb]:
    with FixtureWeb() as web:
        yield web


@pytest.fixture(scope="module")
def browser(server: FixtureWeb) -> Iterator[Browser]:
    """One Chromium for the module; navigator.webdriver is false, as for the scanner."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright, server.host_rules)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile per test: no consent carried over."""
    fresh = browser.new_context(ignore_https_errors=True)
    yield fresh
    fresh.close()


@pytest.fixture
def web(server: FixtureWeb) -> FixtureWeb:
    server.clear_log()
    return server


def banner_scope(page: Page, banner: dict[str, Any]) -> Page | FrameLocator:
    """Where the banner's controls live: the page, or the CMP's iframe (Sourcepoint)."""
    frame = banner.get("frame")
    return page.frame_locator(frame) if frame else page


def open_with_banner(context: BrowserContext, banner: dict[str, Any], steps: str) -> Page:
    """Load the site's home page, let it settle and wait for the first control of ``steps``.

    Settling matters: tarteaucitron shows its buttons before its services file has loaded,
    and a click then only records "wait". Network idle is not always enough under load, so a
    manifest entry may name its consent manager's own readiness test (``ready``).
    """
    page = context.new_page()
    page.goto(f"https://{banner['host']}/", wait_until="networkidle")
    if banner.get("ready"):
        page.wait_for_function(banner["ready"])
    banner_scope(page, banner).locator(banner[steps][0]).wait_for(state="visible")
    return page


def click_through(page: Page, banner: dict[str, Any], steps: str) -> None:
    for selector in banner[steps]:
        banner_scope(page, banner).locator(selector).click()


def consent_store(page: Page) -> set[str]:
    """Names of first-party cookies and localStorage keys the page holds."""
    cookies = {cookie["name"] for cookie in page.context.cookies(page.url)}
    return cookies | set(page.evaluate("Object.keys(localStorage)"))


def assert_banner_gone(page: Page, banner: dict[str, Any]) -> None:
    page.wait_for_timeout(300)
    assert not banner_scope(page, banner).locator(banner["accept_steps"][0]).is_visible()


def hosts(banners: list[dict[str, Any]]) -> list[Any]:
    return [pytest.param(banner, id=banner["host"]) for banner in banners]


# --- the manifest -----------------------------------------------------------------------

MANIFEST_KEYS = {
    "host", "kind", "cmp", "consent_store", "first_layer_reject", "reject_clicks",
    "accept_clicks", "pre_ticked", "implied_consent_text", "withdraw_link", "cookie_wall",
    "hides_from_webdriver", "notes", "accept_steps", "reject_steps",
}  # fmt: skip


@pytest.mark.parametrize("banner", hosts(BANNERS))
def test_manifest_entry_is_consistent(banner: dict[str, Any]) -> None:
    assert MANIFEST_KEYS <= set(banner) <= {*MANIFEST_KEYS, "frame", "ready"}
    assert banner["kind"] in {"npm", "emulation", "site-made"}
    if banner["kind"] == "emulation":
        assert banner["cmp"] is not None, "an emulation reproduces an autoconsent rule's CMP"
    if banner["kind"] == "site-made":
        assert banner["cmp"] is None
    assert banner["accept_clicks"] == len(banner["accept_steps"])
    assert banner["reject_clicks"] == len(banner["reject_steps"])
    assert (banner["reject_clicks"] == 1) == banner["first_layer_reject"]
    assert (ROOT / "tests/fixtureweb/sites" / banner["host"] / "tweede/index.html").is_file()


def test_manifest_and_readme_table_agree() -> None:
    readme = (ROOT / "tests" / "fixtureweb" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Banner corpus", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [banner["host"] for banner in BANNERS]


# --- accept and reject by the manifest's own steps ---------------------------------------


@pytest.mark.parametrize("banner", hosts(BANNERS))
def test_accept_fires_trackers_and_stores_consent(
    web: FixtureWeb, context: BrowserContext, banner: dict[str, Any]
) -> None:
    page = open_with_banner(context, banner, "accept_steps")
    page.wait_for_timeout(SETTLE_MS)
    assert tracking(web) == [], "tracking before a choice"

    click_through(page, banner, "accept_steps")
    assert wait_for(web, is_meta_hit, is_ga4_hit), "Meta pixel and GA4 after accepting"
    assert set(banner["consent_store"]) <= consent_store(page)

    web.clear_log()
    page.goto(f"https://{banner['host']}/tweede/")
    assert wait_for(web, is_meta_hit, is_ga4_hit), "consent remembered on the second page"
    assert_banner_gone(page, banner)


@pytest.mark.parametrize("banner", hosts(BANNERS))
def test_reject_stores_refusal_and_never_tracks(
    web: FixtureWeb, context: BrowserContext, banner: dict[str, Any]
) -> None:
    page = open_with_banner(context, banner, "reject_steps")
    click_through(page, banner, "reject_steps")
    page.wait_for_timeout(SETTLE_MS)
    assert set(banner["consent_store"]) <= consent_store(page)

    page.goto(f"https://{banner['host']}/tweede/")
    page.wait_for_timeout(SETTLE_MS)
    assert_banner_gone(page, banner)
    assert tracking(web) == []


# --- @duckduckgo/autoconsent on the emulations --------------------------------------------


class AutoconsentRun:
    """Drives autoconsent's Playwright content script the way its own test runner does.

    One difference: frames that say ``init`` before :meth:`start` get their answer only then,
    once the page has settled, because tarteaucitron ignores clicks (stores "wait") until its
    services file has loaded, and autoconsent would otherwise race it.
    """

    def __init__(self, page: Page, action: str) -> None:
        self.page = page
        self.action = action
        self.messages: list[dict[str, Any]] = []
        self.self_test_frame: Frame | None = None
        self.waiting: list[Frame] | None = []  # None once started
        rules = json.loads((AUTOCONSENT_DIR / "rules" / "rules.json").read_text(encoding="utf-8"))
        self.init_response = json.dumps(
            {
                "type": "initResp",
                "config": self.config(),
                "rules": {"autoconsent": rules["autoconsent"]},
            }
        )
        page.expose_binding("autoconsentSendMessage", self.receive)
        page.add_init_script(path=AUTOCONSENT_DIR / "dist" / "autoconsent.playwright.js")

    def config(self) -> dict[str, Any]:
        return {
            "enabled": True,
            "autoAction": self.action,
            "disabledCmps": [],
            "enablePrehide": False,
            "enableCosmeticRules": True,
            "enableGeneratedRules": True,
            "enableHeuristicDetection": True,
            "detectRetries": 20,
            "isMainWorld": False,
            "prehideTimeout": 2000,
            "enablePopupMutationObserver": False,
            "visualTest": False,
            "heuristicPopupSearchTimeout": 5000,
            "heuristicMode": "tier1",
            "performanceLoggingEnabled": False,
            "logs": {
                "lifecycle": False, "rulesteps": False, "detectionsteps": False, "evals": False,
                "errors": True, "messages": False, "waits": False,
            },
        }  # fmt: skip

    def receive(self, source: dict[str, Any], message: dict[str, Any]) -> None:
        frame: Frame = source["frame"]
        self.messages.append(message)
        kind = message["type"]
        if kind == "init" and self.waiting is not None:
            self.waiting.append(frame)
        elif kind == "init":
            self.answer_init(frame)
        elif kind == "eval":
            result = frame.evaluate(message["code"])
            reply = {"id": message["id"], "type": "evalResp", "result": result}
            frame.evaluate(f"autoconsentReceiveMessage({json.dumps(reply)})")
        elif kind in {"optInResult", "optOutResult"} and message.get("scheduleSelfTest"):
            self.self_test_frame = frame
        elif kind == "autoconsentDone" and self.self_test_frame is not None:
            self.self_test_frame.evaluate("autoconsentReceiveMessage({type: 'selfTest'})")

    def answer_init(self, frame: Frame) -> None:
        if not frame.is_detached():
            frame.evaluate(f"autoconsentReceiveMessage({self.init_response})")

    def start(self) -> None:
        """Let autoconsent run in every frame that is waiting for its configuration."""
        waiting, self.waiting = self.waiting or [], None
        for frame in waiting:
            self.answer_init(frame)

    def first(self, kind: str, timeout: float = 20) -> dict[str, Any] | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [message for message in self.messages if message["type"] == kind]
            if found:
                return found[0]
            self.page.wait_for_timeout(100)
        return None


EMULATIONS = [banner for banner in BANNERS if banner["cmp"] is not None]


@pytest.mark.parametrize("action", ["optOut", "optIn"])
@pytest.mark.parametrize("banner", hosts(EMULATIONS))
def test_autoconsent_operates_the_cmp(
    web: FixtureWeb, context: BrowserContext, banner: dict[str, Any], action: str
) -> None:
    page = context.new_page()
    run = AutoconsentRun(page, action)
    page.goto(f"https://{banner['host']}/", wait_until="networkidle")
    run.start()

    detected = run.first("cmpDetected")
    assert detected is not None and detected["cmp"] == banner["cmp"]
    result = run.first(f"{action}Result")
    assert result is not None and result["result"] is True
    assert run.first("autoconsentDone") is not None
    if result.get("scheduleSelfTest"):
        self_test = run.first("selfTestResult")
        assert self_test is not None and self_test["result"] is True
    if action == "optIn":
        assert wait_for(web, is_meta_hit, is_ga4_hit)
    else:
        page.wait_for_timeout(SETTLE_MS)
        assert tracking(web) == []
    assert set(banner["consent_store"]) <= consent_store(page)


# --- traits the accept/reject runs do not show ----------------------------------------------


def test_webdriver_banner_hides_from_automation(web: FixtureWeb, context: BrowserContext) -> None:
    context.add_init_script("Object.defineProperty(navigator, 'webdriver', {get: () => true})")
    page = context.new_page()
    page.goto("https://www.webdriver-banner.nl/", wait_until="networkidle")
    assert page.locator("#cookiemelding").count() == 0
    assert tracking(web) == []


def test_cookie_wall_refusal_locks_every_page(context: BrowserContext) -> None:
    banner = next(b for b in BANNERS if b["cookie_wall"])
    page = open_with_banner(context, banner, "reject_steps")
    click_through(page, banner, "reject_steps")
    page.goto(f"https://{banner['host']}/tweede/")
    assert page.locator("main h1").inner_text() == "Geen toegang zonder cookies"


def test_pre_ticked_settings_consent_to_everything(
    web: FixtureWeb, context: BrowserContext
) -> None:
    banner = next(b for b in BANNERS if b["pre_ticked"])
    page = open_with_banner(context, banner, "reject_steps")
    page.locator('#cookiemelding button:text-is("Instellingen")').click()
    assert page.locator("#cookiemelding input[name=analytics]").is_checked()
    page.locator('#cookiemelding button:text-is("Keuze opslaan")').click()
    assert wait_for(web, is_meta_hit, is_ga4_hit)
