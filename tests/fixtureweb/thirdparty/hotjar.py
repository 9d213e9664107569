"""Hotjar session recording: tag script, recording modules and the visit-data API."""

from __future__ import annotations

import re

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, credentialed_cors, javascript, json_body
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

MODULES_URL = "https://script.hotjar.com/modules.8f5a1ed7a2b6e3d1c4f0.js"


@emulates("static.hotjar.com", r"/c/hotjar-(?P<site>\d+)\.js")
def hotjar_tag(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Per-site tag loaded by the ``hj`` snippet (``_hjSettings={hjid, hjsv:6}``)."""
    return javascript(
        vendor_script("hotjar_tag.js", site_id=int(match["site"]), modules_url=MODULES_URL)
    )


@emulates("script.hotjar.com", r"/modules\.[0-9a-f]+\.js")
def hotjar_modules(request: LoggedRequest, match: re.Match[str]) -> Response:
    """The recorder itself (content-hashed file name, like Hotjar's CDN)."""
    return javascript(vendor_script("hotjar_modules.js", kits=("cookies", "transport", "recorder")))


@emulates("in.hotjar.com", r"/api/v2/client/sites/\d+/visit-data")
def visit_data(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Recording upload endpoint; the JSON batches stay readable in the request log."""
    return json_body({"success": True}, headers=credentialed_cors(request))
