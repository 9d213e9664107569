"""Bounds on a scan: time (per page, per scan), which URLs are followed, and what is a page.

Real sites are hostile to crawlers without meaning to be: calendars that link the next month
forever, pages that never finish loading, redirects into other sites, downloads behind
ordinary links. This module holds the decisions the spider and the page set take about them,
so that each is made in one place and recorded with its reason in the report:

* the scan's time bound: a soft deadline after which no new page is started (every phase
  ends after the page it is on, so its records are still built), and Scrapy's own
  ``CLOSESPIDER_TIMEOUT`` as the hard stop behind it, should something hang anyway;
* :class:`UrlGuard`: ``--exclude`` patterns, and a guard against crawl traps, the same path
  template with ever-changing numbers (``/agenda/2026/12/``, ``?page=7``);
* :func:`not_a_page`: a response that is no page of the site (it left the site, or it is a
  download, a document such as a PDF, or over the size limit) is recorded, but not followed
  into the page set; :func:`keep_on_site` stops a followed link's redirect to another site
  before the browser loads anything from it.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import scrapy
from playwright.async_api import Page
from scrapy.crawler import Crawler
from scrapy.http import Response

from scanner.classify.domains import registrable_domain
from scanner.model import PageVisit, Scan

if TYPE_CHECKING:
    from scanner.collect.pageset import PageSet
    from scanner.collect.recorder import PageRecorder

#: After the soft deadline, the longest the phases may take to finish the pages they are on
#: before Scrapy closes the crawl regardless (seconds, on top of one page's own bound).
CLOSING_GRACE_SECONDS = 30.0
#: Pages of one path template (digits replaced) the crawl may visit; the rest are a trap.
SAME_TEMPLATE_LIMIT = 3
#: Links kept in the report's ``not_followed`` list; the count beyond it is summarised.
NOT_FOLLOWED_LIMIT = 50
#: A followed page larger than this (bytes of HTML) is recorded but kept out of the page
#: set, so the other phases do not load it again. Real pages stay far below it.
PAGE_SIZE_LIMIT_BYTES = 10 * 1024 * 1024

_DIGITS = re.compile(r"\d+")
#: ``request.meta`` key: the off-site URL a followed page tried to navigate to.
LEFT_SITE = "privacyscan_left_site"

#: PageVisit outcomes (the report's ``pages[].outcome``).
LOADED, HTTP_ERROR, TIMEOUT, ERROR, OFF_SITE, NOT_HTML, DOWNLOAD, TOO_LARGE = (
    "loaded",
    "http-error",
    "timeout",
    "error",
    "off-site",
    "not-html",
    "download",
    "too-large",
)


def configure(crawler: Crawler, pages: PageSet) -> None:
    """Bound the crawl from its settings: the soft deadline and the URL guard on ``pages``,
    and the hard stop (``CLOSESPIDER_TIMEOUT``) behind the deadline.

    Called from the spider's ``from_crawler``, before Scrapy freezes the settings and builds
    its CloseSpider extension from them."""
    settings = crawler.settings
    budget = settings.getfloat("PRIVACYSCAN_SCAN_TIMEOUT")
    page_bound = settings.getfloat("DOWNLOAD_TIMEOUT")
    hard = budget + page_bound + CLOSING_GRACE_SECONDS
    settings.set("CLOSESPIDER_TIMEOUT", hard, priority="spider")
    pages.deadline = time.monotonic() + budget
    pages.guard = UrlGuard(settings.getlist("PRIVACYSCAN_EXCLUDE"))


def note(scan: Scan, pages: PageSet, reason: str) -> None:
    """Write into the scan what the bounds did: links not followed, and whether (and why)
    the crawl was cut short. ``reason`` is Scrapy's reason for closing the spider."""
    scan.not_followed = list(pages.not_followed)
    if pages.not_followed_count > len(pages.not_followed):
        more = pages.not_followed_count - len(pages.not_followed)
        scan.not_followed.append({"url": "", "reason": f"{more} more links not listed"})
    if reason == "closespider_timeout":
        scan.cut_short = "the scan time limit (--scan-timeout) was reached: the crawl was stopped"
    elif reason != "finished":
        scan.cut_short = f"the crawl was stopped ({reason})"
    else:
        scan.cut_short = pages.cut_short


def page_of(request: scrapy.Request) -> Page | None:
    """The request's browser page, when scrapy-playwright made one and it is still open."""
    page = request.meta.get("playwright_page")
    return page if isinstance(page, Page) and not page.is_closed() else None


async def close_page(page: Page | None, recorder: PageRecorder | None) -> None:
    """Stop recording and close the page; a page already gone is fine. Pages that gave no
    page of the site are closed at once too, so they stop loading (a trickle, a 20 MB
    document) instead of holding a renderer and a connection until the phase ends."""
    with contextlib.suppress(Exception):
        if recorder is not None:
            await recorder.detach()
        if page is not None and not page.is_closed():
            await page.close()


