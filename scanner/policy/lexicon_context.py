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
    r"(?:gespeichert|gehostet|verarbeitet|abgewickelt|hinterlegt|zugestellt|geliefert|versandt|verschickt)\b"
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
#: A tool named with a verb of using, or a preposition of means ("via", "über", "through",
#: "met", "mit"), in a sentence that says what the tool is for (:data:`SERVICE_PURPOSE`): "We use
#: Pagecount to see which pages are read", "Voor de nieuwsbrief gebruiken wij Briefduif",
#: "Afspraken maak je via Knipagenda", "Die Mitgliederverwaltung erfolgt mit Vereinsfux". The
#: name must follow the verb (with at most a pronoun, or the kind of service and its article,
#: between), so a noun phrase ("über das Setzen von Cookies") is not taken; "met", "mit", "with"
#: count only after a verb of doing ("erfolgt mit", "doen we met"), not as bare prepositions.
USED_TOOL = re.compile(
    r"(?i:\b(?:use|uses|using|gebruiken|gebruikt|verwenden|verwendet|nutzen|nutzt|setzen|setzt"
    r"|utilisons|utilise|utilisent|employons|recourons à|rely on|relies on"
    r"|(?:maken|maakt|maak)\s+(?:\w+\s+)?gebruik\s+van|gebruik\s+(?:te\s+)?maken\s+van"
    r"|met behulp van|mit hilfe von|mithilfe von|à l'aide de|with the help of|by means of"
    r"|via|über|through|par l'interm[ée]diaire de"
    r"|(?:erfolgt|erfolgen|geschieht|gebeurt|doen\s+(?:we|wij)|beheren\s+(?:we|wij)"
    r"|houden\s+(?:we|wij)\s+bij|verwalten\s+wir|managed|done|kept|se fait|g[ée]r[ée]e?s?"
    r"|tenue?s?)\s+(?:\w+\s+)?(?:met|mit|with|avec|in)"
    r"|built with|gebouwd met|gemaakt met|erstellt mit|r[ée]alis[ée] avec|runs on|draait op"
    r"|l[äa]uft auf|tourne sur)\s+(?:we\s+|wij\s+|wir\s+|nous\s+)?"
    # an article only before the kind of service: "die Buchungsplattform Eversports", never
    # before the name itself ("über das Setzen von Cookies", "with the Gardaí")
    r"(?:(?:(?:het|de|den|das|die|le|la|l'|the|onze?|ons|our|unser\w*|notre)\s*)?"
    rf"\w*(?:{_SERVICE_ROLE})[\w-]*\s+)?)"
    rf"((?:{NAME_TOKEN}\s+){{0,1}}{NAME_TOKEN})"
)
#: What a service does for the site: counting visits, the newsletter, payments, invoices,
#: bookings and appointments, hosting, the member list, delivery, forms, support, rosters.
SERVICE_PURPOSE = re.compile(
    r"statisti|analytics|analyse|analysis|bezoek|visit|besuch|audience|fr[ée]quentation|count"
    r"|tellen|telt|z[äa]hl|compt(er|ons|age)|meten|measure|mesur|messen|reichweite"
    r"|pages? (are|is) (read|viewed)|pagina's|seitenaufrufe|pages? vues"
    r"|nieuwsbrief|newsletter|infolettre|lettre d'information|mailing"
    r"|betaling|betalen|payment|zahlung|bezahl|paiement|factur|invoice|rechnung|boekhoud"
    r"|bookkeeping|accounting|buchhaltung|comptab"
    r"|afspra|appointment|termin|rendez-vous|reserv|r[ée]serv|booking|boeking|buchung|booked"
    r"|geboekt|gebucht|hosting|gehost|hosted|hostet|\bhosts?\b|h[ée]berg|webhost"
    r"|\bleden|member|mitglied|adh[ée]rent|bezorg|deliver|liefer|versand|verzend|livraison"
    r"|formulier|formular|formulaire|enqu[êe]te|survey|umfrage|helpdesk|klantenservice"
    r"|kundenservice|service client|rooster|dienstplan|schedul",
    re.IGNORECASE,
)
#: A name that does a service's work, or is said to be its provider: "Cloudbarn verzorgt de
#: hosting", "Cloudbarn hosts our website", "Cloudbarn ist unser Hoster", "Cloudbarn est notre
#: hébergeur", "Cloudbarn is our hosting provider".
NAME_DOES_ROLE = re.compile(
    rf"((?:{NAME_TOKEN}\s+){{0,2}}{NAME_TOKEN})\s+"
    r"(?i:(?:host|hosts|hostet|h[ée]berge|h[ée]bergent|verzorgt|regelt|levert|handles|processes"
    r"|verwerkt|verarbeitet|traite|delivers|bezorgt|liefert|livre)\b"
    r"|(?:is|ist|est)\s+(?:(?:onze?|ons|our|unser\w*|notre|nos)\s+)(?:[\w-]+\s+)?"
    rf"\w*(?:{_SERVICE_ROLE})[\w-]*(?![\w-]))"
)
#: Working together is giving data: "We work with Parcelwing", "Wij werken samen met X",
#: "Nous faisons appel à X", "Wir arbeiten mit X zusammen". No purpose needed.
PARTNER_WITH = re.compile(
    r"(?i:\b(?:work(?:s|ing)? (?:together )?with|partner(?:s|ed)? with|werk(?:en|t) samen met"
    r"|arbeiten (?:\w+\s+)?mit|zusammenarbeit mit|travaillons avec|faisons appel à"
    r"|fait appel à|avons recours à|a recours à)\s+(?:(?:the|het|de|der|die|dem|den|le|la|l')\s*)?)"
    rf"((?:{NAME_TOKEN}\s+){{0,2}}{NAME_TOKEN})"
)
#: A bank named by one word ("Rabobank", "Stadtsparkasse"), taken in a sentence about payments
#: and not after a possessive or indefinite article ("Ihre Sparkasse", "eine Hausbank": any bank,
#: not a named one). Definite articles are German grammar: "über die Stadtsparkasse".
BANK_WORD = re.compile(
    r"(?<![\w-])([A-Z][\w-]*(?<![Rr]echt)(?<![Dd]aten)bank|[A-Z][\w-]*kasse)(?![\w-])"
)
PAYMENT = re.compile(
    r"betaling|betaal|\bpin|incasso|overschrijving|payment|\bpay|zahlung|bezahl|[üu]berweisung"
    r"|lastschrift|paiement|virement|pr[ée]l[èe]vement|carte bancaire",
    re.IGNORECASE,
)
DEFINITE_ARTICLES = frozenset(
    ["der", "die", "das", "dem", "den", "des", "de", "het", "the", "le", "la"]
)
#: Words that begin a sentence or stand for someone without naming them: "Wij verzorgen",
#: "Dit is onze hostingprovider", "Sie ist unsere ...".
PRONOUNS = frozenset(
    [
        "wij",
        "we",
        "wir",
        "nous",
        "ils",
        "elles",
        "they",
        "sie",
        "er",
        "hij",
        "zij",
        "il",
        "elle",
        "it",
        "dies",
        "dit",
        "deze",
        "diese",
        "dieser",
        "dat",
        "das",
        "this",
        "that",
        "ce",
        "cela",
        "celui",
        "hier",
        "here",
    ]
)
#: A capitalised word that is German grammar or an abbreviation, not a name: "Verschlüsselung",
#: "Double-Opt-In", "SSL-Zertifikat", "HTTPS".
NOT_A_NAME = re.compile(
    r"^\w*(ung|ungen|heit|keit|schaft|ion|ionen|tät|ität)$|^[A-Z]{1,5}-|-(In|Out|Opt)\b"
    r"|^(ssl|tls|https?|cms|crm|api|sdk|pdf|csv|sms|ip|url|dns|vpn|faq|gps|uk|vk|art|artikel"
    r"|article|abs|section|paragraph|lid)\.?$|-(software|tool|dienst|service|plugin|app)s?$",
    re.IGNORECASE,
)

