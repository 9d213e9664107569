"""Pages that fight the browser: endless dialogs, pop-ups, windows that close themselves, and a
browser that dies mid-scan.

Why this exists: a scan must end, with a report, whatever the site does. Left alone,

* ``alert()``/``confirm()``/``prompt()`` in a loop keeps the page's script busy for ever (the
  load event never fires, every ``page.evaluate`` waits behind the next dialog);
* ``window.open`` creates pages nobody records or closes, each running more scripts;
* ``window.close()`` takes the page away while the spider is still reading it;
* a killed or crashed Chromium takes the phase's context with it. scrapy-playwright launches a
  fresh one for the next request (each phase is its own persistent context, so there is no shared
  browser to restart: ``PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER`` applies to ``launch()``
  browsers only), but that fresh context would start without the phase's cookies, so an accept
  phase would go on as a visitor who never consented.

One :class:`PageGuard` per page (attached with the recorder, before navigation) dismisses and
counts dialogs, closes a page whose dialogs exceed :data:`DIALOG_BUDGET`, records and closes
pop-ups, and notices when the page goes away by itself. :class:`BrowserWatch` (one per
scan) notices a phase's context dying, restores the phase's last cookie snapshot into the
context that replaces it, and writes what happened into the page visits and phases when the
crawl closes. Headless probes are read from the instrumentation events (see
:mod:`scanner.collect.automation`).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from typing import Any

from playwright._impl._errors import TargetClosedError
from playwright.async_api import BrowserContext, Dialog, Page
from scrapy import Request
from scrapy.http import Response

from scanner.collect.automation import probes_seen
from scanner.collect.browser import new_profile
from scanner.collect.recorder import PageRecorder
from scanner.model import PageVisit, PhaseName, Scan
from scanner.policy.discover import PolicyLink

#: Dialogs one page may open before the scanner closes it (no real page needs more than a
#: handful; a loop reaches this in milliseconds).
DIALOG_BUDGET = 20
#: Longest a pop-up may take to load its document before it is closed anyway, in seconds.
POPUP_LOAD_SECONDS = 2.0
#: Pop-ups recorded per page; more are still closed.
POPUPS_KEPT = 20
#: How much of a dialog's message the report keeps, in characters, and how many messages.
MESSAGE_CHARS = 200
MESSAGES_KEPT = 3

CLOSED_FOR_DIALOGS = (
    f"closed by the scanner: the page opened more than {DIALOG_BUDGET} dialogs "
    "(alert/confirm/prompt in a loop), so it could not be recorded"
)

LOST_REASON = (
    "the browser quit (killed or crashed) or the page went away while it was being recorded; "
    "what it had recorded so far is kept, the rest of this page is missing, and the phase "
    "went on in a restarted browser"
)


@dataclass
class PageGuard:
    """One page's dialogs, pop-ups and unexpected end; it fills the page's visit at the end."""

    page: Page
    recorder: PageRecorder
    phase: PhaseName
    url: str
    dialogs: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)
    closed_for_dialogs: bool = False
    popups: list[dict] = field(default_factory=list)
    #: The page went away while the spider still recorded it (it closed itself, or the browser
    #: died: :class:`BrowserWatch` tells which).
    closed_early: bool = False
    lost: bool = False
    visit: PageVisit | None = None
    #: Work started without waiting (kept so it is not collected before it runs).
    _pending: set[asyncio.Future] = field(default_factory=set)

    def attach(self) -> None:
        """Listen before navigation, so the first dialog or pop-up is already handled."""
        self.page.on("dialog", self._on_dialog)
        self.page.on("popup", self._on_popup)
        self.page.on("close", self._on_close)

    async def _on_dialog(self, dialog: Dialog) -> None:
        """Dismiss it (a visitor closing it), count it, and close a page that will not stop.

        A page past :data:`DIALOG_BUDGET` is closed rather than stopped: while a script loops
        on dialogs the renderer runs no DevTools command (``Runtime.terminateExecution`` stays
        "in progress" for ever), but closing the tab is the browser's job and always works."""
        self.dialogs[dialog.type] += 1
        if len(self.messages) < MESSAGES_KEPT:
            self.messages.append(dialog.message[:MESSAGE_CHARS])
        if sum(self.dialogs.values()) > DIALOG_BUDGET and not self.closed_for_dialogs:
            self.closed_for_dialogs = True
            self._later(self.page.close())
        with contextlib.suppress(Exception):
            # Leaving must stay possible: a beforeunload prompt is answered "leave".
            if dialog.type == "beforeunload":
                await dialog.accept()
            else:
                await dialog.dismiss()

    def _later(self, work: Awaitable[Any]) -> None:
        """Run ``work`` without waiting for it (an event handler must return)."""
        task = asyncio.ensure_future(_quietly(work))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _on_popup(self, popup: Page) -> None:
        """Record where a pop-up went, then close it; its own pop-ups get the same treatment.
        Its dialogs are not this page's: Playwright dismisses them (no listener)."""
        popup.on("popup", self._on_popup)
        if popup.url in ("", "about:blank"):
            with contextlib.suppress(Exception):
                await popup.wait_for_load_state(
                    "domcontentloaded", timeout=POPUP_LOAD_SECONDS * 1000
                )
        url = popup.url[:2048]
        with contextlib.suppress(Exception):
            await popup.close()
        if len(self.popups) < POPUPS_KEPT:
            self.popups.append({"url": url, "closed": popup.is_closed()})

    def _on_close(self) -> None:
        # The spider detaches the recorder before it closes a page; the dialog budget's close
        # is the scanner's own too.
        if self.recorder.cdp is not None and not self.closed_for_dialogs:
            self.closed_early = True

    def fill(self, visit: PageVisit) -> None:
        """Write what this page did into its visit (at the end, when everything is known)."""
        visit.dialogs = dict(self.dialogs)
        visit.dialog_messages = list(self.messages)
        visit.closed_for_dialogs = self.closed_for_dialogs
        if self.closed_for_dialogs:
            visit.error = CLOSED_FOR_DIALOGS
        visit.popups = list(self.popups)
        if self.lost:
            visit.lost = LOST_REASON
        else:
            visit.closed_by_page = self.closed_early or any(
                event.kind == "behaviour" and event.name == "window-close"
                for event in self.recorder.script_events
            )
        visit.automation_probes = probes_seen(self.recorder)


