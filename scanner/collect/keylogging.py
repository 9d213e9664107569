"""Keylogging probe: is what a visitor types sent away before they submit anything?

On each pre-consent page that has text fields, after the page's evidence has been taken, we
type a unique canary value into its fields (never password fields, never submitting) and look
for the canary in every request sent afterwards: in the URL or the body, plain, URL-encoded,
base64, or hashed (MD5, SHA-1, SHA-256). Any hit is a script exfiltrating form input, the way
session recorders and some "lead capture" tags do. Each field is left (blurred) after typing, as a
visitor moving on would, because lead-capture scripts send on ``change``. Requests the probe
causes are not counted as the page's pre-consent traffic. Who receives the input decides whether
it left for a third party (see :func:`scanner.classify.attribute.attribute_behaviour`), not
whose script sent it.

Listening has no fixed length: it ends as soon as a request carrying the canary has been seen
(the question is answered), or when the page has sent nothing for ``LISTEN_SETTLE_SECONDS``
after the typing, has nothing in flight and no short timer pending (see
:func:`scanner.collect.quiet.wait_until_quiet`), or at ``LISTEN_CAP_SECONDS`` for pages that
never go quiet. A page that answers the typing with one request ends at that request; a page that
ignores it costs the settle window. The first hit ends the probe, so a second destination that
would have sent later is not looked for.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import secrets
import time
from urllib.parse import quote, quote_plus, urlsplit

from playwright.async_api import Page

from scanner.collect.quiet import POLL_SECONDS, wait_until_quiet
from scanner.collect.recorder import NetworkEvent, PageRecorder, next_seq

FIELDS = (
    'input[type="email"], input[type="text"], input[type="search"], input[type="tel"], '
    "input:not([type]), textarea"
)
MAX_FIELDS = 5
#: Seconds of silence after the typing that mean "this page sends nothing of it". Session
#: recorders batch their events and send about once a second (Hotjar-like ones every 1 s), so the
#: window must outlast one batch period with a margin; a shorter one would end between batches.
LISTEN_SETTLE_SECONDS = 1.5
#: The most we listen, in seconds, on a page that keeps sending other things (heartbeats, a
#: recorder's batches without the canary yet). It replaces the old fixed 2 s, with a second more
#: for the busy pages that are the likeliest to carry a late batch.
LISTEN_CAP_SECONDS = 3.0


def canary() -> str:
    """A value no page can know in advance, shaped like an e-mail address."""
    return f"ps{secrets.token_hex(5)}@example.com"


def encodings(value: str) -> dict[str, str]:
    """How a script might carry ``value``: encoding name -> the text to look for."""
    raw = value.encode()
    found = {
        "plain": value,
        "url-encoded": quote(value, safe=""),
        "form-encoded": quote_plus(value),
        "base64": base64.b64encode(raw).decode().rstrip("="),
        "md5": hashlib.md5(raw).hexdigest(),
        "sha1": hashlib.sha1(raw).hexdigest(),
        "sha256": hashlib.sha256(raw).hexdigest(),
    }
    found["sha256 (lowercased first)"] = hashlib.sha256(value.lower().encode()).hexdigest()
    return found


async def _listen(recorder: PageRecorder, value: str, typed_at: float) -> None:
    """Until a request carries ``value``, or the page is quiet after ``typed_at``, or the cap."""
    seen = asyncio.ensure_future(_first_carrier(recorder, value))
    quiet = asyncio.ensure_future(
        wait_until_quiet(recorder, LISTEN_SETTLE_SECONDS, LISTEN_CAP_SECONDS, since=typed_at)
    )
    try:
        await asyncio.wait({seen, quiet}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (seen, quiet):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def _first_carrier(recorder: PageRecorder, value: str) -> NetworkEvent:
    """The first probe-time request that carries ``value``; polls until there is one."""
    start = recorder.probe_from if recorder.probe_from is not None else -1
    checked = 0
    while True:
        new, checked = recorder.requests[checked:], len(recorder.requests)
        for event in new:
            if event.seq > start and carried_by(event, value):
                return event
        await asyncio.sleep(POLL_SECONDS)


def carried_by(event: NetworkEvent, value: str) -> str | None:
    """The encoding under which ``event`` carries ``value``, if it does."""
    haystack = f"{event.url}\n{event.post_data or ''}"
    for name, needle in encodings(value).items():
        if needle in haystack:
            return name
    return None


async def probe(page: Page, recorder: PageRecorder) -> list[tuple[NetworkEvent, str]]:
    """Type into the page's fields; return the requests that carried what was typed.

    Everything the recorder sees from here on is marked as probe traffic.
    """
    fields = await page.query_selector_all(FIELDS)
    visible = [field for field in fields if await field.is_visible()][:MAX_FIELDS]
    if not visible:
        return []
    recorder.probe_from = next_seq()
    value = canary()
    for field in visible:
        try:
            await field.type(value, delay=15)
            # Leave the field as a visitor would: lead-capture scripts send on ``change`` or
            # ``blur``, which typing alone never fires. Blurring submits nothing.
            await field.evaluate("field => field.blur()")
        except Exception:  # covered, disabled or detached: the next field may do
            continue
    await _listen(recorder, value, typed_at=time.monotonic())
    hits: dict[tuple[str, str], tuple[NetworkEvent, str]] = {}
    for event in recorder.requests:
        if event.seq > recorder.probe_from:
            encoding = carried_by(event, value)
            if encoding:  # one hit per destination and encoding: batches repeat themselves
                hits.setdefault((urlsplit(event.url).netloc, encoding), (event, encoding))
    return list(hits.values())
