"""The rule texts a site owner reads, translated: every rule, every field, the same placeholders.

The English texts are the registry's own (``@rule`` title, fix and variants; the docstring's
"Why it matters"); ``scanner/report/i18n/<lang>/rules.json`` holds the nl, de and fr ones. The
catalogues are read here with :mod:`json` directly, without the report's loader, so this test
checks the files themselves. Pure: no browser, no network.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from string import Formatter

import pytest

from scanner.checks import RULES

I18N = Path(__file__).resolve().parent.parent / "scanner" / "report" / "i18n"
LANGUAGES = ("nl", "de", "fr")
FIELDS = ("title", "why", "fix")
WORD = re.compile(r"[^\W_][\w'\u2019.\-/]*")


def _catalogue(lang: str) -> dict:
    return json.loads((I18N / lang / "rules.json").read_text(encoding="utf-8"))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def _texts(rule_id: str) -> list[tuple[str, str]]:
    """(field, English text) for every text of the rule a translation must carry."""
    registered = RULES[rule_id]
    texts = [(name, getattr(registered, name)) for name in FIELDS]
    texts += [(f"variants.{key}", template) for key, template in registered.variants.items()]
    return texts


def _translated(entry: dict, field: str) -> object:
    if field.startswith("variants."):
        return entry.get("variants", {}).get(field.split(".", 1)[1])
    return entry.get(field)


def _proper_nouns_only(text: str) -> bool:
    """Whether a text is names alone ("Google Analytics", "Hotjar, {count}"): it may stay as is."""
    words = WORD.findall(re.sub(r"\{[^}]*\}", " ", text))
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_is_described(lang: str) -> None:
    assert _catalogue(lang).get("_about"), f"i18n/{lang}/rules.json: no _about"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_text_is_translated(lang: str) -> None:
    catalogue = _catalogue(lang)
    missing = []
    for rule_id in sorted(RULES):
        entry = catalogue.get(rule_id)
        if not isinstance(entry, dict):
            missing.append(f"{rule_id} (no entry)")
            continue
        for field, english in _texts(rule_id):
            text = _translated(entry, field)
            if not isinstance(text, str) or not text.strip():
                note = "" if english else ", and the rule has no English text for it either"
                missing.append(f"{rule_id}.{field}{note}")
    assert not missing, f"i18n/{lang}/rules.json lacks: " + "; ".join(missing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_match_the_english(lang: str) -> None:
    catalogue = _catalogue(lang)
    wrong = []
    for rule_id in sorted(set(RULES) & set(catalogue)):
        for field, english in _texts(rule_id):
            text = _translated(catalogue[rule_id], field)
            if not isinstance(text, str):
                continue
            try:
                found = _placeholders(text)
            except ValueError as error:  # an unbalanced brace
                wrong.append(f"{rule_id}.{field}: {error}")
                continue
            if found != _placeholders(english):
                expected = sorted(_placeholders(english))
                wrong.append(f"{rule_id}.{field}: {sorted(found)}, the English has {expected}")
    assert not wrong, f"i18n/{lang}/rules.json: " + "; ".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_differ_from_the_english(lang: str) -> None:
    catalogue = _catalogue(lang)
    untranslated = [
        f"{rule_id}.{field}"
        for rule_id in sorted(set(RULES) & set(catalogue))
        for field, english in _texts(rule_id)
        if english
        and _translated(catalogue[rule_id], field) == english
        and not _proper_nouns_only(english)
    ]
    assert not untranslated, f"i18n/{lang}/rules.json copies the English: " + ", ".join(
        untranslated
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_entries_for_unknown_rules_or_variants(lang: str) -> None:
    catalogue = _catalogue(lang)
    stale = [key for key in catalogue if key != "_about" and key not in RULES]
    for rule_id in sorted(set(RULES) & set(catalogue)):
        entry = catalogue[rule_id]
        stale += [f"{rule_id}.{key}" for key in entry if key not in (*FIELDS, "variants")]
        stale += [
            f"{rule_id}.variants.{key}"
            for key in entry.get("variants", {})
            if key not in RULES[rule_id].variants
        ]
    assert not stale, f"i18n/{lang}/rules.json has entries no rule has: " + ", ".join(stale)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rule_ids_are_not_defined_in_another_catalogue_file(lang: str) -> None:
    """The report merges every file of a language folder; a key may be defined only once."""
    rules = set(_catalogue(lang)) - {"_about"}
    for other in sorted((I18N / lang).glob("*.json")):
        if other.name == "rules.json":
            continue
        twice = rules & set(json.loads(other.read_text(encoding="utf-8")))
        assert not twice, f"i18n/{lang}: {sorted(twice)} in both rules.json and {other.name}"


def test_proper_nouns_only_texts_may_stay_english() -> None:
    assert _proper_nouns_only("Google Analytics")
    assert _proper_nouns_only("Hotjar, {count}")
    assert not _proper_nouns_only("Tracking cookies are set before the visitor consents")
