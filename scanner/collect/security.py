"""Transport-security facts of each page, for the SEC-* rules.

Recorded per page: the ``Strict-Transport-Security`` header of the main document, the forms
and where they submit, and the mixed content Chromium reported (the recorder hears it from the
Audits domain, because an upgraded ``http://`` image shows up in the network log under its
``https://`` URL, and a blocked script never reaches the network). Once per scan, before the
start page loads, whether the site's plain-HTTP origin redirects to HTTPS.

The redirect check goes through the browser, not a Python HTTP client, so it resolves hosts
with the same ``--host-resolver-rules`` as the scan. It runs in the fresh pre-consent profile
before the start page, so no HSTS the site sent yet makes Chromium upgrade the request itself,
and it stops at the first response: nothing of the HTTP page runs, and the cookies it may have
set are removed, so the pre-consent evidence is the start page's alone.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from playwright.async_api import Page
from scrapy.http import Response

from scanner.collect.recorder import PageRecorder
from scanner.model import PageVisit

#: How long the plain-HTTP check may take before it is recorded as unanswered.
REDIRECT_CHECK_SECONDS = 10.0

FORMS_JS = """
() => Array.from(document.forms).map((form) => ({
  form: form.id || form.getAttribute("name") || null,
  action: form.action,
  method: (form.getAttribute("method") || "get").toLowerCase(),
}))
"""


async def observe(page: Page, response: Response, recorder: PageRecorder, visit: PageVisit) -> None:
    """Fill in ``visit``'s security facts: HSTS header, forms, mixed content, HTTP redirect."""
    if urlsplit(visit.final_url or visit.url).scheme == "https":
        header = response.headers.get("Strict-Transport-Security")
        visit.hsts = header.decode("latin-1") if header else None
    try:
        visit.forms = [dict(form) for form in await page.evaluate(FORMS_JS)][:50]
    except Exception:  # the page navigated away or closed: no forms to report
        visit.forms = []
    visit.mixed_content = list(recorder.mixed_content)
    visit.http_redirect = response.meta.get("http_redirect")


async def http_redirect(page: Page, url: str) -> dict:
    """What ``http://<host>/`` answers: status and Location, without following the redirect.

    A second tab of ``page``'s (still empty) context requests the plain-HTTP start page; the
    Fetch domain pauses the document at its response, which is read and then aborted.
    """
    parts = urlsplit(url)
    plain = urlunsplit(("http", parts.netloc, "/", "", ""))
    result: dict[str, Any] = {"url": plain, "status": None, "location": None, "error": None}
    probe = await page.context.new_page()
    cdp = await page.context.new_cdp_session(probe)
    answered: asyncio.Future[dict] = asyncio.get_running_loop().create_future()

    def paused(event: dict) -> None:
        if not answered.done():
            answered.set_result(event)

    cdp.on("Fetch.requestPaused", paused)
    try:
        await cdp.send(
            "Fetch.enable",
            {"patterns": [{"resourceType": "Document", "requestStage": "Response"}]},
        )
        navigation = asyncio.ensure_future(probe.goto(plain, wait_until="commit"))
        await asyncio.wait(
            {answered, navigation},
            timeout=REDIRECT_CHECK_SECONDS,
            return_when=asyncio.FIRST_COMPLETED,
        )
        if answered.done():
            event = answered.result()
            result.update(_answer(event))
            await cdp.send(
                "Fetch.failRequest", {"requestId": event["requestId"], "errorReason": "Aborted"}
            )
        elif navigation.done() and navigation.exception() is not None:
            # The browser could not connect: the origin does not serve plain HTTP at all.
            result["error"] = str(navigation.exception()).splitlines()[0][:200]
        else:
            result["error"] = f"no answer within {REDIRECT_CHECK_SECONDS:.0f} s"
        with contextlib.suppress(Exception):  # the aborted navigation raises; that is expected
            await asyncio.wait_for(navigation, REDIRECT_CHECK_SECONDS)
    except Exception as error:  # the probe tab itself failed; say so instead of guessing
        result["error"] = str(error).splitlines()[0][:200]
    finally:
        with contextlib.suppress(Exception):
            await cdp.detach()
        await probe.close()
        await page.context.clear_cookies()
    return result


def _answer(event: dict) -> dict:
    """Status and Location of a paused response; the URL says if Chromium upgraded it itself."""
    headers = {h["name"].lower(): h["value"] for h in event.get("responseHeaders", [])}
    answer = {
        "status": event.get("responseStatusCode"),
        "location": headers.get("location"),
        "error": event.get("responseErrorReason"),
    }
    if urlsplit(event["request"]["url"]).scheme == "https":
        answer["error"] = "the browser upgraded the request to HTTPS itself"
    return answer
