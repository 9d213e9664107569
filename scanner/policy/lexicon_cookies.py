"""The policy reader's cookie vocabulary: consent models, cookie categories, durations and
cookie-table columns (nl, de, fr, en; es/it where cheap). Split from
:mod:`scanner.policy.lexicon` by concept, which re-exports every name, so the extractor reads
all vocabulary from one place. The words live in the per-language vocabulary files
(:mod:`scanner.vocabulary`, concepts ``cookies.*``); the layouts below keep each pattern's
alternatives in the order they were written, which decides the text a search returns.
"""

from __future__ import annotations

import re

from scanner.vocabulary import alternatives


def _any(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in parts), re.IGNORECASE)


# -- consent model ----------------------------------------------------------------------------

OPT_IN = _any(*alternatives("cookies.opt-in"))
#: No consent asked at all: none needed (with words between), or cookies left to the browser.
#: The last two alternatives interleave languages inside their groups, so they stay here.
NO_CONSENT_NEEDED = _any(
    *alternatives("cookies.no-consent-needed", "nl+de fr en nl de fr en"),
    r"(only|alleen|uitsluitend|nur|uniquement)\s+(\w+\s+){0,3}(an\s+)?opt-?out",
    r"\b(toestemming|einwilligung|zustimmung|consent|consentement)\s+(\w+\s+){0,4}(niet|nicht"
    r"|not|pas)\s+(nodig|vereist|erforderlich|notwendig|n[öo]tig|required|needed|requis"
    r"|n[ée]cessaire)",
)
#: Continued use as consent, in wordings :data:`scanner.lexicon.IMPLIED_CONSENT` (shared with
#: the banner analysis) does not cover: "door gebruik te maken van ... geeft u toestemming".
IMPLIED_CONSENT = _any(*alternatives("cookies.implied-consent"))
#: Continued use as consent in the banner's own words ("En poursuivant votre navigation ...",
#: "Als u onze website blijft gebruiken, gaan wij ervan uit ..."). In a policy it counts only in
#: a sentence about cookies (:data:`COOKIE_WORD`): "if you keep using the site after a change,
#: you accept the new policy" is about the policy, not about cookies.
CONTINUED_USE = _any(*alternatives("banner.implied-consent"))
COOKIE_WORD = re.compile(r"cooki|tracker|traceur", re.IGNORECASE)

# -- cookies ----------------------------------------------------------------------------------

COOKIE_CATEGORY_TERMS: dict[str, re.Pattern[str]] = {
    "functional": _any(*alternatives("cookies.category.functional")),
    "analytics": _any(*alternatives("cookies.category.analytics", "nl de+fr en")),
    "marketing": _any(*alternatives("cookies.category.marketing")),
    "personalization": _any(*alternatives("cookies.category.personalization", "nl+de+fr en")),
}
#: A number and its unit; the units, in the order written, from ``cookies.duration-unit``.
_UNITS = "|".join(
    alternatives(
        "cookies.duration-unit",
        "nl en nl en nl de fr en nl de fr en nl de fr en nl de fr en nl de fr en",
    )
)
#: Numbers written as words ("één jaar", "zwei Jahre", "un an"): ``value=regex`` entries of
#: ``cookies.duration-number``, as (value, pattern) pairs.
NUMBER_WORDS: list[tuple[int, re.Pattern[str]]] = [
    (int(value), re.compile(rf"(?:{words})", re.IGNORECASE))
    for value, words in (entry.split("=", 1) for entry in alternatives("cookies.duration-number"))
]
_WORDS = "|".join(pattern.pattern for _, pattern in NUMBER_WORDS)
DURATION = re.compile(
    rf"(?:(?P<n>\d+(?:[.,]\d+)?)\s*|\b(?P<word>{_WORDS})\s+)(?P<unit>{_UNITS})", re.IGNORECASE
)
SESSION = _any(*alternatives("cookies.session", "nl+en+fr+nl+de"))
UNIT_SECONDS = [
    (r"^(min)", 60),
    (r"^(uur|uren|stund|heure|hour|h$)", 3600),
    (r"^(dag|tag|jour|day|d$)", 86400),
    (r"^(week|weken|woche|semaine)", 7 * 86400),
    (r"^(maand|mnd|monat|mois|month)", 30 * 86400),
    (r"^(jaar|jaren|jahr|an|ann|year)", 365 * 86400),
]
COOKIE_TABLE_COLUMNS: dict[str, re.Pattern[str]] = {
    "name": _any(r"^(cookie)?\s*(naam|name|nom|nome|nombre)\b|^cookies?$|^cookie-?name"),
    "provider": _any(*alternatives("cookies.column.provider", "nl+de+en+fr+nl+en+de+nl+en+nl+en")),
    "purpose": _any(
        *alternatives("cookies.column.purpose", "nl+de+en+fr+nl+de+en+nl+de+en+fr+en+de")
    ),
    "duration": _any(
        *alternatives("cookies.column.duration", "nl+de+nl+de+en+de+fr+en+nl+en+de+en")
    ),
}
