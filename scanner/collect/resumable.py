"""The spider that keeps its evidence: a checkpoint per finished page, and a graceful halt.

:class:`ResumableSpider` is the :class:`~scanner.collect.spider.PrivacySpider` with three
additions, kept here so the crawl logic stays in one place and this one only watches it:

* after each page a phase finishes, it writes the page's evidence and the phase's browser state
  to the checkpoint (:mod:`scanner.collect.checkpoint`), so a kill loses at most the pages in
  flight;
* on SIGINT/SIGTERM (:class:`InterruptibleProcess`) the page set stops growing and the phases
  stop waiting for pages that will never come, so Scrapy's graceful close ends in seconds; a
  phase that ends because of the halt is not recorded as finished;
* given a checkpoint read back, it continues the scan (:mod:`scanner.collect.resume`).
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Any

import scrapy
from playwright.async_api import Page
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.utils.ossignal import signal_names
from twisted.python.failure import Failure

from scanner.collect import records
from scanner.collect.checkpoint import Checkpoint, Restored, record_to_dict
from scanner.collect.phases import PhaseState
from scanner.collect.recorder import PageRecorder
from scanner.collect.spider import PrivacySpider
from scanner.model import BehaviourRecord, CookieRecord, PageVisit, PolicyDocument, StorageRecord


class InterruptibleProcess(CrawlerProcess):
    """Scrapy's process, noting which signal stopped it and halting the spiders' page sets
    before Scrapy's own graceful close starts (which waits for every page in flight)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signal_name: str | None = None

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        self.signal_name = signal_names.get(signum, str(signum))
        reactor.callFromThread(self._halt)
        super()._signal_shutdown(signum, frame)

    def _halt(self) -> None:
        for crawler in self.crawlers:
            if isinstance(crawler.spider, ResumableSpider):
                crawler.spider.halt(self.signal_name or "signal")


