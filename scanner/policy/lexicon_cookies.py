"""The policy reader's cookie vocabulary: consent models, cookie categories, durations and
cookie-table columns (nl, de, fr, en; es/it where cheap). Split from
:mod:`scanner.policy.lexicon` by concept, which re-exports every name, so the extractor reads
all vocabulary from one place.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


# -- consent model ----------------------------------------------------------------------------

OPT_IN = _any(
    r"(vragen|vraagt)\s+(wij|we)\s+(\w+\s+){0,3}toestemming"
    r"|toestemming\s+(\w+\s+){0,4}(cookiebanner"
    r"|cookiemelding|cookie-melding|banner)|(cookiebanner"
    r"|cookiemelding)\W+(\w+\W+){0,10}toestemming",
    r"bitten\s+wir\s+(\w+\s+){0,3}einwilligung|einwilligung\s+(\w+\s+){0,6}(cookie-?banner"
    r"|consent-?tool|einwilligungs)|(cookie-?banner|consent-?banner)\W+(\w+\W+){0,10}einwillig",
    r"demandons\s+(\w+\s+){0,2}consentement|(bandeau|banni[èe]re)\W+(\w+\W+){0,10}consent",
    r"ask\s+(for\s+)?your\s+consent|(cookie )?banner\W+(\w+\W+){0,10}consent",
)
#: No consent asked at all: none needed (with words between), or cookies left to the browser.
NO_CONSENT_NEEDED = _any(
    r"geen\s+(\w+\s+){0,3}toestemming\s+(\w+\s+){0,4}(nodig|vereist)"
    r"|keine\s+(\w+\s+){0,3}einwilligung\s+(\w+\s+){0,4}(erforderlich|notwendig|n[öo]tig"
    r"|ben[öo]tigt)|bedarf\s+(es\s+)?keiner\s+(\w+\s+){0,2}einwilligung",
    r"(pas de|aucun)\s+consentement\s+(\S+\s+){0,4}(requis|n[ée]cessaire)",
    r"no\s+(\w+\s+){0,2}consent\s+(\w+\s+){0,4}(is\s+)?(required|needed)"
    r"|(does|do) not (require|need) (your |the )?(prior )?consent",
    r"(alleen|uitsluitend|enkel)\s+(\w+\s+){0,4}(via|in|met)\s+(de\s+)?(instellingen van (je|uw)"
    r"\s+browser|browserinstellingen)",
    r"(nur|ausschlie(ß|ss)lich)\s+(\w+\s+){0,4}(über|in|mit)\s+(die|den|der)\s+"
    r"(einstellungen\s+(ihres|deines)\s+browsers|browser-?einstellungen)",
    r"(uniquement|seulement)\s+(\w+\s+){0,4}(via|dans|par)\s+les\s+param[èe]tres\s+de\s+"
    r"(votre|ton)\s+navigateur",
    r"only\s+(\w+\s+){0,4}(through|via|in|using)\s+(your\s+)?browser('s)?\s+settings",
    r"(only|alleen|uitsluitend|nur|uniquement)\s+(\w+\s+){0,3}(an\s+)?opt-?out",
    r"\b(toestemming|einwilligung|zustimmung|consent|consentement)\s+(\w+\s+){0,4}(niet|nicht"
    r"|not|pas)\s+(nodig|vereist|erforderlich|notwendig|n[öo]tig|required|needed|requis"
    r"|n[ée]cessaire)",
)
#: Continued use as consent, in wordings :data:`scanner.lexicon.IMPLIED_CONSENT` (shared with
#: the banner analysis) does not cover: "door gebruik te maken van ... geeft u toestemming".
IMPLIED_CONSENT = _any(
    r"\bdoor\s+(\w+\s+){0,2}(gebruik te maken van|te gebruiken|te bezoeken)\s+(\w+\s+){0,2}"
    r"(website|site|webwinkel)\b.{0,40}\b(geeft|geef|verleent)\s+(u|je)\s+(\w+\s+)?toestemming",
    r"\b(durch|mit)\s+(der|die)\s+(weitere[n]?\s+)?(nutzung|benutzung)\s+(\w+\s+){0,2}"
    r"(website|webseite|seite)\b.{0,40}\b(willigen sie|erteilen sie|geben sie)",
    r"\ben (utilisant|visitant|naviguant sur)\s+(ce|notre)\s+site\b.{0,40}\b(vous )?"
    r"(acceptez|consentez|donnez votre (accord|consentement))",
    r"\bby making use of\s+(this|our)\s+(website|site)\b.{0,40}\b(you )?(agree|consent|accept"
    r"|give (your )?(consent|permission))",
)

# -- cookies ----------------------------------------------------------------------------------

COOKIE_CATEGORY_TERMS: dict[str, re.Pattern[str]] = {
    "functional": _any(
        r"(noodzakelijke|functionele|technische|essenti[ëe]le)\s+cookies",
        r"(notwendige|erforderliche|funktionale|essenzielle|technische)\s+cookies",
        r"cookies\s+(strictement\s+)?(n[ée]cessaires|techniques|fonctionnels|essentiels)",
        r"(strictly necessary|essential|functional|necessary)\s+cookies",
    ),
    "analytics": _any(
        r"(analytische|statistische|analytics)[- ]?(tracking)?cookies|analyticscookie",
        r"(statistik|analyse|analytics)[- ]?cookies|cookies\s+(de\s+)?(mesure d'audience"
        r"|statistiques"
        r"|analytiques)",
        r"(analytics|analytical|statistics|performance)\s+cookies",
    ),
    "marketing": _any(
        r"(tracking|marketing|advertentie|reclame|volg|social[- ]media|embed)[- ]?cookies"
        r"|trackingcookies",
        r"(tracking|marketing|werbe|social-media)[- ]?cookies",
        r"cookies\s+(publicitaires|de ciblage|de suivi|r[ée]seaux sociaux|marketing)",
        r"(advertising|targeting|tracking|marketing|social media)\s+cookies",
    ),
    "personalization": _any(
        r"voorkeurs?[- ]?cookies|pr[äa]ferenz[- ]?cookies|cookies\s+de\s+personnalisation",
        r"preference(s)?\s+cookies|personali[sz]ation\s+cookies",
    ),
}
DURATION = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>minuten|minutes?|minuut|min|uur|uren|stunden?"
    r"|heures?|hours?"
    r"|h\b|dagen|dag|tage?n?|jours?|days?|d\b|weken|week|wochen?|semaines?|weeks?|maanden|maand"
    r"|monate?n?|mois|months?|jaren|jaar|jahre?n?|ans?|ann[ée]es?|years?)",
    re.IGNORECASE,
)
SESSION = _any(
    r"\bsessie\b|\bsession\b|de session|einde (van )?(de )?(browser)?sessie|browsersitzung"
)
UNIT_SECONDS = [
    (r"^(min)", 60),
    (r"^(uur|uren|stund|heure|hour|h$)", 3600),
    (r"^(dag|tag|jour|day|d$)", 86400),
    (r"^(week|weken|woche|semaine)", 7 * 86400),
    (r"^(maand|monat|mois|month)", 30 * 86400),
    (r"^(jaar|jaren|jahr|an|ann|year)", 365 * 86400),
]
COOKIE_TABLE_COLUMNS: dict[str, re.Pattern[str]] = {
    "name": _any(r"^(cookie)?\s*(naam|name|nom|nome|nombre)\b|^cookies?$|^cookie-?name"),
    "provider": _any(
        r"aanbieder|anbieter|provider|fournisseur|[ée]metteur|partij|vendor|herkunft|domein|domain"
        r"|plaatser|dienst|service|party|third party"
    ),
    "purpose": _any(
        r"doel|zweck|purpose|finalit|beschrijving|omschrijving|beschreibung|description|functie"
        r"|funktion|usage|utilisation|categor|kategor"
    ),
    "duration": _any(
        r"bewaartermijn|looptijd|laufzeit|speicherdauer|duur|dauer|duration|expir|ablauf|dur[ée]e"
        r"|retention|geldigheid|vervaltijd|lifetime|lebensdauer|validit"
    ),
}
