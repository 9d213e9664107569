"""Tracking that sets no cookie, detected by behaviour in the page and named by script."""

from __future__ import annotations

import pytest

from tests.conftest import ScanRun


@pytest.fixture(scope="module")
def fingerprint_site(scan_site) -> ScanRun:
    run = scan_site("https://www.fingerprint-fixture.nl/", "--max-pages", "2", shared=True)
    assert run.exit_code == 0, run.stderr
    return run


def test_fingerprinting_is_detected_and_named(fingerprint_site: ScanRun) -> None:
    behaviours = fingerprint_site.report["phases"]["pre-consent"]["behaviours"]
    apis = {b["api"] for b in behaviours if b["behaviour"] == "fingerprinting"}
    assert {"canvas", "webgl", "audio", "fonts", "navigator"} <= apis
    for item in behaviours:
        assert item["script"].startswith("https://fpjscdn.net/")
        assert item["owner"] == "FingerprintJS, Inc." and item["third_party"]
    ep04 = [f for f in fingerprint_site.report["findings"] if f["id"] == "EP-04"]
    assert ep04 and ep04[0]["severity"] == "high"


def test_a_chart_on_a_canvas_is_not_fingerprinting(fingerprint_site: ScanRun) -> None:
    report = fingerprint_site.report
    pages = [p["url"] for p in report["phases"]["pre-consent"]["pages"]]
    assert "https://www.fingerprint-fixture.nl/grafiek/" in pages
    chart = [b for b in report["phases"]["pre-consent"]["behaviours"] if "grafiek" in b["page"]]
    assert chart == []


def test_session_recording_is_detected_by_behaviour_and_owner(scan_site) -> None:
    run = scan_site("https://www.embeds-fixture.nl/", "--max-pages", "1", shared=True)
    assert run.exit_code == 0, run.stderr
    recordings = [
        b
        for b in run.report["phases"]["pre-consent"]["behaviours"]
        if b["behaviour"] == "session-recording"
    ]
    # Listening to pointer and keyboard, and sending what it collected to in.hotjar.com.
    assert {b["owner"] for b in recordings} == {"Hotjar Ltd"}
    assert {b["api"] for b in recordings} == {
        "mouse+keyboard listeners",
        "sends events to in.hotjar.com",
    }
    assert all(b["script"].startswith("https://script.hotjar.com/") for b in recordings)
    ep11 = [f for f in run.report["findings"] if f["id"] == "EP-11"]
    assert ep11 and any("hotjar" in str(e) for e in ep11[0]["evidence"])
    # Typing into the newsletter form (never submitted) sends the text to Hotjar.
    keylogging = [
        b
        for b in run.report["phases"]["pre-consent"]["behaviours"]
        if b["behaviour"] == "keylogging"
    ]
    assert len(keylogging) == 1 and keylogging[0]["owner"] == "Hotjar Ltd"
    assert keylogging[0]["api"] == "typed input sent to in.hotjar.com (plain)"
    assert not any(
        "example.com" in r["url"] for r in run.report["phases"]["pre-consent"]["requests"]
    )
    # The YouTube embeds write device identifiers into their own storage before consent.
    ep03 = [f for f in run.report["findings"] if f["id"] == "EP-03"]
    keys = {(e["origin"], e["key"]) for f in ep03 for e in f["evidence"]}
    assert ("https://www.youtube-nocookie.com", "yt-remote-device-id") in keys
    assert ep03[0]["severity"] == "high"
