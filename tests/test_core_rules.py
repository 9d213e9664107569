"""The core-set rules added last: SEC-01..05 (transport security), CB-05/CB-06 (banner design),
TR-02 (US recipients' DPF status), TP-05 (recipients named), TP-13 (cookie-level detail).

Two kinds of test. Browser tests scan ``www.onveilig-fixture.nl``, built to break every one of
these rules (no HSTS, plain HTTP served, an http:// script and image, forms posting to http://,
weak cookie flags, a pale reject link beside a big accept button, a policy naming nobody and no
cookie), and ``www.netjes-banner.nl``, which does everything right (301 to HTTPS, HSTS for a
year, equal buttons, DPF cited, a cookie table); the fixture server's log is the ground truth.
Unit tests run each rule's logic on records built by hand, without a browser.
"""

from __future__ import annotations

import pytest

from scanner.checks.banner_design import (
    contrast_ratio,
    control_contrast,
    parse_color,
    reject_as_text_link,
    weak_reject_issues,
    weak_reject_styling,
)
from scanner.checks.policy_detail import no_cookie_detail, recipients_not_named
from scanner.checks.security import (
    cookie_flag_problems,
    form_over_http,
    hsts_missing,
    https_not_enforced,
    insecure_cookie_flags,
    mixed_content_category,
    mixed_content_loaded,
    parse_hsts,
    redirect_problem,
)
from scanner.checks.transfers import dpf_verdict, us_recipient_basis
from scanner.model import (
    Attribution,
    BannerFacts,
    CookieRecord,
    PageVisit,
    PhaseResult,
    Scan,
)
from scanner.policy.model import DeclaredCookie, DeclaredParty, DeclaredPolicy, TransferStatement
from tests.conftest import ScanRun, cookie_record, request_record, scan_logged
from tests.fixtureweb import FixtureWeb

ONVEILIG = "https://www.onveilig-fixture.nl/"
NETJES = "https://www.netjes-banner.nl/"
NEW_RULES = {"SEC-01", "SEC-02", "SEC-03", "SEC-04", "SEC-05", "CB-05", "CB-06", "TR-02", "TP-05"}
NEW_RULES |= {"TP-13"}


def findings(report: dict, rule_id: str) -> list[dict]:
    return [f for f in report["findings"] if f["id"] == rule_id]


def only(report: dict, rule_id: str) -> dict:
    found = findings(report, rule_id)
    assert len(found) == 1, [f["title"] for f in found]
    return found[0]


# -- browser: the site built to break the rules ---------------------------------------------


@pytest.fixture(scope="module")
def onveilig(web: FixtureWeb, scan_site) -> tuple[ScanRun, list]:
    """One scan of the insecure bakery (three pages), and what the server received."""
    return scan_logged(web, scan_site, ONVEILIG, "--max-pages", "3")


@pytest.fixture(scope="module")
def netjes(scan_site) -> ScanRun:
    run = scan_site(NETJES, "--max-pages", "3")
    assert run.exit_code == 0, run.stderr
    return run


def test_sec01_plain_http_origin_served_without_redirect(onveilig) -> None:
    run, log = onveilig
    start = run.report["phases"]["pre-consent"]["pages"][0]
    assert start["http_redirect"] == {
        "url": "http://www.onveilig-fixture.nl/",
        "status": 200,
        "location": None,
        "error": None,
    }
    # The check went through the browser to the fixture's plain-HTTP server, once.
    plain = [r for r in log if r.scheme == "http" and r.host == "www.onveilig-fixture.nl"]
    assert [r.path for r in plain] == ["/"]
    sec01 = only(run.report, "SEC-01")
    assert sec01["severity"] == "high"  # the site has forms
    assert sec01["evidence"] == [
        {
            "origin": "http://www.onveilig-fixture.nl",
            "status": 200,
            "location": None,
            "problem": "answers 200 over plain HTTP instead of redirecting to HTTPS",
        }
    ]


def test_sec01_probe_leaves_no_cookie_or_request_in_pre_consent(onveilig) -> None:
    phase = onveilig[0].report["phases"]["pre-consent"]
    assert all(
        not r["url"].startswith("http://www.onveilig-fixture.nl/") or r["error"]
        for r in phase["requests"]
    )  # only the blocked mixed-content script
    assert {c["set_by"] for c in phase["cookies"] if c["name"] == "sessionid"} == {ONVEILIG}


