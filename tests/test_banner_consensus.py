"""Banner decisions by consensus: the survey, the engines' outcome and the verification agree.

Two real-world banners that went wrong: a German Klaro banner whose refusal is worded as a
prohibition ("Alle Cookies verbieten", www.verbieten-banner.de), and a French information banner
("En poursuivant votre navigation ... vous acceptez" with only "J'ai compris",
www.info-banner.fr) that autoconsent matches with a cosmetic rule. Both are scanned by the real
command line against the fixture web; the vocabulary and the consensus rules are also tested on
their own.
"""

from __future__ import annotations

import pytest

from scanner.checks.consent import click_asymmetry, no_first_layer_reject
from scanner.collect.consent.autoconsent import HIDING_STYLE, package_dir
from scanner.collect.consent.consensus import reconcile
from scanner.collect.consent.vocabulary import acknowledges, implied_consent, kind_of
from scanner.model import BannerFacts, ConsentDecision, ConsentOutcome, Scan
from tests.conftest import ScanRun

VERBIETEN = "https://www.verbieten-banner.de/"
INFO = "https://www.info-banner.fr/"


def finding_ids(report: dict) -> set[str]:
    return {f["id"] for f in report["findings"]}


# -- vocabulary --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Alle Cookies verbieten",
        "Cookies untersagen",
        "Nur notwendige zulassen",
        "Alle cookies verbieden",
        "Interdire tous les cookies",
        "Block all cookies",
        "Disallow all",
        "Disallow all cookies",
    ],
)
def test_a_prohibition_of_cookies_is_a_reject(text: str) -> None:
    assert kind_of(text) == "reject"


@pytest.mark.parametrize(
    "text",
    [
        "J'ai compris",
        "J\u2019ai compris",
        "OK",
        "Compris",
        "Begrepen",
        "Oké",
        "Verstanden",
        "Got it!",
        "Understood",
    ],
)
def test_an_acknowledgement_is_an_accept_that_only_acknowledges(text: str) -> None:
    assert kind_of(text) == "accept"
    assert acknowledges(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Einverstanden", "accept"),
        ("Nicht einverstanden", "reject"),
        ("Ich bin nicht einverstanden", "reject"),
        ("Allow all", "accept"),
        ("Alles akzeptieren", "accept"),
        ("Einstellungen", "settings"),
        ("Alle Cookies erlauben", "accept"),
        ("Das ist ok", "accept"),
        ("Nur notwendige Cookies zulassen", "reject"),
    ],
)
def test_the_new_words_do_not_change_what_was_right(text: str, kind: str) -> None:
    assert kind_of(text) == kind
    assert not acknowledges(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "En poursuivant votre navigation sur ce site, vous acceptez l'utilisation de cookies.",
            "fr",
        ),
        ("En naviguant sur ce site, vous acceptez le dépôt de cookies.", "fr"),
        (
            "Si vous continuez à utiliser ce site, nous considérerons que vous acceptez.",
            "fr",
        ),
        ("Door verder te navigeren op deze site ga je akkoord met cookies.", "nl"),
        ("Als je deze site blijft gebruiken, gaan we ervan uit dat je daarmee akkoord bent.", "nl"),
        ("Wenn Sie diese Website weiter nutzen, stimmen Sie der Verwendung von Cookies zu.", "de"),
        ("Mit der Nutzung dieser Website erklären Sie sich mit Cookies einverstanden.", "de"),
        ("If you continue to use this site we will assume that you are happy with it.", "en"),
    ],
)
def test_implied_consent_wording_is_found(text: str, language: str) -> None:
    found = implied_consent(text)
    assert found is not None and found[0] == language, found


@pytest.mark.parametrize(
    "text",
    [
        "En cliquant sur « Tout accepter », vous acceptez l'utilisation de cookies.",
        "Wenn Sie auf „Alle akzeptieren“ klicken, stimmen Sie der Verwendung zu.",
        "Klik op Accepteren om akkoord te gaan met cookies.",
        "You can accept or reject cookies. Click Accept all if you agree.",
    ],
)
def test_consent_by_an_action_is_not_implied_consent(text: str) -> None:
    assert implied_consent(text) is None


def test_the_hiding_style_undone_is_the_one_autoconsent_writes() -> None:
    """A cosmetic rule's hiding is undone by removing this style element; an autoconsent
    upgrade that renamed it would leave the banner hidden from the heuristic."""
    package = package_dir()
    assert package is not None, "run scripts/setup.sh (npm ci)"
    bundle = (package / "dist" / "autoconsent.playwright.js").read_text(encoding="utf-8")
    assert f'"{HIDING_STYLE}"' in bundle


# -- consensus, on the model ---------------------------------------------------------------------


