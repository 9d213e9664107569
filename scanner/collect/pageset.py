"""The page set: the pages pre-consent visits, which the other phases follow as it grows.

Pre-consent crawls same-site links breadth first, up to ``max_pages``; accept and reject run
beside it and visit the same pages in the same order, so a page they have not reached yet may
not be known yet. :meth:`PageSet.known` lets a phase wait for the next page (or for the set to
end) on an :class:`asyncio.Condition` instead of polling; the spider decides which pages, this
class only keeps the order and the waiting honest.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from urllib.parse import urldefrag, urljoin, urlsplit

from playwright.async_api import Page
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.url import url_has_any_extension, url_is_from_any_domain

from scanner.classify.domains import registrable_domain
from scanner.collect.bounds import NOT_FOLLOWED_LIMIT, UrlGuard
from scanner.policy.discover import PolicyLink

#: Link targets that are documents or downloads, not pages a visitor browses: Scrapy's own
#: list, plus feeds and calendar files it does not name.
SKIPPED_EXTENSIONS = [f".{ext}" for ext in (*IGNORED_EXTENSIONS, "xml", "ics", "gz")]
#: Pre-consent requests per page of ``max_pages``: failed pages do not fill the set, so this
#: keeps a site of failing links from being tried forever.
ATTEMPTS_PER_PAGE = 3


class PageSet:
    """The scan's pages in visiting order, the crawl frontier, and every link seen."""

    def __init__(self, start_url: str, max_pages: int) -> None:
        self.start_url = start_url
        self.max_pages = max_pages
        #: The site's registrable domain; pre-consent corrects it after the start page's
        #: redirects (:meth:`settle_site`), and attribution reads it.
        self.site_domain = registrable_domain(urlsplit(start_url).hostname or "")
        self.urls: list[str] = []
        #: Pre-consent has ended: no page will be added.
        self.final = False
        self.frontier: list[str] = [start_url]
        self.queued: set[str] = {start_url}
        #: Every link the pre-consent pages showed, for finding the policy.
        self.links: list[PolicyLink] = []
        #: Pre-consent pages requested so far (the start page is the first).
        self.requested = 1
        #: Pre-consent pages requested and neither visited nor failed yet.
        self.loading = 1
        #: Pre-consent pages requested whose work has not ended (loading, or being recorded
        #: and probed); the one that ends last closes the phase.
        self.open = 1
        #: The scan is being interrupted: no further page is taken (see :meth:`take`).
        self.halted = False
        self._changed = asyncio.Condition()
        self._site_settled = asyncio.Event()
        #: Which links are refused (``--exclude``, crawl traps); set from the crawler settings.
        self.guard = UrlGuard()
        #: ``time.monotonic()`` after which no page is started (the scan's time bound).
        self.deadline: float | None = None
        #: Why the scan stopped before its page set was complete, if it did.
        self.cut_short: str | None = None
        #: Links seen but not followed, with the reason: {"url", "reason"}, capped.
        self.not_followed: list[dict] = []
        self.not_followed_count = 0

    # -- growing it (pre-consent) ----------------------------------------------------------

    def settle_site(self, final_url: str | None) -> None:
        """The start page has loaded (``final_url`` after redirects) or could not be loaded."""
        if final_url:
            self.site_domain = registrable_domain(urlsplit(final_url).hostname or "")
        self._site_settled.set()

    async def add(self, url: str) -> None:
        """A pre-consent page was visited: it joins the set, and its load slot is free."""
        self.loading -= 1
        async with self._changed:
            if url not in self.urls:  # a resumed scan revisits a page it had not finished
                self.urls.append(url)
            self._changed.notify_all()

    def failed(self) -> None:
        """A pre-consent page could not be loaded: it stays out of the set."""
        self.loading -= 1

    def take(self, pool: int) -> list[str]:
        """The next pages pre-consent should request now: as many as ``pool`` (pages loading
        at once) has room for, while visited and loading pages stay within ``max_pages``."""
        taken: list[str] = []
        while (
            not self.halted
            and self.loading < pool
            and len(self.urls) + self.loading < self.max_pages
            and self.requested < self.max_pages * ATTEMPTS_PER_PAGE
            and not (self.frontier and self._out_of_time())
        ):
            url = self._next_unvisited()
            if url is None:
                break
            self.requested += 1
            self.loading += 1
            self.open += 1
            taken.append(url)
        return taken

    def closing(self) -> bool:
        """One pre-consent page's work has ended; True when it was the last one open, so
        this page ends the phase."""
        self.open -= 1
        return self.open == 0

    async def end(self) -> None:
        self._site_settled.set()
        async with self._changed:
            self.final = True
            self._changed.notify_all()

    def discover(self, links: list[PolicyLink]) -> None:
        """Queue same-site page links, breadth first, skipping downloads and fragments; keep
        every link for policy discovery."""
        self.links.extend(links)
        for link in links:
            url, _fragment = urldefrag(urljoin(self.start_url, link.href))
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                continue
            if not url_is_from_any_domain(url, [self.site_domain]):
                continue
            if url in self.queued:
                continue
            self.queued.add(url)
            if url_has_any_extension(url, SKIPPED_EXTENSIONS):
                self._refuse(url, "a download or document by its extension, not a web page")
            elif reason := self.guard.refuse(url):
                self._refuse(url, reason)
            else:
                self.frontier.append(url)

    def _refuse(self, url: str, reason: str) -> None:
        self.not_followed_count += 1
        if len(self.not_followed) < NOT_FOLLOWED_LIMIT:
            self.not_followed.append({"url": url, "reason": reason})

    def _out_of_time(self) -> bool:
        """Whether the scan's time bound has passed; notes that the scan was cut short."""
        if self.deadline is None or time.monotonic() < self.deadline:
            return False
        self.cut_short = self.cut_short or "the scan time limit (--scan-timeout) was reached"
        return True

    def _next_unvisited(self) -> str | None:
        while self.frontier:
            url = self.frontier.pop(0)
            if url not in self.urls:
                return url
        return None

    @property
    def settled(self) -> bool:
        """Whether the site's domain is final (the start page has loaded)."""
        return self._site_settled.is_set()

    # -- following it (the other phases) ---------------------------------------------------

    async def site_settled(self, cap: float) -> None:
        """Wait until the site's domain is final, so records are attributed against it."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._site_settled.wait(), cap)

    async def known(self, index: int, cap: float) -> bool:
        """Whether the set has a page at ``index``, waiting while pre-consent may still find
        one. Pre-consent always ends by itself; ``cap`` only keeps a bug from hanging a scan."""
        async with self._changed:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._changed.wait_for(lambda: len(self.urls) > index or self.final), cap
                )
        return len(self.urls) > index and not self._out_of_time()


async def read_links(page: Page) -> list[PolicyLink]:
    """The page's links with their text and place (header, footer, ...), for the crawl and
    for finding the policy; none when the page cannot be read any more."""
    from scanner.collect.policy import LINKS_JS  # policy.py imports this module

    try:
        found = await page.evaluate(LINKS_JS)
    except Exception:
        return []
    return [PolicyLink(str(a["href"]), str(a["text"]), str(a["place"])) for a in found]
