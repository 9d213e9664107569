"""The policy reader on its own: reading, discovery, extraction, policy as code, text rules.

The seed (KleinePorties' real privacyverklaring) is the acceptance case; the smaller cases pin
down one behaviour each, the way a policy in the wild breaks it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scanner.api import analyse_policy
from scanner.errors import UsageError
from scanner.policy.analyse import analyse_document, final_policy
from scanner.policy.declared import load_declared
from scanner.policy.discover import PolicyLink, policy_candidates
from scanner.policy.extract import duration_seconds
from scanner.policy.language import detect_language
from scanner.policy.segment import split_sentences

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "policycorpus" / "nl-kleineporties-seed" / "policy.txt"
DEMO_PAGE = ROOT / "tests/fixtureweb/sites/www.kleineporties.nl/privacyverklaring/index.html"
TODAY = date(2026, 11, 25)


def html(body: str, lang: str = "nl") -> bytes:
    return f"<!doctype html><html lang='{lang}'><body>{body}</body></html>".encode()


@pytest.fixture(scope="module", params=["text", "demo page"])
def seed(request: pytest.FixtureRequest):
    """The seed as the text file and as the demo site's rendered-by-WordPress page."""
    path = SEED if request.param == "text" else DEMO_PAGE
    return analyse_policy(str(path), ROOT, scan_date=TODAY)


def test_seed_parties(seed) -> None:
    parties = {p.name: p.owner for p in seed.policy.parties}
    assert parties == {
        "Google Analytics": "Google LLC",
        "Mailchimp": "The Rocket Science Group LLC (Mailchimp)",
        "Laposta": "Laposta B.V.",
        "Webreus": "Webreus B.V.",
        "Managed WP Hosting": None,
        "Instagram": "Meta Platforms, Inc.",
        "Facebook": "Meta Platforms, Inc.",
        "X (Twitter)": "X Corp.",
        "Pinterest": "Pinterest, Inc.",
        "YouTube": "Google LLC",
    }


def test_seed_transfer_mechanisms_are_dead_with_date_and_judgment(seed) -> None:
    transfers = {t.mechanism: t for t in seed.policy.transfers}
    assert set(transfers) == {"privacy-shield", "safe-harbor"}
    shield, harbor = transfers["privacy-shield"], transfers["safe-harbor"]
    assert shield.current and not shield.valid_on_scan_date
    assert "16 Jul 2020" in shield.validity and "C-311/18" in shield.validity
    assert harbor.current and not harbor.valid_on_scan_date
    assert "6 Oct 2015" in harbor.validity and "C-362/14" in harbor.validity
    # On the policy's own date (1 Aug 2018) the Privacy Shield still stood; Safe Harbor did not.
    assert shield.valid_on_policy_date is True
    assert harbor.valid_on_policy_date is False
    assert "US" in shield.countries


def test_seed_consent_contacts_and_date(seed) -> None:
    policy = seed.policy
    assert policy.language == "nl"
    assert policy.consent_model == "implied"
    assert "ga je akkoord met het gebruik van onze cookies" in policy.consent_evidence
    emails = {e.address: (e.well_formed, e.problem) for e in policy.controller.emails}
    assert emails["info@kleineporties.nl"] == (True, None)
    assert emails["info@kleineporties,nl"][0] is False
    assert "comma" in emails["info@kleineporties,nl"][1]
    assert emails["info@kleineporties"][0] is False
    assert policy.controller.name == "KleinePorties B.V."
    assert policy.controller.registration == "KVK: 72266570"
    assert policy.last_updated == "2018-08-01"
    assert policy.rights_missing == ["restriction"]


