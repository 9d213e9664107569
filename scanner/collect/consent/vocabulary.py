"""The banner's words, per language: one home for what the consent heuristic reads.

The survey (``survey.js``) classifies a control by its whole text against :data:`PHRASES`; the
banner facts look for implied-consent wording with :func:`implied_consent`. Everything a banner
may say is read through here so that a missing word is fixed once, for the survey, the decision
and the rules alike (a word the survey misses makes it report "no reject" on a banner that has
one). The words themselves are data, one file per language (:mod:`scanner.vocabulary`).
"""

from __future__ import annotations

import re
from typing import Literal

from scanner import lexicon, vocabulary

ControlKind = Literal["accept", "reject", "settings", "save", "close"]

#: Controls of an information banner ("En poursuivant ... vous acceptez" + "J'ai compris").
#: The site records a click on them as consent, so the survey treats them as accept controls;
#: :func:`acknowledges` tells a banner whose only answer is one of these.
ACKNOWLEDGE: tuple[str, ...] = tuple(
    vocabulary.alternatives("banner.acknowledge", "fr* nl* de* en*")
)

#: Reject controls worded as a prohibition of cookies rather than a refusal: the visitor
#: forbids them ("Alle Cookies verbieten") instead of declining an offer.
PROHIBIT: tuple[str, ...] = tuple(vocabulary.alternatives("banner.prohibit", "de* nl* fr* en*"))

#: Whole-control texts per kind (lowercase, whitespace folded), from the per-language vocabulary
#: files (``banner.<kind>``). An exact match is strong; a short control text containing a phrase
#: of more than three letters also counts.
PHRASES: dict[ControlKind, tuple[str, ...]] = {
    "accept": (*vocabulary.alternatives("banner.accept"), *ACKNOWLEDGE),
    "reject": (*vocabulary.alternatives("banner.reject"), *PROHIBIT),
    "settings": tuple(vocabulary.alternatives("banner.settings")),
    "save": tuple(vocabulary.alternatives("banner.save")),
    "close": ("x", "\u00d7", "\u2715", *vocabulary.alternatives("banner.close")),
}

#: Labels of purposes that may stay on: they need no consent.
NECESSARY_LABEL = "|".join(vocabulary.alternatives("banner.necessary-label"))


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


#: Implied-consent wording seen on banners that the shared lexicon (written for policies too)
#: does not cover: "en naviguant", "si vous continuez", "wenn Sie ... weiter nutzen", the
#: WordPress "we will assume that you are happy with it" default. An explicit "En cliquant sur
#: Accepter, vous acceptez" is consent by action and must not match, hence no "cliquant".
BANNER_IMPLIED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (language, _pattern(text))
    for language, text in vocabulary.by_language("banner.implied-consent", "fr nl de en")
)


def implied_consent(text: str) -> tuple[str, str] | None:
    """(language, matched text) of implied-consent wording on a banner: the shared lexicon
    first (policies and banners agree on it), then the banner-only additions."""
    found = lexicon.implied_consent(text)
    if found:
        return found
    for language, pattern in BANNER_IMPLIED:
        match = pattern.search(text)
        if match:
            return language, match.group(0)
    return None


def normalise(text: str) -> str:
    """A control text as the survey compares it: lowercase, folded spaces, straight quotes."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).lower()


def kind_of(text: str) -> ControlKind | None:
    """The kind the survey gives a control text (the same rule as ``survey.js``): an exact
    phrase wins; else, for short texts, the kind of the longest contained phrase."""
    text = normalise(text)
    best: ControlKind | None = None
    longest = 0
    for kind, phrases in PHRASES.items():
        if text in phrases:
            return kind
        if len(text) > 40:
            continue
        for phrase in phrases:
            if len(phrase) > 3 and len(phrase) > longest and phrase in text:
                best, longest = kind, len(phrase)
    return best


def acknowledges(text: str) -> bool:
    """Whether a control only acknowledges a notice ("J'ai compris", "Got it")."""
    return normalise(text).rstrip("!. ") in ACKNOWLEDGE
