"""The vocabulary that tells a recipient from any other name: how policies introduce the services
they use, and how they name services that receive nothing (not used, self-hosted, a profile
link, an example, a referrer). Split from :mod:`scanner.policy.lexicon` by concept; matched on
NFKC-normalised sentences. :mod:`scanner.policy.parties` decides what a match means. The word
lists and the plain word alternations are in the per-language vocabulary files
(:mod:`scanner.vocabulary`, concepts ``parties.*``); patterns built around names stay here.
"""

from __future__ import annotations

import re

from scanner.vocabulary import alternatives


def _any(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in parts), re.IGNORECASE)


# -- names and the words around them ---------------------------------------------------------

NAME_TOKEN = r"[A-Z][\w&'.+-]*"

#: Capitalised words that open a phrase but are not part of a company name.
LEADING_WORDS = frozenset(alternatives("parties.leading-words"))

#: Never recipients, though capitalised and sometimes with a legal form.
NOT_PARTIES = re.compile(
    r"^(autoriteit|college|cnil|ico|aufsichtsbeh|datenschutzbeh|landesbeauftragt|bundesbeauftragt"
    r"|garante|edpb|edps|europe|europ|eu\b|eer\b|ewr\b|eea\b|avg\b|gdpr|dsgvo|rgpd|uavg|bdsg|tmg"
    # whole words: "Sitebouwer", "Operator" and "Edgewise" may be names
    r"|(?:chrome|google chrome|firefox|mozilla|safari|edge|microsoft edge|internet explorer|opera"
    r"|brave|android|ios|windows|cookie|cookies|website|webseite|site|internet|e-?mail)\b|privacy"
    r"|datenschutz|kvk|kamer van koophandel|handelsregister|verenigde|vereinigte|united|états"
    r"|etats|nederland|deutschland|france|frankrijk|ierland|ireland|irland|belastingdienst"
    r"|finanzamt|finanzbeh|polizei|politie|police|gendarmerie|questura|ihr\b|ihre|uw\b|your\b"
    r"|votre|vos\b|germany|netherlands|the netherlands|belgi|luxemb|[öo]sterreich|austria|autriche"
    r"|oostenrijk|schweiz|suisse|switzerland|zwitserland|usa\b|us\b|vs\b|[ée]tats-unis"
    r"|allemagne|duitsland|royaume|verenigd|vereinigt|canada|kanada|japan|japon|garda)",
    re.IGNORECASE,
)
#: Words that make a name a court, a chamber, a professional body or an authority, wherever they
#: stand in it ("Rechtbank Amsterdam", "Rechtsanwaltskammer München", "Ordre des avocats"):
#: bodies a policy names for complaints, disputes or registration, never as recipients.
PUBLIC_BODY = re.compile(
    r"rechtbank|gerechtshof|gericht\b|gerichts|\bcourt\b|tribunal|kammer\b|kammer\s|chambre"
    r"|\bkamer\b|\borde van\b|\bordre\b|\border of\b|bar association|beroepsorganisatie"
    r"|authorit|autorit|beh[öo]rde|commissioner|commission\b|commissie|kommission|landesamt"
    r"|toezicht|aufsicht|ministeri|minist[èe]re|ombudsman|geschillencommissie|schlichtungsstelle"
    r"|m[ée]diateur",
    re.IGNORECASE,
)

RECIPIENT_CONTEXT = re.compile(
    "|".join(alternatives("parties.recipient-context", "it+es+en+nl+de+fr+it+nl+en+nl+de+fr+en")),
    re.IGNORECASE,
)

HOSTED_BY = re.compile(
    rf"(?:gehost|gehostet|gehosted|hosted|h[ée]berg[ée]e?s?|bezorgd|geliefert|livr[ée]e?s?|"
    rf"verzonden|versendet)\s+(?:bij|bei|by|par|chez|door|via|met|mit|avec|with|at|auprès de)\s+"
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
    r"|\bweder\b|\bneither\b|\bni\b.{1,60}\bni\b"
    # given up: "wir verzichten auf", "nous avons renoncé à", "we no longer use"
    r"|verzicht\w* auf|renonc[ée]\w* à|no longer use|gebruik\w* (\w+ ){0,3}niet meer"
    r"|nicht mehr (ein|verwend|nutz)|n'utilisons plus",
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
    r"|ook (te vinden )?op|te vinden op|(zijn|is) (we|wij) (\w+ )?te vinden|nous suivre"
    r"|vind(t)? (je|u) ons|vind ons|retrouvez-nous|rejoignez-nous"
    r"|nous sommes (aussi |également )?pr[ée]sents sur|sind (\w+ )?auf \w+( und \w+)? vertreten"
    r"|we are (also )?(active )?on (\w+ )?(facebook|instagram|linkedin|x\b|twitter|youtube)",
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
    r"kantoor|(?<!recht)bank|kasse|verband|kanzlei|accountant|laboratori|expertise|cabinet|advocat"
    r"|notari|steuerberat|consult|partners?\b|druckerei|drukkerij|b[üu]ro\b|bureau\b",
    re.IGNORECASE,
)

LIST_SPLIT = re.compile(r"\s*(?:,|;|\s(?:en|und|et|and|sowie|of|oder|ou|or|e|y|o)\s|\s&\s)\s*")


