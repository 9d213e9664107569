"""Response value and builders shared by first-party sites and vendor emulations.

Handlers return a `Response` instead of writing to the socket themselves so that the
server alone decides framing (Content-Length, HEAD, keep-alive). That is what keeps
Chromium from ever hanging on a half-written answer.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tests.fixtureweb.requestlog import LoggedRequest

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
YEAR = 365 * DAY
MONTH = 30 * DAY

CONTENT_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
}

# The classic 43-byte transparent tracking pixel every analytics vendor answers with.
GIF_1X1 = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


@dataclass
class Response:
    """A complete HTTP answer; the server adds Content-Length and connection framing."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/plain; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        """First value of a header, so callers need not know the list layout."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)


def content_type_for(filename: str) -> str:
    """Content type by extension; unknown files are served as opaque bytes."""
    dot = filename.rfind(".")
    return CONTENT_TYPES.get(filename[dot:].lower(), "application/octet-stream")


def text(body: str, status: int = 200, *, headers: Iterable[tuple[str, str]] = ()) -> Response:
    """Plain-text answer, used for diagnostics such as 'no fixture for host'."""
    return Response(status, body.encode(), "text/plain; charset=utf-8", list(headers))


def html(
    body: str,
    status: int = 200,
    *,
    cookies: Iterable[str] = (),
    headers: Iterable[tuple[str, str]] = (),
) -> Response:
    """HTML document (iframes of embeds, thank-you pages)."""
    return _with_cookies(
        Response(status, body.encode(), CONTENT_TYPES[".html"], list(headers)), cookies
    )


def javascript(
    source: str, *, cookies: Iterable[str] = (), headers: Iterable[tuple[str, str]] = ()
) -> Response:
    """Script answer; vendors' CDNs all allow cross-origin reads of their scripts."""
    base = [("Access-Control-Allow-Origin", "*"), *headers]
    return _with_cookies(Response(200, source.encode(), CONTENT_TYPES[".js"], base), cookies)


def css(source: str) -> Response:
    """Stylesheet answer with the public CORS header font CDNs send."""
    return Response(
        200, source.encode(), CONTENT_TYPES[".css"], [("Access-Control-Allow-Origin", "*")]
    )


def gif(*, cookies: Iterable[str] = ()) -> Response:
    """1x1 tracking pixel: the answer of every image beacon endpoint."""
    return _with_cookies(Response(200, GIF_1X1, "image/gif"), cookies)


def no_content(*, cookies: Iterable[str] = (), headers: Iterable[tuple[str, str]] = ()) -> Response:
    """204, the answer of beacon endpoints that are called with sendBeacon/fetch."""
    return _with_cookies(Response(204, b"", None, list(headers)), cookies)


def json_body(
    data: Any,
    *,
    status: int = 200,
    cookies: Iterable[str] = (),
    headers: Iterable[tuple[str, str]] = (),
) -> Response:
    """JSON API answer (settings endpoints, fingerprint API)."""
    encoded = json.dumps(data, separators=(",", ":")).encode()
    return _with_cookies(Response(status, encoded, "application/json", list(headers)), cookies)


def binary(body: bytes, content_type: str, *, headers: Iterable[tuple[str, str]] = ()) -> Response:
    """Opaque bytes such as thumbnails and font files."""
    return Response(200, body, content_type, list(headers))


def redirect(location: str, status: int = 302) -> Response:
    """Redirect with a tiny body, as real servers send one."""
    return Response(
        status,
        f'<a href="{location}">Moved</a>'.encode(),
        CONTENT_TYPES[".html"],
        [("Location", location)],
    )


def vendor_cookie(
    name: str, value: str, *, domain: str, max_age: int | None, http_only: bool = False
) -> str:
    """Set-Cookie value the way third parties set them: cross-site usable, domain-wide.

    ``max_age=None`` makes a session cookie (e.g. YouTube's YSC).
    """
    parts = [f"{name}={value}", f"Domain=.{domain.lstrip('.')}", "Path=/"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    parts += ["Secure", "SameSite=None"]
    if http_only:
        parts.append("HttpOnly")
    return "; ".join(parts)


def credentialed_cors(request: LoggedRequest) -> list[tuple[str, str]]:
    """CORS headers that let a page's credentialed fetch read the answer.

    Browsers reject ``*`` together with credentials, so real vendors echo the Origin.
    """
    origin = request.headers.get("origin", "*")
    headers = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
    if origin != "*":
        headers.append(("Access-Control-Allow-Credentials", "true"))
    return headers


def preflight(request: LoggedRequest) -> Response:
    """Permissive answer to any CORS preflight, so beacons with JSON bodies go through."""
    asked = request.headers.get("access-control-request-headers", "content-type")
    headers = [
        *credentialed_cors(request),
        ("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS, HEAD"),
        ("Access-Control-Allow-Headers", asked),
        ("Access-Control-Max-Age", "600"),
    ]
    return Response(204, b"", None, headers)


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """Solid-colour PNG built with zlib, so image endpoints return decodable images."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _with_cookies(response: Response, cookies: Iterable[str]) -> Response:
    response.headers.extend(("Set-Cookie", cookie) for cookie in cookies)
    return response
