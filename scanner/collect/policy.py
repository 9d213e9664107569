"""Fetch the site's policy documents with the browser, in a context of their own.

The policy pages are loaded in a fresh profile that is not one of the three phases, so reading
the policy never adds cookies or requests to what the phases observed. Going through Chromium
(not a plain HTTP client) keeps ``--host-rules`` and the browser's rendering: policies that a
consent manager injects with JavaScript are read as a visitor sees them. A PDF arrives as a
download, which scrapy-playwright hands over as the response body.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit

import scrapy
from playwright.async_api import Page
from scrapy.http import Response
from twisted.python.failure import Failure

from scanner.collect.browser import context_kwargs, describe_failure, new_profile
from scanner.collect.pageset import PageSet
from scanner.model import PolicyDocument
from scanner.options import ScanOptions, is_url
from scanner.policy.discover import (
    Candidate,
    common_path_candidates,
    policy_candidates,
)
from scanner.policy.genre import judge
from scanner.policy.read import PolicyUnreadable, read_policy

#: Every link with its text and where it sits: footer, banner, menu or body.
LINKS_JS = """
() => Array.from(document.querySelectorAll('a[href]'), (a) => {
  const banner = a.closest('[role=dialog], [aria-modal=true], [id*=cookie i], [class*=cookie i],'
    + ' [id*=consent i], [class*=consent i], [id*=cmp i], [class*=gdpr i]');
  const place = a.closest('footer, [role=contentinfo]') ? 'footer'
    : banner && !a.closest('main, article') ? 'banner'
    : a.closest('nav, header, [role=navigation]') ? 'menu' : 'body';
  return {href: a.href, text: (a.innerText || a.textContent || '').trim().slice(0, 200), place};
})
"""


#: The document's own bytes, fetched from inside the page: Chromium shows a PDF in its viewer,
#: so the navigation's body is the viewer's HTML, not the file.
FETCH_BYTES_JS = """
async (url) => {
  const response = await fetch(url, {credentials: 'omit'});
  return Array.from(new Uint8Array(await response.arrayBuffer()));
}
"""


async def document_bytes(page: Page, url: str, body: bytes, content_type: str) -> bytes:
    """The policy file as served: the response body, or for a PDF the file behind the viewer."""
    is_pdf = "pdf" in content_type.lower() or urlsplit(url).path.lower().endswith(".pdf")
    if not is_pdf or body.startswith(b"%PDF"):
        return body
    try:
        return bytes(await page.evaluate(FETCH_BYTES_JS, url))
    except Exception:
        return body


def policy_request(
    candidate: Candidate,
    context_kwargs: dict,
    callback: Callable[..., Any],
    errback: Callable[..., Any],
    fallbacks: list[Candidate],
) -> scrapy.Request:
    """A browser request for a policy document; ``fallbacks`` are tried if it is not one."""
    return scrapy.Request(
        candidate.url,
        callback=callback,
        errback=errback,
        dont_filter=True,
        meta={
            "playwright": True,
            "playwright_context": "policy",
            "playwright_context_kwargs": context_kwargs,
            "playwright_page_goto_kwargs": {"wait_until": "load"},
            "playwright_include_page": True,
            "handle_httpstatus_all": True,
            "candidate": candidate,
            "fallbacks": fallbacks,
        },
    )


def reads_as_policy(body: bytes, content_type: str, url: str) -> bool:
    """Whether a guessed common path (``/privacy``...) served a policy, so the next guess is
    tried otherwise: a soft 404 or a home page there mentions "privacy" in its footer, and was
    taken for the policy (then rejected by the reader, leaving the site without one)."""
    try:
        return judge(read_policy(body, content_type, url)).is_policy
    except PolicyUnreadable:
        return False


class PolicyFetching:
    """The spider's policy fetching: requests for the candidates, and their callbacks.

    A mixin of :class:`~scanner.collect.spider.PrivacySpider` (Scrapy wants callbacks to be
    the spider's methods); it reads the page set's links and the options, and yields
    :class:`~scanner.model.PolicyDocument` items for the policy pipeline to read.
    """

    options: ScanOptions
    errors: list[str]
    policy_searched: list[str]
    executable: str
    pages: PageSet
    #: The browser context the policy pages load in (created on first use).
    policy_context: dict | None = None

    def policy_requests(self) -> list[scrapy.Request]:
        """Requests for the policy: ``--policy URL``, the links found, or common paths."""
        source = self.options.policy
        if source and not is_url(source):
            return []  # a local file: the api reads it without a browser
        if source:
            candidates = [Candidate(source, "privacy", "--policy")]
        else:
            candidates = policy_candidates(self.pages.links, self.pages.urls[0])
        if candidates:
            return [self.policy_request(candidate, []) for candidate in candidates]
        first, *rest = common_path_candidates(self.pages.urls[0])
        return [self.policy_request(first, rest)]

    def policy_request(self, candidate: Candidate, fallbacks: list[Candidate]) -> scrapy.Request:
        self.policy_searched.append(f"{candidate.url} ({candidate.found_via})")
        if self.policy_context is None:
            self.policy_context = context_kwargs(self.options, new_profile(), self.executable, None)
        return policy_request(
            candidate, self.policy_context, self.parse_policy, self.policy_failed, fallbacks
        )

    async def parse_policy(self, response: Response) -> AsyncIterator[Any]:
        """A policy document arrived: hand it to the reader, or try the next common path."""
        candidate: Candidate = response.meta["candidate"]
        fallbacks: list[Candidate] = response.meta["fallbacks"]
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        page: Page = response.meta["playwright_page"]
        with self.scan.timings.stage("policy fetch"):
            body = await document_bytes(page, response.url, response.body, content_type)
            await page.close()
        self.scan.timings.add("policy fetch", float(response.meta.get("download_latency", 0.0)))
        readable = response.status < 400 and bool(body)
        if fallbacks and not (readable and reads_as_policy(body, content_type, response.url)):
            yield self.policy_request(fallbacks[0], fallbacks[1:])
            return
        if not readable:
            self.errors.append(f"policy: {candidate.url} answered {response.status}")
            return
        yield PolicyDocument(
            url=response.url,
            kind=candidate.kind,
            found_via=candidate.found_via,
            content=body,
            content_type=content_type,
            status=response.status,
        )

    async def policy_failed(self, failure: Failure) -> AsyncIterator[Any]:
        """A policy URL did not load: note it, and try the next common path if any."""
        request = failure.request  # type: ignore[attr-defined]
        page = request.meta.get("playwright_page")
        if isinstance(page, Page) and not page.is_closed():
            await page.close()
        fallbacks: list[Candidate] = request.meta["fallbacks"]
        if fallbacks:
            yield self.policy_request(fallbacks[0], fallbacks[1:])
            return
        reason = describe_failure(failure.value)
        self.errors.append(f"policy: could not load {request.url}: {reason}")
