"""Tests of the fixture web itself: serving, vhosts, logging and vendor emulations.

Scanner tests trust the fixture web's request log as ground truth, so these tests
pin down that the log is complete and that emulated vendors behave like the real
ones (cookies, hit parameters) both over plain HTTP clients and in real Chromium.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import ssl
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Response as BrowserResponse

from tests.conftest import launch_chromium
from tests.fixtureweb import FixtureWeb, LoggedRequest, sites
from tests.fixtureweb.thirdparty import emulated_hosts

ROOT = Path(__file__).resolve().parent.parent
INSECURE = ssl._create_unverified_context()


@pytest.fixture(scope="module")
def server() -> Iterator[FixtureWeb]:
    """One server per module: starting is cheap but ports and threads add up."""
    with FixtureWeb() as web:
        yield web


@pytest.fixture
def web(server: FixtureWeb) -> FixtureWeb:
    """The shared server with an empty log, so each test sees only its own requests."""
    server.clear_log()
    return server


class Fetched:
    """Status, headers and body of one plain-client exchange."""

    def __init__(self, response: http.client.HTTPResponse, body: bytes) -> None:
        self.status = response.status
        self.headers = response.headers
        self.body = body

    @property
    def set_cookies(self) -> list[str]:
        """All Set-Cookie header values."""
        return self.headers.get_all("Set-Cookie") or []


def fetch(
    web: FixtureWeb,
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Fetched:
    """Request ``url`` from the fixture web the way a remapped browser would."""
    parts = urlsplit(url)
    connection: http.client.HTTPConnection
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            "127.0.0.1", web.https_port, context=INSECURE, timeout=10
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", web.http_port, timeout=10)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request(
        method, target, body=body, headers={"Host": parts.hostname or "", **(headers or {})}
    )
    response = connection.getresponse()
    result = Fetched(response, response.read())
    connection.close()
    return result


def wait_for_requests(
    web: FixtureWeb,
    host: str,
    path_prefix: str = "",
    *,
    where: Callable[[LoggedRequest], bool] = lambda request: True,
    timeout: float = 10.0,
) -> list[LoggedRequest]:
    """Poll the log: beacons arrive asynchronously after the page's load event."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [r for r in web.requests_to(host, path_prefix) if where(r)]
        if found:
            return found
        time.sleep(0.1)
    return []


def assert_third_party_cookie(set_cookie: str, domain: str) -> None:
    """Third-party cookies must be usable cross-site, exactly as vendors send them."""
    attributes = [part.strip() for part in set_cookie.split(";")]
    assert f"Domain=.{domain}" in attributes
    assert "Path=/" in attributes
    assert "Secure" in attributes
    assert "SameSite=None" in attributes


# --- first-party sites ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("https://www.shop-fixture.nl/", "text/html; charset=utf-8"),
        ("https://www.shop-fixture.nl/recepten/", "text/html; charset=utf-8"),
        ("https://www.shop-fixture.nl/menu.pdf", "application/pdf"),
        ("https://www.shop-fixture.nl/css/site.css", "text/css; charset=utf-8"),
        ("https://www.shop-fixture.nl/js/prefs.js", "text/javascript; charset=utf-8"),
        ("https://blog.shop-fixture.nl/", "text/html; charset=utf-8"),
        ("https://www.quiet-fixture.nl/__fixture/consent.js", "text/javascript; charset=utf-8"),
        ("https://www.quiet-fixture.nl/favicon.ico", "image/x-icon"),
    ],
)
def test_serves_site_files_with_content_types(web: FixtureWeb, url: str, content_type: str) -> None:
    result = fetch(web, url)
    assert result.status == 200
    assert result.headers["Content-Type"] == content_type
    assert int(result.headers["Content-Length"]) == len(result.body) > 0


def test_pdf_is_a_real_pdf(web: FixtureWeb) -> None:
    body = fetch(web, "https://www.shop-fixture.nl/menu.pdf").body
    assert body.startswith(b"%PDF-1.4")
    assert body.rstrip().endswith(b"%%EOF")


def test_virtual_hosts_serve_different_sites(web: FixtureWeb) -> None:
    shop = fetch(web, "https://www.shop-fixture.nl/").body
    quiet = fetch(web, "https://www.quiet-fixture.nl/").body
    assert b"Shop Fixture" in shop
    assert b"Stille Fixture" in quiet


