"""The vocabulary that tells a recipient from any other name: how policies introduce the services
they use, and how they name services that receive nothing (not used, self-hosted, a profile
link, an example, a referrer). Split from :mod:`scanner.policy.lexicon` by concept; matched on
NFKC-normalised sentences. :mod:`scanner.policy.parties` decides what a match means.
"""

from __future__ import annotations

import re

from scanner.policy.segment import word_set


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


# -- names and the words around them ---------------------------------------------------------

NAME_TOKEN = r"[A-Z][\w&'.+-]*"

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
    r"|etats|nederland|deutschland|france|frankrijk|ierland|ireland|irland|belastingdienst"
    r"|finanzamt|finanzbeh|polizei|politie|police|gendarmerie|questura|ihr\b|ihre|uw\b|your\b"
    r"|votre|vos\b)",
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

#: Words that make a capitalised phrase an organisation: banks, federations, firms, labs.
ORGANISATION_WORD = re.compile(
    r"kantoor|bank|kasse|verband|kanzlei|accountant|laboratori|expertise|cabinet|advocat"
    r"|notari|steuerberat|consult|partners?\b|druckerei|drukkerij",
    re.IGNORECASE,
)

LIST_SPLIT = re.compile(r"\s*(?:,|;|\s(?:en|und|et|and|sowie|of|oder|ou|or|e|y|o)\s|\s&\s)\s*")


# -- recipients named by context (no table needed) ---------------------------------------------

