"""The per-language vocabulary files: provenance, regex validity, the generated docs, and a few
behaviours the readers built from them must keep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scanner import vocabulary
from scanner.collect.consent.vocabulary import PHRASES, acknowledges, kind_of
from scanner.collect.consent.vocabulary import implied_consent as banner_implied_consent
from scanner.policy import lexicon
from scanner.policy.extract import duration_seconds

DOCS = Path(__file__).parent.parent / "docs" / "vocabulary.md"


def test_docs_are_generated_from_the_files() -> None:
    """Regenerate with: python -m scanner.vocabulary --markdown > docs/vocabulary.md"""
    assert DOCS.read_text(encoding="utf-8") == vocabulary.markdown()


@pytest.mark.parametrize("language", vocabulary.LANGUAGES)
def test_every_file_names_its_provenance(language: str) -> None:
    data = vocabulary.load(language)
    assert data["language"] == language
    for key in ("source", "date", "licence", "notes"):
        assert isinstance(data[key], str) and data[key].strip(), key
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["date"])
    assert data["concepts"], "no concepts"


@pytest.mark.parametrize("language", vocabulary.LANGUAGES)
def test_every_alternative_compiles_and_is_not_empty(language: str) -> None:
    for concept, alternatives in vocabulary.load(language)["concepts"].items():
        assert isinstance(alternatives, list) and alternatives, concept
        for alternative in alternatives:
            assert isinstance(alternative, str) and alternative.strip(), concept
            re.compile(alternative, re.IGNORECASE)  # raises on a broken regex
        # every concept compiles as one pattern per language, too
        re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def test_layouts_keep_order_and_reject_overdrawing() -> None:
    by_default = vocabulary.alternatives("policy.controller")
    arranged = vocabulary.alternatives("policy.controller", "nl de fr en it+es")
    assert len(arranged) == len(by_default) - 1
    assert arranged[-1] == "|".join(by_default[-1:-3:-1])  # it before es, as written
    with pytest.raises(ValueError):
        vocabulary.alternatives("policy.controller", "es es")
    with pytest.raises(KeyError):
        vocabulary.alternatives("no.such.concept")


def test_durations_in_digits_and_words() -> None:
    assert duration_seconds("2 Jahre") == 2 * 365 * 86400
    assert duration_seconds("13 maanden") == 13 * 30 * 86400
    assert duration_seconds("30 jours") == 30 * 86400
    assert duration_seconds("Sessie") == 0
    # a period written in words is a retention period
    for text in ("één jaar", "zwei Jahre", "deux ans", "two years", "12 mesi", "5 años"):
        assert lexicon.RETENTION_PERIOD.search(text), text
    assert not lexicon.RETENTION_PERIOD.search("een mooi jaar")


def test_durations_in_words_and_short_units() -> None:
    """Number words, "mnd" and "Sitzungsende", which the first move of the words missed."""
    year, month = 365 * 86400, 30 * 86400
    assert lexicon.RETENTION_PERIOD.search("pendant un an")
    assert duration_seconds("één jaar") == year
    assert duration_seconds("zwei Jahre") == 2 * year
    assert duration_seconds("un an") == year
    assert duration_seconds("twelve months") == 12 * month
    assert duration_seconds("12 mnd") == 12 * month
    assert duration_seconds("Sitzungsende") == 0
    assert duration_seconds("een mooi jaar") is None  # a number word must precede the unit


def test_banner_controls_are_classified_per_language() -> None:
    assert kind_of("Alles weigeren") == "reject"
    assert kind_of("Nur notwendige Cookies") == "reject"
    assert kind_of("Tout refuser") == "reject"
    assert kind_of("Rifiuta tutto") == "reject"
    assert kind_of("Alle Cookies verbieten") == "reject"
    assert kind_of("Alles accepteren") == "accept"
    assert kind_of("Cookie-Einstellungen") == "settings"
    assert kind_of("Guardar configuración") == "save"
    assert kind_of("Sluiten") == "close"
    assert acknowledges("J\u2019ai compris !")
    assert "begrepen" in PHRASES["accept"]


def test_implied_consent_says_its_language() -> None:
    found = banner_implied_consent(
        "Door deze website te blijven bezoeken, ga je akkoord met het gebruik van cookies."
    )
    assert found is not None and found[0] == "nl"
    found = banner_implied_consent("En poursuivant votre navigation sur ce site, vous acceptez")
    assert found is not None and found[0] == "fr"
    assert banner_implied_consent("En cliquant sur Accepter, vous acceptez les cookies") is None


def test_policy_vocabulary_finds_each_language() -> None:
    assert lexicon.CONTROLLER.search("Der Verantwortliche im Sinne der DSGVO ist")
    assert lexicon.CONTROLLER.search("Titolare del trattamento è")
    assert lexicon.RIGHTS["erasure"].search("droit à l'effacement")
    assert lexicon.COUNTRIES["US"].search("vers les États-Unis")
    assert lexicon.MONTHS["märz"] == 3 and lexicon.MONTHS["dicembre"] == 12
    assert lexicon.MECHANISMS["scc"].search("clausole contrattuali standard")
