"""The banner's words, per language: one home for what the consent heuristic reads.

The survey (``survey.js``) classifies a control by its whole text against :data:`PHRASES`; the
banner facts look for implied-consent wording with :func:`implied_consent`. Everything a banner
may say lives here so that a missing word is fixed once, for the survey, the decision and the
rules alike (a word the survey misses makes it report "no reject" on a banner that has one).
"""

from __future__ import annotations

import re
from typing import Literal

from scanner import lexicon

ControlKind = Literal["accept", "reject", "settings", "save", "close"]

#: Controls of an information banner ("En poursuivant ... vous acceptez" + "J'ai compris").
#: The site records a click on them as consent, so the survey treats them as accept controls;
#: :func:`acknowledges` tells a banner whose only answer is one of these.
ACKNOWLEDGE: tuple[str, ...] = (
    "j'ai compris",
    "compris",
    "c'est compris",
    "ok, j'ai compris",
    "d'accord",
    "begrepen",
    "oké",
    "ik begrijp het",
    "verstanden",
    "ich habe verstanden",
    "alles klar",
    "ok",
    "got it",
    "understood",
    "i understand",
    "ok, got it",
)

#: Reject controls worded as a prohibition of cookies rather than a refusal: the visitor
#: forbids them ("Alle Cookies verbieten") instead of declining an offer.
PROHIBIT: tuple[str, ...] = (
    "alle cookies verbieten",
    "cookies verbieten",
    "alle verbieten",
    "verbieten",
    "cookies untersagen",
    "alle cookies untersagen",
    "untersagen",
    "nur notwendige zulassen",
    "nur notwendige cookies zulassen",
    "alle cookies verbieden",
    "cookies verbieden",
    "verbieden",
    "interdire tous les cookies",
    "interdire les cookies",
    "tout interdire",
    "interdire",
    "block all cookies",
    "block cookies",
    "block all",
    "disallow all",
    "disallow all cookies",
    "disallow cookies",
    "disallow",
)

#: Whole-control texts per kind (lowercase, whitespace folded). An exact match is strong; a
#: short control text containing a phrase of more than three letters also counts.
PHRASES: dict[ControlKind, tuple[str, ...]] = {
    "accept": (
        "alles accepteren",
        "alle cookies accepteren",
        "accepteren",
        "akkoord",
        "ik ga akkoord",
        "cookies toestaan",
        "alle cookies toestaan",
        "toestaan",
        "ja, ik accepteer",
        "accepteer",
        "alles toestaan",
        "akkoord en doorgaan",
        "aanvaarden",
        "alles aanvaarden",
        "accepteer alle",
        "ok, accepteer alle",
        "dat is oké",
        "dat is ok",
        "sta alle cookies toe",
        "alle toestaan",
        "alle akzeptieren",
        "akzeptieren",
        "alle cookies akzeptieren",
        "zustimmen",
        "alle zulassen",
        "einverstanden",
        "annehmen",
        "alles erlauben",
        "erlauben",
        "alle erlauben",
        "alle cookies erlauben",
        "alle cookies zulassen",
        "das ist ok",
        "alles akzeptieren",
        "tout accepter",
        "accepter",
        "accepter tout",
        "accepter et fermer",
        "j'accepte",
        "accepter les cookies",
        "autoriser",
        "tout autoriser",
        "accept all",
        "accept",
        "accept all cookies",
        "allow all",
        "allow all cookies",
        "i agree",
        "agree",
        "allow cookies",
        "accept cookies",
        "i accept",
        "agree and close",
        "accept and close",
        "allow",
        "yes, i agree",
        "aceptar",
        "aceptar todo",
        "aceptar todas",
        "aceptar cookies",
        "accetta",
        "accetta tutto",
        "accetto",
        "accetta tutti",
        *ACKNOWLEDGE,
    ),
    "reject": (
        "alles weigeren",
        "weigeren",
        "afwijzen",
        "alles afwijzen",
        "nee",
        "nee, bedankt",
        "alleen noodzakelijke cookies",
        "alleen noodzakelijk",
        "alleen functionele cookies",
        "cookies weigeren",
        "niet akkoord",
        "alleen noodzakelijke",
        "noodzakelijke cookies",
        "ik weiger",
        "weiger",
        "weiger alle cookies",
        "alle weigeren",
        "weiger alles",
        "alle ablehnen",
        "ablehnen",
        "nur notwendige",
        "nur notwendige cookies",
        "nur essenzielle cookies",
        "ablehnen und schließen",
        "nicht einverstanden",
        "nur erforderliche cookies",
        "alles ablehnen",
        "tout refuser",
        "refuser",
        "continuer sans accepter",
        "refuser tout",
        "refuser les cookies",
        "je refuse",
        "tout rejeter",
        "reject all",
        "reject",
        "decline",
        "decline all",
        "deny",
        "refuse",
        "no thanks",
        "only necessary",
        "necessary only",
        "only essential cookies",
        "reject cookies",
        "no",
        "use necessary cookies only",
        "reject all cookies",
        "deny all",
        "necessary cookies only",
        "rechazar",
        "rechazar todo",
        "rechazar todas",
        "rifiuta",
        "rifiuta tutto",
        "solo necessari",
        "continua senza accettare",
        *PROHIBIT,
    ),
    "settings": (
        "instellingen",
        "cookie-instellingen",
        "cookie instellingen",
        "voorkeuren",
        "cookievoorkeuren",
        "instellingen aanpassen",
        "aanpassen",
        "meer opties",
        "beheren",
        "personaliseer",
        "personaliseren",
        "einstellungen",
        "cookie-einstellungen",
        "anpassen",
        "mehr optionen",
        "individuelle einstellungen",
        "paramètres",
        "personnaliser",
        "gérer",
        "gérer les cookies",
        "paramétrer",
        "settings",
        "cookie settings",
        "preferences",
        "manage",
        "manage cookies",
        "customize",
        "customise",
        "manage options",
        "more options",
        "manage preferences",
        "configurar",
        "personalizar",
        "impostazioni",
        "personalizza",
        "gestisci",
    ),
    "save": (
        "opslaan",
        "voorkeuren opslaan",
        "keuze opslaan",
        "instellingen opslaan",
        "selectie opslaan",
        "mijn keuze bevestigen",
        "bevestigen",
        "geselecteerde",
        "geselecteerde accepteren",
        "selectie accepteren",
        "speichern",
        "auswahl speichern",
        "einstellungen speichern",
        "auswahl bestätigen",
        "enregistrer",
        "enregistrer mes choix",
        "valider",
        "confirmer mes choix",
        "save",
        "save settings",
        "save preferences",
        "save my choices",
        "confirm my choices",
        "save and close",
        "confirm choices",
        "confirm",
        "guardar",
        "guardar configuración",
        "salva",
        "salva impostazioni",
    ),
    "close": (
        "x",
        "\u00d7",
        "\u2715",
        "sluiten",
        "schließen",
        "fermer",
        "close",
        "cerrar",
        "chiudi",
    ),
}