def template(url: str) -> str:
    """The URL with every number replaced, and query values that are numbers too: the
    shape a calendar or a paged list keeps while its numbers change forever."""
    parts = urlsplit(url)
    query = "&".join(
        f"{key}={'{n}' if value.isdigit() else value}" for key, value in parse_qsl(parts.query)
    )
    return f"{parts.netloc}{_DIGITS.sub('{n}', parts.path)}?{query}"


class UrlGuard:
    """Which discovered links the crawl refuses, and why."""

    def __init__(self, patterns: list[str] | tuple[str, ...] = ()) -> None:
        self.patterns = [re.compile(p) for p in patterns]
        self._templates: dict[str, int] = {}

    def refuse(self, url: str) -> str | None:
        """Why ``url`` is not followed, or None. Counts it against its template if not."""
        for pattern in self.patterns:
            if pattern.search(url):
                return f"excluded by --exclude {pattern.pattern}"
        shape = template(url)
        if not _DIGITS.search(url.split("//", 1)[-1].split("/", 1)[-1]):
            return None  # no number in path or query: not a numbered series
        seen = self._templates.get(shape, 0)
        if seen >= SAME_TEMPLATE_LIMIT:
            return f"crawl trap: more than {SAME_TEMPLATE_LIMIT} links of the form {shape}"
        self._templates[shape] = seen + 1
        return None


def not_a_page(response: Response, final_url: str, site_domain: str) -> PageVisit | None:
    """The visit to record when a followed link gave no page of the site, else None."""
    content_type = response.headers.get("Content-Type", b"").decode("latin-1")
    disposition = response.headers.get("Content-Disposition", b"").decode("latin-1")
    host = urlsplit(final_url).hostname or ""
    if disposition.lower().startswith("attachment"):
        outcome, reason = DOWNLOAD, f"a download ({disposition}), not a web page"
    elif "html" not in content_type.lower():
        outcome, reason = NOT_HTML, f"not a web page ({content_type or 'no content type'})"
    elif final_url.startswith("http") and registrable_domain(host) != site_domain:
        outcome, reason = OFF_SITE, f"redirected off the site to {final_url}"
    elif len(response.body) > PAGE_SIZE_LIMIT_BYTES:
        size = len(response.body) / 1024 / 1024
        outcome, reason = TOO_LARGE, f"{size:.1f} MB of HTML, over the page size limit"
    else:
        return None
    return PageVisit(
        phase=response.meta["phase"],
        url=response.request.url,
        status=response.status,
        final_url=final_url,
        content_type=content_type or None,
        error=reason,
        outcome=outcome,
    )


def outcome_of_status(status: int) -> str:
    """A page that loaded is still an error page when its status says so (4xx, 5xx)."""
    return HTTP_ERROR if status >= 400 else LOADED


def failed_visit(request: scrapy.Request, reason: str) -> PageVisit:
    """The visit to record for a followed link that did not load: timed out (it never
    finished loading), stopped because it left the site (:func:`keep_on_site`), or an error."""
    visit = PageVisit(phase=request.meta["phase"], url=request.url, status=None, error=reason)
    left = request.meta.get(LEFT_SITE)
    if left:
        visit.outcome, visit.final_url = OFF_SITE, left
        visit.error = f"redirected off the site to {left}; not followed"
    else:
        visit.outcome = TIMEOUT if "Timeout" in reason and "exceeded" in reason else ERROR
    return visit


async def keep_on_site(page: Page, request: scrapy.Request, site_domain: Callable[[], str]) -> None:
    """Stop a followed link's page from navigating to another site (an HTTP redirect, a
    script or meta refresh), before the browser loads it: that site's cookies and requests
    would otherwise land in this phase's profile as if this site had caused them.

    Chromium reports every hop of a redirect to a Fetch client at the request stage, so one
    main-frame document pattern sees them all; the blocked URL goes to ``request.meta``."""
    cdp = await page.context.new_cdp_session(page)
    main_frame = (await cdp.send("Page.getFrameTree"))["frameTree"]["frame"]["id"]

    async def paused(event: dict) -> None:
        url = event["request"]["url"]
        host = urlsplit(url).hostname or ""
        leaves = url.startswith("http") and registrable_domain(host) != site_domain()
        with contextlib.suppress(Exception):  # the page may be closing
            if event.get("frameId") == main_frame and leaves:
                request.meta.setdefault(LEFT_SITE, url)
                await cdp.send(
                    "Fetch.failRequest",
                    {"requestId": event["requestId"], "errorReason": "BlockedByClient"},
                )
            else:
                await cdp.send("Fetch.continueRequest", {"requestId": event["requestId"]})

    cdp.on("Fetch.requestPaused", lambda event: asyncio.ensure_future(paused(event)))
    patterns = [{"resourceType": "Document", "requestStage": "Request"}]
    await cdp.send("Fetch.enable", {"patterns": patterns})
