"""The policy reader's multilingual vocabulary (nl, de, fr, en; es/it where cheap).

From ../shared/spec/rules.md section 9 (concept table 9.1 and detection regexes 9.2), extended
with the wordings the test corpus showed. One pattern per concept; every pattern is matched
case-insensitively on NFKC-normalised sentences. The shared implied-consent wording lives in
:mod:`scanner.lexicon` because the banner analysis uses it too. Split by concept: cookies and
consent in :mod:`scanner.policy.lexicon_cookies` (re-exported here), recipients in
:mod:`scanner.policy.lexicon_parties`.
"""

from __future__ import annotations

import re

from scanner.policy.lexicon_cookies import (  # noqa: F401  (re-exported vocabulary)
    COOKIE_CATEGORY_TERMS,
    COOKIE_TABLE_COLUMNS,
    DURATION,
    IMPLIED_CONSENT,
    NO_CONSENT_NEEDED,
    OPT_IN,
    SESSION,
    UNIT_SECONDS,
)


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


# -- art. 13 elements --------------------------------------------------------------------------

CONTROLLER = _any(
    r"verwerkingsverantwoordelijke|verantwoordelijk(e)? voor de verwerking|is verantwoordelijk",
    r"\bverantwortlich(e|er)?\b|verantwortliche stelle",
    r"responsable d(u|es) traitements?|responsable de traitement",
    r"\b(data )?controller\b|responsible for (the )?processing",
    r"titolare del trattamento|responsable del tratamiento",
)
DPO = _any(
    r"functionaris voor (de )?gegevensbescherming|\bFG\b",
    r"datenschutzbeauftragte[rn]?\b|\bDSB\b",
    r"d[ée]l[ée]gu[ée]e? (à la|a la) protection des donn[ée]es|\bDPO\b|\bDPD\b",
    r"data protection officer|responsabile della protezione dei dati",
)
PURPOSE_HEADING = _any(
    r"\bdoel(en|einden)?\b|waarvoor|\bzweck(e|en)?\b|finalit[ée]s?|\bpurposes?\b|why we",
)
LEGAL_BASIS = _any(
    r"rechtsgrond|grondslag(?! van de (avg|algemene))|gerechtvaardigd(e)? belang",
    r"uitvoering van (een|de|onze) overeenkomst|wettelijke (verplichting|plicht)",
    r"op basis van (je|jouw|uw) (uitdrukkelijke )?toestemming",
    r"rechtsgrundlage|berechtigte[sn]? interesse|vertragserf[üu]llung"
    r"|erf[üu]llung (eines|des) vertrag",
    r"rechtliche[rn]? verpflichtung|art\.? ?6 abs\.? ?1",
    r"base l[ée]gale|fondement (juridique|l[ée]gal)|int[ée]r[êe]t l[ée]gitime",
    r"ex[ée]cution d'un contrat|obligation l[ée]gale|article 6",
    r"legal basis|lawful basis|legitimate interest|performance of (a|the|our) contract",
    r"legal obligation|art(icle)?\.? ?6 ?\(1\)|base giuridica|base jur[íi]dica",
)
RETENTION_TERM = _any(
    r"bewaartermijn|bewaren|bewaard|opslagduur|verwijder(d|en)|vernietig",
    r"speicherdauer|aufbewahr|l[öo]schfrist|gespeichert|gel[öo]scht|l[öo]schen",
    r"dur[ée]e de conservation|conserv[ée]|conservons|supprim[ée]",
    r"retention|retain|\bstored?\b|\bkept\b|\bkeep\b|\bdelete",
    r"\bbewahren\b",
)
RETENTION_PERIOD = _any(
    r"\b\d+\s*(anni|anno|mesi|mese|giorni|a[ñn]os|meses|d[íi]as"
    r"|dag|dagen|weken|week|maand|maanden|jaar|jaren|tage?n?|wochen?|monate?n?|jahre?n?"
    r"|jours?|semaines?|mois|ans?|ann[ée]es?|days?|weeks?|months?|years?)\b",
    r"\b(een|één|twee|drie|vier|vijf|zes|zeven|tien|ein(en|em)?|zwei|drei|vier|f[üu]nf|sechs|zehn"
    r"|un|deux|trois|cinq|six|dix|one|two|three|five|six|seven|ten)\s+(dag|dagen|weken|maanden"
    r"|jaar|jaren|tage?n?|wochen|monate?n?|jahre?n?|jours|mois|ans|ann[ée]es|days|weeks|months"
    r"|years)\b",
    r"zolang|solange|aussi longtemps|as long as|so lange|tot(dat)? (je|u) (je|u)?\s?afmeldt",
    r"wettelijke bewaar(plicht|termijn)|gesetzliche[rn]? aufbewahrungs|dur[ée]e l[ée]gale",
    r"statutory retention|fiscale bewaarplicht|steuerrechtlich|handelsrechtlich",
)
RETENTION_SECTION = _any(
    r"how long|combien de temps|wie lange|hoe lang|per quanto tempo|cu[aá]nto tiempo|retention"
    r"|bewaartermijn|bewaren|speicherdauer|aufbewahrung|dur[ée]e de conservation|conservation"
)
RIGHT_WORD = _any(
    r"\brecht(en)?\b|\brechte?s?\b|\bdroits?\b|\brights?\b|\bdiritt|\bderecho",
    r"\bkunt (je|u)\b|\bk[öo]nnen sie\b|\bpouvez\b|\byou (can|may)\b|verzoek|antrag"
    r"|demande|request",
)
RIGHTS: dict[str, re.Pattern[str]] = {
    "access": _any(
        r"inzage|inzien|in te zien|auskunft|droit d'acc[èe]s|\bacc[èe]s\b|\baccess\b|accesso"
    ),
    "rectification": _any(
        r"rectific|correct|corrig|wijzig|aan te passen|aanpassen|berichtig|rectify|rettific"
    ),
    "erasure": _any(
        r"verwijder|vergetelheid|l[öo]sch|effacement|suppression|supprimer|erasure|erase|delet"
        r"|forgotten|cancellazione"
    ),
    "restriction": _any(r"beperk|einschr[äa]nk|limitation|restrict|limitazione"),
    "objection": _any(r"bezwaar|widerspr|widerspruch|opposition|opposer|\bobject|opposizione"),
    "portability": _any(r"overdraagbaar|overdrag|[üu]bertragbar|portabilit|portabil|portable"),
}
WITHDRAWAL = _any(
    r"(toestemming|akkoord)\W+(\w+\W+){0,6}(intrekken|in te trekken)|intrekking|intrekken",
    r"widerruf|widerrufen|retirer (votre|son|ton) consentement|retrait (de"
    r"|du) (votre )?consentement",
    r"withdraw|revoke|revocare",
)
COMPLAINT = _any(r"klacht|beschwer|r[ée]clamation|plainte|complain|reclamo|reclamaci")
AUTHORITY = _any(
    r"autoriteit persoonsgegevens|toezichthouder|toezichthoudende autoriteit",
    r"aufsichtsbeh[öo]rde|datenschutzbeh[öo]rde|landesbeauftragte|bundesbeauftragte",
    r"transparenzbeauftragt|beauftragte[nr]? f[üu]r (den )?datenschutz|landesdatenschutz",
    r"\bCNIL\b|autorit[ée] de contr[ôo]le|supervisory authority|data protection authority",
    r"\bICO\b|information commissioner|garante|\bAEPD\b|gegevensbeschermingsautoriteit|\bAPD\b",
)

