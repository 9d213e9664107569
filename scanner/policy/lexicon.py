"""The policy reader's multilingual vocabulary (nl, de, fr, en; es/it where cheap).

From ../shared/spec/rules.md section 9 (concept table 9.1 and detection regexes 9.2), extended
with the wordings the test corpus showed. One pattern per concept; every pattern is matched
case-insensitively on NFKC-normalised sentences. The words live in the per-language vocabulary
files (:mod:`scanner.vocabulary`); the layouts keep each pattern's alternatives in the order they
were written, which decides the text a search returns. The shared implied-consent wording lives in
:mod:`scanner.lexicon` because the banner analysis uses it too. Split by concept: cookies and
consent in :mod:`scanner.policy.lexicon_cookies` (re-exported here), recipients in
:mod:`scanner.policy.lexicon_parties`.
"""

from __future__ import annotations

import re

from scanner.policy.lexicon_cookies import (  # noqa: F401  (re-exported vocabulary)
    CONTINUED_USE,
    COOKIE_CATEGORY_TERMS,
    COOKIE_TABLE_COLUMNS,
    COOKIE_WORD,
    DURATION,
    IMPLIED_CONSENT,
    NO_CONSENT_NEEDED,
    NUMBER_WORDS,
    OPT_IN,
    SESSION,
    UNIT_SECONDS,
)
from scanner.vocabulary import alternatives


def _any(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in parts), re.IGNORECASE)


# -- art. 13 elements --------------------------------------------------------------------------

CONTROLLER = _any(*alternatives("policy.controller", "nl de fr en it+es"))
DPO = _any(*alternatives("policy.dpo", "nl de fr en+it"))
PURPOSE_HEADING = _any(*alternatives("policy.purpose-heading", "nl+de+fr+en"))
LEGAL_BASIS = _any(*alternatives("policy.legal-basis", "nl* de* fr* en en+it+es"))
RETENTION_TERM = _any(*alternatives("policy.retention-term", "nl de fr en de"))
#: A period: digits and a unit, a number word and a unit ("één jaar", "zwei Jahre", "un an"),
#: or words such as "zolang" and "statutory retention". The templates stay here; their words
#: are ``policy.period-unit``, ``policy.number-word`` and ``policy.period-unit-after-word``.
_PERIOD_UNIT = "|".join(alternatives("policy.period-unit", "it es nl de fr en"))
_NUMBER_WORD = "|".join(alternatives("policy.number-word"))
_UNIT_AFTER_WORD = "|".join(alternatives("policy.period-unit-after-word"))
RETENTION_PERIOD = _any(
    rf"\b\d+\s*({_PERIOD_UNIT})\b",
    rf"\b({_NUMBER_WORD})\s+({_UNIT_AFTER_WORD})\b",
    *alternatives("policy.retention-period", "nl+de+fr+en+de+nl nl+de+fr en+nl+de"),
)
RETENTION_SECTION = _any(*alternatives("policy.retention-section", "en+fr+de+nl+it+es+en+nl+de+fr"))
RIGHT_WORD = _any(*alternatives("policy.right-word", "nl+de+fr+en+it+es nl+de+fr+en+nl+de+fr+en"))
RIGHTS: dict[str, re.Pattern[str]] = {
    "access": _any(*alternatives("policy.right.access", "nl+de+fr+en+it")),
    "rectification": _any(*alternatives("policy.right.rectification", "fr+en+fr+nl+de+en+it")),
    "erasure": _any(*alternatives("policy.right.erasure", "nl+de+fr+en+it")),
    "restriction": _any(*alternatives("policy.right.restriction", "nl+de+fr+en+it")),
    "objection": _any(*alternatives("policy.right.objection", "nl+de+fr+en+it")),
    "portability": _any(*alternatives("policy.right.portability", "nl+de+fr+it+en")),
}
WITHDRAWAL = _any(*alternatives("policy.withdrawal", "nl de+fr en+it"))
COMPLAINT = _any(*alternatives("policy.complaint", "nl+de+fr+en+it+es"))
AUTHORITY = _any(*alternatives("policy.authority", "nl de* fr+en en+it+es+nl+fr"))

# -- claims the observations can contradict (rules.md 6a) ---------------------------------------