def test_directory_without_slash_redirects(web: FixtureWeb) -> None:
    result = fetch(web, "https://www.shop-fixture.nl/recepten")
    assert result.status == 301
    assert result.headers["Location"] == "/recepten/"


def test_missing_file_and_unknown_host_are_404(web: FixtureWeb) -> None:
    missing = fetch(web, "https://www.shop-fixture.nl/nope.html")
    assert missing.status == 404
    assert b"Not Found" in missing.body
    assert fetch(web, "https://www.shop-fixture.nl/index.html.headers").status == 404
    assert fetch(web, "https://www.shop-fixture.nl/../tls.py").status == 404
    unknown = fetch(web, "https://unknown.example/")
    assert unknown.status == 404
    assert unknown.body == b"no fixture for host unknown.example\n"


@pytest.mark.skipif(not (ROOT / "node_modules").is_dir(), reason="npm packages not installed")
def test_npm_route_serves_only_dev_dependencies(web: FixtureWeb) -> None:
    klaro = fetch(web, "https://www.quiet-fixture.nl/__npm/klaro/dist/klaro.js")
    assert klaro.status == 200
    assert klaro.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert klaro.body == (ROOT / "node_modules/klaro/dist/klaro.js").read_bytes()
    assert fetch(web, "https://www.onetrust-banner.nl/__npm/orejime/package.json").status == 200
    refused = [
        "/__npm/@duckduckgo/autoconsent/package.json",  # a dependency, not a devDependency
        "/__npm/.bin/",
        "/__npm/klaro/../orejime/package.json",
        "/__npm/klaro/%2e%2e/%2e%2e/package.json",
        "/__npm/klaro/dist/nope.js",
    ]
    for path in refused:
        assert fetch(web, f"https://www.quiet-fixture.nl{path}").status == 404, path


def test_npm_route_explains_missing_node_modules(
    web: FixtureWeb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sites, "NODE_MODULES_DIR", tmp_path / "node_modules")
    result = fetch(web, "https://www.quiet-fixture.nl/__npm/klaro/dist/klaro.js")
    assert result.status == 404
    assert b"run scripts/setup.sh (npm ci)" in result.body


def test_sidecar_makes_redirect(web: FixtureWeb) -> None:
    result = fetch(web, "https://www.redirect-fixture.nl/")
    assert result.status == 302
    assert result.headers["Location"] == "https://www.shop-fixture.nl/"


def test_plain_http_serves_sites_and_logs_scheme(web: FixtureWeb) -> None:
    # A site without a site-wide Plain-HTTP redirect serves its pages over HTTP as well.
    result = fetch(web, "http://www.onveilig-fixture.nl/over/")
    assert result.status == 200
    (logged,) = web.requests_to("www.onveilig-fixture.nl")
    assert logged.scheme == "http"
    assert logged.url == "http://www.onveilig-fixture.nl/over/"


def test_site_headers_redirect_plain_http_and_add_hsts(web: FixtureWeb) -> None:
    plain = fetch(web, "http://www.quiet-fixture.nl/over/?q=1")
    assert plain.status == 301
    assert plain.headers["Location"] == "https://www.quiet-fixture.nl/over/?q=1"
    assert plain.headers["Strict-Transport-Security"] is None  # meaningless over HTTP
    secure = fetch(web, "https://www.quiet-fixture.nl/over/")
    assert secure.status == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert fetch(web, "https://www.quiet-fixture.nl/site.headers").status == 404


# --- request log ---------------------------------------------------------------------


def test_log_records_every_detail(web: FixtureWeb) -> None:
    fetch(
        web,
        "https://www.google-analytics.com/g/collect?v=2&tid=G-X",
        method="POST",
        body=b"en=page_view",
        headers={"Content-Type": "text/plain;charset=UTF-8", "Cookie": "a=1; b=x|y=="},
    )
    fetch(web, "https://www.shop-fixture.nl/")
    (hit,) = web.requests_to("www.google-analytics.com", "/g/")
    assert (hit.scheme, hit.method, hit.path, hit.query) == (
        "https",
        "POST",
        "/g/collect",
        "v=2&tid=G-X",
    )
    assert hit.body == "en=page_view"
    assert hit.cookies == {"a": "1", "b": "x|y=="}
    assert hit.headers["content-type"] == "text/plain;charset=UTF-8"
    assert hit.url == "https://www.google-analytics.com/g/collect?v=2&tid=G-X"
    assert [r.host for r in web.requests] == ["www.google-analytics.com", "www.shop-fixture.nl"]
    web.clear_log()
    assert web.requests == []


