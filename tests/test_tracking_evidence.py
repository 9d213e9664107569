"""Tracking evidence that holds on other tools' kinds of test pages.

A cookie name alone is no owner (a site's own ``test_cookie``); fingerprinting through a live
``AudioContext`` and WebRTC; typed input sent to a third party by the site's own script; and a
session recorder served from a public CDN, reported by what it does rather than by the CDN.
"""

from __future__ import annotations

import pytest

from scanner.classify.attribute import attribute_behaviour, attribute_cookie, attribute_storage
from scanner.model import BehaviourRecord, CookieRecord, StorageRecord
from tests.conftest import ScanRun, cookie_record

SITE = "sporen-fixture.nl"
SPOREN = "https://www.sporen-fixture.nl/"


def cookie(name: str, domain: str, set_by: str | None, kind: str | None = "script") -> CookieRecord:
    """A cookie as the collector records it, with its setter."""
    return cookie_record(name, domain, set_by=set_by, set_by_kind=kind)


# -- 1. a cookie-table name must agree with who set the cookie ------------------------------


def test_own_test_cookie_is_not_doubleclick() -> None:
    record = cookie("test_cookie", "www.sporen-fixture.nl", f"{SPOREN}js/cookiecheck.js")
    attribute_cookie(record, SITE)
    assert record.attribution.owner is None and not record.attribution.tracker
    assert record.attribution.category is None
    assert record.attribution.reasons[0] == (
        "name matches DoubleClick's test_cookie, but set by the site's own script "
        "(www.sporen-fixture.nl): not attributed"
    )


def test_own_server_and_foreign_setters_are_named_when_refused() -> None:
    served = cookie("test_cookie", "www.sporen-fixture.nl", SPOREN, kind="http")
    attribute_cookie(served, SITE)
    assert "set by the site's own server" in served.attribution.reasons[0]
    foreign = cookie("_ga", ".sporen-fixture.nl", "https://cdn.jsdelivr.net/npm/x@1/a.js")
    attribute_cookie(foreign, SITE)
    assert foreign.attribution.owner is None and not foreign.attribution.tracker
    assert "a script on cdn.jsdelivr.net (jsDelivr)" in foreign.attribution.reasons[0]


def test_vendor_cookies_whose_setter_agrees_stay_the_vendors() -> None:
    ga = cookie("_ga", ".sporen-fixture.nl", "https://www.googletagmanager.com/gtag/js?id=G-1")
    attribute_cookie(ga, SITE)
    assert ga.attribution.owner == "Google LLC" and ga.attribution.tracker
    ide = cookie("test_cookie", ".doubleclick.net", "https://ad.doubleclick.net/ddm/x", "http")
    attribute_cookie(ide, SITE)
    assert ide.attribution.owner == "Google LLC" and ide.attribution.category == "marketing"
    unknown_setter = cookie("_ga", ".sporen-fixture.nl", None, None)
    attribute_cookie(unknown_setter, SITE)
    assert unknown_setter.attribution.owner == "Google LLC"


def test_storage_key_names_need_an_agreeing_writer_too() -> None:
    item = StorageRecord(
        phase="pre-consent",
        origin="https://www.sporen-fixture.nl",
        kind="localStorage",
        key="yt-remote-device-id",
        value_length=10,
        written_by=f"{SPOREN}js/app.js",
    )
    attribute_storage(item, SITE)
    assert item.attribution.owner is None and not item.attribution.tracker
    assert "set by the site's own script" in item.attribution.reasons[0]


@pytest.fixture(scope="module")
def own_cookie_site(scan_site) -> ScanRun:
    run = scan_site("https://www.eigen-cookie-fixture.nl/", "--max-pages", "1", shared=True)
    assert run.exit_code == 0, run.stderr
    return run


def test_own_test_cookie_raises_no_tracking_finding(own_cookie_site: ScanRun) -> None:
    report = own_cookie_site.report
    cookies = {c["name"]: c for c in report["phases"]["pre-consent"]["cookies"]}
    own = cookies["test_cookie"]
    assert own["set_by"] == "https://www.eigen-cookie-fixture.nl/js/cookiecheck.js"
    assert own["owner"] is None and not own["tracker"]
    assert own["why"][0].startswith("name matches DoubleClick's test_cookie, but set by")
    ids = {f["id"] for f in report["findings"]}
    assert not ids & {"EP-01", "CB-01"}