@dataclass
class _PhaseWatch:
    """One phase's current context, its last cookie jar and its restarts."""

    context: BrowserContext | None = None
    jar: list[dict] = field(default_factory=list)
    #: Times a context of the phase quit under the spider (killed or crashed).
    restarts: int = 0
    #: The phase's launch arguments (the dict every request of the phase carries).
    launch: dict | None = None
    #: Contexts (by id) whose quitting is already counted.
    counted: set[int] = field(default_factory=set)
    guards: list[PageGuard] = field(default_factory=list)


class BrowserWatch:
    """The scan's pages and contexts: restarts, cookie snapshots, and what the report says."""

    def __init__(self) -> None:
        self.phases: dict[PhaseName, _PhaseWatch] = {}

    async def attach(self, page: Page, request: Request, recorder: PageRecorder) -> PageGuard:
        """A page is about to navigate: guard it, and if its context is a new one replacing a
        context that died, give it the cookies the phase had. A request scrapy-playwright retries
        (its page was closed) keeps one guard, with the counts of every try."""
        meta = request.meta
        phase: PhaseName = meta["phase"]
        watch = self.phases.setdefault(phase, _PhaseWatch())
        context = page.context
        if watch.context is not None and watch.context is not context:
            if id(watch.context) not in watch.counted:  # it quit between two pages
                watch.restarts += 1
            if watch.jar:
                with contextlib.suppress(Exception):
                    await context.add_cookies(watch.jar)  # type: ignore[arg-type]
        elif watch.context is context:
            with contextlib.suppress(Exception):
                watch.jar = await context.cookies()
        if watch.context is not context:
            watch.context = context
            watch.launch = meta.get("playwright_context_kwargs")
            context.on("close", lambda: self._context_closed(watch, context))
        guard = PageGuard(page, recorder, phase, request.url)
        earlier: PageGuard | None = meta.get("guard")
        if earlier is not None and earlier in watch.guards:
            watch.guards.remove(earlier)
            guard.dialogs.update(earlier.dialogs)
            guard.messages = earlier.messages
            guard.popups = earlier.popups
        guard.attach()
        watch.guards.append(guard)
        return guard

    def _context_closed(self, watch: _PhaseWatch, context: BrowserContext) -> None:
        """Pages the spider was still recording when their context went are lost, and the
        context quit (the spider closes a context only after its last page).

        Whoever launches the phase's next context gets a new, empty profile folder: the dead
        browser's folder may still be locked by its last processes (Chromium then hands the
        launch to the dying browser instead of starting), and its cookies on disk are older
        than the snapshot :meth:`attach` restores. At the phase's own end no context follows,
        so the swap costs an empty folder."""
        if watch.launch is not None:
            watch.launch["user_data_dir"] = str(new_profile())
        for guard in watch.guards:
            if guard.page.context is context and guard.recorder.cdp is not None:
                guard.lost = True
                if id(context) not in watch.counted:
                    watch.counted.add(id(context))
                    watch.restarts += 1

    def last_jar(self, phase: PhaseName) -> list[dict]:
        """The phase's cookies as last read, for when its context is gone at the end."""
        watch = self.phases.get(phase)
        return list(watch.jar) if watch else []

    def finish(self, scan: Scan) -> None:
        """File everything into the scan's visits and phases (the crawl has closed)."""
        for phase, watch in self.phases.items():
            result = scan.phases.get(phase)
            if result is None:
                continue
            failed = {visit.url: visit for visit in result.pages if visit.error}
            for guard in watch.guards:
                visit = guard.visit or failed.get(guard.url)  # a failed page has no binding
                if visit is not None:
                    guard.fill(visit)
            result.browser_restarts = watch.restarts
            lost = [g.visit.url for g in watch.guards if g.lost and g.visit is not None]
            if watch.restarts:
                scan.errors.append(
                    f"{phase}: the browser quit {watch.restarts} time(s); pages lost: "
                    f"{', '.join(lost) or 'none'}; pages after it were loaded in a restarted "
                    "browser holding the phase's last cookies"
                )


