"""The report's languages: catalogues of translated text, one folder per language.

``i18n/<lang>/*.json`` are merged into one catalogue per language: ``ui.json`` holds the
reports' own words (headings, verdicts, labels), ``rules.json`` the rule texts a site owner reads
(title, title variants, why it matters, fix), other files the words of one output (the cookie
declaration, for example). A key may be defined in one file only.

English rule texts are not in a catalogue: they are the registry's own, carried in report.json
(``rules``), so a report renders in English even when written by another version of the
scanner. A text missing from a language's catalogue falls back to English, never to a key.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from string import Formatter

LANGUAGES = ("en", "nl", "de", "fr")
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(lang: str) -> dict:
    """Every file of ``i18n/<lang>/`` merged; a key defined twice is a packaging error."""
    merged: dict = {}
    folder = resources.files("scanner.report.i18n").joinpath(lang)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        data.pop("_about", None)
        twice = set(merged) & set(data)
        if twice:
            raise ValueError(f"i18n/{lang}/{entry.name}: {sorted(twice)[0]} defined twice")
        merged.update(data)
    return merged


def report_language(document: dict, requested: str | None) -> str:
    """``--lang`` if given; else the site's policy language when we have it; else English."""
    if requested:
        return requested
    policy = document.get("policy") or {}
    language = policy.get("language")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


class Translator:
    """Text for one report in one language, from report.json and the catalogues alone."""

    def __init__(self, lang: str, document: dict) -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported report language {lang!r}")
        self.lang = lang
        self._words = catalogue(lang)
        self._english = catalogue(DEFAULT_LANGUAGE)
        self._rules = {entry["id"]: entry for entry in document.get("rules", [])}

    def __call__(self, key: str, **params: object) -> str:
        """A UI text by key, formatted with ``params``; English when this language lacks it."""
        template = self._words.get(key, self._english.get(key))
        if not isinstance(template, str):
            raise KeyError(f"no UI text {key!r} in the English catalogue")
        return template.format(**params) if params else template

    def get(self, key: str, default: str) -> str:
        """A UI text by key, or ``default`` when no catalogue has it: for open-ended keys such
        as evidence column names and country codes, where a raw key beats a crash."""
        try:
            return self(key)
        except KeyError:
            return default

    def rule_text(self, rule_id: str, field: str) -> str:
        """A rule's ``title``, ``why`` or ``fix`` in this language (English from report.json)."""
        translated = self._words.get(rule_id, {}).get(field) if self.lang != "en" else None
        return translated or self._rules.get(rule_id, {}).get(field, "")

    def finding_title(self, finding: dict) -> str:
        """A finding's title, rendered again from its key and parameters in this language."""
        rule_id, _, variant = finding.get("title_key", "").partition(".")
        if self.lang == "en" or not rule_id:
            return finding["title"]
        entry = self._words.get(rule_id, {})
        template = entry.get("variants", {}).get(variant) if variant else entry.get("title")
        if not template:
            return finding["title"]
        params = finding.get("title_params") or {}
        if {name for _, name, _, _ in Formatter().parse(template) if name} - set(params):
            return finding["title"]
        return template.format(**params)
