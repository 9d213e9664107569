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
from scanner.collect.consent.vocabulary import NECESSARY_LABEL, PHRASES, ControlKind

Decision = Literal["accept", "reject"]
Layer = Literal["first", "settings"]

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