def test_log_snapshot_is_a_copy(web: FixtureWeb) -> None:
    fetch(web, "https://www.quiet-fixture.nl/")
    snapshot = web.requests
    fetch(web, "https://www.quiet-fixture.nl/over/")
    assert len(snapshot) == 1
    assert len(web.requests) == 2


def test_chunked_body_is_decoded(web: FixtureWeb) -> None:
    connection = http.client.HTTPSConnection("127.0.0.1", web.https_port, context=INSECURE)
    connection.request(
        "POST",
        "/r/collect",
        body=iter([b"v=1&", b"t=pageview"]),
        headers={"Host": "www.google-analytics.com"},
        encode_chunked=True,
    )
    assert connection.getresponse().read().startswith(b"GIF89a")
    connection.close()
    assert web.requests_to("www.google-analytics.com")[0].body == "v=1&t=pageview"


def test_log_file_gets_json_lines(tmp_path: Path) -> None:
    log_path = tmp_path / "requests.jsonl"
    with FixtureWeb(log_path) as web:
        fetch(web, "https://www.quiet-fixture.nl/?a=b")
        fetch(web, "http://www.quiet-fixture.nl/over/")
    lines = [json.loads(line) for line in log_path.read_text().splitlines()]
    assert [line["url"] for line in lines] == [
        "https://www.quiet-fixture.nl/?a=b",
        "http://www.quiet-fixture.nl/over/",
    ]
    assert lines[0]["query"] == "a=b"


def test_host_rules_and_ports(web: FixtureWeb) -> None:
    assert web.host_rules == (
        f"MAP *:443 127.0.0.1:{web.https_port}, MAP *:80 127.0.0.1:{web.http_port}"
    )


def test_concurrent_requests_all_answered_and_logged(web: FixtureWeb) -> None:
    urls = [f"https://www.shop-fixture.nl/?n={n}" for n in range(40)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda url: fetch(web, url).status, urls))
    assert statuses == [200] * 40
    assert len(web.requests_to("www.shop-fixture.nl")) == 40


# --- protocol details ----------------------------------------------------------------


def test_head_has_length_but_no_body(web: FixtureWeb) -> None:
    result = fetch(web, "https://www.shop-fixture.nl/", method="HEAD")
    assert result.status == 200
    assert int(result.headers["Content-Length"]) > 0
    assert result.body == b""


