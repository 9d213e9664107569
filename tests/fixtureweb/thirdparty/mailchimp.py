"""Mailchimp: hosted signup form target, site-connect script and form validation."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, html, javascript
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_page, vendor_script

SUCCESS_MESSAGE = "Bedankt / Thanks: please confirm your subscription."


@emulates("*.list-manage.com", r"/subscribe/post")
def subscribe(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Form POST target on ``<account>.us<N>.list-manage.com``; the body (the e-mail
    address!) stays in the request log, which is what privacy tests look for."""
    return_url = request.headers.get("referer", "/")
    return html(vendor_page("mailchimp_thanks.html", return_url=return_url))


@emulates("*.list-manage.com", r"/subscribe/post-json")
def subscribe_jsonp(request: LoggedRequest, match: re.Match[str]) -> Response:
    """JSONP variant used by Mailchimp's AJAX embed forms."""
    callback = parse_qs(request.query).get("c", ["callback"])[0]
    if not re.fullmatch(r"[\w.$]+", callback):
        callback = "callback"
    payload = json.dumps({"result": "success", "msg": SUCCESS_MESSAGE})
    return javascript(f"{callback}({payload});")


@emulates("chimpstatic.com", r"/mcjs-connected/js/users/\w+/\w+\.js")
def site_connect(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Connected-site script: real ones only show pop-ups configured in Mailchimp."""
    return javascript("/* Mailchimp connected site: no pop-up forms configured. */\n")


@emulates("s3.amazonaws.com", r"/downloads\.mailchimp\.com/js/mc-validate\.js")
def mc_validate(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Client-side validation of the embedded signup form; harmless."""
    return javascript(vendor_script("mailchimp_validate.js"))