# -- claims the observations can contradict (rules.md 6a) ---------------------------------------

NEGATED = _any(r"\b(niet|geen|nicht|keine?n?|not|don't|do not|no)\b|\bne\b.{0,30}\bpas\b")
CLAIMS: dict[str, re.Pattern[str]] = {
    "ip-anonymised": _any(
        r"ip[- ]?(adres|adressen|address(es)?|adresse[ns]?)?\W+(\w+\W+){0,8}(geanonimiseerd"
        r"|anonimiseren|gemaskeerd|maskeren|anonymi[sz]|gek[üu]rzt|anonymisiert|anonymis[ée]"
        r"|tronqu|truncat|niet meegegeven|nicht gespeichert|masked)",
        r"ip-anonymisierung|anonymizeip|anonymisation de l'adresse ip",
        r"(anonymi[sz]e|mask|truncate)[sd]?\s+(your |the |visitors' )?ip",
    ),
    "consent-before-cookies": _any(
        r"(alleen|pas|uitsluitend|enkel)\s+(na|met|als)\s+(\w+\s+){0,3}(toestemming|akkoord)",
        r"(erst|nur)\W+(nach|nachdem|mit|wenn|sobald)\W+(\w+\W+){0,6}(einwillig|zustimm"
        r"|eingewilligt)",
        r"(not|never|niet|geen|nicht|keine|pas|aucun)\s+(\w+\s+){0,8}(until|totdat|tot|bis|bevor"
        r"|avant)\s+(you|je|u|sie|vous)\s+(\w+\s+){0,3}(click|accept|agree|consent|give|akkoord"
        r"|toestemming|klikt|einwillig|zustimm|klicken|accept|consent)",
        r"solo\s+(se|dopo|con)\s+(\w+\s+){0,4}consenso|s[óo]lo\s+(si|despu[ée]s|con)\s+(\w+\s+){0,4}"
        r"consentimiento",
        r"(qu'apr[èe]s|uniquement apr[èe]s|seulement apr[èe]s|qu'avec)\s+(\w+\s+){0,3}"
        r"(consentement|accord)",
        r"only\s+(after|with|once)\s+(\w+\s+){0,3}(consent|agreed|accepted)",
        r"(without|zonder|ohne|sans)\s+(your|jouw|je|uw|ihre|votre)\s+(prior\s+)?"
        r"(consent|toestemming|einwilligung|consentement)",
    ),
    "only-essential-cookies": _any(
        r"(alleen|uitsluitend|enkel|slechts)\s+(strikt\s+)?(noodzakelijke|functionele|technische"
        r"|essenti[ëe]le)\s+cookies",
        r"(nur|ausschlie(ß|ss)lich)\s+(technisch\s+)?(notwendige|erforderliche|essenzielle"
        r"|funktionale)\s+cookies",
        r"(uniquement|seulement|que)\s+des\s+cookies\s+(strictement\s+)?(n[ée]cessaires"
        r"|techniques|fonctionnels|essentiels)",
        r"only\s+(use\s+)?(strictly\s+)?(necessary|essential|functional)\s+cookies",
    ),
    "no-marketing-cookies": _any(
        r"geen\s+(tracking|marketing|advertentie|reclame|volg)[- ]?cookies",
        r"keine\s+(tracking|marketing|werbe)[- ]?cookies",
        r"(aucun|pas de)\s+cookies?\s+(publicitaires?|de ciblage|de suivi|marketing)",
        r"no\s+(tracking|marketing|advertising)\s+cookies",
        r"(alleen|uitsluitend)\s+(functionele|analytische)\s+en\s+(functionele"
        r"|analytische)\s+cookies",
        r"only\s+(functional|analytics?)\s+and\s+(functional|analytics?|analytical)\s+cookies",
    ),
    "no-transfer-outside-eu": _any(
        r"(uitsluitend|alleen|enkel|ausschlie(ß|ss)lich|nur|exclusivement|uniquement|only"
        r"|exclusively"
        r"|solely)\s+(\w+\s+){0,4}(binnen|in|innerhalb|within|au sein|dans|en)\s+"
        r"(de |der |des |the |l'|d')?(EU|EER|EEA|EWR|UE|EEE|europese unie|europ[äa]ischen union"
        r"|union europ[ée]enne"
        r"|nederland|deutschland|france|germany|the netherlands)",
        r"(blijven|blijft|bleiben|bleibt|stay|stays|remain|remains|restent|reste|demeurent)\s+"
        r"(\w+\s+){0,3}(binnen|innerhalb|within|au sein|dans|in)\s+(de |der |des |the |l')?"
        r"(EU|EER|EEA|EWR|UE|EEE|europese unie|europ[äa]ischen union|union europ[ée]enne)\b",
        r"verlassen\s+(\w+\s+){0,2}(die EU|den EWR|deutschland)\s+nicht",
        r"ne\s+quittent\s+(jamais|pas)",
        r"never\s+leaves?\s+the\s+(EU|EEA|European)",
        r"(niet|nooit|nicht|never|not|ne sont pas|jamais)\s+(\w+\s+){0,6}(buiten"
        r"|au[ßs]erhalb|outside"
        r"|hors)\s+(de |der |the |l')?(EU|EER|EEA|EWR|UE|EEE|europ)",
        r"(buiten|au[ßs]erhalb|outside|hors)\s+(de |der |the |l')?(EU|EER|EEA|EWR|UE|EEE|europ\w*)"
        r"\s+(\w+\s+){0,4}(niet|nooit|nicht|not|never|pas)\b",
    ),
    "youtube-privacy-enhanced": _any(
        r"youtube-nocookie|privacy[- ]enhanced|erweiterte[nrm]?\s+datenschutz-?modus",
        r"mode\s+(de\s+)?confidentialit[ée]\s+(avanc|renforc)|privacy[- ]?(vriendelijke\s+)?modus",
        r"youtube\W+(\w+\W+){0,8}(zonder cookies|ohne cookies|sans cookies|without cookies)",
    ),
    "no-sale": _any(
        r"\bverk(oo|o)p\w*\s+(\w+\s+){0,5}(niet|nooit)\b|(niet|nooit)\s+(\w+\s+){0,3}verk(oo|o)p",
        r"verkaufen\s+(\w+\s+){0,5}(nicht|niemals|keine)|(nicht|niemals)\s+(\w+\s+){0,3}verkauf",
        r"ne\s+(vendons|vend|revendons|louons)\s+(jamais|pas)",
        r"ne\s+(sont|seront)\s+(jamais|pas)\s+(\w+\s+){0,2}(vendu|revendu|lou[ée]|c[ée]d[ée])",
        r"(do not|don't|never|will not|won't)\s+sell|do not sell",
    ),
    "google-data-sharing-off": _any(
        r"(gegevens delen|data sharing|datenfreigabe|partage des donn[ée]es)\W+(\w+\W+){0,6}"
        r"(uit|uitgezet|uitgeschakeld|disabled|deaktiviert|d[ée]sactiv[ée]|off)",
        r"google\s+(\w+\s+){0,2}niet\s+toegestaan|niet\s+toegestaan\s+(\w+\s+){0,6}google",
        r"google\s+(\w+\s+){0,6}(nicht|not)\s+(\w+\s+){0,4}(andere|weitere|other)\s+(google[- ])?"
        r"(dienste|services)",
    ),
    "secure-connection": _any(
        r"\bSSL\b|\bTLS\b|beveiligde (internet)?verbinding|versleutel|verschl[üu]sselt"
        r"|verschl[üu]sselung",
        r"\bchiffr|encrypted|encryption|https-?verbinding",
    ),
    "honours-dnt-gpc": _any(r"do[- ]not[- ]track|global privacy control|\bGPC\b"),
}
#: Claims that are about cookies only count in a sentence that is about cookies.
CLAIM_CONTEXT: dict[str, re.Pattern[str]] = {
    "consent-before-cookies": _any(r"cooki|tracker|tracking|pixel|traceur|analytics|statisti"),
}
#: Claims whose wording is itself a negation, so NEGATED must not cancel them.
NEGATIVE_CLAIMS = {
    "no-marketing-cookies",
    "no-transfer-outside-eu",
    "no-sale",
    "google-data-sharing-off",
    "ip-anonymised",
    "consent-before-cookies",
}

