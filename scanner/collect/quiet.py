"""Wait until a page is quiet, instead of sleeping a fixed time on every page.

A page is quiet when no request is in flight (``PageRecorder.inflight`` says what counts), no
new request started within the settle window, and the page has no one-shot timer pending that is
due within the cap (counted by ``instrument.js``). The last condition is what catches a tracker
fired 3 s after load without paying 3 s on pages that schedule nothing; the cap bounds pages
that never settle.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from scanner.collect.recorder import PageRecorder

POLL_SECONDS = 0.1


@dataclass
class QuietResult:
    """How long we waited and whether the page really went quiet (False: the cap cut it)."""

    waited_ms: int
    quiet: bool


async def wait_until_quiet(
    recorder: PageRecorder, settle: float, cap: float, since: float | None = None
) -> QuietResult:
    """Poll the recorder until the page is quiet or ``cap`` seconds have passed.

    ``since`` (a ``time.monotonic()`` stamp) counts as activity too: the keylogging probe passes
    the moment it stopped typing, so the settle window runs from the page's last chance to react
    rather than from its last request, which may be long before the typing.
    """
    start = time.monotonic()
    while True:
        now = time.monotonic()
        elapsed = now - start
        if elapsed >= cap:
            return QuietResult(int(elapsed * 1000), quiet=False)
        silent_for = now - max(recorder.last_activity, since or 0.0)
        if (
            silent_for >= settle
            and recorder.inflight() == 0
            and await recorder.pending_timers() == 0
        ):
            return QuietResult(int(elapsed * 1000), quiet=True)
        await asyncio.sleep(POLL_SECONDS)