def test_sec02_no_hsts_on_start_page(onveilig) -> None:
    run = onveilig[0]
    assert all(p["hsts"] is None for p in run.report["phases"]["pre-consent"]["pages"])
    sec02 = only(run.report, "SEC-02")
    assert sec02["severity"] == "medium"  # missing, and the site has forms
    assert sec02["phase"] == "pre-consent"
    assert sec02["evidence"] == [
        {"page_host": "www.onveilig-fixture.nl", "page": ONVEILIG, "hsts": None}
    ]


def test_sec03_blocked_script_and_upgraded_image(onveilig) -> None:
    run, log = onveilig
    sec03 = only(run.report, "SEC-03")
    assert sec03["severity"] == "medium"  # a script is blockable mixed content
    by_url = {e["url"]: e for e in sec03["evidence"]}
    script = by_url["http://www.onveilig-fixture.nl/js/teller.js"]
    image = by_url["http://www.onveilig-fixture.nl/img/logo.gif"]
    assert (script["category"], script["resolution"]) == ("blockable", "MixedContentBlocked")
    assert (image["category"], image["resolution"]) == (
        "optionally-blockable",
        "MixedContentAutomaticallyUpgraded",
    )
    assert set(by_url) == {script["url"], image["url"]}  # the form is SEC-04's
    # Chromium never sent the script; it fetched the image over HTTPS instead.
    assert not [r for r in log if r.path == "/js/teller.js"]
    assert {r.scheme for r in log if r.path == "/img/logo.gif"} == {"https"}
    blocked = [
        r for r in run.report["phases"]["pre-consent"]["requests"] if r["url"] == script["url"]
    ]
    assert blocked and blocked[0]["error"] == "blocked: mixed-content"


def test_sec04_forms_posting_to_http(onveilig) -> None:
    sec04 = only(onveilig[0].report, "SEC-04")
    assert sec04["severity"] == "high"
    assert sorted((e["form"], e["method"], e["page"]) for e in sec04["evidence"]) == [
        ("contact", "post", "https://www.onveilig-fixture.nl/over/"),
        ("nieuwsbrief", "post", ONVEILIG),
    ]
    assert {e["action"] for e in sec04["evidence"]} == {
        "http://www.onveilig-fixture.nl/nieuwsbrief/"
    }
    # The search form submits to a relative (hence HTTPS) URL: recorded, not a finding.
    forms = onveilig[0].report["phases"]["pre-consent"]["pages"][0]["forms"]
    assert {"form": "zoeken", "action": f"{ONVEILIG}over/", "method": "get"} in forms


def test_sec05_weak_cookie_flags(onveilig) -> None:
    sec05 = only(onveilig[0].report, "SEC-05")
    assert sec05["severity"] == "medium"  # a session cookie scripts can read
    problems = {e["cookie"]: e["problems"] for e in sec05["evidence"]}
    assert problems == {
        "sessionid": ["no Secure", "session-like name without HttpOnly"],
        "laatst_bezocht": ["no Secure"],
        "taal": ["SameSite=None without Secure (refused by Chromium)"],
    }
    assert all("value" not in e for e in sec05["evidence"])
    # The consent cookie and GA's cookies are Secure: not evidence.
    assert not {"cookiekeuze", "_ga"} & set(problems)


def test_cb05_reject_is_a_pale_link_beside_a_button(onveilig) -> None:
    cb05 = only(onveilig[0].report, "CB-05")
    reject, accept = cb05["evidence"]
    assert (reject["control"], reject["text"], reject["tag"]) == ("reject", "weigeren", "a")
    assert reject["styled_as"] == "text link"
    assert (accept["control"], accept["tag"], accept["styled_as"]) == ("accept", "button", "button")


def test_cb06_contrast_and_size_of_reject(onveilig) -> None:
    cb06 = only(onveilig[0].report, "CB-06")
    reject = cb06["evidence"][0]
    # #c8c8c8 on the white banner: (1 + 0.05) / (0.578 + 0.05) = 1.67.
    assert reject["color"] == "rgb(200, 200, 200)" and reject["backdrop"] == "rgb(255, 255, 255)"
    assert reject["contrast"] == pytest.approx(1.67, abs=0.01)
    assert reject["issues"][0] == "reject text contrast 1.67:1, below 4.5:1"
    assert any("of accept's area" in issue for issue in reject["issues"])
    assert "accept is highlighted, reject is styled like plain text" in reject["issues"]


