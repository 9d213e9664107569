"""Which recipients a policy names: known services by name or alias, others by how they are named.

Known services come from the entity table's service names plus ``knowledge/party-names.json``
(the spellings policies use: "MailChimp", "Facebook-Pixel", "Twitter"). A policy also names
recipients no table knows (a local hosting company, a parcel carrier); those are taken only where
the wording marks them as recipients: a legal form ("Hetzner Online GmbH"), an explicit list of
suppliers after a colon or under a recipients heading, a table's party column, "hosted by X",
or a verb, role or purpose that ties the name to the data (:mod:`scanner.policy.context`).
Everything else capitalised (authorities, courts, browsers, laws, German nouns) is left alone,
and so are names in sentences that give nothing away (not used, self-hosted, an example, the
owner's own profile), because a false recipient costs the owner more than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scanner.classify.knowledge import _load, domain_facts, entity_country
from scanner.policy.context import named_by_context, plausible_name
from scanner.policy.lexicon_context import (
    COOKIE_TABLE,
    EXCEPT_NAME,
    PARTY_COLUMN,
    RECIPIENT_LEAD,
    ROLE_ITEM,
    ROLE_ONLY,
    ROLE_THEN_NAME,
)
from scanner.policy.lexicon_parties import (
    DETERMINERS,
    EMBEDDED,
    HOSTED_BY,
    LEGAL_NAME,
    LINK_ONLY,
    LIST_SPLIT,
    NAME_TOKEN,
    NO_RECIPIENT,
    NOT_USED,
    ORGANISATION_WORD,
    PRODUCT_AFTER,
    PROFILE_LINK,
    RECIPIENT_CONTEXT,
    SERVICE_LIST_INTRO,
)
from scanner.policy.model import DeclaredParty
from scanner.policy.names import (
    bare_name,
    may_be_party,
    own_names,
    site_names,
    trim_name,
    without_end_stop,
    without_legal_form,
)
from scanner.policy.segment import Sentence, is_heading

#: The name an exception's tail starts with (see :func:`_recipient_part`).
EXCEPT_NAME_START = re.compile(rf"(?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN}")

__all__ = [
    "HOSTED_BY",
    "LEGAL_NAME",
    "RECIPIENT_CONTEXT",
    "bare_name",
    "find_parties",
    "site_names",
    "trim_name",
    "without_legal_form",
]


@dataclass(frozen=True)
class KnownParty:
    """A service a policy may name, and who owns it."""

    name: str
    entity: str | None
    country: str | None
    generic: bool = False


#: A list item that starts with the recipient's name: "Blacknight (Carlow) hosts ...".
ITEM_NAME = re.compile(
    r"^((?:[A-Z0-9][\w&.'+-]*)(?:\s+(?:[A-Z0-9][\w&.'+-]*|&)){0,4})(?=\s*(?:[(,;\u2013\u2014-])"
    r"|\s+(?:in|te|uit|aus|à|a|en|und|et|and|pour|voor|für|for|per|hosts?|sends?|delivers"
    r"|processes|runs|verwerkt|verzorgt|levert)\b|\s*$)"
)
#: "DentaPlan van DentaPlan Software B.V.", "\"VereinsPlaner\" der Kramer GmbH": the product.
PRODUCT_OF = re.compile(
    r"\"?([A-Z][\w-]*)\"?\s+(?:der|des|van|von|de|of|by|from)\s+"
    r"(?:the\s+|de\s+|die\s+)?$"
)
CAPITALISED_RUN = re.compile(
    r"(?<![\w@./-])[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|van|von|de|der|den|des|du))*"
    r"\s+[A-Z][\w&'.-]*"
)


@cache
def known_parties() -> dict[str, KnownParty]:
    """Lower-cased alias -> the service it names."""
    table = _load("party-names.json")
    ambiguous = set(table["ambiguous"])
    index: dict[str, KnownParty] = {}
    services: dict[str, str] = {}
    for fact in domain_facts().values():
        services.setdefault(fact.service, fact.entity)
    for row in table["parties"]:
        entity = row.get("entity") or services.get(row["name"])
        country = row.get("country") or (entity_country(entity) if entity else None)
        party = KnownParty(row["name"], entity, country, bool(row.get("generic")))
        for alias in (row["name"], *row["aliases"]):
            index.setdefault(alias.lower(), party)
    for service, entity in sorted(services.items(), key=lambda item: len(item[0])):
        base, _, inner = service.partition(" (")
        generic = base == entity.split()[0].rstrip(",")
        party = KnownParty(service, entity, entity_country(entity), generic)
        aliases = [service]
        if inner and not re.search(r"\d", inner):
            aliases += [base, *(part.strip() for part in inner.rstrip(")").split("/"))]
        for alias in aliases:
            if len(alias) > 2 and alias not in ambiguous and alias[:1].isupper():
                index.setdefault(alias.lower(), party)
    return index


@cache
def _alias_pattern() -> re.Pattern[str]:
    aliases = sorted(known_parties(), key=len, reverse=True)
    body = "|".join(re.escape(alias) for alias in aliases)
    return re.compile(rf"(?<![\w@./-])({body})(?![\w])", re.IGNORECASE)


@cache
def known_entities() -> dict[str, str]:
    """Bare legal name -> entity, so "The Rocket Science Group LLC" is known by its owner."""
    entities = {fact.entity for fact in domain_facts().values()}
    entities |= {row["entity"] for row in _load("party-names.json")["parties"] if "entity" in row}
    index: dict[str, str] = {}
    for entity in sorted(entities):
        legal = re.sub(r"\s*\(.*?\)", "", entity)
        index.setdefault(bare_name(legal), entity)
        index[_exact_name(legal)] = entity  # "Usercentrics A/S" is not "Usercentrics GmbH"
    return index


def entity_of(name: str) -> str | None:
    """The entity a written legal name is, exactly or failing that without its legal form."""
    entities = known_entities()
    return entities.get(_exact_name(name)) or entities.get(bare_name(name))


def _exact_name(name: str) -> str:
    return "=" + re.sub(r"[^\w]+", "", re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)).lower()


def lookup_party(name: str) -> KnownParty | None:
    """The known service a name (as written anywhere) stands for."""
    return known_parties().get(name.strip().lower())


def find_parties(
    sentences: list[Sentence],
    controller: str | None,
    title: str | None = None,
    tables: list[list[list[str]]] | None = None,
) -> list[DeclaredParty]:
    """Every recipient the policy names, in order of first mention, generic names subsumed.

    Known services are collected first, over the whole text, so that a vendor's legal name
    ("Usercentrics A/S") met before its service ("Cookiebot") is recognised as the same party.
    The controller, by its name or by the site name in the page title, is never its own
    recipient ("stored by Spaarnestroom itself").
    """
    relevant = [r for s in sentences for r in _recipient_part(s)]
    found: dict[str, tuple[int, DeclaredParty]] = {}
    owners_named: set[str] = set()
    generic: list[tuple[int, KnownParty, str]] = []
    for position, sentence in enumerate(relevant):
        for party in _known_in(sentence.text):
            if party.generic:
                generic.append((position, party, sentence.text))
                continue
            if party.entity:
                owners_named.add(party.entity)
            found.setdefault(party.name, (position, _declared(party, sentence.text)))
    ours = own_names(controller, title)
    intro = ""
    for position, sentence in enumerate(relevant):
        text = sentence.text
        names = _unknown_names(text)
        if sentence.kind == "except":
            names.insert(0, without_end_stop(EXCEPT_NAME_START.match(text)[0]))
        elif RECIPIENT_CONTEXT.search(text):  # "we share your data with no one except X"
            names += [without_end_stop(m.group(1)) for m in EXCEPT_NAME.finditer(text)]
        lead_in = f"{sentence.section} {intro}"
        # A list of names under "We use the following services:", "Wer erhält Ihre Daten?" or a
        # lead-in about recipients that ends in a colon; elsewhere only items that are sentences.
        services = bool(SERVICE_LIST_INTRO.search(lead_in) or RECIPIENT_LEAD.search(lead_in))
        services = services or bool(intro.endswith(":") and RECIPIENT_CONTEXT.search(intro))
        # Under a recipients heading ("Our processors", "Nos sous-traitants") a short item is a
        # name ("Nuagix, hébergeur"); after a paragraph about recipients, an item that is a
        # sentence starts with one (a short item there may be the next numbered heading).
        heading = RECIPIENT_CONTEXT.search(sentence.section or "") or (
            not sentence.section and RECIPIENT_CONTEXT.search(intro) and len(intro) <= 80
        )
        listed = services or heading or not is_heading(text)
        if sentence.kind == "item" and listed and (services or RECIPIENT_CONTEXT.search(lead_in)):
            names += _item_name(text)
        elif sentence.kind == "text":
            intro = text
        elif sentence.kind == "heading":
            intro = ""
        for name in names:
            if not may_be_party(name) or bare_name(name) in ours:
                continue
            if _mentions_known(name) or name in found:
                continue
            entity = entity_of(name)
            if entity is not None:
                if entity in owners_named:
                    continue  # "The Rocket Science Group LLC" beside "Mailchimp"
                owners_named.add(entity)
            country = entity_country(entity) if entity else None
            found[name] = (position, DeclaredParty(name, entity, country, text))
    end = len(relevant)
    for name, evidence in _table_names(tables or []):
        if bare_name(name) in ours or _mentions_known(name) or name in found:
            continue
        entity = entity_of(name)
        if entity is None or entity not in owners_named:
            country = entity_country(entity) if entity else None
            found[name] = (end, DeclaredParty(name, entity, country, evidence))
    for position, party, evidence in generic:
        if party.entity not in owners_named:
            owners_named.add(party.entity or party.name)
            found.setdefault(party.name, (position, _declared(party, evidence)))
    return [party for _position, party in sorted(found.values(), key=lambda item: item[0])]


def _table_names(tables: list[list[list[str]]]) -> list[tuple[str, str]]:
    """(name, row) for every row of a table of recipients: the cells of its party column
    ("| Cloudbarn | hosting |" under "| Partij | Doel |"). Cookie tables are read elsewhere."""
    found = []
    for rows in tables:
        header = rows[0]
        if any(COOKIE_TABLE.search(cell) for cell in header):
            continue
        column = next((i for i, cell in enumerate(header) if PARTY_COLUMN.match(cell)), None)
        for row in rows[1:] if column is not None else []:
            cell = trim_name(row[column].strip()) if column < len(row) else ""
            name = without_legal_form(cell) if LEGAL_NAME.fullmatch(cell) is None else cell
            if plausible_name(name) and may_be_party(name) and not ROLE_ONLY.match(name):
                found.append((name, " | ".join(row)))
    return found


def _item_name(text: str) -> list[str]:
    """The recipient a list item names: "Hosting: Cloudbarn" (role, then name), or the name it
    starts with ("Ledenwolk (ledenadministratie)"); not a role alone ("Hosting") nor a
    description ("Onze medewerkers", "De Belastingdienst")."""
    role = ROLE_ITEM.match(text)
    if role and (ROLE_ONLY.match(role["role"].strip()) or not role["role"][:1].isupper()):
        return [role["name"]] if plausible_name(role["name"]) else []
    match = ITEM_NAME.match(text)
    if not match or not plausible_name(match[1]) or ROLE_ONLY.match(match[1]):
        return []
    name = match[1]
    words = name.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words.pop(0)
    if name.lower() in DETERMINERS or not may_be_party(trim_name(" ".join(words))):
        return []  # "Onze medewerkers", "De Belastingdienst" (but "An Post" is a name)
    return [name]


def _recipient_part(sentence: Sentence) -> list[Sentence]:
    """The sentence, or for one that gives nothing away the exception it makes ("keine Daten an
    Dritte, ausgenommen an Cloudbarn, unseren Hoster" -> "Cloudbarn, unseren Hoster"), or
    nothing."""
    if not _names_no_recipient(sentence):
        return [sentence]
    found = EXCEPT_NAME.search(sentence.text)
    if found is None or NOT_USED.search(sentence.text[found.start() :]):
        return []
    return [Sentence(sentence.text[found.start(1) :], sentence.section, "except")]


def _names_no_recipient(sentence: Sentence) -> bool:
    """A sentence (or its section) that names services without giving them data: not used,
    self-hosted, or a plain link to a profile."""
    text = sentence.text
    if NOT_USED.search(text) or NOT_USED.search(sentence.section or ""):
        return True
    if NO_RECIPIENT.search(text):
        return True
    return bool(PROFILE_LINK.search(text)) or (
        bool(LINK_ONLY.search(text)) and not EMBEDDED.search(text)
    )


def _known_in(text: str) -> list[KnownParty]:
    """The known services a sentence names, by any alias, in order."""
    named = []
    for match in _alias_pattern().finditer(text):
        written = match.group(1)
        party = known_parties()[written.lower()]
        if not (written[0].isupper() or written[0] == party.name[0]):
            continue  # "stripe", "clarity": ordinary words, not the brand
        if not PRODUCT_AFTER.match(text, match.end()):
            named.append(party)
    return named


def _declared(party: KnownParty, evidence: str) -> DeclaredParty:
    return DeclaredParty(party.name, party.entity, party.country, evidence)


def _unknown_names(text: str) -> list[str]:
    """Recipients named without being in any table: by legal form, by an organisation word
    ("Stadtsparkasse Augsburg", "Byrne Walsh Chartered Accountants"), list, or 'hosted by'.
    A product named before its vendor ("VereinsPlaner der Kramer IT GmbH") is the product."""
    names = []
    for m in LEGAL_NAME.finditer(text):
        legal = " ".join([*trim_name(m.group(1)).split(), m.group(2)])
        product = PRODUCT_OF.search(text, 0, m.start())
        vendor_word = legal.split()[0]
        if product and (product.group(0).startswith('"') or product.group(1) == vendor_word):
            names.append(product.group(1))
        else:
            names.append(legal)
    names += [
        trim_name(m.group(0))
        for m in CAPITALISED_RUN.finditer(text)
        if ORGANISATION_WORD.search(m.group(0)) and len(trim_name(m.group(0)).split()) > 1
    ]
    names += [trim_name(m.group(1)) for m in HOSTED_BY.finditer(text)]
    names += named_by_context(text)
    if RECIPIENT_CONTEXT.search(text) and ":" in text:
        listed = [trim_name(item).rstrip(".") for item in
                  LIST_SPLIT.split(re.sub(r"\s*\(.*?\)", "", text.rsplit(":", 1)[1]))]  # fmt: skip
        if len(listed) >= 2 and any(lookup_party(item) for item in listed):
            names += [item for item in listed if plausible_name(item)]
    cleaned = [without_end_stop(n) for n in names]
    kept = [n for n in cleaned if n and may_be_party(n)]
    # One name read twice: "Ulm" after the role-like "Kreissparkasse", or "Kreissparkasse" alone,
    # is part of the name "Kreissparkasse Ulm"; but "Steuerberaterin Hollweg & Kranz" is the role
    # and the name.
    roles = {n for n in kept if (m := ROLE_THEN_NAME.match(n)) and not m.group("firm")}
    kept = [n for n in kept if n not in roles]
    return [n for n in kept if not any(m.endswith(" " + n) or m.startswith(n + " ") for m in kept)]


def _mentions_known(name: str) -> bool:
    return bool(_alias_pattern().search(name)) or lookup_party(name) is not None