def _scan(survey_saw_reject: bool, reject: ConsentDecision) -> Scan:
    banner = BannerFacts(first_layer_accept=True, first_layer_reject=survey_saw_reject)
    accept = ConsentDecision(found=True, succeeded=True, first_layer=True, clicks=1)
    consent = ConsentOutcome(banner_detected=True, accept=accept, reject=reject, banner=banner)
    reconcile(consent)
    return Scan(target="https://www.example.de/", started_at="", phases={}, consent=consent)


ONE_CLICK = ConsentDecision(found=True, succeeded=True, first_layer=True, clicks=1)


def test_a_verified_one_click_reject_outvotes_a_survey_that_missed_the_control() -> None:
    scan = _scan(survey_saw_reject=False, reject=ONE_CLICK)
    assert scan.consent.banner is not None
    assert scan.consent.banner.first_layer_reject_source == "decision"
    assert list(no_first_layer_reject(scan)) == []
    assert list(click_asymmetry(scan)) == []


@pytest.mark.parametrize(
    "reject",
    [
        ConsentDecision(found=True, succeeded=False, first_layer=True, clicks=1),  # unverified
        ConsentDecision(found=True, succeeded=True, first_layer=False, clicks=3),  # settings path
        ConsentDecision(),  # none found
    ],
)
def test_without_a_verified_one_click_reject_the_survey_decides(reject: ConsentDecision) -> None:
    scan = _scan(survey_saw_reject=False, reject=reject)
    assert scan.consent.banner is not None
    assert scan.consent.banner.first_layer_reject_source is None
    assert len(list(no_first_layer_reject(scan))) == 1


def test_a_reject_the_survey_saw_but_the_engines_missed_is_not_no_reject() -> None:
    scan = _scan(survey_saw_reject=True, reject=ConsentDecision())
    assert scan.consent.banner is not None
    assert scan.consent.banner.first_layer_reject_source == "survey"
    assert list(no_first_layer_reject(scan)) == []
    assert list(click_asymmetry(scan)) == []


# -- the two fixture sites, scanned --------------------------------------------------------------


@pytest.fixture(scope="module")
def verbieten(scan_site) -> ScanRun:
    run = scan_site(VERBIETEN, "--max-pages", "2", shared=True)
    assert run.exit_code == 0, run.stderr
    return run


@pytest.fixture(scope="module")
def info(scan_site) -> ScanRun:
    run = scan_site(INFO, "--max-pages", "2", shared=True)
    assert run.exit_code == 0, run.stderr
    return run


def test_a_prohibition_worded_reject_is_made_on_the_first_layer_in_one_click(verbieten) -> None:
    consent = verbieten.report["consent"]
    reject = consent["reject"]
    assert reject["found"] and reject["succeeded"], reject
    assert reject["first_layer"] and reject["clicks"] == 1, reject
    assert consent["banner"]["first_layer_reject"], consent["banner"]
    assert consent["banner"]["first_layer_reject_source"] == "survey"
    ids = finding_ids(verbieten.report)
    assert "CB-03" not in ids and "CB-08" not in ids, ids
    accept = consent["accept"]
    assert accept["found"] and accept["succeeded"] and accept["clicks"] == 1, accept


def test_the_information_banner_is_implied_consent_with_its_own_words(info) -> None:
    cb02 = [f for f in info.report["findings"] if f["id"] == "CB-02"]
    assert cb02, finding_ids(info.report)
    banner_evidence = [e for e in cb02[0]["evidence"] if e.get("source") == "banner"]
    assert banner_evidence and banner_evidence[0]["language"] == "fr"
    assert banner_evidence[0]["text"].startswith("En poursuivant votre navigation")


def test_the_information_banner_is_accepted_by_its_only_control(info) -> None:
    consent = info.report["consent"]
    assert consent["banner"]["information_only"] is True
    accept = consent["accept"]
    assert accept["found"] and accept["succeeded"], accept
    # autoconsent's "Complianz notice" rule detects it but is cosmetic: the heuristic decides.
    assert consent["cmp"] == "Complianz notice"
    assert accept["method"] == "heuristic", accept
    assert any("is cosmetic" in step for step in accept["steps"]), accept
    assert accept["clicks"] == 1 and accept["control_text"] == "J\u2019ai compris", accept
    # Verified by the site's own consent storage, not by the banner going away alone.
    assert any("cookie cookieconsent_status" in step for step in accept["steps"]), accept


def test_the_information_banner_offers_no_reject_and_says_so(info) -> None:
    report = info.report
    reject = report["consent"]["reject"]
    assert not reject["found"] and not reject["succeeded"], reject
    assert reject["not_offered"] and "J\u2019ai compris" in reject["not_offered"], reject
    assert report["phases"]["reject"] == {"skipped": reject["not_offered"]}
    assert report["consent"]["banner"]["first_layer_reject_source"] is None
    ids = finding_ids(report)
    assert {"CB-02", "CB-03", "CB-08"} <= ids, ids
