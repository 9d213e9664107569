"""Adobe Analytics collection through a first-party CNAME (``metrics.<site>``).

Adobe's "first-party data collection" has the site point a subdomain at Adobe's servers
(``<company>.sc.omtrdc.net``); hits then look first-party. The fixture DNS server holds the
CNAME (tests/fixtureweb/dns.py); this handler is Adobe's server answering under that name.
"""

from __future__ import annotations

import re
import secrets

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import YEAR, Response, gif, vendor_cookie
from tests.fixtureweb.thirdparty.registry import emulates


@emulates("metrics.shop-fixture.nl", r"/b/ss/.*")
def image_request(request: LoggedRequest, match: re.Match[str]) -> Response:
    """An Adobe image request; sets the visitor id ``s_vi`` on the site's own domain."""
    visitor = f"[CS]v1|{secrets.token_hex(8).upper()}-{secrets.token_hex(8).upper()}[CE]"
    return gif(cookies=[vendor_cookie("s_vi", visitor, domain="shop-fixture.nl", max_age=2 * YEAR)])