def test_tr02_each_us_recipient_against_the_policy(onveilig) -> None:
    tr02 = {f["evidence"][0]["recipient"]: f for f in findings(onveilig[0].report, "TR-02")}
    assert set(tr02) == {"Google LLC", "X Corp."}
    google, x = tr02["Google LLC"], tr02["X Corp."]
    assert (google["severity"], google["title_key"]) == ("info", "TR-02.listed")
    assert (x["severity"], x["title_key"]) == ("medium", "TR-02.unverified")
    for finding, status in ((google, "participant"), (x, "unverified")):
        evidence = finding["evidence"][0]
        assert evidence["dpf_status"] == status
        assert evidence["dpf_checked"] == "2026-11-24"
        assert evidence["dpf_status_source"].startswith("privacyscan entity table")
        assert evidence["policy_cites"] == []


def test_tp05_policy_names_nobody(onveilig) -> None:
    tp05 = only(onveilig[0].report, "TP-05")
    assert tp05["evidence"][0]["url"] == f"{ONVEILIG}privacy/"
    assert {e.get("recipient") for e in tp05["evidence"][1:]} == {"Google LLC", "X Corp."}


def test_tp13_no_cookie_table_while_cookies_are_set(onveilig) -> None:
    tp13 = only(onveilig[0].report, "TP-13")
    assert tp13["title_key"] == "TP-13"
    assert {"sessionid", "laatst_bezocht", "cookiekeuze", "_ga"} <= set(
        tp13["evidence"][0]["cookies"]
    )


# -- browser: the site that does everything right --------------------------------------------


def test_netjes_collects_the_facts_that_keep_it_clean(netjes) -> None:
    pages = netjes.report["phases"]["pre-consent"]["pages"]
    assert pages[0]["http_redirect"] == {
        "url": "http://www.netjes-banner.nl/",
        "status": 301,
        "location": NETJES,
        "error": None,
    }
    assert all(p["hsts"] == "max-age=31536000; includeSubDomains" for p in pages)
    assert all(p["mixed_content"] == [] for p in pages)
    controls = {c["kind"]: c for c in netjes.report["consent"]["banner"]["controls"]}
    assert controls["reject"]["tag"] == controls["accept"]["tag"] == "button"
    assert controls["reject"]["backdrop"] == "rgb(255, 255, 255)"


def test_netjes_fires_none_of_the_new_rules(netjes) -> None:
    fired = {f["id"] for f in netjes.report["findings"]}
    assert not fired & NEW_RULES, [f for f in netjes.report["findings"] if f["id"] in NEW_RULES]


# -- unit: records built by hand ------------------------------------------------------------


def scan_of(*pages: PageVisit, cookies: list[CookieRecord] | None = None, requests=()) -> Scan:
    phase = PhaseResult(
        name="pre-consent", pages=list(pages), cookies=cookies or [], requests=list(requests)
    )
    return Scan(target=ONVEILIG, started_at="", phases={"pre-consent": phase})


def page(url: str = ONVEILIG, **facts: object) -> PageVisit:
    return PageVisit(phase="pre-consent", url=url, status=200, final_url=url, **facts)  # type: ignore[arg-type]


def cookie(name: str, secure: bool, http_only: bool = False, **facts: object) -> CookieRecord:
    domain = str(facts.pop("domain", "www.onveilig-fixture.nl"))
    facts.setdefault("same_site", "Lax")
    return cookie_record(name, domain, secure=secure, http_only=http_only, **facts)


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("rgb(0, 0, 0)", "rgb(255, 255, 255)", 21.0),
        ("rgb(255, 255, 255)", "rgb(255, 255, 255)", 1.0),
        ("rgb(119, 119, 119)", "rgb(255, 255, 255)", 4.48),  # #777: just fails AA
        ("rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)", 3.98),  # composited to #808080
    ],
)
def test_contrast_ratio_follows_wcag(foreground: str, background: str, ratio: float) -> None:
    fg, bg = parse_color(foreground), parse_color(background)
    assert fg is not None and bg is not None
    assert contrast_ratio(fg, bg) == pytest.approx(ratio, abs=0.01)


