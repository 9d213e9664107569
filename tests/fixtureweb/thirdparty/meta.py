"""Meta (Facebook): the Pixel, its ``/tr`` endpoint, the JS SDK and social plugins."""

from __future__ import annotations

import re
import secrets
from urllib.parse import parse_qs

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import (
    MONTH,
    YEAR,
    Response,
    gif,
    html,
    javascript,
    vendor_cookie,
)
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_page, vendor_script

DOMAIN = "facebook.com"
LOCALE = r"[a-z]{2}_[A-Z]{2}"
LIKE_LABELS = {"nl_NL": "Vind ik leuk", "de_DE": "Gefällt mir", "fr_FR": "J'aime"}


@emulates("connect.facebook.net", rf"/{LOCALE}/fbevents\.js")
def fbevents_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Pixel library; every locale path serves the same code, as on Meta's CDN."""
    return javascript(vendor_script("fbevents.js", kits=("cookies", "transport")))


@emulates("connect.facebook.net", rf"/(?P<locale>{LOCALE})/sdk\.js")
def sdk_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """JS SDK that turns ``<div class="fb-like">`` into plugin iframes."""
    return javascript(vendor_script("fb_sdk.js", kits=("transport",), locale=match["locale"]))


@emulates("www.facebook.com", r"/tr/?")
def pixel_endpoint(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Pixel hits; ``fr`` is Meta's ad-delivery cookie (90 days)."""
    value = f"0{secrets.token_urlsafe(24)}..{secrets.token_urlsafe(8)}.AAA.0.0"
    return gif(
        cookies=[vendor_cookie("fr", value, domain=DOMAIN, max_age=3 * MONTH, http_only=True)]
    )


@emulates("www.facebook.com", r"/plugins/(?P<plugin>like|page|share_button)\.php")
def social_plugin(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Like/Page/Share iframe; loading it sets the ``datr`` browser id (2 years)."""
    params = parse_qs(request.query)
    locale = params.get("locale", ["en_US"])[0]
    page = vendor_page(
        "fb_plugin.html",
        href=params.get("href", [""])[0],
        label=LIKE_LABELS.get(locale, "Share" if match["plugin"] == "share_button" else "Like"),
    )
    datr = vendor_cookie(
        "datr", secrets.token_urlsafe(18), domain=DOMAIN, max_age=2 * YEAR, http_only=True
    )
    return html(page, cookies=[datr])
