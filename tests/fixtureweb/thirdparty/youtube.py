"""YouTube embeds: the cookie-setting youtube.com player and the youtube-nocookie one.

The "privacy-enhanced" youtube-nocookie.com domain really sets no cookies, but its
player still writes localStorage, which is exactly what scanners tend to miss.
"""

from __future__ import annotations

import re
import secrets

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import DAY, Response, binary, html, javascript, vendor_cookie
from tests.fixtureweb.thirdparty.registry import emulates
from tests.fixtureweb.thirdparty.scripts import asset_bytes, vendor_page, vendor_script

DOMAIN = "youtube.com"
VIDEO_ID = r"(?P<video>[\w-]{1,64})"


def _youtube_cookies() -> list[str]:
    """``YSC`` (session) and ``VISITOR_INFO1_LIVE`` (180 days), both HttpOnly."""
    return [
        vendor_cookie("YSC", secrets.token_urlsafe(8), domain=DOMAIN, max_age=None, http_only=True),
        vendor_cookie(
            "VISITOR_INFO1_LIVE",
            secrets.token_urlsafe(8),
            domain=DOMAIN,
            max_age=180 * DAY,
            http_only=True,
        ),
    ]


@emulates("www.youtube.com", rf"/embed/{VIDEO_ID}")
def youtube_embed(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Player iframe on youtube.com: sets the tracking cookies on load, before any click."""
    page = vendor_page("youtube_embed.html", video_id=match["video"])
    return html(page, cookies=_youtube_cookies())


@emulates("www.youtube-nocookie.com", rf"/embed/{VIDEO_ID}")
def nocookie_embed(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Same player without Set-Cookie; its localStorage writes still happen."""
    return html(vendor_page("youtube_embed.html", video_id=match["video"]))


@emulates("www.youtube.com", r"/iframe_api")
def iframe_api(request: LoggedRequest, match: re.Match[str]) -> Response:
    """IFrame Player API script; fetching it from youtube.com already sets the cookies."""
    return javascript(vendor_script("youtube_iframe_api.js"), cookies=_youtube_cookies())


@emulates("i.ytimg.com", rf"/vi/{VIDEO_ID}/[\w-]+\.jpg")
def thumbnail(request: LoggedRequest, match: re.Match[str]) -> Response:
    """Video thumbnail: a real (tiny) JPEG so the image decodes."""
    return binary(asset_bytes("thumbnail.jpg"), "image/jpeg")
