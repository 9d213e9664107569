"""The HTML report opened in a real browser: it renders, and hostile page data stays text."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.conftest import CHROMIUM, run_cli


def open_report(path: Path) -> tuple[str, list[str]]:
    """Render ``path`` in Chromium; return the page text and any dialogs or script errors."""
    incidents: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.on(
            "dialog",
            lambda dialog: (incidents.append(f"dialog: {dialog.message}"), dialog.dismiss()),
        )
        page.on("pageerror", lambda error: incidents.append(f"error: {error}"))
        page.goto(path.resolve().as_uri())
        text = page.inner_text("body")
        browser.close()
    return text, incidents


def test_hostile_page_data_is_escaped_in_the_html_report(scan_site) -> None:
    run = scan_site("https://www.hostile-fixture.nl/", "--max-pages", "2")
    assert run.exit_code == 0, run.stderr
    cookie_names = {c["name"] for c in run.report["phases"]["pre-consent"]["cookies"]}
    assert "<script>alert(1)</script>" in cookie_names
    text, incidents = open_report(run.out_dir / "report.html")
    assert incidents == []
    assert "<script>alert(1)</script>" in text  # shown as text
    assert "<img src=x onerror=alert(2)>" in text
    assert "Google LLC" in text


def test_demo_reports_the_trackers_of_each_phase(demo_run: Path, tmp_path: Path) -> None:
    # The demo's policy is Dutch, so its report is Dutch by default; these checks read English,
    # rendered from the demo's report.json as `privacyscan report` does (the scan's own code).
    rendered = run_cli(
        "report", str(demo_run / "report.json"), "--format", "html", "--lang", "en",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert rendered.returncode == 0, rendered.stderr
    document = json.loads((demo_run / "report.json").read_text())
    hosts = {
        phase: {r["host"] for r in document["phases"][phase]["requests"] if r["tracker"]}
        for phase in ("pre-consent", "accept", "reject")
    }
    # Google Analytics (no IP masking) and the embeds fire before any choice and after "Nee".
    assert {"www.google-analytics.com", "www.youtube.com", "www.instagram.com"} <= hosts[
        "pre-consent"
    ]
    assert "www.google-analytics.com" in hosts["reject"]
    # The Meta pixel only after "Ok".
    pixel = [
        r["url"] for r in document["phases"]["accept"]["requests"] if "fbevents.js" in r["url"]
    ]
    assert pixel
    for phase in ("pre-consent", "reject"):
        assert not any("fbevents.js" in r["url"] for r in document["phases"][phase]["requests"])
    # The newsletter form is on every page, and nothing sends what is typed into it.
    assert document["phases"]["pre-consent"]["behaviours"] == []
    assert document["consent"]["accept"]["control_text"] == "Ok"
    assert document["consent"]["reject"]["control_text"] == "Nee"
    ids = {f["id"] for f in document["findings"]}
    assert {"EP-01", "EP-02", "EP-05", "EP-06"} <= ids
    text, incidents = open_report(tmp_path / "report.html")
    assert incidents == []
    for phase in ("pre-consent", "accept", "reject"):
        assert f"Phase: {phase}" in text
    assert "www.kleineporties.nl" in text and "Meta Platforms, Inc." in text
    assert "The banner as first seen" in text and "gaan we er vanuit" in text
    assert "Tracking without cookies" in text
    # The privacyverklaring is found through the footer, read, and held against the site.
    policy = document["policy"]
    assert policy["url"] == "https://www.kleineporties.nl/privacyverklaring/"
    assert "footer link 'Privacyverklaring'" in document["policy_searched"][0]
    assert policy["origin"] == "merged"  # policies/www.kleineporties.nl.yaml over the text
    assert {"_ga", "_fbp"} <= {c["name"] for c in policy["cookies"]}
    assert "Managed WP Hosting" in {p["name"] for p in policy["declared_parties"]}
    findings = {f["id"]: f for f in document["findings"]}
    assert {"TR-03", "TR-04", "TP-01", "TP-15"} <= set(findings)
    # Implied consent in the policy, with trackers before any choice: high.
    assert findings["CB-02"]["severity"] == "high"
    assert any(e.get("source") == "policy" for e in findings["CB-02"]["evidence"])
    assert "Privacy policy" in text and "EU-VS Privacy Shield Framework" in text
    assert "info@kleineporties,nl (broken: a comma where the domain needs a dot)" in text