#: A word naming a kind of service ("Payment", "Shipping", "IT"), at the start of a word.
ROLE_WORD = re.compile(rf"(?i:{_SERVICE_ROLE}|shipping|delivery|it\b|logisti)")
#: A kind of recipient in the plural or as a compound, not a name: "Zahlungsdienstleistern",
#: "Pakketdiensten", "Payment Providers", "Couriers" (checked on a name's last word).
KIND_OF_RECIPIENT = re.compile(
    # German and Dutch compounds end in the generic word ("Zahlungsdienstleistern")...
    r"(?:dienstleister\w*|anbieter\w*|diensten|dienstverleners?|institute\w*|unternehmen"
    r"|beh[öo]rden|banken|versicherungen|verzekeraars|leveranciers|verwerkers|ontvangers)$"
    # ...English and French generic words stand alone ("Quaycourier" is a name)
    r"|^(?:providers?|couriers?|partners|services|carriers|processors|suppliers|vendors"
    r"|prestataires|partenaires|sous-traitants|transporteurs)$",
    re.IGNORECASE,
)
#: A lead-in or heading that makes the list below it a list of recipients, beyond the words of
#: ``parties.recipient-context``: "Wie ontvangt uw gegevens?", "Wer erhält Ihre Daten?",
#: "Qui a accès à vos données ?", "Who receives your data".
RECIPIENT_LEAD = re.compile(
    r"ontvangt|ontvangen|toegang tot|erh[äa]lt|erhalten|zugriff|acc[èe]s [àa] vos|re[çc]oi"
    r"|receives?|have access|has access",
    re.IGNORECASE,
)
#: A list item that gives the role, then the name: "Hosting: Cloudbarn", "Email - Briefduif".
ROLE_ITEM = re.compile(
    rf"^(?P<role>[\w\s-]{{2,30}}?)\s*(?::|\s[\u2013\u2014-])\s+(?P<name>(?:{NAME_TOKEN}\s+){{0,3}}"
    rf"{NAME_TOKEN})"
)
#: An item that is only a kind of service, not its provider: "Hosting", "Zahlungen".
ROLE_ONLY = re.compile(
    r"^(?:web)?(?:hosting|e-?mail|newsletter|nieuwsbrief|betaling(?:en)?|payments?|zahlung(?:en)?"
    r"|paiements?|boekhouding|buchhaltung|comptabilit[ée]|accounting|bookkeeping|statisti\w*"
    r"|analytics|analyse|h[ée]bergement|verzending|versand|livraison|delivery|shipping|support"
    r"|crm|agenda|planning|kalender|calendar|forms?|formulier(?:en)?|formulare?|formulaires?"
    # kinds of recipient, not names: "Banks", "Couriers", "Steuerberater", "Transporteurs"
    r"|banks?|banken|banques?|couriers?|carriers?|accountants?|advis[eo]rs?|auditors?|lawyers?"
    r"|insurers?|authorities|beh[öo]rden|steuerberater|spediteure|paketdienste|verzekeraars?"
    r"|vervoerders?|transporteurs?|comptables?|assureurs?|avocats?|notaires?|notarissen"
    r"|advocaten|orders?|invoices?|emails?|bookings?|factures?|rechnungen|facturen)$",
    re.IGNORECASE,
)

