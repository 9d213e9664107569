"""Recipients a sentence names by its wording, with no table behind them: after "stored by",
before "gespeichert", in brackets after a kind of service, in apposition to one, held by a role,
or named with a verb of using in a sentence about a service's purpose.

Split from :mod:`scanner.policy.parties`, which adds the known services and the legal names and
decides which names count. A capitalised word is never a recipient by itself here: each pattern
ties the name to a verb of processing, a role, or a purpose
(:mod:`scanner.policy.lexicon_context`).
"""

from __future__ import annotations

import re

from scanner.policy.lexicon_context import (
    BANK_WORD,
    COUNTED_WITH,
    DEFINITE_ARTICLES,
    KIND_OF_RECIPIENT,
    NAME_DOES_ROLE,
    NAME_THEN_ROLE,
    NOT_A_NAME,
    PARTNER_WITH,
    PAYMENT,
    PROCESSED_AT,
    PROCESSED_BY,
    PRONOUNS,
    ROLE_THEN_NAME,
    ROLE_WORD,
    SERVICE_IN_BRACKETS,
    SERVICE_PURPOSE,
    USED_TOOL,
)
from scanner.policy.lexicon_parties import (
    BY_WORDS,
    COMMON_NOUNS,
    DETERMINERS,
    LEGAL_NAME,
    LIST_SPLIT,
    NAME_TOKEN,
)


def named_by_context(text: str) -> list[str]:
    """Names the wording makes recipients: after "stored by" / "verwerkt door" (each name of a
    list: "Zilverbank, Kustspaar en Noorderkas"), before "gespeichert", in brackets after a kind
    of service ("boekhouding (Kasboek Online)"), and after "we count visits with"."""
    names = []
    for match in PROCESSED_BY.finditer(text):
        listed: list[str] = []
        for item in LIST_SPLIT.split(_recipient_clause(text[match.end() :])):
            words = item.split()
            while words and words[0].lower() in BY_WORDS:
                words.pop(0)
            description = bool(words) and words[0].lower() in DETERMINERS
            if listed and (description or re.search(r"\d", item)):
                break  # "Mailchimp, einen Dienst der ..., Suite 5000": the list has ended
            if description:
                continue  # "bei Ihrer Bank", "by the courier": a description, not a name
            run = re.match(rf"(?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN}", " ".join(words))
            if run:
                listed.append(run.group(0))
        names += listed
    for pattern in (PROCESSED_AT, COUNTED_WITH, NAME_THEN_ROLE):
        names += [m.group(1) for m in pattern.finditer(text)]
    # "(AVG)", "(CRM)": an abbreviation in brackets explains the word before it; it names nobody.
    names += [
        m.group(1)
        for m in SERVICE_IN_BRACKETS.finditer(text)
        if not re.fullmatch(r"[A-Z]{1,5}", m.group(1))
    ]
    tools = [m.group(1) for m in USED_TOOL.finditer(text)]
    rest = text
    for tool in tools:
        rest = rest.replace(tool, "")  # "Pagecount" itself says nothing about counting
    if tools and SERVICE_PURPOSE.search(rest):
        names += tools
    names += [m.group(1) for m in PARTNER_WITH.finditer(text)]
    if PAYMENT.search(text):
        names += [
            m.group(1)
            for m in BANK_WORD.finditer(text)
            if not set(text[: m.start()].lower().split()[-1:]) & (DETERMINERS - DEFINITE_ARTICLES)
        ]
    names += [
        m.group(1)
        for m in NAME_DOES_ROLE.finditer(text)
        if m.group(1).split()[0].lower() not in PRONOUNS
    ]
    for m in ROLE_THEN_NAME.finditer(text):
        firm = m.group("firm")
        names.append(f"{firm.capitalize()} {m.group(2)}" if firm else m.group(2))
    return [
        name.rstrip(".,'")
        for name in names
        if plausible_name(name)
        and name.split()[0].lower() not in DETERMINERS | PRONOUNS
        and not COMMON_NOUNS.match(name)
        and not NOT_A_NAME.search(name.rstrip(".,'"))
        and not _kind_of_recipient(name.rstrip(".,'"))
        and not LEGAL_NAME.search(name)  # "Webhuis Hosting B.V." is read by its legal form
    ]


def _recipient_clause(rest: str) -> str:
    """The words after "processed by" that name the recipients: up to the clause's end, or, when
    that part only describes them ("by our banks: Harbour Bank, Northkas and Tillbank"), the
    list after the colon."""
    clause, _, after = rest.partition(":")
    if after and not re.search(r"[;!?()]|\.(?=\s)", clause):
        words = clause.split()
        if not words or words[0].lower() in DETERMINERS:
            rest = after
    # A stop ends the clause only before a space: "Zorgdeclaratie Noord B.V., die ..." stays whole.
    return re.split(r"[;:!?()]|\.(?=\s|$)|\s[\u2013\u2014-]\s", rest, maxsplit=1)[0]


def plausible_name(item: str) -> bool:
    words = item.split()
    return 0 < len(words) <= 4 and item[:1].isupper() and len(item) <= 40


def _kind_of_recipient(name: str) -> bool:
    """ "Zahlungsdienstleistern", "Payment Providers": a kind of recipient, not one by name. A
    brand may end in such a word ("Cloudbarn Services"), so a longer name counts only when its
    other words are roles too."""
    words = name.split()
    if not KIND_OF_RECIPIENT.search(words[-1]):
        return False
    return all(ROLE_WORD.match(word) for word in words[:-1])