#: Legal forms that end a company name, and a name written with one ("Hetzner Online GmbH").
LEGAL_FORM = (
    r"GmbH & Co\. KG|GmbH|AG|SE|KG|UG|e\.K\.|B\.V\.|BV|N\.V\.|NV|S\.A\.S\.?|SAS|SARL|S\.A\.|SA|"
    r"Pvt\.? Ltd\.?|Pty\.? Ltd\.?|S\.p\.A\.|SpA|PartG mbB|mbB|e\.V\.|eG|KGaA|GbR|OHG|LLP|"
    r"Ltd\.?|Limited|LLC|Inc\.?|A/S|AB|Oy|plc|S\.L\.|S\.r\.l\.|s\.r\.o\.|bvba|vof|VOF"
)
LEGAL_NAME = re.compile(
    rf"(?<![\w@/.])((?:(?:{NAME_TOKEN}|&)\s+){{0,4}}?{NAME_TOKEN})\s*,?\s+({LEGAL_FORM})(?![\w])"
)

#: French forms written before the name: "la SARL Atelier Lune", "la SAS Nuagix".
FORM_FIRST = r"SARL|SASU|SAS|EURL|SCI|SNC|SELARL|SCOP"
FORM_FIRST_NAME = re.compile(
    rf"(?<![\w@/.])({FORM_FIRST})\s+((?:{NAME_TOKEN}\s+){{0,3}}{NAME_TOKEN})"
)

# -- recipients named by context (no table needed) ---------------------------------------------

#: A lead-in that makes the list below it a list of services: "We use the following services:".
SERVICE_LIST_INTRO = _any(*alternatives("parties.service-list-intro"))
#: Capitalised common nouns (German capitalises them) that follow "an", "bei", "to" without
#: naming anyone: "an Dritte weitergegeben", "bei Dienstleistern gespeichert".
COMMON_NOUNS = re.compile(
    r"^(dritte|drittanbieter|server|beh[öo]rde|dienstleister|partner|empf[äa]nger|unternehmen"
    r"|banken|kreditinstitut|steuerberater\b|gerichte?\b|third|derde|tiers|services?\b"
    r"|auftragsverarbeiter|kunden|mitarbeiter|personen|cookies?\b|tools?\b|statisti|technolog"
    r"|skripte?\b|pixel\b|z[äa]hlpixel|methoden|verfahren|daten\b|logfiles?|software|programme"
    r"|plugins?\b|dienste\b|analyse|webanalyse|tracking|funktion|function|fonction|feature"
    # channels, not providers: "via Telefon", "über Formular", "über Homepage und App"
    r"|telefo|t[ée]l[ée]phone|phone\b|fax\b|post\b|brief\b|mail\b|formul|kontaktformular"
    r"|homepage|webseite|website|webshop|app\b|portal\b|internet|online\b|link\b)",
    re.IGNORECASE,
)
#: First words of a controller's name too general to stand for it alone ("Stichting", "Praxis").
GENERIC_FIRST_WORDS = frozenset(
    [
        "stichting",
        "vereniging",
        "praktijk",
        "praxis",
        "cabinet",
        "studio",
        "stadt",
        "gemeente",
        "commune",
        "ville",
        "hotel",
        "restaurant",
        "camping",
        "cafe",
        "café",
        "club",
        "verein",
        "association",
        "fondation",
        "stiftung",
        "the",
    ]
)
#: Prepositions repeated inside a list of recipients: "bij Spaarnestroom en bij Ledenwolk".
BY_WORDS = frozenset(alternatives("parties.by-words"))
#: Words before a name that make it a description, not a name: "bei Ihrer Bank".
DETERMINERS = frozenset(alternatives("parties.determiners"))

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
    r"(suchmaschine|search engine|zoekmachine|moteur de recherche)\w*\s+(\w+\s+){0,2}(wie|such as"
    r"|like|als|zoals|comme|e\.g\.|z\.\s?b\.|bijv\w*|par ex\w*)\s",
    r"\breferr?er|\breferring (site|website|page|url)|verwijzende (site|website|pagina)"
    r"|verweisende[n]? (seite|website)|\b(site|page|url) r[ée]f[ée]rente?\b|site de provenance"
    r"|\bherkomst\b|\bherkunft|zuvor besuchte|previously visited|eerder bezochte",
    # a profile of our own: "we have a Facebook page", "wij hebben een Instagram-account"
    r"\b(have|has|hebben|heeft|haben|hat|avons|a)\s+(also\s+|ook\s+|auch\s+|aussi\s+)?"
    r"(een|a|an|ein\w*|une?)\s+\w+[- ]?(pagina|page|profiel|profil|account|kanaal|channel"
    r"|seite|kanal|konto|compte)",
    # no data goes to the name: "es werden keine Daten an Instagram übertragen"
    r"\b(keine|geen|no|aucune?)\s+(\w+\s+){0,2}(daten|gegevens|data|donn[ée]es|informatie"
    r"|informationen|information)\s+(\w+\s+){0,6}(an|naar|to|à|aan)\s",
)
#: The words of a page title that name the document, not the site ("Privacyverklaring | X").
TITLE_DOCUMENT = _any(
    *alternatives("parties.title-document", "en+de+fr+en+it+es+de+en+nl+de+fr+en")
)
TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014\u00b7:-]\s+|\s*[|\u00b7]\s*")