#: Labels of purposes that may stay on: they need no consent.
NECESSARY_LABEL = (
    r"noodzakelijk|functioneel|essentieel|notwendig|essenziell|erforderlich|nécessaire|"
    r"essentiel|strictly necessary|necessary|essential|required|necesari|necessari"
)


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


#: Implied-consent wording seen on banners that the shared lexicon (written for policies too)
#: does not cover: "en naviguant", "si vous continuez", "wenn Sie ... weiter nutzen", the
#: WordPress "we will assume that you are happy with it" default. An explicit "En cliquant sur
#: Accepter, vous acceptez" is consent by action and must not match, hence no "cliquant".
BANNER_IMPLIED: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "fr",
        _pattern(
            r"\b(en (poursuivant|continuant|naviguant|utilisant)|si vous (continuez|poursuivez))"
            r"\b.{0,60}\b(acceptez|consentez|accepter|consentir|considér\w+|suppos\w+)"
        ),
    ),
    (
        "nl",
        _pattern(
            r"\b(door|als (je|u)|wanneer (je|u))\b.{0,40}\b(verder te |blijft |blijven )?"
            r"(navigeren|browsen|surfen|gebruiken|bezoeken)\b.{0,60}\b(ga(at)? je|gaat u|"
            r"stem(t)? (je|u)|akkoord|gaan we er ?van ?uit|tevreden)"
        ),
    ),
    (
        "de",
        _pattern(
            r"\b((wenn|indem) sie\b.{0,40}\b(weiter(hin)?|fortfahren|weitersurfen)|mit (der|dem)"
            r" (weiteren )?(nutzung|besuch|surfen))\b.{0,60}\b(stimmen sie|erklären sie sich|"
            r"einverstanden|gehen wir davon aus|akzeptieren sie)"
        ),
    ),
    (
        "en",
        _pattern(
            r"\b(if you continue|by continuing|continued use)\b.{0,60}\b(agree|consent|accept|"
            r"assume|happy)"
        ),
    ),
)


def implied_consent(text: str) -> tuple[str, str] | None:
    """(language, matched text) of implied-consent wording on a banner: the shared lexicon
    first (policies and banners agree on it), then the banner-only additions."""
    found = lexicon.implied_consent(text)
    if found:
        return found
    for language, pattern in BANNER_IMPLIED:
        match = pattern.search(text)
        if match:
            return language, match.group(0)
    return None


def normalise(text: str) -> str:
    """A control text as the survey compares it: lowercase, folded spaces, straight quotes."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).lower()


def kind_of(text: str) -> ControlKind | None:
    """The kind the survey gives a control text (the same rule as ``survey.js``): an exact
    phrase wins; else, for short texts, the kind of the longest contained phrase."""
    text = normalise(text)
    best: ControlKind | None = None
    longest = 0
    for kind, phrases in PHRASES.items():
        if text in phrases:
            return kind
        if len(text) > 40:
            continue
        for phrase in phrases:
            if len(phrase) > 3 and len(phrase) > longest and phrase in text:
                best, longest = kind, len(phrase)
    return best


def acknowledges(text: str) -> bool:
    """Whether a control only acknowledges a notice ("J'ai compris", "Got it")."""
    return normalise(text).rstrip("!. ") in ACKNOWLEDGE
