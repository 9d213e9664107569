"""The scanner against the banner corpus: every banner accepted and rejected, verified.

``tests/fixtureweb/banners.json`` says, per fixture site, what is true of its banner (which
consent manager, whether the first layer offers reject, the clicks each decision needs,
pre-ticked purposes, implied-consent wording, a withdraw link, a cookie wall). Each site is
scanned once by the real command line; the tests compare the report with the manifest, and the
banner rules' findings with the facts they should and should not fire on.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import ScanRun

MANIFEST = json.loads((Path(__file__).parent / "fixtureweb" / "banners.json").read_text())
BY_HOST = {entry["host"]: entry for entry in MANIFEST}
PIXEL, GA4 = "facebook.com/tr", "google-analytics.com/g/collect"


@pytest.fixture(scope="module")
def corpus(scan_site) -> dict[str, ScanRun]:
    """Every banner site scanned (two pages per phase), two scans at a time."""

    def scan(host: str) -> ScanRun:
        return scan_site(f"https://{host}/", "--max-pages", "2", shared=True)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(BY_HOST, pool.map(scan, BY_HOST), strict=True))


def requested(report: dict, phase: str, fragment: str) -> bool:
    return any(fragment in r["url"] for r in report["phases"][phase].get("requests", []))


def finding_ids(report: dict) -> set[str]:
    return {f["id"] for f in report["findings"]}


@pytest.mark.parametrize("host", list(BY_HOST))
def test_accept_and_reject_are_made_and_verified(corpus, host: str) -> None:
    entry, run = BY_HOST[host], corpus[host]
    assert run.exit_code == 0, run.stderr
    consent = run.report["consent"]
    assert consent["banner_detected"]
    accept, reject = consent["accept"], consent["reject"]
    assert accept["found"] and accept["succeeded"], accept
    assert accept["clicks"] == entry["accept_clicks"], accept
    assert reject["found"] and reject["succeeded"], reject
    assert reject["clicks"] == entry["reject_clicks"], reject
    assert reject["first_layer"] == entry["first_layer_reject"], reject
    if entry["cmp"]:
        assert accept["method"] == f"autoconsent rule {entry['cmp']}", accept
        assert consent["cmp"] == entry["cmp"]


@pytest.mark.parametrize("host", list(BY_HOST))
def test_trackers_follow_the_decision(corpus, host: str) -> None:
    report = corpus[host].report
    for fragment in (PIXEL, GA4):
        assert not requested(report, "pre-consent", fragment), fragment
        assert requested(report, "accept", fragment), fragment
        assert not requested(report, "reject", fragment), fragment


@pytest.mark.parametrize("host", list(BY_HOST))
def test_banner_rules_fire_exactly_where_the_banner_deserves_it(corpus, host: str) -> None:
    entry, report = BY_HOST[host], corpus[host].report
    ids = finding_ids(report)
    expected = {
        "CB-03": not entry["first_layer_reject"],
        "CB-04": entry["pre_ticked"],
        "CB-02": entry["implied_consent_text"],
        "CL-01": not entry["withdraw_link"],
        "NL-02": entry["cookie_wall"],
        "CB-08": entry["reject_clicks"] > entry["accept_clicks"],
    }
    for rule_id, should_fire in expected.items():
        assert (rule_id in ids) == should_fire, (rule_id, report["consent"]["banner"])
    for rule_id in ("EP-01", "EP-02", "EP-05", "CB-01"):
        assert rule_id not in ids, [f for f in report["findings"] if f["id"] == rule_id]


def test_a_site_that_does_everything_right_has_no_findings(corpus) -> None:
    """Nothing but the recipient inventory (TR-01, info), which lists who gets data after
    the visitor accepted; it is an inventory, not a violation."""
    report = corpus["www.netjes-banner.nl"].report
    assert [f["id"] for f in report["findings"]] == ["TR-01"]
    assert report["findings"][0]["severity"] == "info"
    assert {e["phases"][0] for e in report["findings"][0]["evidence"]} == {"accept"}
    assert report["consent"]["withdraw"] is not None
    # Its privacy statement and its separate cookie policy are both found and read as one.
    policy = report["policy"]
    assert policy["documents"] == [
        "https://www.netjes-banner.nl/privacyverklaring/",
        "https://www.netjes-banner.nl/cookiebeleid/",
    ]
    assert {c["name"]: c["duration"] for c in policy["cookies"]} == {
        "_ga": "2 jaar",
        "_fbp": "3 maanden",
        "cookiekeuze": "1 jaar",
    }


def test_an_unknown_banner_is_reported_not_taken_for_no_banner(scan_site) -> None:
    run = scan_site("https://www.onbekend-banner.nl/", "--max-pages", "1")
    assert run.exit_code == 0, run.stderr
    consent = run.report["consent"]
    assert consent["banner_detected"]
    assert consent["banner"]["operable"] is False
    assert "cookies" in consent["banner"]["text"]
    for decision in ("accept", "reject"):
        assert not consent[decision]["found"]
        assert run.report["phases"][decision] == {
            "skipped": f"no {decision} control found on the banner"
        }
    assert "CB-01" not in finding_ids(run.report)


def test_tracking_without_any_banner_is_cb01(scan_site) -> None:
    run = scan_site("https://www.embeds-fixture.nl/", "--max-pages", "1", shared=True)
    assert run.exit_code == 0, run.stderr
    assert not run.report["consent"]["banner_detected"]
    cb01 = [f for f in run.report["findings"] if f["id"] == "CB-01"]
    assert cb01 and cb01[0]["severity"] == "high" and cb01[0]["evidence"]


def test_gpc_phase_reports_advertising_that_ignores_the_signal(web, scan_site) -> None:
    web.clear_log()
    run = scan_site("https://www.shop-fixture.nl/", "--max-pages", "1", "--gpc")
    assert run.exit_code == 0, run.stderr
    gpc = run.report["phases"]["gpc"]
    assert gpc["pages"] and not gpc.get("skipped")
    # The GPC browser really sent the signal.
    assert any(r.headers.get("sec-gpc") == "1" for r in web.requests_to("www.shop-fixture.nl"))
    us01 = [f for f in run.report["findings"] if f["id"] == "US-01"]
    assert us01 and us01[0]["phase"] == "gpc"
    assert any("doubleclick.net" in str(e.get("url")) for e in us01[0]["evidence"])


def test_gpc_on_a_clean_site_is_no_finding(scan_site) -> None:
    run = scan_site("https://www.netjes-banner.nl/", "--max-pages", "1", "--gpc")
    assert run.exit_code == 0, run.stderr
    assert run.report["phases"]["gpc"]["pages"]
    assert "US-01" not in finding_ids(run.report)
