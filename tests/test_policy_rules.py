"""Rules that hold the observations against the declared policy: TR-06, TR-07 and the CLM rules."""

from __future__ import annotations

from scanner.checks import run_checks
from scanner.model import (
    PHASES,
    Attribution,
    CookieRecord,
    PhaseResult,
    RequestRecord,
    Scan,
    iso_utc,
)
from scanner.policy.analyse import analyse_document
from tests.conftest import request_record

STARTED = 1_780_000_000.0
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


def cookie_record(name: str, lifetime_days: float | None, category: str) -> CookieRecord:
    return CookieRecord(
        phase="accept",
        name=name,
        domain=".example.nl",
        path="/",
        expires=None if lifetime_days is None else STARTED + lifetime_days * 86400,
        secure=True,
        http_only=False,
        same_site="Lax",
        value_length=10,
        value_hash="0" * 16,
        attribution=Attribution(owner="Meta Platforms, Inc.", category=category, tracker=True),
    )


def scan_with_cookies(policy_text: str, *cookies: CookieRecord, requests=()) -> dict[str, list]:
    phases = {name: PhaseResult(name=name) for name in PHASES}
    phases["accept"].cookies.extend(cookies)
    for record in requests:
        phases[record.phase].requests.append(record)
    scan = Scan(target="https://www.example.nl/", started_at=iso_utc(STARTED), phases=phases)
    scan.policy = analyse_document(policy_text.encode(), "text/plain", "policy.txt")
    return {f.id: f for f in run_checks(scan)}


def test_cookie_durations_are_held_to_the_declared_table() -> None:
    text = "Cookies\n\n_fbp: 3 maanden. _ga: 2 jaar. PHPSESSID: sessie.\n"
    ok = scan_with_cookies(
        text,
        cookie_record("_fbp", 90, "marketing"),
        cookie_record("_ga", 400, "analytics"),  # Chromium's cap, not a lie
        cookie_record("PHPSESSID", None, "functional"),
    )
    assert "CLM-08" not in ok
    wrong = scan_with_cookies(text, cookie_record("_fbp", 365, "marketing"))
    (evidence,) = wrong["CLM-08"].evidence
    assert (evidence["cookie"], evidence["observed"]) == ("_fbp", "365 days")


def test_cookie_kind_claim_contradicted_by_a_marketing_cookie() -> None:
    text = "Wij gebruiken geen tracking cookies, alleen analytische cookies."
    findings = scan_with_cookies(text, cookie_record("_fbp", 90, "marketing"))
    assert "_fbp (marketing, Meta Platforms, Inc.)" in findings["CLM-02"].evidence[1]["cookies"]
    assert "CLM-02" not in scan_with_cookies(text, cookie_record("_ga", 400, "analytics"))


def test_ip_anonymisation_claim_needs_aip_on_universal_analytics_hits() -> None:
    text = "Je IP-adres wordt geanonimiseerd."
    ga = Attribution(owner="Google LLC", country="US", category="analytics", tracker=True)
    ua = request_record("www.google-analytics.com",
                        "https://www.google-analytics.com/collect?v=1&tid=UA-1-1&cid=5",
                        third_party=True, attribution=ga)  # fmt: skip
    masked = request_record("www.google-analytics.com",
                            "https://www.google-analytics.com/collect?v=1&tid=UA-1-1&aip=1",
                            third_party=True, attribution=ga)  # fmt: skip
    ga4 = request_record("region1.google-analytics.com",
                         "https://region1.google-analytics.com/g/collect?v=2&tid=G-X",
                         third_party=True, attribution=ga)  # fmt: skip
    assert "CLM-01" in scan_with_cookies(text, requests=[ua])
    assert "CLM-01" not in scan_with_cookies(text, requests=[masked, ga4])


def test_youtube_privacy_mode_claim_contradicted_by_a_youtube_com_embed() -> None:
    text = "YouTube-video's tonen we in de privacy-enhanced mode."
    yt = Attribution(owner="Google LLC", country="US", category="embedded-content", tracker=True)
    embed = request_record("www.youtube.com", "https://www.youtube.com/embed/abc",
                           third_party=True, attribution=yt)  # fmt: skip
    nocookie = request_record("www.youtube-nocookie.com",
                              "https://www.youtube-nocookie.com/embed/abc",
                              third_party=True, attribution=yt)  # fmt: skip
    assert "CLM-11" in scan_with_cookies(text, requests=[embed])
    assert "CLM-11" not in scan_with_cookies(text, requests=[nocookie])