def test_seed_findings_quote_the_sentence(seed) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\u2019", "'")
    flat = " ".join(text.split())
    findings = {f.id: f for f in seed.findings}
    assert {"TR-03", "TR-04", "CB-02", "TP-01"} <= set(findings)
    assert findings["TR-03"].severity == findings["TR-04"].severity == "high"
    assert "EU-VS Privacy Shield Framework" in findings["TR-03"].evidence[0]["quote"]
    assert "Safe Harbor-programma" in findings["TR-04"].evidence[0]["quote"]
    assert "ga je akkoord" in findings["CB-02"].evidence[0]["quote"]
    assert any("kleineporties,nl" in e["address"] for e in findings["TP-01"].evidence)
    for finding in findings.values():
        for evidence in finding.evidence:
            if evidence.get("quote"):
                assert " ".join(evidence["quote"].split()) in flat, (finding.id, evidence)


def test_mechanism_named_as_history_is_not_relied_on() -> None:
    policy = analyse_document(
        html(
            "<main><p>Sinds het Hof van Justitie het Privacy Shield in juli 2020 ongeldig "
            "verklaarde, gebruiken wij de standaardcontractbepalingen van de Europese "
            "Commissie (2021/914) voor doorgifte naar de Verenigde Staten.</p></main>"
        ),
        "text/html",
        "history.html",
        TODAY,
    )
    transfers = {t.mechanism: t for t in policy.transfers}
    assert transfers["privacy-shield"].current is False
    assert transfers["scc-2021"].current and transfers["scc-2021"].valid_on_scan_date
    assert "scc" not in transfers  # the version is known, so no "unspecified" entry


def test_navigation_banner_and_footer_are_not_policy_text() -> None:
    page = html(
        "<header><nav><a href='/'>Home</a> Powered by Hotjar</nav></header>"
        "<div class='cookie-notice'>Wij gebruiken cookies van Microsoft Clarity.</div>"
        "<main><h1>Privacyverklaring</h1><p>Wij gebruiken Google Analytics om het bezoek te "
        "meten.</p></main><footer>Route via Google Maps</footer>"
    )
    policy = analyse_document(page, "text/html", "chrome.html", TODAY)
    assert [p.name for p in policy.parties] == ["Google Analytics"]


def test_services_named_as_not_used_or_only_linked_are_not_recipients() -> None:
    policy = analyse_document(
        html(
            "<main><p>Google Analytics en een Facebook-pixel gebruiken we niet.</p>"
            "<p>Op onze website staan links naar onze pagina's op Instagram en Facebook.</p>"
            "<p>Onze website wordt gehost door Hostnet B.V. en we verzenden pakketten met "
            "PostNL.</p></main>"
        ),
        "text/html",
        "negatives.html",
        TODAY,
    )
    assert {p.name for p in policy.parties} == {"Hostnet B.V.", "PostNL"}


def test_negated_claim_is_not_a_claim_but_do_not_track_is() -> None:
    policy = analyse_document(
        b"We do not use SSL on this site. We honour Do Not Track and Global Privacy Control "
        b"signals from your browser.",
        "text/plain",
        "claims.txt",
        TODAY,
    )
    assert [c.kind for c in policy.claims] == ["honours-dnt-gpc"]


def test_segmentation_keeps_abbreviations_and_dates_together() -> None:
    sentences = split_sentences(
        "Cookies t.b.v. social media, bijv. Facebook, zijn uit. Stand: 17. Februar 2022. "
        "Beheerd door Voorbeeld B.V. Amsterdam."
    )
    assert [s.text for s in sentences] == [
        "Cookies t.b.v. social media, bijv. Facebook, zijn uit.",
        "Stand: 17. Februar 2022.",
        "Beheerd door Voorbeeld B.V. Amsterdam.",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wij verwerken jouw gegevens niet voor andere doelen dan die in deze verklaring.", "nl"),
        ("Wir verarbeiten Ihre Daten nur für die in dieser Erklärung genannten Zwecke.", "de"),
        ("Nous traitons vos données pour les finalités décrites dans cette politique.", "fr"),
        ("We process your data only for the purposes described in this notice.", "en"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text * 3)[0] == language


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2 jaar", 2 * 365 * 86400), ("13 Monate", 13 * 30 * 86400), ("24 uur", 86400),
     ("sessie", 0), ("30 jours", 30 * 86400), ("onbekend", None)],
)  # fmt: skip
def test_durations(text: str, seconds: int | None) -> None:
    assert duration_seconds(text) == seconds