def browser_gone(error: BaseException, page: Page | None) -> bool:
    """Whether ``error`` says the page (or its whole browser) went away under the spider."""
    return isinstance(error, TargetClosedError) or bool(page is not None and page.is_closed())


async def survive_browser_loss(
    spider: Any, response: Response, inner: AsyncIterator[Any]
) -> AsyncIterator[Any]:
    """Run the spider's page callback ``inner``; when the page or the browser goes away in
    the middle, keep what was recorded, mark the page lost and go on with the phase.

    Without this, the callback dies with ``TargetClosedError``: the phase never asks for its
    next page, never files its requests and cookies, and the phases following the page set
    wait for a page that never comes. The continuation is the spider's own for a page that
    gave no page (``_page_lost``); a visit already filed is not filed twice, and a
    pre-consent page already in the page set stays counted once."""
    request = response.request
    phase: PhaseName = request.meta["phase"]
    guard: PageGuard | None = request.meta.get("guard")
    filed: PageVisit | None = None
    try:
        async for item in inner:
            if isinstance(item, PageVisit) and item.url == request.url:
                filed = item
            yield item
    except Exception as error:
        if not browser_gone(error, request.meta.get("playwright_page")):
            raise
        state = spider.phases[phase]
        if request.meta["index"] == 0 and filed is None:  # before the start page was filed
            if phase == "pre-consent":
                await spider._fail(None, f"the browser quit while loading {request.url}")
            else:
                state.skipped = f"the browser quit during the {phase} decision"
            return
        visit = filed or PageVisit(
            phase=phase, url=request.url, status=response.status, error=LOST_REASON
        )
        if guard is not None:
            guard.lost, guard.visit = True, visit
        recorder = request.meta.get("recorder")
        state.recorders[:] = [(u, r) for u, r in state.recorders if r is not recorder]
        if filed is not None and phase == "pre-consent":
            spider.pages.loading += 1  # it is in the page set; _page_lost counts it out again
            spider.pages.discover(links_in(response))  # the live page can no longer say
        spider.errors.append(f"{phase}: {request.url}: {LOST_REASON}")
        async for item in spider._page_lost(request, visit):
            if item is not filed:
                yield item


def links_in(response: Response) -> list[PolicyLink]:
    """The links of the document as it loaded (scrapy-playwright's snapshot), for a page
    whose live DOM is gone: the crawl still finds the pages it links to."""
    try:
        anchors = response.css("a[href]")
    except Exception:  # not text (a download) or unparsable
        return []
    return [
        PolicyLink(str(a.attrib["href"]), " ".join(a.css("::text").getall()).strip(), "body")
        for a in anchors
    ]


async def _quietly(work: Awaitable[Any]) -> None:
    """Await page work whose failure (page gone, command refused) changes nothing."""
    with contextlib.suppress(Exception):
        await work


def bind_guard(meta: dict[str, Any], visit: PageVisit) -> None:
    """Tie the page's guard to the visit the spider made for it."""
    guard: PageGuard | None = meta.get("guard")
    if guard is not None:
        guard.visit = visit
