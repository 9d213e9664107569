"""Turn a read policy into a :class:`DeclaredPolicy`: one function per kind of fact.

Each function reads sentences and keeps, for every fact, the sentence it came from. The patterns
are in :mod:`scanner.policy.lexicon`; this module decides what a match means (a mechanism named
as history is not relied on; a negated claim is not a claim). The controller
(:mod:`scanner.policy.controller`), the declared cookies (:mod:`scanner.policy.cookies`) and the
recipients (:mod:`scanner.policy.parties`) have modules of their own.
"""

from __future__ import annotations

import re
from datetime import date

from scanner.lexicon import implied_consent
from scanner.policy import lexicon
from scanner.policy.controller import check_email, read_controller
from scanner.policy.cookies import duration_seconds, read_cookies
from scanner.policy.model import (
    RIGHTS,
    Claim,
    DeclaredPolicy,
    Element,
    TransferStatement,
)
from scanner.policy.parties import find_parties
from scanner.policy.read import PolicyText
from scanner.policy.segment import Sentence
from scanner.policy.validity import DEAD_MECHANISMS, judge

__all__ = ["check_email", "duration_seconds", "extract"]

DATE_NUMERIC = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
DATE_WORDS = re.compile(
    r"\b(\d{1,2})(?:e|er|st|nd|rd|th)?\.?\s+([^\W\d_]{3,})\.?,?\s+(\d{4})\b"
    r"|\b([^\W\d_]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,\s+(\d{4})\b"
    r"|\b([^\W\d_]{3,})\s+(\d{4})\b"
)


def extract(policy: PolicyText, scan_date: date | None = None) -> DeclaredPolicy:
    """Every fact the reader knows how to find, each with its evidence sentence."""
    scan_date = scan_date or date.today()
    sentences = policy.sentences
    declared = DeclaredPolicy(
        url=policy.source, documents=[policy.source], language=policy.language
    )
    declared.controller = read_controller(sentences)
    declared.dpo = any(lexicon.DPO.search(s.text) for s in sentences)
    declared.parties = find_parties(
        sentences, declared.controller.name, policy.title, policy.tables
    )
    declared.cookies = read_cookies(policy)
    declared.cookie_categories = [
        category
        for category, pattern in lexicon.COOKIE_CATEGORY_TERMS.items()
        if any(pattern.search(s.text) for s in sentences)
    ]
    declared.claims = _claims(sentences)
    declared.consent_model, declared.consent_evidence = _consent_model(sentences, declared)
    declared.last_updated, declared.last_updated_evidence = _last_updated(sentences)
    policy_date = date.fromisoformat(declared.last_updated) if declared.last_updated else None
    declared.transfers = _transfers(sentences, scan_date, policy_date)
    declared.third_countries = sorted(
        {code for t in declared.transfers for code in t.countries}
        | _countries_in_transfer_context(sentences)
    )
    declared.elements, declared.rights_missing = _elements(sentences, declared)
    declared.legacy_terms = [
        Claim(kind=match.group(0), evidence=s.text)
        for s in sentences
        for pattern in (lexicon.LEGACY_NL, lexicon.LEGACY_OTHER)
        for match in [pattern.search(s.text)]
        if match
    ]
    declared.sentences = len(sentences)
    return declared


# -- claims and consent -----------------------------------------------------------------------


def _claims(sentences: list[Sentence]) -> list[Claim]:
    claims: dict[str, Claim] = {}
    for sentence in sentences:
        for kind, pattern in lexicon.CLAIMS.items():
            if kind in claims or not pattern.search(sentence.text):
                continue
            rest = pattern.sub("", sentence.text)  # "Do Not Track" itself is not a negation
            if kind not in lexicon.NEGATIVE_CLAIMS and lexicon.NEGATED.search(rest):
                continue
            context = lexicon.CLAIM_CONTEXT.get(kind)
            if context is not None and not context.search(sentence.text):
                continue
            if kind == "consent-before-cookies" and lexicon.NO_CONSENT_NEEDED.search(sentence.text):
                continue  # "we don't ask for your consent before these cookies are set"
            claims[kind] = Claim(kind, sentence.text)
    return list(claims.values())


def _consent_model(sentences: list[Sentence], declared: DeclaredPolicy) -> tuple[str, str | None]:
    """Implied (continued use), opt-in (consent asked before cookies), none (no consent asked:
    not needed, left to the browser, "we don't ask for your consent before ...") or unknown."""
    for sentence in sentences:
        text = sentence.text
        continued = lexicon.CONTINUED_USE.search(text) and lexicon.COOKIE_WORD.search(text)
        if implied_consent(text) or lexicon.IMPLIED_CONSENT.search(text) or continued:
            return "implied", text
    before = declared.claim("consent-before-cookies")
    if before is not None:
        return "opt-in", before.evidence
    for sentence in sentences:
        # "We do not ask for your consent": the words of asking, negated.
        if lexicon.OPT_IN.search(sentence.text) and not lexicon.NO_CONSENT_NEEDED.search(
            sentence.text
        ):
            return "opt-in", sentence.text
    for sentence in sentences:
        if lexicon.NO_CONSENT_NEEDED.search(sentence.text):
            return "none", sentence.text
    return "unknown", None


# -- transfers --------------------------------------------------------------------------------


