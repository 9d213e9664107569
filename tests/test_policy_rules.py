"""Rules that hold the observations against the declared policy: TR-06, TR-07, CLM-03, CLM-04."""

from __future__ import annotations

from scanner.checks import run_checks
from scanner.model import PHASES, Attribution, PhaseResult, RequestRecord, Scan
from scanner.policy.analyse import analyse_document
from tests.conftest import request_record

US_TRACKER = Attribution(owner="Google LLC", country="US", category="analytics", tracker=True)
EU_HOST = Attribution(owner="Laposta B.V.", country="NL", category="email-marketing")
AD_HOST = Attribution(owner="Criteo SA", country="FR", category="advertising", tracker=True)


def request(host: str, attribution: Attribution, phase: str = "pre-consent") -> RequestRecord:
    return request_record(host, phase=phase, third_party=True, attribution=attribution)


def scan_with(policy_text: str, *requests: RequestRecord) -> dict[str, list]:
    phases = {name: PhaseResult(name=name) for name in PHASES}
    for record in requests:
        phases[record.phase].requests.append(record)
    scan = Scan(target="https://www.example.nl/", started_at="", phases=phases)
    scan.policy = analyse_document(policy_text.encode(), "text/plain", "policy.txt")
    return {f.id: f for f in run_checks(scan)}


def test_eu_only_claim_contradicted_by_a_us_recipient() -> None:
    text = "Wij verwerken je gegevens uitsluitend binnen de EU. Wij werken met Laposta."
    findings = scan_with(text, request("www.google-analytics.com", US_TRACKER, "accept"))
    assert findings["TR-06"].severity == "high"
    assert findings["TR-06"].evidence[0]["quote"].startswith("Wij verwerken je gegevens")
    assert findings["TR-06"].evidence[1]["recipient"] == "Google LLC"
    assert "TR-06" not in scan_with(text, request("api.laposta.nl", EU_HOST))


def test_third_country_recipient_and_no_word_on_transfers() -> None:
    findings = scan_with("Wij gebruiken Google Analytics.", request("ga.com", US_TRACKER))
    assert findings["TR-07"].evidence[0]["country"] == "US"
    covered = "Wij gebruiken Google Analytics; doorgifte op grond van het Data Privacy Framework."
    assert "TR-07" not in scan_with(covered, request("ga.com", US_TRACKER))


def test_consent_claim_contradicted_by_trackers_before_the_choice() -> None:
    text = "Analytische cookies plaatsen we alleen na jouw toestemming, via Google Analytics."
    findings = scan_with(text, request("www.google-analytics.com", US_TRACKER))
    assert "www.google-analytics.com" in findings["CLM-03"].evidence[1]["before any choice"]
    after = scan_with(text, request("www.google-analytics.com", US_TRACKER, "accept"))
    assert "CLM-03" not in after


def test_undeclared_recipients_high_when_advertising() -> None:
    text = "Wij gebruiken Google Analytics."
    declared_only = scan_with(text, request("ga.com", US_TRACKER))
    assert "CLM-04" not in declared_only
    findings = scan_with(text, request("ga.com", US_TRACKER), request("criteo.com", AD_HOST))
    assert findings["CLM-04"].severity == "high"
    assert [e["recipient"] for e in findings["CLM-04"].evidence] == ["Criteo SA"]
    quiet = scan_with(text, request("ga.com", US_TRACKER), request("api.laposta.nl", EU_HOST))
    assert quiet["CLM-04"].severity == "medium"