def test_cors_preflight_echoes_origin(web: FixtureWeb) -> None:
    result = fetch(
        web,
        "https://in.hotjar.com/api/v2/client/sites/1/visit-data?sv=6",
        method="OPTIONS",
        headers={
            "Origin": "https://www.embeds-fixture.nl",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert result.status == 204
    assert result.headers["Access-Control-Allow-Origin"] == "https://www.embeds-fixture.nl"
    assert result.headers["Access-Control-Allow-Credentials"] == "true"
    assert result.headers["Access-Control-Allow-Headers"] == "content-type"


def test_vendor_host_owns_all_its_paths(web: FixtureWeb) -> None:
    result = fetch(web, "https://www.youtube.com/watch?v=x")
    assert result.status == 404
    assert b"no emulation for www.youtube.com/watch" in result.body


# --- vendor emulations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "domain", "names"),
    [
        (
            "https://ad.doubleclick.net/ddm/activity/src=1;type=a;cat=b;ord=1",
            "doubleclick.net",
            {"IDE", "test_cookie"},
        ),
        (
            "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/123/",
            "doubleclick.net",
            {"IDE", "test_cookie"},
        ),
        ("https://stats.g.doubleclick.net/j/collect", "doubleclick.net", {"IDE", "test_cookie"}),
        ("https://www.facebook.com/tr/?id=1&ev=PageView", "facebook.com", {"fr"}),
        ("https://www.facebook.com/tr?id=1&ev=PageView", "facebook.com", {"fr"}),
        ("https://www.facebook.com/plugins/like.php?href=x", "facebook.com", {"datr"}),
        ("https://www.youtube.com/embed/abc", "youtube.com", {"YSC", "VISITOR_INFO1_LIVE"}),
        ("https://www.youtube.com/iframe_api", "youtube.com", {"YSC", "VISITOR_INFO1_LIVE"}),
        ("https://px.ads.linkedin.com/collect/?pid=1&fmt=js", "linkedin.com", {"lidc", "bcookie"}),
        ("https://ct.pinterest.com/v3/?event=init&tid=1", "pinterest.com", {"ar_debug"}),
        (
            "https://syndication.twitter.com/settings",
            "twitter.com",
            {"personalization_id", "guest_id"},
        ),
        ("https://www.instagram.com/p/abc/embed/", "instagram.com", {"csrftoken", "mid", "ig_did"}),
        ("https://c.clarity.ms/c.gif", "clarity.ms", {"MUID"}),
    ],
)
def test_third_party_set_cookie(web: FixtureWeb, url: str, domain: str, names: set[str]) -> None:
    result = fetch(web, url)
    assert result.status == 200
    assert {cookie.split("=", 1)[0] for cookie in result.set_cookies} == names
    for cookie in result.set_cookies:
        assert_third_party_cookie(cookie, domain)


def test_cookie_lifetimes_and_flags(web: FixtureWeb) -> None:
    youtube = {
        c.split("=", 1)[0]: c for c in fetch(web, "https://www.youtube.com/embed/a").set_cookies
    }
    assert "Max-Age" not in youtube["YSC"]  # session cookie
    assert "Max-Age=15552000" in youtube["VISITOR_INFO1_LIVE"]  # 180 days
    ide = fetch(web, "https://ad.doubleclick.net/ddm/activity/x").set_cookies[0]
    assert "HttpOnly" in ide
    assert "Max-Age=33696000" in ide  # 13 months


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube-nocookie.com/embed/abc",
        "https://www.google-analytics.com/collect?v=1",
        "https://region1.google-analytics.com/g/collect?v=2",
        "https://fonts.gstatic.com/s/roboto/v30/abc.woff2",
        "https://api.fpjs.io/?ci=js/3.11",
        "https://z.clarity.ms/collect",
    ],
)
def test_endpoints_without_cookies(web: FixtureWeb, url: str) -> None:
    result = fetch(web, url)
    assert result.status in (200, 204)
    assert result.set_cookies == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.google-analytics.com/analytics.js",
        "https://www.googletagmanager.com/gtag/js?id=G-X",
        "https://www.googletagmanager.com/gtm.js?id=GTM-FIXTURE",
        "https://www.googletagmanager.com/gtm.js?id=GTM-UNKNOWN",
        "https://connect.facebook.net/en_US/fbevents.js",
        "https://connect.facebook.net/nl_NL/sdk.js",
        "https://www.youtube.com/iframe_api",
        "https://static.hotjar.com/c/hotjar-3456789.js?sv=6",
        "https://script.hotjar.com/modules.8f5a1ed7a2b6e3d1c4f0.js",
        "https://snap.licdn.com/li.lms-analytics/insight.min.js",
        "https://s.pinimg.com/ct/core.js",
        "https://assets.pinterest.com/js/pinit.js",
        "https://platform.twitter.com/widgets.js",
        "https://www.instagram.com/embed.js",
        "https://chimpstatic.com/mcjs-connected/js/users/abc/def.js",
        "https://s3.amazonaws.com/downloads.mailchimp.com/js/mc-validate.js",
        "https://fpjscdn.net/v3/key123",
        "https://fpjscdn.net/v3/key123/loader_v3.js",
        "https://www.clarity.ms/tag/abc123",
        "https://scripts.clarity.ms/0.7.34/clarity.js",
    ],
)
def test_vendor_scripts(web: FixtureWeb, url: str) -> None:
    result = fetch(web, url)
    assert result.status == 200
    assert result.headers["Content-Type"] == "text/javascript; charset=utf-8"
    assert result.headers["Access-Control-Allow-Origin"] == "*"
    assert result.headers["Cache-Control"] == "no-store"
    assert not re.search(rb"__[A-Z_]+__", result.body), "unfilled placeholder"


