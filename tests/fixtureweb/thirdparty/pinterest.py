"""Pinterest: conversion tag (core.js + ct.pinterest.com) and the pinit.js Save button."""

from __future__ import annotations

import re

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import YEAR, Response, binary, gif, javascript, png, vendor_cookie
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

DOMAIN = "pinterest.com"
BUTTON_PNG = png(40, 20, (230, 0, 35))


@emulates("s.pinimg.com", r"/ct/core\.js")
def core_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Tag library for the ``pintrk('load', id); pintrk('page')`` snippet."""
    return javascript(vendor_script("pinterest_core.js", kits=("cookies", "transport")))


@emulates("s.pinimg.com", r"/images/.+")
def button_image(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Widget artwork (the red Save button)."""
    return binary(BUTTON_PNG, "image/png", headers=[("Access-Control-Allow-Origin", "*")])


@emulates("ct.pinterest.com", r"/.*")
def conversion_endpoint(request: LoggedRequest, match: re.Match[str]) -> Response:
    """``/v3/`` and ``/user/`` hits; ``ar_debug`` is Pinterest's attribution-reporting cookie."""
    cookie = vendor_cookie("ar_debug", "1", domain=DOMAIN, max_age=YEAR, http_only=True)
    return gif(cookies=[cookie])


@emulates("assets.pinterest.com", r"/js/pinit(_main)?\.js")
def pinit_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Save-button script; sets no cookies itself, its image comes from s.pinimg.com."""
    return javascript(vendor_script("pinterest_pinit.js"))
