"""The policy reader inside real runs: ``privacyscan policy URL`` through the browser, and
``scan --policy FILE`` instead of discovery."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, run_cli
from tests.fixtureweb import FixtureWeb

NETJES_POLICY = ROOT / "tests/fixtureweb/sites/www.netjes-banner.nl/privacyverklaring/index.html"


def test_policy_command_fetches_a_url_with_the_browser(web: FixtureWeb, tmp_path: Path) -> None:
    url = "https://www.kleineporties.nl/privacyverklaring/"
    done = run_cli(
        "policy", url, "--out", str(tmp_path), "--host-rules", web.host_rules,
        "--ignore-https-errors", "--fail-on", "high",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # TR-03/TR-04 are high
    document = json.loads((tmp_path / "report.json").read_text())
    assert document["policy"]["url"] == url
    assert document["policy"]["language"] == "nl"
    assert all(
        phase == {"skipped": "policy-only analysis"} for phase in document["phases"].values()
    )
    ids = {f["id"] for f in document["findings"]}
    assert {"TR-03", "TR-04", "CB-02", "TP-01"} <= ids
    assert not ids & {"EP-01", "TR-01", "TP-00"}  # nothing that needs a crawl
    assert "10 parties" in done.stdout


def test_policy_command_on_an_unreachable_url_fails_with_one_line(tmp_path: Path) -> None:
    done = run_cli(
        "policy", "https://www.example.org/nowhere/", "--out", str(tmp_path),
        "--host-rules", "MAP * 127.0.0.1:9", "--ignore-https-errors",
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "could not" in done.stderr
    assert "Traceback" not in done.stderr


def test_scan_with_a_given_policy_file_reads_it_instead_of_searching(scan_site) -> None:
    run = scan_site("https://www.quiet-fixture.nl/", "--max-pages", "1", "--policy",
                    str(NETJES_POLICY))  # fmt: skip
    assert run.exit_code == 0, run.stderr
    policy = run.report["policy"]
    assert policy["documents"] == [str(NETJES_POLICY)]
    assert run.report["policy_searched"] == []
    assert [t["mechanism"] for t in policy["transfer_mechanisms"]] == ["dpf"]


def test_a_bad_declared_policy_stops_the_scan_before_the_browser(tmp_path: Path) -> None:
    bad = tmp_path / "site.yaml"
    bad.write_text("claims: [ip-anonymised, teleportation]\n")
    done = run_cli("scan", "https://www.quiet-fixture.nl/", "--out", str(tmp_path / "out"),
                   "--declared-policy", str(bad))  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip() == (
        f"privacyscan: error: {bad}:1: claims/1: 'teleportation' is not one of "
        "['consent-before-cookies', 'google-data-sharing-off', 'honours-dnt-gpc', "
        "'ip-anonymised', 'no-marketing-cookies', 'no-sale', 'no-transfer-outside-eu', "
        "'only-essential-cookies', 'secure-connection', 'youtube-privacy-enhanced']"
    )


def test_a_pdf_policy_linked_from_the_footer_is_read(scan_site) -> None:
    run = scan_site("https://www.pdf-beleid.de/", "--max-pages", "1")
    assert run.exit_code == 0, run.stderr
    policy = run.report["policy"]
    assert policy["url"] == "https://www.pdf-beleid.de/impressum-und-datenschutz.pdf"
    assert "footer link 'Datenschutzerklärung (PDF)'" in run.report["policy_searched"][0]
    assert policy["language"] == "de"
    assert policy["controller"]["name"] == "Buchbinderei Falz GmbH"
    assert {p["name"] for p in policy["declared_parties"]} == {"Hetzner", "Google Fonts"}
    assert policy["last_updated"] == "2024-03-12"
    # Google Fonts is declared, so the Google request is no undeclared recipient.
    assert "CLM-04" not in {f["id"] for f in run.report["findings"]}
