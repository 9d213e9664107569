"""Fetch the site's policy documents with the browser, in a context of their own.

The policy pages are loaded in a fresh profile that is not one of the three phases, so reading
the policy never adds cookies or requests to what the phases observed. Going through Chromium
(not a plain HTTP client) keeps ``--host-rules`` and the browser's rendering: policies that a
consent manager injects with JavaScript are read as a visitor sees them. A PDF arrives as a
download, which scrapy-playwright hands over as the response body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import scrapy
from playwright.async_api import Page

from scanner.policy.discover import Candidate

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
