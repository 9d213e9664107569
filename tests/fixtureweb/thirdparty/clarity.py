"""Microsoft Clarity session recording. Uploads go to ``https://z.clarity.ms/collect``."""

from __future__ import annotations

import re
import secrets

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import (
    YEAR,
    Response,
    credentialed_cors,
    gif,
    javascript,
    no_content,
    vendor_cookie,
)
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_script

VERSION = "0.7.34"


@emulates("www.clarity.ms", r"/tag/(?P<project>\w+)")
def tag(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Per-project tag from the standard snippet; loads the versioned recorder."""
    return javascript(vendor_script("clarity_tag.js", project_id=match["project"], version=VERSION))


@emulates("scripts.clarity.ms", r"/[\d.]+/clarity\.js")
def recorder(request: LoggedRequest, match: re.Match[str]) -> Response:
    """The recorder (any 0.7.x version path)."""
    return javascript(vendor_script("clarity.js", kits=("cookies", "transport", "recorder")))


@emulates("z.clarity.ms", r"/collect")
def collect(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Upload endpoint for recording batches (text/plain JSON via sendBeacon)."""
    return no_content(headers=credentialed_cors(request))


@emulates("c.clarity.ms", r"/c\.gif")
def sync_pixel(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Microsoft user-id sync: ``MUID`` (1 year) on .clarity.ms."""
    muid = secrets.token_hex(16).upper()
    return gif(cookies=[vendor_cookie("MUID", muid, domain="clarity.ms", max_age=YEAR)])
