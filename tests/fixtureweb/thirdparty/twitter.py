"""Twitter/X: widgets.js, the tweet and share-button iframes, and the settings call."""

from __future__ import annotations

import re
import secrets
import time
from urllib.parse import parse_qs, quote

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import (
    MONTH,
    Response,
    credentialed_cors,
    html,
    javascript,
    json_body,
    vendor_cookie,
)
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import vendor_page, vendor_script

DOMAIN = "twitter.com"


@emulates("platform.twitter.com", r"/widgets\.js")
def widgets_js(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Turns ``blockquote.twitter-tweet`` and ``a.twitter-share-button`` into iframes."""
    return javascript(vendor_script("twitter_widgets.js", kits=("transport",)))


@emulates("platform.twitter.com", r"/embed/Tweet\.html")
def tweet_frame(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Embedded post; its script calls syndication.twitter.com/settings."""
    tweet_id = parse_qs(request.query).get("id", ["0"])[0]
    return html(vendor_page("twitter_tweet.html", tweet_id=tweet_id))


@emulates("platform.twitter.com", r"/widgets/tweet_button(\.[0-9a-f]+)?\.html")
def share_button_frame(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Share button iframe."""
    url = parse_qs(request.query).get("url", [""])[0]
    return html(vendor_page("twitter_button.html", url=quote(url, safe="")))


@emulates("syndication.twitter.com", r"/settings")
def settings(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Sets ``personalization_id`` and ``guest_id`` (13 months) on .twitter.com."""
    now = int(time.time() * 1000)
    cookies = [
        vendor_cookie(
            "personalization_id",
            f'"v1_{secrets.token_urlsafe(16)}=="',
            domain=DOMAIN,
            max_age=13 * MONTH,
        ),
        vendor_cookie(
            "guest_id", f"v1%3A{now}{secrets.randbelow(999999)}", domain=DOMAIN, max_age=13 * MONTH
        ),
    ]
    body = {"should_obtain_cookie_consent": False, "features": {}}
    return json_body(body, cookies=cookies, headers=credentialed_cors(request))