NEGATED = _any(r"\b(niet|geen|nicht|keine?n?|not|don't|do not|no)\b|\bne\b.{0,30}\bpas\b")
#: Claims: the single-language wordings are ``claims.*`` in the vocabulary files; those whose
#: languages interleave inside one group are written here.
_BEFORE = alternatives("claims.consent-before-cookies", "nl de it+es fr en")
CLAIMS: dict[str, re.Pattern[str]] = {
    "ip-anonymised": _any(
        r"ip[- ]?(adres|adressen|address(es)?|adresse[ns]?)?\W+(\w+\W+){0,8}(geanonimiseerd"
        r"|anonimiseren|gemaskeerd|maskeren|anonymi[sz]|gek[üu]rzt|anonymisiert|anonymis[ée]"
        r"|tronqu|truncat|niet meegegeven|nicht gespeichert|masked)",
        r"ip-anonymisierung|anonymizeip|anonymisation de l'adresse ip",
        r"(anonymi[sz]e|mask|truncate)[sd]?\s+(your |the |visitors' )?ip",
    ),
    "consent-before-cookies": _any(
        *_BEFORE[:2],
        r"(not|never|niet|geen|nicht|keine|pas|aucun)\s+(\w+\s+){0,8}(until|totdat|tot|bis|bevor"
        r"|avant)\s+(you|je|u|sie|vous)\s+(\w+\s+){0,3}(click|accept|agree|consent|give|akkoord"
        r"|toestemming|klikt|einwillig|zustimm|klicken|accept|consent)",
        *_BEFORE[2:],
        r"(without|zonder|ohne|sans)\s+(your|jouw|je|uw|ihre|votre)\s+(prior\s+)?"
        r"(consent|toestemming|einwilligung|consentement)",
    ),
    "only-essential-cookies": _any(*alternatives("claims.only-essential-cookies")),
    "no-marketing-cookies": _any(*alternatives("claims.no-marketing-cookies", "nl de fr en nl en")),
    "no-transfer-outside-eu": _any(
        r"(uitsluitend|alleen|enkel|ausschlie(ß|ss)lich|nur|exclusivement|uniquement|only"
        r"|exclusively"
        r"|solely)\s+(\w+\s+){0,4}(binnen|in|im|innerhalb|within|au sein|dans|en)\s+"
        r"(de |der |des |the |l'|d'|de l'|du |de la )?(EU|EER|EEA|EWR|UE|EEE|europese unie"
        r"|europ[äa]ischen (union|wirtschaftsraum)|europese economische ruimte"
        r"|european economic area|espace [ée]conomique europ[ée]en"
        r"|union europ[ée]enne"
        r"|nederland|deutschland|france|germany|the netherlands)",
        r"(blijven|blijft|bleiben|bleibt|stay|stays|remain|remains|restent|reste|demeurent)\s+"
        r"(\w+\s+){0,3}(binnen|innerhalb|within|au sein|dans|in)\s+(de |der |des |the |l'|de l'"
        r"|du |de la )?"
        r"(EU|EER|EEA|EWR|UE|EEE|europese unie|europ[äa]ischen union|union europ[ée]enne)\b",
        r"verlassen\s+(\w+\s+){0,2}(die EU|den EWR|deutschland)\s+nicht",
        r"ne\s+quittent\s+(jamais|pas)",
        r"never\s+leaves?\s+the\s+(EU|EEA|European)",
        r"(niet|nooit|nicht|never|not|ne sont pas|jamais|pas)\s+(\w+\s+){0,6}(buiten"
        r"|au[ßs]erhalb|outside|en dehors|hors)\s+(de |der |the |l'|de l'|du |d')?"
        r"(EU|EER|EEA|EWR|UE|EEE|europ|union europ)",
        # "keine Daten ... außerhalb der EU", "geen gegevens ... buiten de EU": the negated word
        # must be the data, not "no adequacy decision for countries outside the EU"
        r"\b(keine?n?|geen|no|aucune?)\s+(\w+\s+)?(daten|gegevens|persoonsgegevens|data|donn[ée]es"
        r"|informationen|informatie|information)\s+(\w+\s+){0,6}(buiten|au[ßs]erhalb|outside"
        r"|en dehors|hors)\s+(de |der |the |l'|de l'|du |d')?(EU|EER|EEA|EWR|UE|EEE|europ"
        r"|union europ)",
        r"(buiten|au[ßs]erhalb|outside|hors)\s+(de |der |the |l')?(EU|EER|EEA|EWR|UE|EEE|europ\w*)"
        r"\s+(\w+\s+){0,4}(niet|nooit|nicht|not|never|pas)\b",
    ),
    "youtube-privacy-enhanced": _any(
        *alternatives("claims.youtube-privacy-enhanced", "en+de fr+nl"),
        r"youtube\W+(\w+\W+){0,8}(zonder cookies|ohne cookies|sans cookies|without cookies)",
    ),
    "no-sale": _any(*alternatives("claims.no-sale")),
    "google-data-sharing-off": _any(
        r"(gegevens delen|data sharing|datenfreigabe|partage des donn[ée]es)\W+(\w+\W+){0,6}"
        r"(uit|uitgezet|uitgeschakeld|disabled|deaktiviert|d[ée]sactiv[ée]|off)",
        r"google\s+(\w+\s+){0,2}niet\s+toegestaan|niet\s+toegestaan\s+(\w+\s+){0,6}google",
        r"google\s+(\w+\s+){0,6}(nicht|not)\s+(\w+\s+){0,4}(andere|weitere|other)\s+(google[- ])?"
        r"(dienste|services)",
    ),
    "secure-connection": _any(*alternatives("claims.secure-connection", "en+nl+de fr+en+nl")),
    "honours-dnt-gpc": _any(*alternatives("claims.honours-dnt-gpc")),
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
    "safe-harbor": _any(*alternatives("transfers.safe-harbor", "en+fr")),
    "privacy-shield": _any(*alternatives("transfers.privacy-shield", "en+de+fr")),
    "dpf": _any(*alternatives("transfers.dpf", "en+de+fr+en+nl")),
    "scc-2010": _any(r"\b2010/87(/EU|/EG|/CE|/UE)?\b|\b2001/497\b|\b2004/915\b|C\(2010\)\s?593"),
    "scc-2021": _any(r"\b2021/914\b|C\(2021\)\s?3972"),
    "scc": _any(*alternatives("transfers.scc", "nl de fr+en+it en+it")),
    "bcr": _any(*alternatives("transfers.bcr", "en+nl+de+fr+en")),
    "art49-consent": _any(
        *alternatives("transfers.art49-consent"),
        r"art(ikel|icle|\.)?\s*49\s*(\(1\)|abs\.?\s*1|lid 1|para)",
        r"art(ikel|icle|\.)?\s*49\s*,?\s*(eerste lid|lid 1|paragraphe 1|par\.\s*1|absatz 1"
        r"|paragraph 1|alin[ée]a 1|premier alin[ée]a)\s*,?\s*(onder|sous|point|lit\.?|litera"
        r"|buchstabe|\()\s*a\b",
    ),
    "adequacy": _any(*alternatives("transfers.adequacy", "nl+de+fr+en")),
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
    *alternatives("policy.historical", "nl de fr en en+nl+de+fr fr+en de+nl fr+de+nl+en")
)
TRANSFER_CONTEXT = _any(*alternatives("transfers.context"))
COUNTRIES: dict[str, re.Pattern[str]] = {
    "US": _any(*alternatives("transfers.country.US", "nl+en+de+fr+nl+fr+en+it+es")),
    "GB": _any(*alternatives("transfers.country.GB", "nl+en+de+fr+nl+de+fr+en")),
    "CH": _any(*alternatives("transfers.country.CH", "nl+de+fr+en")),
    "CA": _any(*alternatives("transfers.country.CA", "en+de")),
    "JP": _any(*alternatives("transfers.country.JP", "en+fr")),
    "IN": _any(*alternatives("transfers.country.IN", "en+de+fr")),
    "CN": _any(*alternatives("transfers.country.CN", "en+fr")),
    "IL": _any(*alternatives("transfers.country.IL")),
}

# -- stale framework (NL-05, TP-15; rules.md 6b) ----------------------------------------------

LEGACY_NL = _any(*alternatives("policy.legacy-nl"))
LEGACY_OTHER = _any(*alternatives("policy.legacy-other", "en+nl+de de"))

# -- the date the policy speaks for ------------------------------------------------------------

DATE_CONTEXT = _any(*alternatives("policy.date-context", "nl de fr en it+es"))
#: Month names to numbers, from ``dates.month-01`` .. ``dates.month-12``.
_MONTH_LAYOUTS = (
    "nl de fr en* de it es",
    "nl de fr* en* it es",
    "nl de* fr en nl en it",
    "nl fr en it es",
    "nl de en it es",
    "nl fr en* it es",
    "nl fr en* it es",
    None,
    "nl fr* en it es",
    "nl fr en nl en it es",
    None,
    "nl de fr* en de it es",
)
MONTHS = {
    name: number
    for number, layout in enumerate(_MONTH_LAYOUTS, start=1)
    for name in alternatives(f"dates.month-{number:02d}", layout)
}