#: A lead-in that makes the list below it a list of services: "We use the following services:".
SERVICE_LIST_INTRO = _any(
    r"(volgende|onderstaande|deze)\s+(\w+\s+)?(diensten|tools|programma's|software|partijen"
    r"|leveranciers|verwerkers)",
    r"folgende[n]?\s+(\w+\s+)?(dienste|tools|programme|software|anbieter|dienstleister)",
    r"(services|outils|logiciels|prestataires)\s+(\w+\s+)?suivants",
    r"following\s+(\w+\s+)?(services|tools|software|apps|providers|processors|suppliers)",
    r"servizi\s+seguenti|seguenti\s+servizi",
)
#: A verb of storing, hosting, processing or sending, then the preposition before the recipient
#: ("opgeslagen bij", "processed by", "gespeichert bei", "envoyées à"); the names follow.
PROCESSED_BY = _any(
    r"\b(opgeslagen|bewaard|verwerkt|verzonden|verstuurd|gestuurd|doorgestuurd|afgehandeld)\s+"
    r"(bij|door|naar|via)\s",
    r"\b(gespeichert|verarbeitet|abgewickelt|gesendet|versandt|weitergeleitet)\s+(bei|durch|an"
    r"|über)\s",
    r"\b(stock[ée]es?|trait[ée]es?|enregistr[ée]es?|envoy[ée]es?|transmises?)\s+(chez|par|à)\s",
    r"\b(stored|kept|processed|handled|sent|forwarded)\s+(by|with|at|to|through)\s",
    r"\b(door\s+aan|doorgegeven\s+aan|verstrekt\s+aan|gedeeld\s+met)\s",
    r"\b(weitergegeben|[üu]bermittelt|offengelegt)\s+an\s",
    r"\b(shared with|passed (on )?to|disclosed to)\s",
    r"\b(communiqu[ée]es?|partag[ée]es?)\s+(à|avec)\s",
)
#: The German word order: "bei Ticketkiste gespeichert".
PROCESSED_AT = re.compile(
    rf"\b(?:bei|durch)\s+((?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN})\s+"
    r"(?:gespeichert|gehostet|verarbeitet|abgewickelt|hinterlegt)\b"
)
#: A kind of service with its product in brackets: "onze boekhouding (Kasboek Online)".
SERVICE_IN_BRACKETS = re.compile(
    r"(?i:boekhoud\w*|administratie\w*|bookkeeping|accounting|buchhaltung|comptabilit[ée]"
    r"|helpdesk|ticketsysteem|nieuwsbrief|newsletter|webshop|onlineshop|boutique en ligne|hosting"
    r"|ledenadministratie|mitgliederverwaltung|roosters?|planning|agenda|crm|kassa|kasse"
    r"|betaal\w*|zahlungs\w*|payment\w*|statisti\w*|analytics|formulier\w*|formular\w*)"
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
#: Capitalised common nouns (German capitalises them) that follow "an", "bei", "to" without
#: naming anyone: "an Dritte weitergegeben", "bei Dienstleistern gespeichert".
COMMON_NOUNS = re.compile(
    r"^(dritte|drittanbieter|server|beh[öo]rde|dienstleister|partner|empf[äa]nger|unternehmen"
    r"|banken|kreditinstitut|steuerberater\b|gerichte?\b|third|derde|tiers|services?\b"
    r"|auftragsverarbeiter|kunden|mitarbeiter|personen)",
    re.IGNORECASE,
)
#: Prepositions repeated inside a list of recipients: "bij Spaarnestroom en bij Ledenwolk".
BY_WORDS = frozenset({"bij", "bei", "by", "door", "durch", "chez", "par"})
#: Words before a name that make it a description, not a name: "bei Ihrer Bank".
DETERMINERS = word_set(
    """de het een der die das dem den des ein eine einem einer ihr ihre ihrem ihren ihrer ihres
    unser unsere unserem unseren unserer the a an your our le la les un une votre vos notre nos
    uw je jouw onze ons il lo gli"""
)

# -- names that receive nothing ---------------------------------------------------------------

#: Sentences that name a service only to say nothing goes to it, as an example, or as a place
#: visitors come from: the names in them are not recipients.
NO_RECIPIENT = _any(
    # installed locally, so no connection to the vendor
    r"lokaal ge[ïi]nstalleerd|lokal installiert|install[ée]e?s? (en )?local|installed locally",
    r"geen verbinding|keine verbindung|aucune connexion|no connection",
    # no plugins, only an account or a page of our own
    r"\b(geen|keine|no|aucun)\s+(social[- ]?(media[- ])?|soziale[n]?\s+)?(plug-?ins|buttons)",
    r"\b(account|profiel|profil|konto|compte|profile)\s+(op|auf|bei|sur|on)\s",
    r"\b(onze|ons|our|unsere?[mnr]?|notre|nos)\s+((?!web|home|internet|start|landing|unter"
    r"|haupt|site|front)\w+-?(pagina|page|profiel|profil|account|kanaal|channel|seite|kanal"
    r"|konto)\b|(pagina|page|profiel|profil|account|kanaal|channel|seite|kanal|compte|cha[îi]ne"
    r"|konto)s?\s+(op|on|auf|bei|sur)\s)",
    r"\bfolg(en|t)\s+(sie\s+|ihr\s+)?uns\b",
    # examples of content a page may embed
    r"(embedded content|ingesloten (inhoud|content)|ingebedde (inhoud|content)|eingebettete[n]?"
    r"\s+inhalte|contenus? (embarqu|int[ée]gr))\W+(\w+\W+){0,4}(e\.g\.|bijv|bijvoorbeeld"
    r"|z\.\s?b\.|zum beispiel|par ex|for example|zoals|such as|wie|comme)",
    # where visitors come from
    r"\b(bezoekers|visitors|besucher|visiteurs|users|gebruikers|nutzer)\s+(\w+\s+){0,4}"
    r"(via|through|[üu]ber|par|from|vanaf|depuis)\s",
    r"\breferr?er|verwijzende (site|website|pagina)|verweisende[n]? (seite|website)",
)
#: The words of a page title that name the document, not the site ("Privacyverklaring | X").
TITLE_DOCUMENT = _any(
    r"privacy|privac|datenschutz|confidentialit|donn[ée]es personnelles|cookie|informativa"
    r"|privacidad|impressum|home|start|welkom|willkommen|accueil|welcome",
)
TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\u00b7:-]\s+|\s*[|\u00b7]\s*")
