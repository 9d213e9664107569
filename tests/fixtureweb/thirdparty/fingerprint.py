"""FingerprintJS Pro-like fingerprinting: CDN loader (ES module or classic) and API."""

from __future__ import annotations

import hashlib
import re
import secrets
import time

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, credentialed_cors, javascript, json_body
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

# ``import('https://fpjscdn.net/v3/<key>')`` resolves to a module namespace, so the
# module variant re-exports what the classic script puts on ``window``.
MODULE_EXPORTS = (
    "export const load = window.FingerprintJS.load;\nexport default window.FingerprintJS;\n"
)


@emulates("fpjscdn.net", r"/v3/(?P<key>\w+)(?P<classic>/loader_v3\.js)?")
def loader(request: LoggedRequest, match: re.Match[str]) -> Response:
    """``/v3/<key>`` is the ES module, ``/v3/<key>/loader_v3.js`` the classic script."""
    source = vendor_script("fingerprint_agent.js", api_key=match["key"])
    if not match["classic"]:
        source += MODULE_EXPORTS
    return javascript(source)


@emulates("api.fpjs.io", r"/")
def identification(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Returns a stable visitorId derived from the posted signals."""
    visitor_id = hashlib.sha256(request.body.encode()).hexdigest()[:20]
    request_id = f"{int(time.time() * 1000)}.{secrets.token_urlsafe(4)}"
    return json_body(
        {"visitorId": visitor_id, "requestId": request_id}, headers=credentialed_cors(request)
    )
