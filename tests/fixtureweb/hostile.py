"""Hostile network behaviour for ``*.vijandig-fixture.nl``: what real sites do to crawlers.

Static files cannot hold a connection open, loop a redirect forever or be 20 MB without being
committed, so these answers are made here. Two kinds:

* :func:`respond` returns a complete :class:`Response` (redirect loop, off-site redirect,
  error statuses, downloads, the 20 MB page, the endless calendar); the server frames it.
* :func:`stream` writes to the socket itself, for answers that never complete (a response that
  trickles forever, a request that is never answered). The server hands it the connection.

Both return None / False for anything they do not handle, so the static site folder
``sites/www.vijandig-fixture.nl/`` serves the rest (its start page links to every case).
"""

from __future__ import annotations

import re
import select
import time
from functools import cache
from http.server import BaseHTTPRequestHandler

from tests.fixtureweb.requestlog import LoggedRequest
from tests.fixtureweb.response import Response, binary, html, redirect

#: The site whose start page links to every hostile case.
SITE = "www.vijandig-fixture.nl"
#: An endless calendar and an endless ``?page=N`` list (a crawl trap).
AGENDA = "agenda.vijandig-fixture.nl"
HOSTS = (SITE, AGENDA)

#: Where the off-site redirect leads (a fixture site with a page of its own).
OFF_SITE_TARGET = "https://www.example.org/"
#: Size of the generated large page (bytes): big enough to hurt a naive crawler.
LARGE_PAGE_BYTES = 20 * 1024 * 1024
#: How often the trickling page sends one more byte (seconds), and how long the server keeps
#: a trickle or a silent request going at most, should the client never hang up (seconds).
TRICKLE_INTERVAL_SECONDS = 0.5
HOLD_CAP_SECONDS = 600.0
#: How long one wait for the client to hang up lasts before the cap is checked again (seconds).
HANGUP_POLL_SECONDS = 1.0

#: Error pages by path: status and title.
ERROR_PAGES = {
    "/verboden/": (403, "Verboden"),
    "/kapot/": (500, "Interne fout"),
    "/onderhoud/": (503, "Onderhoud"),
}

#: A minimal valid one-page PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

_MONTH = re.compile(r"^/agenda/(\d{4})/(\d{1,2})/$")
_PAGE_NUMBER = re.compile(r"(?:^|&)page=(\d+)(?:&|$)")


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1>{body}</body></html>\n"
    )


def respond(request: LoggedRequest) -> Response | None:
    """The dynamic answer for a hostile path, or None to let the static site answer."""
    if request.host == AGENDA:
        return _agenda(request)
    if request.host != SITE:
        return None
    path = request.path
    if path == "/lus/":  # every hop redirects again, with a counter so no URL repeats
        step = int(request.query.partition("=")[2] or 0) + 1
        return redirect(f"/lus/?stap={step}", 302)
    if path == "/weg/":
        return redirect(OFF_SITE_TARGET, 302)
    if path in ERROR_PAGES:
        status, title = ERROR_PAGES[path]
        return html(_page(title, '<p><a href="/">Home</a></p>'), status)
    if path == "/bijlage":  # a download without a telling extension
        disposition = 'attachment; filename="prijslijst.csv"'
        return binary(
            b"artikel;prijs\nkoffie;2.50\n",
            "text/csv",
            headers=[("Content-Disposition", disposition)],
        )
    if path in ("/bestand.zip", "/setup.exe"):
        return binary(b"PK\x05\x06" + bytes(18), "application/octet-stream")
    if path.endswith(".pdf"):
        return binary(PDF_BYTES, "application/pdf")
    if path == "/groot/":
        return binary(large_page(), "text/html; charset=utf-8")
    return None


@cache
def large_page() -> bytes:
    """A valid HTML page of exactly :data:`LARGE_PAGE_BYTES`, made once per process."""
    head = _page("Groot", '<p><a href="/">Home</a></p>').encode().replace(b"</body></html>\n", b"")
    tail = b"</body></html>\n"
    paragraph = b"<p>Een heel lange pagina met steeds dezelfde alinea tekst.</p>\n"
    room = LARGE_PAGE_BYTES - len(head) - len(tail)
    filler = paragraph * (room // len(paragraph))
    return head + filler + b" " * (room - len(filler)) + tail


def _agenda(request: LoggedRequest) -> Response:
    """``/agenda/YYYY/MM/`` links the next month, forever; ``/nieuws/?page=N`` links N+1."""
    if request.path == "/":
        links = '<a href="/agenda/2026/12/">Agenda</a> <a href="/nieuws/?page=1">Nieuws</a>'
        return html(_page("Agenda-site", f"<p>{links}</p>"))
    month = _MONTH.match(request.path)
    if month:
        year, number = int(month[1]), int(month[2])
        following = f"/agenda/{year + number // 12}/{number % 12 + 1:02d}/"
        link = f'<p><a href="{following}">Volgende</a></p>'
        return html(_page(f"Agenda {year}-{number:02d}", link))
    page = _PAGE_NUMBER.search(request.query)
    if request.path == "/nieuws/" and page:
        following = f"/nieuws/?page={int(page[1]) + 1}"
        return html(_page(f"Nieuws {page[1]}", f'<p><a href="{following}">Oudere</a></p>'))
    return html(_page("Niet gevonden", ""), 404)


def stream(request: LoggedRequest, handler: BaseHTTPRequestHandler) -> bool:
    """Answer a request that never completes, on the handler's socket; False if not ours.

    ``/traag/`` sends headers and the start of a page, then one byte every
    :data:`TRICKLE_INTERVAL_SECONDS`, never the end: the load event never fires. ``/stil/``
    never answers at all. Both end when the client hangs up (or at :data:`HOLD_CAP_SECONDS`).
    """
    if request.host != SITE or request.path not in ("/traag/", "/stil/"):
        return False
    deadline = time.monotonic() + HOLD_CAP_SECONDS
    if request.path == "/stil/":
        _wait_for_hangup(handler, deadline)
        return True
    start = _page("Traag", "<p>Deze pagina laadt nooit uit").encode().split(b"</p>")[0]
    try:
        handler.wfile.write(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Cache-Control: no-store\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        _chunk(handler, start)
        while time.monotonic() < deadline and not _hung_up(handler, TRICKLE_INTERVAL_SECONDS):
            _chunk(handler, b".")
    except OSError:
        pass  # the client went away: that is how a trickle ends
    return True


def _chunk(handler: BaseHTTPRequestHandler, data: bytes) -> None:
    handler.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
    handler.wfile.flush()


def _hung_up(handler: BaseHTTPRequestHandler, wait: float) -> bool:
    """Whether the client closed the connection, waiting up to ``wait`` seconds to find out."""
    readable, _, _ = select.select([handler.connection], [], [], wait)
    if not readable:
        return False
    try:
        return handler.connection.recv(1, 0) == b""
    except OSError:
        return True


def _wait_for_hangup(handler: BaseHTTPRequestHandler, deadline: float) -> None:
    while time.monotonic() < deadline and not _hung_up(handler, HANGUP_POLL_SECONDS):
        pass
