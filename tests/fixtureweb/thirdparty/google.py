"""Google Analytics: Universal analytics.js, GA4 gtag.js and their collect endpoints.

Neither library sets third-party cookies (they are first-party ``_ga``/``_gid``/
``_ga_<id>`` written by the scripts), so the endpoints only answer, like Google's.
"""

from __future__ import annotations

import re

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, credentialed_cors, gif, javascript, no_content
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script


@emulates("www.google-analytics.com", r"/analytics\.js")
def analytics_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """The ``ga()`` library loaded by the standard Universal Analytics snippet."""
    return javascript(vendor_script("google_analytics.js", kits=("cookies", "transport")))


@emulates("www.google-analytics.com", r"/(r/|j/)?collect")
def universal_collect(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Universal hits arrive as image GETs (or beacons); Google answers a pixel."""
    return gif()


@emulates("www.google-analytics.com", r"/g/collect")
@emulates("region1.google-analytics.com", r"/g/collect")
def ga4_collect(request: LoggedRequest, match: re.Match[str]) -> Response:
    """GA4 hits arrive via sendBeacon/fetch and get an empty 204."""
    return no_content(headers=credentialed_cors(request))


@emulates("www.googletagmanager.com", r"/gtag/js")
def gtag_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """One shared gtag library whatever ``?id=``; the ids come from ``gtag('config')``."""
    return javascript(vendor_script("gtag.js", kits=("cookies", "transport")))
