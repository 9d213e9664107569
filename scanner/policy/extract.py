"""Turn a read policy into a :class:`DeclaredPolicy`: one function per kind of fact.

Each function reads sentences and keeps, for every fact, the sentence it came from. The patterns
are in :mod:`scanner.policy.lexicon`; this module decides what a match means (a mechanism named
as history is not relied on; a negated claim is not a claim).
"""

from __future__ import annotations

import re
from datetime import date

from scanner.classify.knowledge import lookup_cookie, lookup_host
from scanner.lexicon import implied_consent
from scanner.policy import lexicon
from scanner.policy.model import (
    RIGHTS,
    Claim,
    Controller,
    DeclaredCookie,
    DeclaredPolicy,
    Element,
    Email,
    TransferStatement,
)
from scanner.policy.parties import (
    HOSTED_BY,
    LEGAL_NAME,
    RECIPIENT_CONTEXT,
    find_parties,
    trim_name,
)
from scanner.policy.read import PolicyText
from scanner.policy.segment import Sentence
from scanner.policy.validity import DEAD_MECHANISMS, judge

#: Cookie names in prose: "_ga", "PHPSESSID", "wordpress_test_cookie".
COOKIE_NAME = re.compile(r"(?<![\w-])(_[\w-]{2,}|[A-Z][A-Z_]{3,}[A-Z0-9]|[a-z]+_[a-z_]+)(?![\w-])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:[.,][\w-]+)*")
WELL_FORMED_EMAIL = re.compile(r"^[\w.+-]+@(?:[\w-]+\.)+[A-Za-z]{2,}$")
CONTACT = re.compile(
    r"contact|kontakt|impressum|colofon|mentions l[ée]gales|contatt|wie zijn wij|wer (wir|ist)"
    r"|qui sommes|who (we are|is)|about us|over ons",
    re.IGNORECASE,
)
REGISTRATION = re.compile(
    r"\b(?:KvK|KVK|Kamer van Koophandel|Handelsregister|HRB|HRA|SIREN|SIRET|RCS|Company number"
    r"|Company No\.?|Registernummer|Registergericht|Chamber of Commerce)\b"
    r"[^.;\n]{0,40}?\d[\d ]{4,}\d",
)
ADDRESS = re.compile(
    r"[A-Z][\w.'-]*(?:\s[\w.'-]+){0,3}\s\d+[a-zA-Z]?(?:[-/]\d+)?,?\s+(?:\d{4}\s?[A-Z]{2}|\d{4,5})"
    r"\s+[A-Z][\w'-]+"
    r"|\d+(?:bis|ter)?,?\s+(?:rue|avenue|boulevard|place|chemin|all[ée]e|quai|impasse)\s[^,]{2,40},"
    r"\s*\d{5}\s+[A-Z][\w'-]+",
)
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
    declared.controller = _controller(sentences)
    declared.dpo = any(lexicon.DPO.search(s.text) for s in sentences)
    declared.parties = find_parties(sentences, declared.controller.name, policy.title)
    declared.cookies = _cookies(policy)
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


# -- controller -------------------------------------------------------------------------------


def _controller(sentences: list[Sentence]) -> Controller:
    """Who is responsible: a legal name in the controller's sentences or section, else the name
    those sentences open with ("Fietsenmakerij Bosman, gevestigd te ..."), else a legal name in
    the opening or contact sentences. Never a legal name from elsewhere: that is a recipient."""
    controller = Controller()
    # The controller's sentences, and the two after each ("Wer ist verantwortlich? Die ...").
    marked = [
        i
        for i, s in enumerate(sentences)
        if lexicon.CONTROLLER.search(s.text) or lexicon.CONTROLLER.search(s.section or "")
    ]
    named = [
        sentences[i]
        for i in sorted({j for i in marked for j in (i, i + 1, i + 2) if j < len(sentences)})
        if sentences[i].kind != "heading" and not sentences[i].text.endswith("?")
    ]
    opening = [
        s
        for s in sentences[:6] + [s for s in sentences if CONTACT.search(s.section or "")]
        if not (RECIPIENT_CONTEXT.search(s.text) or HOSTED_BY.search(s.text))
    ]
    found = next(
        ((m, s) for s in [*named, *opening] for m in [LEGAL_NAME.search(s.text)] if m), None
    )
    if found:
        match, sentence = found
        controller.name = " ".join([*trim_name(match.group(1)).split(), match.group(2)])
        controller.evidence = sentence.text
    else:
        leading = next(((n, s.text) for s in named for n in [_leading_name(s.text)] if n), None)
        leading = leading or _name_above_contact(sentences)
        if leading:
            controller.name, controller.evidence = leading
    for sentence in sentences:
        if controller.address is None and (found := ADDRESS.search(sentence.text)):
            controller.address = found.group(0)
        if controller.registration is None and (found := REGISTRATION.search(sentence.text)):
            controller.registration = found.group(0)
    seen: set[str] = set()
    for sentence in sentences:
        for raw in EMAIL.findall(sentence.text):
            address = raw.rstrip(".,")
            domain = address.split("@", 1)[1].replace(",", ".")
            if address in seen or lookup_host(domain) is not None:
                continue  # a third party's address (privacy@google.com) is not a contact
            seen.add(address)
            controller.emails.append(check_email(address, sentence.text))
    return controller