def test_contrast_of_a_transparent_control_uses_what_is_behind_it() -> None:
    link = {"color": "rgb(255, 255, 255)", "background": "rgba(0, 0, 0, 0)"}
    assert control_contrast({**link, "backdrop": "rgb(0, 0, 0)"}) == 21.0
    assert control_contrast({**link, "backdrop": "rgb(255, 255, 255)"}) == 1.0
    # A half-transparent black button over white reads as mid-grey behind white text.
    half = {**link, "background": "rgba(0, 0, 0, 0.5)", "backdrop": "rgb(255, 255, 255)"}
    assert control_contrast(half) == pytest.approx(3.98, abs=0.01)
    assert parse_color("color(srgb 1 0 0)") is None and control_contrast({"color": None}) is None


ACCEPT = {"kind": "accept", "text": "Akkoord", "tag": "button", "area": 4000,
          "color": "rgb(255, 255, 255)", "background": "rgb(0, 90, 200)",
          "backdrop": "rgb(255, 255, 255)", "border": "0px"}  # fmt: skip
REJECT_BUTTON = {**ACCEPT, "kind": "reject", "text": "Weigeren", "area": 3600}
REJECT_LINK = {"kind": "reject", "text": "weigeren", "tag": "a", "area": 400,
               "color": "rgb(170, 170, 170)", "background": "rgba(0, 0, 0, 0)",
               "backdrop": "rgb(255, 255, 255)", "border": "0px"}  # fmt: skip


def banner_scan(*controls: dict, first_layer_reject: bool = True) -> Scan:
    scan = scan_of(page())
    scan.consent.banner = BannerFacts(
        controls=list(controls), first_layer_accept=True, first_layer_reject=first_layer_reject
    )
    return scan


def test_banner_design_rules_on_equal_and_unequal_controls() -> None:
    assert weak_reject_issues(ACCEPT, REJECT_BUTTON) == []
    assert list(reject_as_text_link(banner_scan(ACCEPT, REJECT_BUTTON))) == []
    assert list(weak_reject_styling(banner_scan(ACCEPT, REJECT_BUTTON))) == []
    issues = weak_reject_issues(ACCEPT, REJECT_LINK)
    assert issues == [
        "reject text contrast 2.32:1, below 4.5:1",
        "reject is 0.10 of accept's area",
        "accept is highlighted, reject is styled like plain text",
    ]
    [(phase, _severity, evidence, choice)] = reject_as_text_link(banner_scan(ACCEPT, REJECT_LINK))
    assert phase == "pre-consent" and choice is None and evidence[0]["styled_as"] == "text link"
    # A grey but large, bordered button passes the size and highlight tests, not the contrast.
    grey = {**REJECT_BUTTON, "color": "rgb(200, 200, 200)", "background": "rgb(255, 255, 255)",
            "border": "1px"}  # fmt: skip
    assert weak_reject_issues(ACCEPT, grey) == ["reject text contrast 1.67:1, below 4.5:1"]


def test_cb05_reject_found_only_outside_the_banner() -> None:
    [(_, _, evidence, choice)] = reject_as_text_link(banner_scan(ACCEPT))
    assert choice == ("outside", {}) and evidence[0]["in_banner"] is False
    assert list(reject_as_text_link(banner_scan(ACCEPT, first_layer_reject=False))) == []


@pytest.mark.parametrize(
    ("header", "parsed"),
    [
        ("max-age=31536000; includeSubDomains; preload",
         {"max_age": 31536000, "include_subdomains": True, "preload": True}),
        ('MAX-AGE="300"', {"max_age": 300, "include_subdomains": False, "preload": False}),
        ("includeSubDomains", None),
        ("max-age=abc", None),
        ("max-age=1; max-age=2", None),
        (None, None),
    ],
)  # fmt: skip
def test_parse_hsts(header: str | None, parsed: dict | None) -> None:
    assert parse_hsts(header) == parsed


def test_hsts_rule_missing_weak_and_fine() -> None:
    assert list(hsts_missing(scan_of(page(hsts="max-age=63072000")))) == []
    [(_, severity, _, choice)] = hsts_missing(scan_of(page(hsts="max-age=300")))
    assert severity is None and choice == ("weak", {"max_age": 300})
    [(_, severity, _, choice)] = hsts_missing(scan_of(page()))
    assert severity is None and choice is None  # missing, no forms: the default (low)
    # An HTTP start page is SEC-01's business.
    assert list(hsts_missing(scan_of(page("http://www.onveilig-fixture.nl/")))) == []