def test_fingerprint_module_and_classic_variants(web: FixtureWeb) -> None:
    module = fetch(web, "https://fpjscdn.net/v3/key123").body
    classic = fetch(web, "https://fpjscdn.net/v3/key123/loader_v3.js").body
    assert b"export const load" in module
    assert b"export" not in classic.replace(b"exports", b"")
    assert b'"key123"' in classic


def test_google_fonts_css_points_at_gstatic(web: FixtureWeb) -> None:
    css = fetch(web, "https://fonts.googleapis.com/css2?family=Roboto:wght@400;700&display=swap")
    assert css.headers["Content-Type"] == "text/css; charset=utf-8"
    urls = re.findall(rb"url\((https://fonts\.gstatic\.com/s/roboto/v30/[\w-]+\.woff2)\)", css.body)
    assert len(urls) == 2
    assert css.body.count(b"font-display: swap") == 2
    legacy = fetch(web, "https://fonts.googleapis.com/css?family=Open+Sans:400,700italic|Lato")
    assert legacy.body.count(b"@font-face") == 3
    font = fetch(web, urls[0].decode())
    assert font.headers["Content-Type"] == "font/woff2"
    assert font.headers["Access-Control-Allow-Origin"] == "*"


def test_mailchimp_form_post_is_logged(web: FixtureWeb) -> None:
    result = fetch(
        web,
        "https://embedsfixture.us19.list-manage.com/subscribe/post?u=abc&id=def",
        method="POST",
        body=b"EMAIL=jan%40example.nl&FNAME=Jan",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert result.status == 200
    assert b"Bedankt" in result.body
    (logged,) = web.requests_to("embedsfixture.us19.list-manage.com", "/subscribe/post")
    assert parse_qs(logged.body)["EMAIL"] == ["jan@example.nl"]


def test_gtm_container_table(web: FixtureWeb) -> None:
    known = fetch(web, "https://www.googletagmanager.com/gtm.js?id=GTM-FIXTURE").body
    unknown = fetch(web, "https://www.googletagmanager.com/gtm.js?id=GTM-NOPE").body
    assert b'{"ga4": "G-FIXTURE1"}' in known
    assert b"var container = null;" in unknown
    assert fetch(web, "https://www.googletagmanager.com/ns.html?id=GTM-FIXTURE").status == 200


def test_readme_documents_every_emulated_host() -> None:
    readme = (ROOT / "tests" / "fixtureweb" / "README.md").read_text()
    missing = [host for host in emulated_hosts() if f"`{host}" not in readme]
    assert missing == []


# --- command line --------------------------------------------------------------------


def test_cli_serves_until_sigterm(tmp_path: Path) -> None:
    log_path = tmp_path / "cli.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtureweb", "serve", "--log", str(log_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        info = json.loads(process.stdout.readline())
        assert set(info) == {"https_port", "http_port", "host_rules", "dns"}
        connection = http.client.HTTPSConnection(
            "127.0.0.1", info["https_port"], context=INSECURE, timeout=10
        )
        connection.request("GET", "/", headers={"Host": "www.quiet-fixture.nl"})
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in stderr
    assert json.loads(log_path.read_text())["host"] == "www.quiet-fixture.nl"


# --- real Chromium -------------------------------------------------------------------


SITE_PAGES = [
    "https://www.shop-fixture.nl/",
    "https://www.shop-fixture.nl/recepten/",
    "https://www.shop-fixture.nl/over-ons/",
    "https://www.shop-fixture.nl/contact/",
    "https://blog.shop-fixture.nl/",
    "https://www.quiet-fixture.nl/",
    "https://www.quiet-fixture.nl/over/",
    "https://www.embeds-fixture.nl/",
    "https://www.fingerprint-fixture.nl/",
    "https://www.fingerprint-fixture.nl/grafiek/",
    "https://www.redirect-fixture.nl/",
]


@pytest.fixture(scope="module")
def browser(server: FixtureWeb) -> Iterator[Browser]:
    """One headless Chromium for the module, resolving every host to the fixture web."""
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright, server.host_rules)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh context per test: no cookies or storage carried between tests."""
    context = browser.new_context(ignore_https_errors=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def js_errors(page: Page) -> list[str]:
    """Uncaught exceptions of the page; fixture pages must never throw."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def cookie_names(page: Page) -> set[str]:
    """Names of cookies the browser stored (first-party ones; third-party are blocked)."""
    return {c["name"] for c in page.context.cookies()}


def test_chromium_shop_ga4_consent_and_late_tracker(
    web: FixtureWeb, page: Page, js_errors: list[str]
) -> None:
    page.goto("https://www.shop-fixture.nl/")
    (hit, *_) = wait_for_requests(web, "region1.google-analytics.com", "/g/collect")
    params = parse_qs(hit.query)
    assert params["tid"] == ["G-SHOPFIX1"]
    assert params["en"] == ["page_view"]
    assert params["gcs"] == ["G111"]
    assert "cid" in params
    assert {"_ga", "_ga_SHOPFIX1", "shop_prefs"} <= cookie_names(page)
    assert web.requests_to("ad.doubleclick.net", "/ddm/activity/")
    assert not web.requests_to("connect.facebook.net"), "Meta pixel must wait for consent"

    linkedin = wait_for_requests(web, "px.ads.linkedin.com", "/collect")
    assert parse_qs(linkedin[0].query)["pid"] == ["777777"]
    page_loaded = web.requests_to("www.shop-fixture.nl", "/")[0].time
    assert linkedin[0].time - page_loaded > 2.5, "LinkedIn is injected 3 s after load"

    page.get_by_role("button", name="Accept all").click()
    (pixel, *_) = wait_for_requests(web, "www.facebook.com", "/tr")
    assert parse_qs(pixel.query)["id"] == ["1234567890"]
    assert parse_qs(pixel.query)["fbp"][0].startswith("fb.1.")
    assert {"_fbp", "fixture_consent"} <= cookie_names(page)
    assert js_errors == []


def test_chromium_embeds_youtube_cookies_and_hotjar(
    web: FixtureWeb, page: Page, js_errors: list[str]
) -> None:
    embeds: dict[str, list[dict[str, str]]] = {}

    def remember(response: BrowserResponse) -> None:
        url = response.url
        if "/embed/" in url and "youtube" in url:
            embeds[urlsplit(url).hostname or ""] = response.headers_array()

    page.on("response", remember)
    page.goto("https://www.embeds-fixture.nl/")
    page.fill("#mce-EMAIL", "jan@example.nl")
    assert wait_for_requests(web, "i.ytimg.com")

    set_cookies = [
        h["value"] for h in embeds["www.youtube.com"] if h["name"].lower() == "set-cookie"
    ]
    assert {c.split("=", 1)[0] for c in set_cookies} == {"YSC", "VISITOR_INFO1_LIVE"}
    assert not [h for h in embeds["www.youtube-nocookie.com"] if h["name"].lower() == "set-cookie"]
    for host, path in [
        ("www.instagram.com", "/p/C0fixture01/embed/"),
        ("platform.twitter.com", "/embed/Tweet.html"),
        ("syndication.twitter.com", "/settings"),
        ("www.facebook.com", "/plugins/like.php"),
        ("s.pinimg.com", "/images/"),
        ("fonts.gstatic.com", "/s/roboto/"),
    ]:
        assert wait_for_requests(web, host, path), f"{host}{path} not requested"

    recording = wait_for_requests(
        web,
        "in.hotjar.com",
        "/api/v2/client/sites/3456789/visit-data",
        where=lambda r: r.method == "POST" and "jan@example.nl" in r.body,
    )
    assert recording, "Hotjar must upload what the visitor typed"
    assert {"_hjSessionUser_3456789", "_hjSession_3456789"} <= cookie_names(page)
    assert js_errors == []


def test_chromium_fingerprinting_posts_signals(web: FixtureWeb, page: Page) -> None:
    page.goto("https://www.fingerprint-fixture.nl/")
    (upload, *_) = wait_for_requests(web, "api.fpjs.io")
    components = json.loads(upload.body)["components"]
    assert components["canvas"]
    assert components["navigator"]["userAgent"]
    assert "webgl" in components and "audio" in components and "fonts" in components
    page.wait_for_function("document.getElementById('visitor').textContent.length === 20")


def test_chromium_gtag_consent_mode_denied_is_cookieless(web: FixtureWeb, page: Page) -> None:
    page.goto("https://www.quiet-fixture.nl/")
    page.add_script_tag(
        content="""
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('consent', 'default', {analytics_storage: 'denied', ad_storage: 'denied'});
        gtag('js', new Date());
        gtag('config', 'G-DENIED1');
        var s = document.createElement('script');
        s.src = 'https://www.googletagmanager.com/gtag/js?id=G-DENIED1';
        document.head.appendChild(s);
        """
    )
    (ping, *_) = wait_for_requests(web, "region1.google-analytics.com", "/g/collect")
    params = parse_qs(ping.query)
    assert params["gcs"] == ["G100"]
    assert "cid" not in params
    assert cookie_names(page) == set()

    web.clear_log()
    page.evaluate(
        "gtag('consent', 'update', {analytics_storage: 'granted', ad_storage: 'granted'})"
    )
    (granted, *_) = wait_for_requests(web, "region1.google-analytics.com", "/g/collect")
    assert parse_qs(granted.query)["gcs"] == ["G111"]
    assert {"_ga", "_ga_DENIED1"} <= cookie_names(page)


def test_chromium_gtm_container_and_universal_analytics(web: FixtureWeb, page: Page) -> None:
    page.goto("https://www.quiet-fixture.nl/over/")
    page.add_script_tag(
        content="""
        (function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
        new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
        j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
        'https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
        })(window,document,'script','dataLayer','GTM-FIXTURE');
        (function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;i[r]=i[r]||function(){
        (i[r].q=i[r].q||[]).push(arguments)},i[r].l=1*new Date();a=s.createElement(o),
        m=s.getElementsByTagName(o)[0];a.async=1;a.src=g;m.parentNode.insertBefore(a,m)
        })(window,document,'script','https://www.google-analytics.com/analytics.js','ga');
        ga('create', 'UA-12345-1', 'auto');
        ga('set', 'anonymizeIp', true);
        ga('send', 'pageview');
        """
    )
    (ga4, *_) = wait_for_requests(web, "region1.google-analytics.com", "/g/collect")
    assert parse_qs(ga4.query)["tid"] == ["G-FIXTURE1"]
    (ua, *_) = wait_for_requests(web, "www.google-analytics.com", "/collect")
    params = parse_qs(ua.query)
    assert (params["tid"], params["t"], params["aip"]) == (["UA-12345-1"], ["pageview"], ["1"])
    assert params["_v"] == ["j101"]
    ga_cookie = next(c for c in page.context.cookies() if c["name"] == "_ga")
    assert ga_cookie["domain"] == ".quiet-fixture.nl"
    assert re.fullmatch(r"GA1\.2\.\d+\.\d+", ga_cookie["value"])
    assert "_gid" in cookie_names(page)


@pytest.mark.parametrize("url", SITE_PAGES)
def test_chromium_pages_throw_no_errors(
    web: FixtureWeb, page: Page, js_errors: list[str], url: str
) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    assert js_errors == []


def test_chromium_clarity_and_pinterest_tags(
    web: FixtureWeb, page: Page, js_errors: list[str]
) -> None:
    page.goto("https://www.quiet-fixture.nl/")
    page.add_script_tag(
        content="""
        (function(c,l,a,r,i,t,y){
            c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};
            t=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;
            y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
        })(window, document, "clarity", "script", "fxclarity1");
        !function(e){if(!window.pintrk){window.pintrk=function(){
        window.pintrk.queue.push(Array.prototype.slice.call(arguments))};var n=window.pintrk;
        n.queue=[],n.version="3.0";var t=document.createElement("script");t.async=!0,t.src=e;
        var r=document.getElementsByTagName("script")[0];r.parentNode.insertBefore(t,r)}}
        ("https://s.pinimg.com/ct/core.js");
        pintrk('load', '2612345678901');
        pintrk('page');
        """
    )
    assert wait_for_requests(web, "c.clarity.ms", "/c.gif"), "recorder started"
    page.mouse.click(40, 40)
    assert wait_for_requests(
        web, "z.clarity.ms", "/collect", where=lambda r: '"type":"click"' in r.body
    )
    events = {parse_qs(r.query)["event"][0] for r in web.requests_to("ct.pinterest.com", "/v3/")}
    assert events == {"init", "pagevisit"}
    assert {"_clck", "_clsk", "_pin_unauth"} <= cookie_names(page)
    assert js_errors == []