#: The column of a table that names recipients ("Partij", "Empfänger", "Sous-traitant",
#: "Processor"); a "Name" column counts only in a table that is not about cookies.
PARTY_COLUMN = re.compile(
    r"^(?:partij|partner|verwerker|ontvanger|leverancier|dienstverlener|aanbieder|empf[äa]nger"
    r"|dienstleister|anbieter|auftragsverarbeiter|prestataire|sous-traitant|destinataire"
    r"|fournisseur|recipient|processor|sub-?processor|provider|vendor|supplier|third part"
    r"|unternehmen|firma|soci[ée]t[ée]|company|bedrijf|naam|name|nom)",
    re.IGNORECASE,
)
COOKIE_TABLE = re.compile(
    r"cookie|duur|dauer|dur[ée]e|duration|expir|looptijd|bewaartermijn|speicherdauer|lifetime",
    re.IGNORECASE,
)

#: The exception in a sentence that otherwise gives nothing away: "keine Daten an Dritte,
#: ausgenommen an Cloudbarn", "geen gegevens aan derden, behalve aan Ledenwolk".
EXCEPT_NAME = re.compile(
    r"(?i:\b(?:except|ausgenommen|au[ßs]er|behalve|sauf|uitgezonderd|mit ausnahme von"
    r"|à l'exception de|with the exception of|other than)\s+(?:(?:to|for|an|aan|à|met|with|bei"
    r"|bij|par|by|door|durch)\s+)?)"
    rf"((?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN})"
)