@pytest.mark.parametrize(
    ("check", "problem"),
    [
        ({"status": 301, "location": "https://a.nl/", "error": None}, None),
        ({"status": 308, "location": "https://a.nl/", "error": None}, None),
        ({"status": 302, "location": "https://a.nl/", "error": None},
         "redirects to HTTPS with a temporary 302, not 301/308"),
        ({"status": 301, "location": "http://b.nl/", "error": None},
         "redirects with 301 to http://b.nl/, not to HTTPS"),
        ({"status": 200, "location": None, "error": None},
         "answers 200 over plain HTTP instead of redirecting to HTTPS"),
        ({"status": None, "location": None, "error": "net::ERR_CONNECTION_REFUSED"}, None),
        (None, None),
    ],
)  # fmt: skip
def test_redirect_problem(check: dict | None, problem: str | None) -> None:
    assert redirect_problem(check) == problem


def test_sec01_pages_served_over_http_and_severity_by_forms() -> None:
    plain = page("http://www.onveilig-fixture.nl/over/")
    [(_, severity, evidence, _)] = https_not_enforced(scan_of(page(), plain))
    assert severity is None  # no forms: medium
    assert evidence == [
        {"origin": "http://www.onveilig-fixture.nl", "page": plain.url,
         "problem": "page served over HTTP"}
    ]  # fmt: skip
    form = {"form": "f", "action": "https://www.onveilig-fixture.nl/x", "method": "post"}
    [(_, severity, _, _)] = https_not_enforced(scan_of(page(forms=[form]), plain))
    assert severity == "high"


def test_mixed_content_categories_and_severity() -> None:
    assert [mixed_content_category(t) for t in ("image", "video", "script", "iframe")] == [
        "optionally-blockable", "optionally-blockable", "blockable", "blockable"
    ]  # fmt: skip
    image = {"url": "http://cdn.nl/a.png", "resource_type": "image", "resolution": "x",
             "page": ONVEILIG}  # fmt: skip
    form = {**image, "url": "http://a.nl/post", "resource_type": "form"}
    [(_, severity, evidence, choice)] = mixed_content_loaded(
        scan_of(page(mixed_content=[image, form]))
    )
    assert severity == "low" and choice == ("passive", {}) and len(evidence) == 1
    # A stylesheet recorded as a request (no audit issue): blockable, medium.
    style = request_record("cdn.nl", "http://cdn.nl/s.css", error="blocked: mixed-content")
    style.page, style.resource_type = ONVEILIG, "stylesheet"
    [(_, severity, evidence, _)] = mixed_content_loaded(scan_of(page(), requests=[style]))
    assert severity is None and evidence[0]["category"] == "blockable"
    assert list(mixed_content_loaded(scan_of(page()))) == []


def test_sec04_only_http_actions() -> None:
    forms = [
        {"form": None, "action": "http://a.nl/x", "method": "post"},
        {"form": "ok", "action": "https://a.nl/y", "method": "post"},
    ]
    [(_, _, evidence, _)] = form_over_http(scan_of(page(forms=forms)))
    assert evidence == [{"form": "http://a.nl/x", "action": "http://a.nl/x", "method": "post",
                         "page": ONVEILIG}]  # fmt: skip


def test_cookie_flag_rules() -> None:
    assert cookie_flag_problems(cookie("prefs", secure=True)) == []
    assert cookie_flag_problems(cookie("PHPSESSID", secure=True)) == [
        "session-like name without HttpOnly"
    ]
    assert cookie_flag_problems(cookie("auth_token", secure=True, http_only=True)) == []
    assert cookie_flag_problems(cookie("x", secure=False, same_site="None")) == [
        "no Secure",
        "SameSite=None without Secure",
    ]
    third = cookie("IDE", secure=False, third_party=True, domain=".doubleclick.net")
    [(_, severity, evidence, _)] = insecure_cookie_flags(
        scan_of(page(), cookies=[cookie("lang", secure=False), third])
    )
    assert severity is None and [e["cookie"] for e in evidence] == ["lang"]
    # Nothing to say about flags of a site that is not on HTTPS at all (SEC-01 says it).
    assert list(insecure_cookie_flags(scan_of(page("http://a.nl/"), cookies=[third]))) == []


