"""The vocabulary of recipients named by context rather than by a table: the verbs, roles and
word orders that make a capitalised name a recipient ("opgeslagen bij X", "bei X gespeichert",
"onze boekhouding (X)", "X, ons ledensysteem", "we use X to count visits", "X hosts our site").
Split from :mod:`scanner.policy.lexicon_parties` (which keeps the names that are never
recipients); :mod:`scanner.policy.context` decides what a match means. Words of a single
language are in the vocabulary files (``parties.processed-by``); patterns built around names
stay here.
"""

from __future__ import annotations

import re

from scanner.policy.lexicon_parties import NAME_TOKEN
from scanner.vocabulary import alternatives


def _any(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in parts), re.IGNORECASE)


#: A verb of storing, hosting, processing or sending, then the preposition before the recipient
#: ("opgeslagen bij", "processed by", "gespeichert bei", "envoyées à"); the names follow.
PROCESSED_BY = _any(*alternatives("parties.processed-by", "nl de fr en nl de en fr"))
#: The German word order: "bei Ticketkiste gespeichert".
PROCESSED_AT = re.compile(
    rf"\b(?:bei|durch)\s+(?:(?:der|dem|den|die)\s+)?((?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN})\s+"
    r"(?:gespeichert|gehostet|verarbeitet|abgewickelt|hinterlegt)\b"
)
#: A kind of service, introduced as ours (or by an article or preposition), with its product in
#: brackets: "onze boekhouding (Kasboek Online)", "unserer Buchhaltungssoftware (Zahlwerk)",
#: "notre logiciel de comptabilité (Comptaboo)". A list item "Kassenheld (Buchhaltung)" has no
#: such introduction, so its bracket stays a description.
_SERVICE_ROLE = (
    r"boekhoud|administratie|bookkeeping|accounting|buchhaltung|comptabilit[ée]|helpdesk"
    r"|ticketsyste|nieuwsbrief|newsletter|webshop|onlineshop|boutique en ligne|hosting|leden"
    r"|mitgliederverwaltung|rooster|planning|agenda|crm|kassa|kasse|betaal|zahlungs|payment"
    r"|statisti|analytics|formulier|formular|software|programm|logiciel|outil|tool|systeem"
    r"|system|plateforme|platform|dienst|service|anbieter|provider|leverancier|prestataire"
    r"|h[ée]bergeur|hoster|mailing|boekings|buchungs|r[ée]servation|reservering|booking"
    r"|facturatie|factuur|invoic|rechnung|facturation|shop|kalender|calendar|chat"
)
SERVICE_IN_BRACKETS = re.compile(
    r"(?i:\b(?:our|the|my|your|onze|ons|mijn|de|het|je|uw|unsere?[mnrs]?|die|der|den|das|dem"
    r"|ihre?[mnrs]?|notre|nos|le|la|les|l'|votre|vos|via|with|met|mit|avec|in|im|dans)\s+"
    r"(?:[\w-]+\s+)?"
    rf"\w*(?:{_SERVICE_ROLE})\w*(?:\s+(?:de|d'|du|des|voor|f[üu]r|for|van|von|of)?\s*"
    r"[a-zà-ÿ][\w-]*){0,2})"
    rf"\s*\(\s*((?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN})\s*\)"
)
#: A role written before the name it is held by: "ons administratiekantoor Bakker & Zn.",
#: "unsere Hausbank Kreissparkasse Ulm". Firm nouns (group "firm") belong to the name.
ROLE_THEN_NAME = re.compile(
    r"(?i:\b(?P<firm>(?:administratie|boekhoud|accountants)kantoor"
    r"|(?:steuer|anwalts|steuerberatungs)kanzlei)"
    r"|\b(?:hostingpartij|hostingprovider|betaalprovider|vervoerder|drukkerij|hausbank"
    r"|steuerberater(?:in)?|druckerei|versanddienstleister|zahlungsdienstleister"
    r"|expert-comptable|cabinet comptable|imprimeur|transporteur|accountants?|bookkeeper"
    r"|courier|carrier|printer))"
    rf"\s+((?:{NAME_TOKEN}|&)(?:\s+(?:{NAME_TOKEN}|&)){{0,3}})"
)
#: A small analytics tool named once: "we count visits with Kliktal", "tellen we met ...".
COUNTED_WITH = re.compile(
    r"(?i:\b(?:count|measure|track|tellen|meten|z[äa]hlen|messen|comptons|mesurons)\s+"
    r"(?:\w+\s+){0,2}(?:with|using|met|mit|avec|via|[üu]ber))\s+"
    rf"((?:{NAME_TOKEN}\s+){{0,2}}{NAME_TOKEN})"
)
#: A name followed by what it is for us, as an apposition: "in Ledenwolk, ons ledensysteem",
#: "Kassenheld, unsere Buchhaltungssoftware", "Planifix, notre outil de planning". A role that
#: a name follows belongs to that name ("uit Ede, onze betaalprovider Mollie"), not this one.
NAME_THEN_ROLE = re.compile(
    rf"((?:{NAME_TOKEN}\s+){{0,2}}{NAME_TOKEN}),\s+"
    r"(?i:(?:onze?|ons|our|unser\w*|notre|nos|een|a|an|ein\w*|une?)\s+(?:[\w-]+\s+)?"
    rf"\w*(?:{_SERVICE_ROLE})[\w-]*)(?![\w-])(?!\s+[A-Z])"
)
#: A tool named with a verb of using, in a sentence about counting visits or statistics: "We use
#: Pagecount to see which pages are read", "Voor statistieken gebruiken we Pagecount". The name
#: must follow the verb (and at most a pronoun, article or "the tool"), so a plain noun phrase
#: ("we use cookies") is not taken; :data:`STATISTICS_PURPOSE` must hold in the same sentence.
USED_TOOL = re.compile(
    r"(?i:\b(?:use|uses|using|gebruiken|gebruikt|verwenden|verwendet|nutzen|nutzt|setzen|setzt"
    r"|utilisons|utilise|employons|recourons à)\s+(?:we\s+|wij\s+|wir\s+|nous\s+)?"
    r"(?:(?:het|de|den|das|die|le|la|l'|the)\s*)?(?:(?:tool|dienst|service|outil|programma"
    r"|software|analysedienst|statistiekdienst|plugin)\s+)?)"
    rf"((?:{NAME_TOKEN}\s+){{0,1}}{NAME_TOKEN})"
)
STATISTICS_PURPOSE = re.compile(
    r"statisti|analytics|analyse|analysis|bezoek|visit|besuch|audience|fr[ée]quentation|count"
    r"|tellen|telt|z[äa]hl|compt|meten|measure|mesur|messen|reichweite|pages? (are|is) (read"
    r"|viewed)|pagina's|seitenaufrufe|pages? vues",
    re.IGNORECASE,
)
