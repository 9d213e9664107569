"""Google Fonts: css/css2 stylesheets and the font files on fonts.gstatic.com.

Fonts set no cookies; what matters to a privacy scan is that the visitor's IP and
Referer reach Google, which the request log records.
"""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qs

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, binary, css
from tests.fixtureweb.thirdparty.registry import emulates

LATIN_RANGE = (
    "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, "
    "U+0308, U+0329, U+2000-206F, U+2074, U+20AC, U+2122, U+2191, U+2193, U+2212, "
    "U+2215, U+FEFF, U+FFFD"
)
# Only the WOFF2 signature and zero padding: Chromium rejects it (a console warning,
# not a page error) and falls back to the local font, which is all fixtures need.
FAKE_WOFF2 = b"wOF2\x00\x01\x00\x00" + bytes(56)

Variant = tuple[str, str]  # (style, weight)


@emulates("fonts.googleapis.com", r"/css2?")
def stylesheet(request: LoggedRequest, match: re.Match[str]) -> Response:
    """@font-face rules for each requested family and variant."""
    params = parse_qs(request.query)
    display = params.get("display", [None])[0]
    parse = _css2_family if request.path == "/css2" else _css1_families
    rules = [
        _font_face(family, style, weight, display)
        for spec in params.get("family", [])
        for family, variants in parse(spec)
        for style, weight in variants
    ]
    return css("".join(rules))


@emulates("fonts.gstatic.com", r"/s/.+\.woff2")
def font_file(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Font bytes with the public CORS header fonts require."""
    return binary(FAKE_WOFF2, "font/woff2", headers=[("Access-Control-Allow-Origin", "*")])


def _css2_family(spec: str) -> list[tuple[str, list[Variant]]]:
    """``Roboto:ital,wght@0,400;1,700`` -> [("Roboto", [("normal","400"), ("italic","700")])]."""
    name, _, axes = spec.partition(":")
    if not axes:
        return [(name, [("normal", "400")])]
    tags, _, tuples = axes.partition("@")
    names = tags.split(",")
    variants = []
    for values in tuples.split(";"):
        axis = dict(zip(names, values.split(","), strict=False))
        style = "italic" if axis.get("ital") == "1" else "normal"
        variants.append((style, axis.get("wght", "400").replace("..", " ")))
    return [(name, variants)]


def _css1_families(spec: str) -> list[tuple[str, list[Variant]]]:
    """``Roboto:400,700italic|Open Sans`` (the legacy /css API)."""
    families = []
    for family in spec.split("|"):
        name, _, variants = family.partition(":")
        parsed = []
        for variant in (variants or "400").split(","):
            weight = re.sub(r"\D", "", variant) or ("700" if "bold" in variant else "400")
            parsed.append(("italic" if "italic" in variant else "normal", weight))
        families.append((name, parsed))
    return families


def _font_face(family: str, style: str, weight: str, display: str | None) -> str:
    slug = family.lower().replace(" ", "")
    digest = hashlib.sha1(f"{family}/{style}/{weight}".encode()).digest()
    file_name = base64.urlsafe_b64encode(digest).decode().rstrip("=")[:20]
    display_rule = f"  font-display: {display};\n" if display else ""
    return (
        f"/* latin */\n@font-face {{\n  font-family: '{family}';\n  font-style: {style};\n"
        f"  font-weight: {weight};\n{display_rule}"
        f"  src: url(https://fonts.gstatic.com/s/{slug}/v30/{file_name}.woff2) format('woff2');\n"
        f"  unicode-range: {LATIN_RANGE};\n}}\n"
    )