# -- 2 to 4: the sporen site ---------------------------------------------------------------


@pytest.fixture(scope="module")
def sporen(scan_site) -> ScanRun:
    run = scan_site(SPOREN, "--max-pages", "3", shared=True)
    assert run.exit_code == 0, run.stderr
    return run


def behaviours(run: ScanRun, kind: str) -> list[dict]:
    return [b for b in run.report["phases"]["pre-consent"]["behaviours"] if b["behaviour"] == kind]


def findings(run: ScanRun, rule: str) -> list[dict]:
    return [f for f in run.report["findings"] if f["id"] == rule]


def test_live_audio_and_webrtc_fingerprinting_are_named(sporen: ScanRun) -> None:
    found = {b["api"]: b for b in behaviours(sporen, "fingerprinting") if b["page"] == SPOREN}
    assert {"AudioContext", "WebRTC"} <= set(found)
    for api in ("AudioContext", "WebRTC"):
        assert found[api]["script"] == f"{SPOREN}js/apparaat.js"
        assert not found[api]["third_party"]
    evidence = {e["api"] for f in findings(sporen, "EP-04") for e in f["evidence"]}
    assert {"AudioContext", "WebRTC"} <= evidence


def test_first_party_script_sending_typed_input_to_a_third_party_is_keylogging(
    sporen: ScanRun,
) -> None:
    leaks = [
        b
        for b in behaviours(sporen, "keylogging")
        if b["api"].startswith("typed input sent to api.leadvang-fixture.com")
    ]
    assert len(leaks) == 1
    assert leaks[0]["script"] == f"{SPOREN}js/leads.js" and leaks[0]["third_party"]
    assert leaks[0]["why"][0].startswith(
        "typed input received by third-party host api.leadvang-fixture.com"
    )
    evidence = [e for f in findings(sporen, "EP-11") for e in f["evidence"]]
    assert any(e["api"] == leaks[0]["api"] for e in evidence)


def test_recorder_from_a_public_cdn_is_reported_by_behaviour(sporen: ScanRun) -> None:
    recording = [b for b in behaviours(sporen, "session-recording") if "opname" in b["page"]]
    apis = {b["api"] for b in recording}
    assert apis == {"mouse+keyboard listeners", "sends events to ingest.pagetape-fixture.io"}
    for item in recording:
        assert item["script"].startswith("https://cdn.jsdelivr.net/npm/pagetape@")
        assert item["owner"] is None and item["owner"] != "jsDelivr"
        assert item["category"] == "session-recording" and item["tracker"]
        assert item["third_party"]
        assert item["why"][0].startswith("script served from cdn.jsdelivr.net (jsDelivr")
    evidence = [e for f in findings(sporen, "EP-11") for e in f["evidence"]]
    from_cdn = [e for e in evidence if e.get("script", "").startswith("https://cdn.jsdelivr.net/")]
    assert from_cdn and all(e["owner"] is None for e in from_cdn)
    # What the recorder took from the contact form left for its collector before any submit.
    typed = [
        b
        for b in behaviours(sporen, "keylogging")
        if b["api"].startswith("typed input sent to ingest.pagetape-fixture.io")
    ]
    assert typed and typed[0]["third_party"]


def test_keylogging_to_the_sites_own_server_is_no_third_party() -> None:
    record = BehaviourRecord(
        phase="pre-consent",
        behaviour="keylogging",
        api="typed input sent to api.sporen-fixture.nl (plain)",
        script=f"{SPOREN}js/autosave.js",
    )
    attribute_behaviour(record, SITE)
    assert not record.third_party and not record.attribution.tracker


def test_a_third_party_script_reading_input_for_the_sites_server_stays_third_party() -> None:
    record = BehaviourRecord(
        phase="pre-consent",
        behaviour="keylogging",
        api="typed input sent to www.sporen-fixture.nl (sha256)",
        script="https://cdn.jsdelivr.net/npm/formspy@1/spy.js",
    )
    attribute_behaviour(record, SITE)
    assert record.third_party and record.attribution.tracker
    assert record.attribution.reasons == [
        "typed input received by first-party host www.sporen-fixture.nl, "
        "sent by https://cdn.jsdelivr.net/npm/formspy@1/spy.js"
    ]