# -- transfers (rules.md 9.2) -----------------------------------------------------------------

MECHANISMS: dict[str, re.Pattern[str]] = {
    "safe-harbor": _any(r"\bsafe[\s-]?harbou?r\b|sph[èe]re de s[ée]curit[ée]"),
    "privacy-shield": _any(
        r"\bprivacy[\s-]?shield\b|datenschutzschild"
        r"|bouclier de protection (des donn[ée]es|de la vie"
        r" priv[ée]e)"
    ),
    "dpf": _any(
        r"data privacy framework|\bDPF\b|datenschutzrahmen|cadre de protection des donn[ée]es"
        r"|2023/1795|eu-vs-kader|gegevensbeschermingskader",
    ),
    "scc-2010": _any(r"\b2010/87(/EU|/EG|/CE|/UE)?\b|\b2001/497\b|\b2004/915\b|C\(2010\)\s?593"),
    "scc-2021": _any(r"\b2021/914\b|C\(2021\)\s?3972"),
    "scc": _any(
        r"standaard[\s-]?(contract(uele)?)?[\s-]?(bepalingen|clausules)|modelcontract"
        r"|modelclausules",
        r"standard[\s-]?(vertrags|datenschutz)[\s-]?klauseln|eu-standardvertragsklauseln",
        r"clauses? (contractuelles )?(types|standards?)|\bCCT\b|standard contractual clauses"
        r"|model clauses|clausole contrattuali (standard|tipo)",
        r"standard data protection clauses|\bSCCs?\b|clausole contrattuali standard",
    ),
    "bcr": _any(
        r"binding corporate rules|bindende bedrijfsvoorschriften|verbindliche(n)? interne(n)?"
        r" datenschutzvorschriften|r[èe]gles d'entreprise contraignantes|\bBCRs?\b",
    ),
    "art49-consent": _any(
        r"(uitdrukkelijke|expliciete|nadrukkelijke)\s+toestemming\W+(\w+\W+){0,12}(doorgifte"
        r"|doorgegeven|derde land)",
        r"(doorgifte|doorgegeven|derde land)\W+(\w+\W+){0,12}(uitdrukkelijke"
        r"|expliciete)\s+toestemming",
        r"ausdr[üu]ckliche[rn]?\s+einwilligung\W+(\w+\W+){0,12}(übermittlung"
        r"|[üu]bermittelt|drittland"
        r"|drittstaat)",
        r"([üu]bermittlung|[üu]bermittelt|drittland"
        r"|drittstaat)\W+(\w+\W+){0,12}ausdr[üu]ckliche[rn]?"
        r"\s+einwilligung",
        r"consentement explicite\W+(\w+\W+){0,12}(transfert|pays tiers)",
        r"(transfert|transf[ée]r[ée]es?|pays tiers)\W+(\w+\W+){0,12}consentement explicite",
        r"explicit consent\W+(\w+\W+){0,12}(transfer|third countr)",
        r"(transfer|third countr)\w*\W+(\w+\W+){0,12}explicit consent",
        r"art(ikel|icle|\.)?\s*49\s*(\(1\)|abs\.?\s*1|lid 1|para)",
    ),
    "adequacy": _any(
        r"adequaatheidsbes(luit|lissing)|angemessenheitsbeschluss|angemessenheitsentscheidung"
        r"|d[ée]cision d'ad[ée]quation|adequacy (decision|regulation)|art(ikel|icle|\.)?\s*45",
    ),
}
MECHANISM_LABELS = {
    "safe-harbor": "Safe Harbor",
    "privacy-shield": "EU-US Privacy Shield",
    "dpf": "EU-US Data Privacy Framework",
    "scc-2010": "Standard contractual clauses (pre-2021 decisions)",
    "scc-2021": "Standard contractual clauses (Decision 2021/914)",
    "scc": "Standard contractual clauses (version not stated)",
    "bcr": "Binding corporate rules",
    "art49-consent": "Explicit consent to the transfer (GDPR art. 49(1)(a))",
    "adequacy": "Adequacy decision (GDPR art. 45)",
}
#: A sentence that mentions a dead mechanism as history, not as the basis relied on.
HISTORICAL = _any(
    r"ongeldig|niet (meer|langer) geldig|vernietigd|nietig verklaard|vervangen|voorheen|eerder",
    r"ung[üu]ltig|nicht mehr|f[üu]r nichtig|aufgehoben|ersetzt|fr[üu]her|bisher",
    r"invalid[ée]?|annul[ée]|n'est plus|plus valable|remplac[ée]|auparavant|anciennement",
    r"invalidat|no longer|replaced|previously|formerly|struck down|schrems|C-311/18|C-362/14",
    r"successor|opvolger|nachfolger|successeur",
    r"jusqu'(en|au) (juillet )?20[12]\d|until (july )?20[12]\d",
    r"bis (juli )?20[12]\d|tot (juli )?20[12]\d",
    r"pouvaient|konnten|konden|could (previously|formerly)|used to",
)
TRANSFER_CONTEXT = _any(
    r"doorgifte|doorgegeven|derde land|buiten de (EU|EER)|servers?|gevestigd|opgeslagen",
    r"[üu]bermittlung|[üu]bermittelt|drittland|drittstaat|au[ßs]erhalb|server|sitz",
    r"transfert|transf[ée]r|pays tiers|hors de|serveurs?|h[ée]berg",
    r"transfer|third countr|outside the|stored|located|based in",
)
COUNTRIES: dict[str, re.Pattern[str]] = {
    "US": _any(
        r"verenigde staten|\bVS\b|\bUSA\b|\bU\.S\.A?\.?|\bUS\b|united states|vereinigte(n)? staaten"
        r"|[ée]tats-unis|amerika|amerikaans|am[ée]ricain|american|stati uniti|estados unidos",
    ),
    "GB": _any(
        r"verenigd koninkrijk|\bUK\b|united kingdom|vereinigte(s|n) k[öo]nigreich|royaume-uni"
        r"|groot-brittanni|gro[ßs]britannien|grande-bretagne|great britain"
    ),
    "CH": _any(r"zwitserland|schweiz|suisse|switzerland"),
    "CA": _any(r"\bcanada\b|\bkanada\b"),
    "JP": _any(r"\bjapan\b|\bjapon\b"),
    "IN": _any(r"\bindia\b|\bindien\b|\binde\b"),
    "CN": _any(r"\bchina\b|\bchine\b"),
    "IL": _any(r"\bisra[ëe]l\b"),
}