@pytest.mark.parametrize(
    ("status", "cited", "verdict"),
    [
        ("participant", {"dpf"}, None),
        ("participant", set(), ("info", "listed")),
        ("participant", {"scc-2021"}, ("info", "listed")),
        ("not-listed", {"scc-2021"}, None),
        ("not-listed", {"bcr"}, None),
        ("not-listed", set(), ("high", "not-listed")),
        ("not-listed", {"dpf"}, ("high", "not-listed-dpf")),
        ("unverified", {"scc"}, None),
        ("unverified", {"dpf"}, ("info", "unverified-dpf")),
        ("unverified", set(), ("medium", "unverified")),
        (None, set(), ("medium", "unverified")),
    ],
)
def test_tr02_decision_table(status: str | None, cited: set[str], verdict: tuple | None) -> None:
    assert dpf_verdict(status, cited) == verdict


def us_request(owner: str, host: str, phase: str = "accept"):
    return request_record(
        host, phase=phase, third_party=True, attribution=Attribution(owner=owner, country="US")
    )


def transfer(mechanism: str, current: bool = True, valid: bool = True) -> TransferStatement:
    return TransferStatement(mechanism, mechanism, current, valid, None, "")


def test_tr02_reads_the_policy_and_the_entity_table() -> None:
    scan = scan_of(page(), requests=[us_request("Google LLC", "www.google-analytics.com"),
                                     us_request("X Corp.", "platform.twitter.com")])  # fmt: skip
    scan.policy = DeclaredPolicy(url=f"{ONVEILIG}privacy/", transfers=[transfer("dpf")])
    [(_, severity, [evidence], choice)] = us_recipient_basis(scan)
    assert severity == "info" and choice == ("unverified-dpf", {"recipient": "X Corp."})
    assert evidence["dpf_status"] == "unverified" and evidence["policy_cites"] == ["dpf"]
    # The DPF cited only as history (not current) is no basis.
    scan.policy.transfers = [
        transfer("dpf", current=False),
        transfer("privacy-shield", valid=False),
    ]
    assert {c[1]["recipient"]: s for _, s, _, c in us_recipient_basis(scan) if c} == {
        "Google LLC": "info", "X Corp.": "medium"
    }  # fmt: skip
    scan.policy = None
    assert list(us_recipient_basis(scan)) == []


def test_tp05_and_tp13_on_records() -> None:
    google = us_request("Google LLC", "www.google-analytics.com", "pre-consent")
    scan = scan_of(page(), cookies=[cookie("sessionid", secure=True)], requests=[google])
    scan.policy = DeclaredPolicy(url=f"{ONVEILIG}privacy/")
    [(_, _, evidence, _)] = recipients_not_named(scan)
    assert evidence[1]["recipient"] == "Google LLC"
    [(_, _, evidence, choice)] = no_cookie_detail(scan)
    assert choice is None and evidence[0]["cookies"] == ["sessionid"]
    scan.policy.parties = [DeclaredParty("Google Analytics", owner="Google LLC")]
    scan.policy.cookies = [
        DeclaredCookie("_ga", provider="Google", duration="2 jaar", evidence="_ga | 2 jaar"),
        DeclaredCookie("sessionid", evidence="sessionid houdt je sessie bij"),
    ]
    assert list(recipients_not_named(scan)) == []
    [(_, _, evidence, choice)] = no_cookie_detail(scan)
    assert choice == ("incomplete", {"count": 1})
    assert evidence == [
        {"source": "policy", "url": f"{ONVEILIG}privacy/", "quote": "sessionid houdt je sessie bij",
         "cookie": "sessionid", "missing": ["duration", "provider"]}
    ]  # fmt: skip


def test_tp13_judges_an_incomplete_cookie_table_from_the_text_alone() -> None:
    """In ``privacyscan policy`` there is no crawl: only the table's own gaps count."""
    scan = Scan(target="", started_at="", phases={
        "pre-consent": PhaseResult(name="pre-consent", skipped="policy-only analysis")
    })  # fmt: skip
    scan.policy = DeclaredPolicy(cookies=[DeclaredCookie("_ga", provider="Google")])
    [(_, _, evidence, _)] = no_cookie_detail(scan)
    assert evidence[0]["missing"] == ["duration"]
    scan.policy.cookies = []
    assert list(no_cookie_detail(scan)) == []
