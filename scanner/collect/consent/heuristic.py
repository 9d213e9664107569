"""The project's own banner heuristic, for banners no autoconsent rule knows.

It surveys every frame (and open shadow roots) for a banner-like container, classifies its
visible controls by their text in Dutch, German, French, English, Spanish and Italian (accept
all, reject all / only necessary, settings, save, close), and operates them:

- accept: the first-layer accept-all control;
- reject: the first-layer reject control; when there is none, the cheapest path: open the
  settings, switch every non-essential purpose off, save; every click is counted. A close
  button (X) is never a rejection.

The survey also yields the facts the banner rules need (texts, control styles and sizes,
pre-ticked purposes, overlay coverage), see :mod:`scanner.collect.consent.banner`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Literal

from playwright.async_api import ElementHandle, Frame, JSHandle, Page

from scanner.collect.consent.scripts import script

Decision = Literal["accept", "reject"]
ControlKind = Literal["accept", "reject", "settings", "save", "close"]
Layer = Literal["first", "settings"]

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
        "got it",
        "ok",
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

SURVEY_JS = script("survey.js")
SIGHTING_JS = script("sighting.js")


@dataclass
class Control:
    """A classified banner control and how it looks (for the prominence rules)."""

    kind: ControlKind
    text: str
    tag: str
    score: int
    in_banner: bool
    area: int
    color: str
    background: str
    font_size: float
    font_weight: str
    #: The colour behind the control: its first ancestor with an opaque background (CB-06).
    backdrop: str = ""
    border: str = ""
    element: ElementHandle | None = None

    def describe(self) -> dict:
        """The control as report evidence: no element handle."""
        return {
            "kind": self.kind,
            "text": self.text,
            "tag": self.tag,
            "area": self.area,
            "color": self.color,
            "background": self.background,
            "font_size": self.font_size,
            "font_weight": self.font_weight,
            "backdrop": self.backdrop,
            "border": self.border,
        }


@dataclass
class Toggle:
    """A purpose checkbox or switch in a banner layer."""

    label: str
    checked: bool
    disabled: bool
    necessary: bool
    element: ElementHandle | None = None


@dataclass
class Survey:
    """One look at the banner in one frame."""

    frame: Frame
    controls: list[Control] = field(default_factory=list)
    toggles: list[Toggle] = field(default_factory=list)
    text: str = ""
    coverage: float = 0.0

    def best(self, kind: ControlKind) -> Control | None:
        """The strongest control of a kind (first-layer controls inside the banner win)."""
        matches = [c for c in self.controls if c.kind == kind]
        return max(matches, key=lambda c: (c.score, c.area), default=None)

    def found(self, layer: Layer) -> bool:
        """Whether this looks like a consent layer.

        The first layer must offer accept or reject; a settings layer may offer only purpose
        switches and a save control.
        """
        decisive = any(
            c.kind in ("accept", "reject") and (c.in_banner or c.score >= 10) for c in self.controls
        )
        if layer == "first":
            return decisive
        return decisive or any(c.in_banner for c in self.controls) or bool(self.toggles)


async def survey(page: Page, layer: Layer = "first") -> Survey | None:
    """Look at every frame; return the frame whose banner has the most classified controls."""
    best: Survey | None = None
    for frame in page.frames:
        try:
            found = await _survey_frame(frame)
        except Exception:  # detached or navigating frame
            continue
        if found.found(layer) and (best is None or len(found.controls) > len(best.controls)):
            best = found
    return best


async def sighting(page: Page) -> str | None:
    """The text of a visible cookie or consent banner, even one with no control we recognise."""
    for frame in page.frames:
        try:
            text = await frame.evaluate(SIGHTING_JS)
        except Exception:
            continue
        if text:
            return str(text)
    return None


async def _survey_frame(frame: Frame) -> Survey:
    result: JSHandle = await frame.evaluate_handle(SURVEY_JS, [PHRASES, NECESSARY_LABEL])
    described = await frame.evaluate(
        """(r) => ({text: r.text, coverage: r.coverage,
            controls: r.controls.map(({el, ...rest}) => rest),
            toggles: r.toggles.map(({el, ...rest}) => rest)})""",
        result,
    )
    control_handles = await _elements(result, "controls")
    toggle_handles = await _elements(result, "toggles")
    found = Survey(frame=frame, text=described["text"], coverage=described["coverage"])
    for item, element in zip(described["controls"], control_handles, strict=True):
        found.controls.append(
            Control(
                kind=item["kind"],
                text=item["text"],
                tag=item["tag"],
                score=item["score"],
                in_banner=item["inBanner"],
                area=item["area"],
                color=item["color"],
                background=item["background"],
                font_size=item["fontSize"],
                font_weight=str(item["fontWeight"]),
                backdrop=item["backdrop"],
                border=item["border"],
                element=element,
            )
        )
    for item, element in zip(described["toggles"], toggle_handles, strict=True):
        found.toggles.append(
            Toggle(item["label"], item["checked"], item["disabled"], item["necessary"], element)
        )
    return found


async def _elements(result: JSHandle, key: str) -> list[ElementHandle | None]:
    """The element handles of ``result[key][i].el``, in order."""
    array = await result.evaluate_handle(f"(r) => r.{key}.map((item) => item.el)")
    properties = await array.get_properties()
    ordered = sorted(properties.items(), key=lambda item: int(item[0]))
    return [handle.as_element() for _index, handle in ordered]


async def click(control: Control | Toggle) -> bool:
    """Click a control like a visitor would; False when it could not be clicked."""
    if control.element is None:
        return False
    try:
        await control.element.click(timeout=5000)
    except Exception:
        try:  # covered by another layer: fall back to a DOM click, as a keyboard user could
            await control.element.evaluate("(el) => el.click()")
        except Exception:
            return False
    return True


async def gone(element: ElementHandle | None, timeout: float = 3.0) -> bool:
    """Whether a clicked control disappeared (hidden, removed, or the page moved on)."""
    if element is None:
        return True
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            if not await element.is_visible():
                return True
        except Exception:
            return True
        if asyncio.get_running_loop().time() >= deadline:
            return False
        await asyncio.sleep(0.1)
