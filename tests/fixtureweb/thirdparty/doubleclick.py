"""DoubleClick / Google Marketing Platform pixels that set the ``IDE`` ad cookie."""

from __future__ import annotations

import re
import secrets

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import MINUTE, MONTH, Response, gif, vendor_cookie
from tests.fixtureweb.thirdparty.registry import emulates

DOMAIN = "doubleclick.net"


def _ad_cookies() -> list[str]:
    """``IDE`` (13 months, HttpOnly) is the ad id; ``test_cookie`` probes cookie support."""
    return [
        vendor_cookie(
            "IDE",
            "AHWqTU" + secrets.token_urlsafe(40),
            domain=DOMAIN,
            max_age=13 * MONTH,
            http_only=True,
        ),
        vendor_cookie("test_cookie", "CheckForPermission", domain=DOMAIN, max_age=15 * MINUTE),
    ]


@emulates("ad.doubleclick.net", r"/ddm/activity/.*")
@emulates("googleads.g.doubleclick.net", r"/pagead/viewthroughconversion/.*")
@emulates("stats.g.doubleclick.net", r"/.*")
def doubleclick_pixel(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Floodlight, remarketing and GA-audience pixels all answer a gif with ad cookies."""
    return gif(cookies=_ad_cookies())