def _transfers(
    sentences: list[Sentence], scan_date: date, policy_date: date | None
) -> list[TransferStatement]:
    found: dict[str, TransferStatement] = {}
    for position, sentence in enumerate(sentences):
        text = sentence.text
        named = [m for m, pattern in lexicon.MECHANISMS.items() if pattern.search(text)]
        if "scc" in named and {"scc-2010", "scc-2021"} & set(named):
            named.remove("scc")
        if "adequacy" in named and {"dpf", "safe-harbor", "privacy-shield"} & set(named):
            named.remove("adequacy")  # the DPF (or its predecessors) is itself an adequacy finding
        if not named:
            continue
        historical = bool(lexicon.HISTORICAL.search(text))
        context = " ".join(s.text for s in sentences[max(0, position - 2) : position + 1])
        countries = [code for code, pattern in lexicon.COUNTRIES.items() if pattern.search(context)]
        for mechanism in named:
            current = not (historical and mechanism in DEAD_MECHANISMS)
            previous = found.get(mechanism)
            if previous is not None and (previous.current or not current):
                continue
            found[mechanism] = judge(
                mechanism,
                current=current,
                countries=countries,
                evidence=text,
                scan_date=scan_date,
                policy_date=policy_date,
            )
    if "scc" in found and {"scc-2010", "scc-2021"} & found.keys():
        del found["scc"]
    if "adequacy" in found and "dpf" in found and not set(found["adequacy"].countries) - {"US"}:
        del found["adequacy"]  # "we rely on that adequacy decision": the DPF's own
    return list(found.values())


def _countries_in_transfer_context(sentences: list[Sentence]) -> set[str]:
    return {
        code
        for s in sentences
        if lexicon.TRANSFER_CONTEXT.search(s.text)
        for code, pattern in lexicon.COUNTRIES.items()
        if pattern.search(s.text)
    }


# -- art. 13 elements -------------------------------------------------------------------------


def _elements(
    sentences: list[Sentence], declared: DeclaredPolicy
) -> tuple[dict[str, Element], list[str]]:
    def first(pattern: re.Pattern[str], within: list[Sentence] = sentences) -> Element:
        hit = next((s for s in within if pattern.search(s.text)), None)
        return Element(hit is not None, hit.text if hit else None)

    controller = declared.controller
    contact = bool(controller.emails or controller.address)
    elements = {
        "controller": Element(
            bool(controller.name and contact),
            controller.evidence,
            [f for f, v in (("name", controller.name), ("contact", contact)) if not v],
        ),
        "dpo": first(lexicon.DPO),
        "purposes": _purposes(sentences),
        "legal-basis": first(lexicon.LEGAL_BASIS),
        "recipients": Element(bool(declared.parties), None, [p.name for p in declared.parties]),
        "transfers": Element(
            bool(declared.transfers), declared.transfers[0].evidence if declared.transfers else None
        ),
        "retention": next(
            (
                Element(True, s.text)
                for s in sentences
                if lexicon.RETENTION_PERIOD.search(s.text)
                and (
                    lexicon.RETENTION_TERM.search(s.text)
                    or lexicon.RETENTION_SECTION.search(s.section or "")
                )
            ),
            Element(False),
        ),
        "withdrawal": first(lexicon.WITHDRAWAL),
        "complaint": next(
            (
                Element(True, s.text)
                for s in sentences
                if lexicon.COMPLAINT.search(s.text) and lexicon.AUTHORITY.search(s.text)
            ),
            Element(False),
        ),
    }
    rights_text = _rights_sentences(sentences)
    found = {
        right: next((s.text for s in rights_text if pattern.search(s.text)), None)
        for right, pattern in lexicon.RIGHTS.items()
    }
    missing = [right for right in RIGHTS if found[right] is None]
    evidence = next((text for text in found.values() if text), None)
    elements["rights"] = Element(not missing, evidence, [r for r in RIGHTS if found[r]])
    return elements, missing


def _rights_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences about rights: those naming a right, those in a rights section, and the list
    items after "You have the right to:"."""
    found = []
    listing = False
    for sentence in sentences:
        names_right = bool(lexicon.RIGHT_WORD.search(sentence.text))
        if sentence.kind != "item":
            listing = names_right
        section = lexicon.RIGHT_WORD.search(sentence.section or "")
        if names_right or section or (listing and sentence.kind == "item"):
            found.append(sentence)
    return found


def _purposes(sentences: list[Sentence]) -> Element:
    """The purposes section, and whether a legal basis is given in it or in its own section."""
    section = [s for s in sentences if s.section and lexicon.PURPOSE_HEADING.search(s.section)]
    basis_sections = [s for s in sentences if s.section and lexicon.LEGAL_BASIS.search(s.section)]
    if not section:
        return Element(False)
    paired = any(lexicon.LEGAL_BASIS.search(s.text) for s in [*section, *basis_sections])
    return Element(True, section[0].text, [] if paired else ["legal basis"])


# -- date -------------------------------------------------------------------------------------


def _last_updated(sentences: list[Sentence]) -> tuple[str | None, str | None]:
    """The latest date stated as the policy's update or effective date."""
    best: tuple[date, str] | None = None
    for sentence in sentences:
        if not lexicon.DATE_CONTEXT.search(sentence.text):
            continue
        for day in _dates(sentence.text):
            if best is None or day > best[0]:
                best = (day, sentence.text)
    return (best[0].isoformat(), best[1]) if best else (None, None)


def _dates(text: str) -> list[date]:
    days = []
    for m in DATE_NUMERIC.finditer(text):
        year, month, day = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (
            m.group(6), m.group(5), m.group(4))  # fmt: skip
        days.append(_date(int(year), int(month), int(day)))
    for m in DATE_WORDS.finditer(text):
        if m.group(1):
            day, month, year = m.group(1), m.group(2), m.group(3)
        elif m.group(4):
            month, day, year = m.group(4), m.group(5), m.group(6)
        else:
            month, day, year = m.group(7), "1", m.group(8)
        number = lexicon.MONTHS.get(month.lower().rstrip("."))
        if number:
            days.append(_date(int(year), number, int(day)))
    return [d for d in days if d is not None]


def _date(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1995 <= year <= 2100 else None
