"""Which recipients a policy names: known services by name or alias, others by how they are named.

Known services come from the entity table's service names plus ``knowledge/party-names.json``
(the spellings policies use: "MailChimp", "Facebook-Pixel", "Twitter"). A policy also names
recipients no table knows (a local hosting company, a parcel carrier); those are taken only where
the wording marks them as recipients: a legal form ("Hetzner Online GmbH"), an explicit list of
suppliers after a colon, or "hosted by X". Everything else capitalised (authorities, browsers,
laws) is left alone, because a false recipient costs the owner more than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from scanner.classify.knowledge import _load, domain_facts, entity_country
from scanner.policy.model import DeclaredParty
from scanner.policy.segment import Sentence, is_heading, word_set


@dataclass(frozen=True)
class KnownParty:
    """A service a policy may name, and who owns it."""

    name: str
    entity: str | None
    country: str | None
    generic: bool = False


LEGAL_FORM = (
    r"GmbH & Co\. KG|GmbH|AG|SE|KG|UG|e\.K\.|B\.V\.|BV|N\.V\.|NV|S\.A\.S\.?|SAS|SARL|S\.A\.|SA|"
    r"Pvt\.? Ltd\.?|Pty\.? Ltd\.?|S\.p\.A\.|SpA|PartG mbB|mbB|e\.V\.|eG|KGaA|GbR|OHG|LLP|"
    r"Ltd\.?|Limited|LLC|Inc\.?|A/S|AB|Oy|plc|S\.L\.|S\.r\.l\.|s\.r\.o\.|bvba|vof|VOF"
)
NAME_TOKEN = r"[A-Z][\w&'.+-]*"
LEGAL_NAME = re.compile(
    rf"(?<![\w@/.])((?:(?:{NAME_TOKEN}|&)\s+){{0,4}}?{NAME_TOKEN})\s*,?\s+({LEGAL_FORM})(?![\w])"
)
#: Capitalised words that open a phrase but are not part of a company name.
LEADING_WORDS = word_set(
    """een die der das den dem des the a an wij wir we nous via bei bij door
    von par by mit met avec with unser unsere unserem onze ons notre nos our hoster anbieter
    dienstleister firma unternehmen société bedrijf company provider hosting hostingpartij
    webhoster auftragsverarbeiter verantwortlicher verantwortlich responsable controller
    partner partners leverancier leveranciers prestataire hébergeur dienst service deze diese
    cette this zo so ainsi sowie en und et and of oder ou or namens im in au aux dans bei"""
)
#: Never recipients, though capitalised and sometimes with a legal form.
NOT_PARTIES = re.compile(
    r"^(autoriteit|college|cnil|ico|aufsichtsbeh|datenschutzbeh|landesbeauftragt|bundesbeauftragt"
    r"|garante|edpb|edps|europe|europ|eu\b|eer\b|ewr\b|eea\b|avg\b|gdpr|dsgvo|rgpd|uavg|bdsg|tmg"
    r"|chrome|google chrome|firefox|mozilla|safari|edge|microsoft edge|internet explorer|opera"
    r"|brave|android|ios\b|windows|cookie|cookies|website|webseite|site|internet|e-?mail|privacy"
    r"|datenschutz|kvk|kamer van koophandel|handelsregister|verenigde|vereinigte|united|états"
    r"|etats|nederland|deutschland|france|frankrijk|ierland|ireland|irland)",
    re.IGNORECASE,
)
RECIPIENT_CONTEXT = re.compile(
    r"fornitor|responsabil[ei] del trattamento|destinatari|proveedor|encargad"
    r"|share|shared|delen|gedeeld|verstrek|weitergeben|weitergegeben|partag|transmet|comunic"
    r"|leverancier|partner|verwerker|derde(n| partij)|ontvanger|dienstverlener|hostingpartij"
    r"|dienstleister|auftragsverarbeiter|empf[äa]nger|anbieter|hoster|drittanbieter"
    r"|prestataire|sous-traitant|destinataire|partenaire|h[ée]bergeur|fournisseur"
    r"|processor|provider|recipient|supplier|vendor|third part",
    re.IGNORECASE,
)
HOSTED_BY = re.compile(
    rf"(?:gehost|gehostet|gehosted|hosted|h[ée]berg[ée]e?s?|bezorgd|geliefert|livr[ée]e?s?|"
    rf"verzonden|versendet)\s+(?:bij|bei|by|par|chez|door|via|met|mit|avec)\s+"
    rf"(?:de |der |die |the |la |le |l')?((?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN})",
)
#: A list item that starts with the recipient's name: "Blacknight (Carlow) hosts ...".
ITEM_NAME = re.compile(
    r"^((?:[A-Z0-9][\w&.'+-]*)(?:\s+(?:[A-Z0-9][\w&.'+-]*|&)){0,4})(?=\s*(?:[(,;\u2013\u2014-])"
    r"|\s+(?:in|te|uit|aus|à|a|en|und|et|and|pour|voor|für|for|per|hosts?|sends?|delivers"
    r"|processes|runs|verwerkt|verzorgt|levert)\b)"
)
#: "Google Analytics ... gebruiken we niet": a service named only to say it is not used.
NOT_USED = re.compile(
    r"(gebruik(en|t)?|maken|plaatsen|zetten)\s+(we|wij)\s+(\w+\s+){0,3}(niet|geen)\b"
    r"|\bgeen\s+(gebruik|\w+\s+van)|(verwenden|nutzen|setzen|binden)\s+(wir\s+)?(\w+\s+){0,2}"
    r"(kein\w*|nicht)\b|\b(do not|don't|never)\s+(use|embed|load|work with)"
    r"|n'utilisons\s+(pas|aucun)|\bnon\s+(utilizziamo|usiamo)"
    r"|\b(we|wij|wir|nous)\s+(gebruiken|gebruikt|verwenden|nutzen|setzen|use|utilisons)\s+"
    r"(\w+\s+){0,2}(geen|niet|kein\w*|nicht|no|not|aucun|pas)\b|^(kein|keine|geen|no|aucun)\b"
    r"|\blokal\b|\blocally\b|self-hosted|selbst gehostet|eigenen? server|own server"
    r"|lokaal (gehost|geladen|ingeladen)|en local|sur nos (propres )?serveurs"
    r"|\b(niet|nicht|not|pas)\s+(via|van|bij|[üu]ber|von|bei|from|through|par|chez)\s"
    r"|\bweder\b|\bneither\b|\bni\b.{1,60}\bni\b",
    re.IGNORECASE,
)
#: "links to our pages on Instagram and Facebook": a plain link sends those services nothing.
LINK_ONLY = re.compile(
    r"\b(links?|verwijzing(en)?|verlinkung(en)?|liens?|collegament\w*)\s+(\w+\s+){0,3}"
    r"(naar|zu|zur|zum|to|vers|a)\b",
    re.IGNORECASE,
)
#: "Follow us on LinkedIn", "de simples liens": a profile link, whatever else the sentence says.
PROFILE_LINK = re.compile(
    r"simples liens|finden uns|find us|follow us|volg ons|suivez-nous|auch auf \w+( und \w+)? aktiv"
    r"|ook (te vinden )?op",
    re.IGNORECASE,
)
EMBEDDED = re.compile(
    r"plug-?in|button|knop|embed|pixel|cookie|widget|iframe|script|tracking|sdk|api",
    re.IGNORECASE,
)
#: A brand followed by one of its products that is not a recipient: "Apple Safari".
PRODUCT_AFTER = re.compile(
    r"\s*(Safari|Edge|Internet Explorer|Chrome|Windows|iOS|macOS|Android|Word|Excel|Pay|Wallet)\b"
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
#: Words that make a capitalised phrase an organisation: banks, federations, firms, labs.
ORGANISATION_WORD = re.compile(
    r"kantoor|bank|kasse|verband|kanzlei|accountant|laboratori|expertise|cabinet|advocat"
    r"|notari|steuerberat|consult|partners?\b|druckerei|drukkerij",
    re.IGNORECASE,
)
LIST_SPLIT = re.compile(r"\s*(?:,|;|\s(?:en|und|et|and|sowie|of|oder|ou|or|e|y|o)\s|\s&\s)\s*")


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


def find_parties(sentences: list[Sentence], controller: str | None) -> list[DeclaredParty]:
    """Every recipient the policy names, in order of first mention, generic names subsumed.

    Known services are collected first, over the whole text, so that a vendor's legal name
    ("Usercentrics A/S") met before its service ("Cookiebot") is recognised as the same party.
    """
    relevant = [s for s in sentences if not _names_no_recipient(s)]
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
    own_name = bare_name(controller) if controller else None
    intro = ""
    for position, sentence in enumerate(relevant):
        text = sentence.text
        names = _unknown_names(text)
        listed = sentence.kind == "item" and not is_heading(text)
        if listed and RECIPIENT_CONTEXT.search(f"{sentence.section} {intro}"):
            names += [m.group(1) for m in [ITEM_NAME.match(text)] if m and _plausible_name(m[1])]
        elif sentence.kind == "text":
            intro = text
        elif sentence.kind == "heading":
            intro = ""
        for name in names:
            if NOT_PARTIES.match(name) or (own_name and bare_name(name) == own_name):
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
    for position, party, evidence in generic:
        if party.entity not in owners_named:
            owners_named.add(party.entity or party.name)
            found.setdefault(party.name, (position, _declared(party, evidence)))
    return [party for _position, party in sorted(found.values(), key=lambda item: item[0])]


def _names_no_recipient(sentence: Sentence) -> bool:
    """A sentence (or its section) that names services without giving them data: not used,
    self-hosted, or a plain link to a profile."""
    text = sentence.text
    if NOT_USED.search(text) or NOT_USED.search(sentence.section or ""):
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
    if RECIPIENT_CONTEXT.search(text) and ":" in text:
        listed = [trim_name(item).rstrip(".") for item in
                  LIST_SPLIT.split(re.sub(r"\s*\(.*?\)", "", text.rsplit(":", 1)[1]))]  # fmt: skip
        if len(listed) >= 2 and any(lookup_party(item) for item in listed):
            names += [item for item in listed if _plausible_name(item)]
    return [n for n in names if n and not NOT_PARTIES.match(n)]


def trim_name(phrase: str) -> str:
    words = phrase.split()
    while len(words) > 1 and (
        words[0].lower().strip("'") in LEADING_WORDS or re.fullmatch(r"[\d©.,-]+", words[0])
    ):
        words.pop(0)
    return " ".join(words)


def _plausible_name(item: str) -> bool:
    words = item.split()
    return 0 < len(words) <= 4 and item[:1].isupper() and len(item) <= 40


def _mentions_known(name: str) -> bool:
    return bool(_alias_pattern().search(name)) or lookup_party(name) is not None


def without_legal_form(name: str) -> str:
    """ "Hetzner Online GmbH" -> "Hetzner Online"."""
    return re.sub(rf"[\s,]+({LEGAL_FORM})$", "", name.strip())


def bare_name(name: str) -> str:
    """A company name without legal form, a leading "The" or punctuation, for comparing."""
    name = re.sub(r"^the\s+", "", without_legal_form(name), flags=re.IGNORECASE)
    return re.sub(r"[^\w]+", "", name).lower()