# -- stale framework (NL-05, TP-15; rules.md 6b) ----------------------------------------------

LEGACY_NL = _any(
    r"\bWbp\b|wet bescherming persoonsgegevens|college bescherming persoonsgegevens|\bCBP\b",
    r"\bbewerker(s|sovereenkomst(en)?)?\b|\bcookiewet\b",
)
LEGACY_OTHER = _any(
    r"95/46|richtlijn 95|datenschutzrichtlinie 95|\bTTDSG\b|\bBDSG[- ]a(lt|\.\s?F\.)",
    r"telemediengesetz|\bTMG\b",
)

# -- the date the policy speaks for ------------------------------------------------------------

DATE_CONTEXT = _any(
    r"laatst(e)? (bijgewerkt|gewijzigd|aangepast|herzien)|bijgewerkt op|in werking getreden"
    r"|geldig vanaf|versie|datum|gewijzigd op",
    r"\bstand\b|zuletzt (aktualisiert|ge[äa]ndert|bearbeitet)|g[üu]ltig ab|version|aktualisiert am",
    r"derni[èe]re (mise [àa] jour|modification)|mis[e]? [àa] jour|en vigueur|version",
    r"last (updated|modified|revised|changed)|effective|updated on|revised on|as of",
    r"aggiornament|in vigore|actualizaci|vigente",
)
MONTHS = {
    **dict.fromkeys(
        ["januari", "januar", "janvier", "january", "jan", "jänner", "gennaio", "enero"], 1
    ),
    **dict.fromkeys(
        ["februari", "februar", "février", "fevrier", "february", "feb", "febbraio", "febrero"], 2
    ),
    **dict.fromkeys(["maart", "märz", "marz", "mars", "march", "mrt", "mar", "marzo"], 3),
    **dict.fromkeys(["april", "avril", "apr", "aprile", "abril"], 4),
    **dict.fromkeys(["mei", "mai", "may", "maggio", "mayo"], 5),
    **dict.fromkeys(["juni", "juin", "june", "jun", "giugno", "junio"], 6),
    **dict.fromkeys(["juli", "juillet", "july", "jul", "luglio", "julio"], 7),
    **dict.fromkeys(["augustus", "august", "août", "aout", "aug", "agosto"], 8),
    **dict.fromkeys(["september", "septembre", "sept", "sep", "settembre", "septiembre"], 9),
    **dict.fromkeys(["oktober", "octobre", "october", "okt", "oct", "ottobre", "octubre"], 10),
    **dict.fromkeys(["november", "novembre", "nov", "noviembre"], 11),
    **dict.fromkeys(
        ["december", "dezember", "décembre", "decembre", "dec", "dez", "dicembre", "diciembre"], 12
    ),
}
