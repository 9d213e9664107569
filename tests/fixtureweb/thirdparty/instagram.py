"""Instagram: embed.js and the post embed iframe that sets Instagram's cookies."""

from __future__ import annotations

import re
import secrets

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import YEAR, Response, html, javascript, vendor_cookie
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_page, vendor_script

DOMAIN = "instagram.com"


@emulates("www.instagram.com", r"/embed\.js")
def embed_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Turns ``blockquote.instagram-media`` into ``/p/<code>/embed/`` iframes."""
    return javascript(vendor_script("instagram_embed.js", kits=("transport",)))


@emulates("www.instagram.com", r"/(p|reel|tv)/(?P<code>[\w-]+)/embed(/captioned)?/?")
def post_embed(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Post iframe: ``csrftoken`` (1 y), ``mid`` (2 y) and ``ig_did`` (1 y, HttpOnly)."""
    cookies = [
        vendor_cookie("csrftoken", secrets.token_urlsafe(24), domain=DOMAIN, max_age=YEAR),
        vendor_cookie("mid", secrets.token_urlsafe(20), domain=DOMAIN, max_age=2 * YEAR),
        vendor_cookie(
            "ig_did",
            str(secrets.token_hex(16)).upper(),
            domain=DOMAIN,
            max_age=YEAR,
            http_only=True,
        ),
    ]
    return html(vendor_page("instagram_post.html", code=match["code"]), cookies=cookies)