def test_discovery_prefers_footer_policy_links_and_reads_a_cookie_policy_too() -> None:
    links = [
        PolicyLink("https://policies.google.com/privacy", "Privacybeleid van Google", "body"),
        PolicyLink("/privacyverklaring/", "Privacyverklaring", "footer"),
        PolicyLink("#", "Cookie-instellingen", "footer"),
        PolicyLink("/cookiebeleid", "Cookies", "banner"),
        PolicyLink("/recepten/", "Recepten", "menu"),
    ]
    found = policy_candidates(links, "https://www.example.nl/")
    assert [(c.url, c.kind) for c in found] == [
        ("https://www.example.nl/privacyverklaring/", "privacy"),
        ("https://www.example.nl/cookiebeleid", "cookie"),
    ]
    assert found[0].found_via == "footer link 'Privacyverklaring'"


def test_declared_policy_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "www.example.nl.yaml"
    bad.write_text("site: www.example.nl\ncookies:\n  - name: _ga\n    duration: 2 years\n"
                   "    category: tracking\n")  # fmt: skip
    with pytest.raises(UsageError, match=r"www.example.nl.yaml:5: cookies/0/category"):
        load_declared(bad)
    typo = tmp_path / "typo.yaml"
    typo.write_text("site: x\nparites: []\n")
    with pytest.raises(UsageError, match=r"typo.yaml:1: .*parites"):
        load_declared(typo)
    broken = tmp_path / "broken.yaml"
    broken.write_text("site: x\nparties: [\n")
    with pytest.raises(UsageError, match=r"broken.yaml:3: not valid YAML"):
        load_declared(broken)


def test_declared_policy_merges_over_or_replaces_the_text(tmp_path: Path) -> None:
    extracted = analyse_policy(str(SEED), ROOT, scan_date=TODAY).policy
    demo = load_declared(ROOT / "policies" / "www.kleineporties.nl.yaml", TODAY)
    merged = final_policy([extracted], demo)
    assert merged.origin == "merged"
    cookies = {c.name: c for c in merged.cookies}
    assert cookies["_ga"].duration_seconds == 2 * 365 * 86400
    assert cookies["_ga"].evidence == "declared in www.kleineporties.nl.yaml"
    names = {p.name for p in merged.parties}
    assert {"Google Fonts", "Meta Pixel", "Laposta"} <= names  # declared added, text kept
    assert merged.consent_model == "implied"  # the file does not say otherwise
    replacing = tmp_path / "replace.yaml"
    replacing.write_text("mode: replace\nconsent_model: opt-in\ntransfers:\n  - mechanism: dpf\n")
    replaced = final_policy([extracted], load_declared(replacing, TODAY))
    assert replaced.origin == "declared" and replaced.parties == []
    assert [t.mechanism for t in replaced.transfers] == ["dpf"]
    assert replaced.consent_model == "opt-in"


def test_hostile_policy_text_is_escaped_in_the_html_report(tmp_path: Path) -> None:
    from scanner.cli import main

    hostile = tmp_path / "policy.txt"
    hostile.write_text(
        "Privacyverklaring\n\nWij delen gegevens met <img src=x onerror=alert(1)> B.V. en met "
        "Google Analytics. Met het gebruik van deze website ga je akkoord met onze cookies.\n"
    )
    assert main(["policy", str(hostile), "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "report.html").read_text()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_unreadable_policy_is_a_usage_error(tmp_path: Path) -> None:
    from scanner.cli import main

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"%PDF-1.4 not really")
    assert main(["policy", str(empty), "--out", str(tmp_path / "out")]) == 2
    assert main(["policy", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")]) == 2
