"""LinkedIn Insight Tag. Only LinkedIn's own third-party cookies are emulated; the
real tag's first-party ``li_fat_id`` appears only with ad click ids, which fixtures lack."""

from __future__ import annotations

import re
import secrets

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import DAY, YEAR, Response, gif, javascript, vendor_cookie
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

DOMAIN = "linkedin.com"


@emulates("snap.licdn.com", r"/li\.lms-analytics/insight(\.min)?\.js")
def insight_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Reads ``window._linkedin_partner_id`` / ``_linkedin_data_partner_ids``."""
    return javascript(vendor_script("linkedin_insight.js", kits=("transport",)))


@emulates("px.ads.linkedin.com", r"/collect/?")
def collect(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Conversion/visit endpoint: ``lidc`` (routing, 24 h) and ``bcookie`` (browser id, 1 y)."""
    bcookie = f'"v=2&{secrets.token_hex(4)}-{secrets.token_hex(2)}-{secrets.token_hex(6)}"'
    lidc = f'"b=VB{secrets.randbelow(99)}:s=V:r=V:a=V:p=V:g={secrets.randbelow(9999)}"'
    return gif(
        cookies=[
            vendor_cookie("lidc", lidc, domain=DOMAIN, max_age=DAY),
            vendor_cookie("bcookie", bcookie, domain=DOMAIN, max_age=YEAR),
        ]
    )
