"""Multilingual patterns shared by the banner analysis and the policy reader.

From ../shared/spec/rules.md section 9.2 (case-insensitive, Unicode), plus the project's
additions, each kept with its language so that evidence can say which language matched. The
words live in the per-language vocabulary files (:mod:`scanner.vocabulary`).
"""

from __future__ import annotations

import re

from scanner import vocabulary


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


#: "By using this site you agree": continued use presented as consent (CB-02). The words are in
#: ``scanner/knowledge/vocabulary/<language>.json`` (concept ``implied-consent``); rules.md's
#: en, nl, de, fr patterns come first, then the project's Dutch additions ("Door deze website te
#: blijven bezoeken, ga je akkoord", the WordPress "Cookie Notice" default "Als je doorgaat ...").
IMPLIED_CONSENT: list[tuple[str, re.Pattern[str]]] = [
    (language, _pattern(text))
    for language, text in vocabulary.by_language("implied-consent", "en nl de fr nl*")
]


def implied_consent(text: str) -> tuple[str, str] | None:
    """(language, matched text) of the first implied-consent wording in ``text``, if any."""
    for language, pattern in IMPLIED_CONSENT:
        found = pattern.search(text)
        if found:
            return language, found.group(0)
    return None