def _name_above_contact(sentences: list[Sentence]) -> tuple[str, str] | None:
    """The name line heading a contact block: "Fietsenmakerij Bosman / Langestraat 112 / ..."."""
    first = next((i for i, s in enumerate(sentences) if EMAIL.search(s.text)), None)
    for sentence in reversed(sentences[max(0, (first or 0) - 4) : first or 0]):
        name = None if re.search(r"\d", sentence.text) else _leading_name(sentence.text)
        if name and len(name.split()) <= 6:
            return name, sentence.text
    return None


def _leading_name(text: str) -> str | None:
    """The name a controller sentence opens with, up to the first comma: "X, gevestigd ..."."""
    head = text.split(":", 1)[1] if ":" in text[:80] else text
    name = re.split(r",|\s\(|\s(?:gevestigd|is|ist|est|with|mit|met|avec|con|sede)\s", head)[0]
    name = trim_name(name.strip())
    words = name.split()
    lowercase = [w for w in words if not w[:1].isupper() and not w[:1].isdigit()]
    if 0 < len(words) <= 8 and name[:1].isupper() and len(lowercase) <= 2:
        return name
    return None


def check_email(address: str, evidence: str) -> Email:
    """The address, and why mail to it would bounce if it would (TP-01)."""
    if WELL_FORMED_EMAIL.match(address):
        return Email(address, True, None, evidence)
    domain = address.split("@", 1)[1]
    if "," in domain:
        problem = "a comma where the domain needs a dot"
    elif "." not in domain:
        problem = "no top-level domain (nothing after the name)"
    else:
        problem = "not a deliverable address"
    return Email(address, False, problem, evidence)


# -- cookies ----------------------------------------------------------------------------------


def _cookies(policy: PolicyText) -> list[DeclaredCookie]:
    """Cookies from tables first (they carry durations), then cookie names met in prose."""
    cookies: dict[str, DeclaredCookie] = {}
    for table in policy.tables:
        for cookie in _cookie_table(table):
            cookies.setdefault(cookie.name, cookie)
    for sentence in policy.sentences:
        if " | " in sentence.text:
            continue  # table rows are read above, column by column
        names = list(COOKIE_NAME.finditer(sentence.text))
        for index, match in enumerate(names):
            name = match.group(1)
            fact = lookup_cookie(name)
            if fact is None or fact.domain is not None or name in cookies:
                continue
            # The duration stated after this name and before the next one: "_ga: 2 jaar".
            end = names[index + 1].start() if index + 1 < len(names) else len(sentence.text)
            window = sentence.text[match.end() : end]
            found = lexicon.DURATION.search(window) or lexicon.SESSION.search(window)
            duration = found.group(0) if found else None
            cookies[name] = DeclaredCookie(
                name=name,
                provider=fact.platform,
                category=fact.category,
                duration=duration,
                duration_seconds=duration_seconds(duration) if duration else None,
                evidence=sentence.text,
            )
    return list(cookies.values())


def _cookie_table(rows: list[list[str]]) -> list[DeclaredCookie]:
    """Rows of a table whose header names a cookie column and a duration or purpose column."""
    header = rows[0]
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for column, pattern in lexicon.COOKIE_TABLE_COLUMNS.items():
            if column not in columns and pattern.search(cell.strip()):
                columns[column] = index
                break
    if "name" not in columns or not ({"duration", "purpose"} & columns.keys()):
        return []
    cookies = []
    for row in rows[1:]:

        def cell(column: str, row: list[str] = row) -> str | None:
            index = columns.get(column)
            return row[index].strip() or None if index is not None and index < len(row) else None

        name = cell("name")
        if not name:
            continue
        duration = cell("duration")
        fact = lookup_cookie(name)
        cookies.append(
            DeclaredCookie(
                name=name,
                provider=cell("provider"),
                purpose=cell("purpose"),
                category=_category(cell("purpose")) or (fact.category if fact else None),
                duration=duration,
                duration_seconds=duration_seconds(duration) if duration else None,
                evidence=" | ".join(row),
            )
        )
    return cookies


def _category(purpose: str | None) -> str | None:
    if not purpose:
        return None
    for category, pattern in lexicon.COOKIE_CATEGORY_TERMS.items():
        if pattern.search(purpose + " cookies"):
            return category
    return None


def duration_seconds(text: str) -> int | None:
    """Seconds in "2 jaar", "13 Monate", "30 jours"; 0 for a session cookie; None if unknown."""
    match = lexicon.DURATION.search(text)
    if match is None:
        return 0 if lexicon.SESSION.search(text) else None
    if match.group("n") is not None:
        amount = float(match.group("n").replace(",", "."))
    else:
        word = match.group("word")
        amount = next(v for v, pattern in lexicon.NUMBER_WORDS if pattern.fullmatch(word))
    unit = match.group("unit").lower()
    for pattern, seconds in lexicon.UNIT_SECONDS:
        if re.match(pattern, unit):
            return int(amount * seconds)
    return None


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
            claims[kind] = Claim(kind, sentence.text)
    return list(claims.values())


def _consent_model(sentences: list[Sentence], declared: DeclaredPolicy) -> tuple[str, str | None]:
    for sentence in sentences:
        if implied_consent(sentence.text) or lexicon.IMPLIED_CONSENT.search(sentence.text):
            return "implied", sentence.text
    before = declared.claim("consent-before-cookies")
    if before is not None:
        return "opt-in", before.evidence
    for sentence in sentences:
        if lexicon.OPT_IN.search(sentence.text):
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
