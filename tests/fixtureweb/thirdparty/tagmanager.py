"""Google Tag Manager: containers defined here in Python instead of in GTM's UI.

Tests that need "a tracker arriving through GTM" add a container id below; the
emulated gtm.js then loads gtag for its GA4 measurement id.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, html, javascript
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

CONTAINERS: dict[str, dict[str, str]] = {
    "GTM-FIXTURE": {"ga4": "G-FIXTURE1"},
}


@emulates("www.googletagmanager.com", r"/gtm\.js")
def gtm_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Container script; unknown ids only push GTM's lifecycle events."""
    container_id = parse_qs(request.query).get("id", [""])[0]
    return javascript(
        vendor_script("gtm.js", container=CONTAINERS.get(container_id), container_id=container_id)
    )


@emulates("www.googletagmanager.com", r"/ns\.html")
def noscript_frame(request: LoggedRequest, match: re.Match[str]) -> Response:
    """The ``<noscript>`` iframe of the GTM snippet: a blank page, as in reality."""
    return html("<!DOCTYPE html><html><head></head><body></body></html>")
