"""Banner design rules: CB-05 (reject hidden as a text link, or outside the banner) and CB-06
(reject made weak by colour, contrast or size).

They read the first-layer controls the collector recorded with their computed styles
(``consent.banner.controls``: tag, area, colour, background, the backdrop behind the control,
border, font size and weight). The thresholds are the catalogue's heuristics: WCAG 2.x's 4.5:1
for text contrast, half the accept button's area for the reject control.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.checks.consent import SOURCES_CONSENT
from scanner.checks.registry import Hit, rule
from scanner.model import Scan

#: WCAG 2.x success criterion 1.4.3 (AA) for normal text.
MIN_CONTRAST = 4.5
#: The reject control should be at least half as large as the accept control.
MIN_AREA_RATIO = 0.5
WHITE = (255.0, 255.0, 255.0, 1.0)
_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)")

Rgba = tuple[float, float, float, float]


def parse_color(css: str | None) -> Rgba | None:
    """A computed CSS colour (``rgb(...)``/``rgba(...)``, as Chromium reports them) as RGBA."""
    if not css:
        return None
    if css.strip() == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    found = _RGB.search(css)
    if found is None:
        return None
    red, green, blue, alpha = found.groups()
    if alpha is None:
        opacity = 1.0
    elif alpha.endswith("%"):
        opacity = float(alpha[:-1]) / 100
    else:
        opacity = float(alpha)
    return (float(red), float(green), float(blue), opacity)


def composite(top: Rgba, bottom: Rgba) -> Rgba:
    """``top`` painted over an opaque ``bottom`` (source-over alpha compositing)."""
    alpha = top[3]
    mixed = (top[i] * alpha + bottom[i] * (1 - alpha) for i in range(3))
    return (*mixed, 1.0)  # type: ignore[return-value]


def relative_luminance(color: Rgba) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in color[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: Rgba, background: Rgba) -> float:
    """WCAG contrast ratio (1 to 21) of text over an opaque background."""
    text = composite(foreground, background)
    lighter, darker = sorted(
        (relative_luminance(text), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def surface(control: dict) -> Rgba:
    """The colour the control's text sits on: its own background over what is behind it."""
    backdrop = parse_color(control.get("backdrop")) or WHITE
    backdrop = composite(backdrop, WHITE)
    own = parse_color(control.get("background")) or (0.0, 0.0, 0.0, 0.0)
    return composite(own, backdrop)


def control_contrast(control: dict) -> float | None:
    """The control's text contrast, or None when its colours were not recorded."""
    text = parse_color(control.get("color"))
    if text is None:
        return None
    return round(contrast_ratio(text, surface(control)), 2)


def highlighted(control: dict) -> bool:
    """The control stands out from the banner: a visible background of its own, or a border."""
    backdrop = composite(parse_color(control.get("backdrop")) or WHITE, WHITE)
    own = surface(control)
    differs = any(abs(own[i] - backdrop[i]) > 8 for i in range(3))
    return differs or _border(control) > 0


def plain_text(control: dict) -> bool:
    """Styled like running text: no background of its own and no border."""
    return not highlighted(control)


def _border(control: dict) -> float:
    try:
        return float(str(control.get("border") or "0").removesuffix("px"))
    except ValueError:
        return 0.0


def _first(controls: list[dict], kind: str) -> dict | None:
    return next((c for c in controls if c.get("kind") == kind), None)


def describe(control: dict) -> dict:
    """A control as evidence: what a site owner can recognise and what was measured."""
    return {
        "text": control.get("text"),
        "tag": control.get("tag"),
        "area": control.get("area"),
        "color": control.get("color"),
        "background": control.get("background"),
        "backdrop": control.get("backdrop"),
        "font_size": control.get("font_size"),
        "font_weight": control.get("font_weight"),
        "contrast": control_contrast(control),
    }


@rule(
    "CB-05",
    "reject-as-text-link",
    "medium",
    "Reject is a plain text link while accept is a button",
    "Offer reject as a button of the same kind, size and visibility as accept, inside the "
    "banner, on its first layer.",
    (*SOURCES_CONSENT, "AP (NL): inconspicuous reject links"),
    variants={"outside": "The reject option is outside the cookie banner"},
)
def reject_as_text_link(scan: Scan) -> Iterator[Hit]:
    """Accept looks like a button and reject like an inline link, or reject outside the
    banner.

    ## Why it matters
    The Cookie Banner Taskforce names a refuse option hidden as a link in the text, next to a
    prominent accept button, as a design that obscures the choice. Visitors see one button
    and click it; consent obtained that way is likely not freely given and informed.

    ## Example
    The banner shows a green "Alles accepteren" button and, beside it, "weigeren" as small
    grey link text without a border or background.
    """
    banner = scan.consent.banner
    if banner is None:
        return
    accept, reject = _first(banner.controls, "accept"), _first(banner.controls, "reject")
    if accept is None:
        return
    if reject is None:
        if banner.first_layer_reject:
            evidence = [{"control": "reject", "in_banner": False, "accept": describe(accept)}]
            yield "pre-consent", None, evidence, ("outside", {})
        return
    if reject.get("tag") == "a" and plain_text(reject) and highlighted(accept):
        evidence = [
            {"control": "reject", **describe(reject), "styled_as": "text link"},
            {"control": "accept", **describe(accept), "styled_as": "button"},
        ]
        yield "pre-consent", None, evidence, None


def weak_reject_issues(accept: dict, reject: dict) -> list[str]:
    """What makes the reject control weaker than accept (CB-06's three tests)."""
    issues = []
    contrast = control_contrast(reject)
    if contrast is not None and contrast < MIN_CONTRAST:
        issues.append(f"reject text contrast {contrast}:1, below {MIN_CONTRAST}:1")
    accept_area, reject_area = accept.get("area") or 0, reject.get("area") or 0
    if accept_area > 0 and reject_area / accept_area < MIN_AREA_RATIO:
        issues.append(f"reject is {reject_area / accept_area:.2f} of accept's area")
    if highlighted(accept) and plain_text(reject):
        issues.append("accept is highlighted, reject is styled like plain text")
    return issues


@rule(
    "CB-06",
    "weak-reject-styling",
    "medium",
    "Reject is made harder to see than accept",
    "Give reject the same size, weight and contrast as accept (at least 4.5:1 text contrast); "
    "do not highlight accept alone.",
    (*SOURCES_CONSENT, "WCAG 2.1 SC 1.4.3", "Belgian DPA v Mediahuis (2024)"),
)
def weak_reject_styling(scan: Scan) -> Iterator[Hit]:
    """Reject contrast under 4.5:1, reject under half accept's area, or accept highlighted
    while reject looks like plain text.

    ## Why it matters
    A reject option in pale grey, much smaller than a coloured accept button, is technically
    there but hard to see or read. The Taskforce judges colours case by case, but contrast
    that leaves the alternative barely readable is likely misleading (Belgian DPA v
    Mediahuis, 2024); refusing should be as visible as accepting.

    ## Example
    Reject is light grey (#c8c8c8) 11 px text on white, a contrast of 1.7:1 and a twentieth of
    the area of the green accept button.
    """
    banner = scan.consent.banner
    if banner is None:
        return
    accept, reject = _first(banner.controls, "accept"), _first(banner.controls, "reject")
    if accept is None or reject is None:
        return
    issues = weak_reject_issues(accept, reject)
    if issues:
        evidence = [
            {"control": "reject", **describe(reject), "issues": issues},
            {"control": "accept", **describe(accept)},
        ]
        yield "pre-consent", None, evidence, None
