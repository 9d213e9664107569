"""Multilingual patterns shared by the banner analysis and the policy reader.

From ../shared/spec/rules.md section 9.2 (case-insensitive, Unicode), plus the project's
additions, each kept with its language so that evidence can say which language matched.
"""

from __future__ import annotations

import re


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


#: "By using this site you agree": continued use presented as consent (CB-02).
IMPLIED_CONSENT: list[tuple[str, re.Pattern[str]]] = [
    (
        "en",
        _pattern(
            r"\bby (continuing to )?(use|using|brows(e|ing)|navigat(e|ing))\b.{0,40}\b(you )?"
            r"(agree|consent|accept)"
        ),
    ),
    (
        "nl",
        _pattern(
            r"\b(met het|door (het )?(verder )?(gebruik|gebruiken|surfen|klikken|bezoeken|te surfen"
            r"|te gaan))\b.{0,60}\b(ga(at)? je|gaat u|stem(t)? (je|u)|akkoord|in met)"
        ),
    ),
    (
        "de",
        _pattern(
            r"\b(durch|mit) (die )?(weitere )?(nutzung|benutzung|besuch)\b.{0,60}\b(stimmen sie|"
            r"erklären sie sich|einverstanden|zu)"
        ),
    ),
    (
        "fr",
        _pattern(
            r"\ben (poursuivant|continuant)\b.{0,40}\b(navigation|naviguer|sur ce site)\b.{0,40}"
            r"\b(acceptez|consentez)"
        ),
    ),
    # Project additions. "Door deze website te blijven bezoeken, ga je akkoord met ...":
    (
        "nl",
        _pattern(
            r"\bdoor (deze|onze|de|het)\b.{0,30}\b(te )?(blijven |verder )?(bezoeken|gebruiken|"
            r"surfen|browsen|bekijken)\b.{0,60}\b(ga(at)? je|gaat u|stem(t)? (je|u)|akkoord)"
        ),
    ),
    # The WordPress "Cookie Notice" default text: "Als je doorgaat met het
    # gebruiken van de website, gaan we er vanuit dat je ermee instemt."
    (
        "nl",
        _pattern(
            r"\b(als|wanneer) (je|u) (door ?gaat|verder gaat) met\b.{0,60}\b(instemt|akkoord|"
            r"toestemming|gaan we er ?van ?uit)"
        ),
    ),
]


def implied_consent(text: str) -> tuple[str, str] | None:
    """(language, matched text) of the first implied-consent wording in ``text``, if any."""
    for language, pattern in IMPLIED_CONSENT:
        found = pattern.search(text)
        if found:
            return language, found.group(0)
    return None