class ResumableSpider(PrivacySpider):
    """Writes a checkpoint as it goes; halts on a signal; resumes from a checkpoint."""

    name = "privacy"

    def __init__(
        self,
        *args: Any,
        checkpoint: Checkpoint | None = None,
        restored: Restored | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.checkpoint = checkpoint
        self.restored = restored
        #: The signal that interrupted the scan, once one has.
        self.interrupted: str | None = None
        #: Pre-consent pages requested and not finished yet, in request order.
        self.pending: dict[str, None] = {}
        #: Per phase, the pages finished so far (earlier runs included), in finishing order.
        self.finished_pages: dict[str, list[str]] = {name: [] for name in self.phases}
        #: Per phase, the cookie records of its last checkpoint (who set what, before a resume).
        self.snapshots: dict[str, list[CookieRecord]] = {}
        #: Phases that ended (not by the halt), with their final records.
        self.final: dict[str, list[Any]] = {}
        self.phase_saved: dict[str, dict] = {}
        #: Behaviours restored from the checkpoint, so the resumed phase does not repeat them.
        self.restored_behaviours: set[tuple[str, str, str, str]] = set()
        #: Per phase: what a resumed phase took over and what it could not observe.
        self.resume_notes: dict[str, dict] = {}
        self.revisit: list[str] = []
        #: Policy requests not ended yet, and whether the policy fetch has ended.
        self.policy_open = 0
        self.policy_done = False
        #: Per resumed phase, the storage state its first page gets (then forgotten).
        self.storage_states: dict[str, dict] = {}
        self._halting: asyncio.Future | None = None
        if restored is not None:
            from scanner.collect.resume import restore

            restore(self, restored)

    def halt(self, signal_name: str) -> None:
        """A signal arrived: take no new page, and let phases waiting for one finish now."""
        self.interrupted = signal_name
        self.pages.halted = True
        self._halting = asyncio.ensure_future(self.pages.end())

    # -- the crawl, watched --------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        if self.restored is not None:
            from scanner.collect.resume import resume_start

            source = resume_start(self, self.restored)
        else:
            source = super().start()
        async for item in source:
            self._note_request(item)
            yield item

    async def _attach_recorder(self, page: Page, request: scrapy.Request) -> None:
        saved = self.storage_states.pop(request.meta["phase"], None)
        if saved is not None:
            from scanner.collect.resume import apply_storage_state

            await apply_storage_state(page, saved)
        await super()._attach_recorder(page, request)

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        captured: list[Any] = []
        async for item in super().parse_page(response):
            self._capture(item, response.meta["phase"], captured)
            yield item
        await self._page_done(response.request.url, response.meta, captured)

    async def page_failed(self, failure: Failure) -> AsyncIterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        captured: list[Any] = []
        async for item in super().page_failed(failure):
            self._capture(item, request.meta["phase"], captured)
            yield item
        await self._page_done(request.url, request.meta, captured)

    async def parse_policy(self, response: Response) -> AsyncIterator[Any]:
        async for item in super().parse_policy(response):
            self._note_request(item)
            if isinstance(item, PolicyDocument) and self.checkpoint is not None:
                self.checkpoint.save_policy(item)
            yield item
        self._policy_request_done()

    async def policy_failed(self, failure: Failure) -> AsyncIterator[Any]:
        async for item in super().policy_failed(failure):
            self._note_request(item)
            yield item
        self._policy_request_done()

    def _policy_request_done(self) -> None:
        """One policy request has ended; when none is left, the policy fetch is complete
        (a resume replays its documents instead of fetching again)."""
        self.policy_open -= 1
        self.policy_done = self.policy_open == 0
        self.save_scan()

    async def _finish_phase(
        self, page: Page, state: PhaseState, recorder: PageRecorder
    ) -> list[Any]:
        items = await super()._finish_phase(page, state, recorder)
        items = self.complete_final(state.name, items)
        if not self.interrupted:
            self.final[state.name] = items
        return items

    async def _close_phase(self, page: Page, state: PhaseState, recorder: PageRecorder) -> None:
        await super()._close_phase(page, state, recorder)
        decision = state.decision
        skipped = state.cutoff is None and decision is not None and not decision.found
        if skipped and not self.interrupted:  # no decision possible: the phase is over
            self.final.setdefault(state.name, [])

    def complete_final(self, phase: str, items: list[Any]) -> list[Any]:
        """A resumed phase's closing records: cookies already in the restored jar get the
        setter the earlier run saw, and behaviours restored from the checkpoint are not
        repeated."""
        known = {(c.name, c.domain, c.path): c for c in self.snapshots.get(phase, []) if c.set_by}
        completed = []
        for item in items:
            if isinstance(item, CookieRecord) and item.set_by is None:
                earlier = known.get((item.name, item.domain, item.path))
                if earlier is not None:
                    item.set_by, item.set_by_kind = earlier.set_by, earlier.set_by_kind
                    item.page = earlier.page
            if (
                isinstance(item, BehaviourRecord)
                and behaviour_key(item) in self.restored_behaviours
            ):
                continue
            completed.append(item)
        return completed

    # -- the checkpoint ------------------------------------------------------------------------

    def _note_request(self, item: Any) -> None:
        if not isinstance(item, scrapy.Request):
            return
        if item.meta.get("phase") == "pre-consent":
            self.pending[item.url] = None
        elif item.callback == self.parse_policy:
            self.policy_open += 1

    def _capture(self, item: Any, phase: str, captured: list[Any]) -> None:
        """Keep what belongs to this page alone (the phase's closing records come apart)."""
        self._note_request(item)
        if getattr(item, "phase", None) != phase:
            return
        page_level = isinstance(item, PageVisit | StorageRecord) or (
            isinstance(item, BehaviourRecord) and item.behaviour == "keylogging"
        )
        if page_level:
            captured.append(item)

    async def _page_done(self, url: str, meta: dict, captured: list[Any]) -> None:
        """One page's work has ended: persist it, then the phase, then the scan."""
        if self.checkpoint is None:
            return
        phase: str = meta["phase"]
        state = self.phases[phase]  # type: ignore[index]
        if phase == "pre-consent":
            self.pending.pop(url, None)
        visits = [item for item in captured if isinstance(item, PageVisit)]
        if visits and not (phase == "pre-consent" and visits[0].error):
            page_records = [item for item in captured if item is not visits[0]]
            page_records += self._page_records(state, meta, visits[0].url)
            number = len(self.finished_pages[phase])
            self.finished_pages[phase].append(visits[0].url)
            self.checkpoint.save_page(
                phase,
                number,
                {
                    "index": meta.get("index"),
                    "visit": record_to_dict(visits[0]),
                    "records": [record_to_dict(record) for record in page_records],
                },
            )
            await self.save_phase(phase, meta.get("playwright_page"))
        elif phase in self.final:
            await self.save_phase(phase, None)
        self.save_scan()

    def _page_records(self, state: PhaseState, meta: dict, page_url: str) -> list[Any]:
        """This page's requests and behaviours, judged by the phase's boundary."""
        recorder: PageRecorder | None = meta.get("recorder")
        if recorder is None:
            return []
        view = copy.copy(state)
        view.recorders = [(page_url, recorder)]
        return [*records.request_records(view), *records.behaviour_records(view)]

    async def save_phase(self, phase: str, page: Any) -> None:
        """The phase's browser state after its last finished page, or its final records."""
        assert self.checkpoint is not None
        state = self.phases[phase]  # type: ignore[index]
        saved = self.phase_saved.setdefault(phase, {})
        saved.update(
            {
                "decision": asdict(state.decision) if state.decision else None,
                "decided": state.boundary is not None,
                "cookies_before": [[*key, *value] for key, value in state.cookies_before.items()],
                "storage_before": sorted(list(key) for key in state.storage_before),
                "storage_seen": sorted(list(key) for key in state.storage_seen),
                "har": state.har,
            }
        )
        if phase in self.final:
            saved["finished"] = True
            saved["final"] = [record_to_dict(item) for item in self.final[phase]]
        elif isinstance(page, Page):
            try:
                saved["storage_state"] = await page.context.storage_state()
                jar = await page.context.cookies()
            except Exception:  # the context is closing: keep the last state saved
                pass
            else:
                saved["cookies"] = [record_to_dict(c) for c in records.cookie_records(state, jar)]
        self.checkpoint.save_phase(phase, saved)

    def save_scan(self) -> None:
        """The page set, consent outcome and errors so far (``scan.json``)."""
        if self.checkpoint is None:
            return
        pages = self.pages
        self.checkpoint.data.update(
            {
                "pageset": {
                    "urls": pages.urls,
                    "frontier": pages.frontier,
                    "queued": sorted(pages.queued),
                    "pending": list(self.pending),
                    "links": [[link.href, link.text, link.place] for link in pages.links],
                    "site_domain": pages.site_domain,
                    "settled": pages.settled,
                    "final": "pre-consent" in self.final,
                },
                "consent": asdict(self.consent),
                "errors": self.errors,
                "policy_searched": self.policy_searched,
                "policy_done": self.policy_done,
            }
        )
        self.checkpoint.save_scan()


def behaviour_key(record: BehaviourRecord) -> tuple[str, str, str, str]:
    """What makes a behaviour record the same one again."""
    return (record.phase, record.behaviour, record.api, record.script)
