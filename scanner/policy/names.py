"""How the reader compares and cleans names: a name without its legal form or leading words, the
controller's own names (its legal name, the words it starts with, the site name in the title),
and the names that can never be recipients (places, laws, courts, pronouns).

Split from :mod:`scanner.policy.parties` so that the recipient readers (:mod:`parties`,
:mod:`context`) and the controller reader share one notion of "the same name".
"""

from __future__ import annotations

import re

from scanner.policy.lexicon_context import PRONOUNS
from scanner.policy.lexicon_parties import (
    FORM_FIRST,
    GENERIC_FIRST_WORDS,
    LEADING_WORDS,
    LEGAL_FORM,
    NOT_PARTIES,
    PUBLIC_BODY,
    TITLE_DOCUMENT,
    TITLE_SEPARATOR,
)


def own_names(controller: str | None, title: str | None) -> set[str]:
    """The controller's names, compared bare: its full name, the site name from the title, and
    the short name it goes by, the words its legal name starts with ("Shiftwise" for "Shiftwise
    Technologies Ltd", "Spaarnestroom" for "Spaarnestroom Energie B.V.")."""
    names = {bare_name(n) for n in [controller, *site_names(title)] if n}
    words = without_legal_form(controller).split() if controller else []
    for length in range(1, len(words)):
        short = bare_name(" ".join(words[:length]))
        if len(short) >= 4 and short not in GENERIC_FIRST_WORDS:
            names.add(short)
    return names


def site_names(title: str | None) -> list[str]:
    """The parts of a page title that name the site, not the document: "Privacy | Spaarnestroom"
    -> ["Spaarnestroom"]."""
    parts = TITLE_SEPARATOR.split(title) if title else []
    return [p.strip() for p in parts if p.strip() and not TITLE_DOCUMENT.search(p)]


def may_be_party(name: str) -> bool:
    """Not a place, law, browser or pronoun (:data:`NOT_PARTIES`), nor a court, chamber,
    professional body or authority (:data:`PUBLIC_BODY`): those are named, never sent data."""
    first = name.split()[0].lower() if name.split() else ""
    return not (NOT_PARTIES.match(name) or PUBLIC_BODY.search(name) or first in PRONOUNS)


def without_end_stop(name: str) -> str:
    """A name without the full stop of the sentence it ended ("hébergées par Nuagix."), except
    where the stop belongs to a legal form ("Webhuis B.V.", "Parcelwing Inc.")."""
    if re.search(rf"(?<![\w])(?:{LEGAL_FORM})$", name):
        return name
    return name.rstrip(".,;:'")


def trim_name(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and (
        words[0].lower().strip("'") in LEADING_WORDS or re.fullmatch(r"[\d©.,-]+", words[0])
    ):
        words.pop(0)
    return " ".join(words)


def without_legal_form(name: str) -> str:
    """ "Hetzner Online GmbH" -> "Hetzner Online"; "SARL Atelier Lune" -> "Atelier Lune"."""
    name = re.sub(rf"^({FORM_FIRST})\s+(?=[A-Z])", "", name.strip())
    return re.sub(rf"[\s,]+({LEGAL_FORM})$", "", name)


def bare_name(name: str) -> str:
    """A company name without legal form, a leading "The" or punctuation, for comparing."""
    name = re.sub(r"^the\s+", "", without_legal_form(name), flags=re.IGNORECASE)
    return re.sub(r"[^\w]+", "", name).lower()
