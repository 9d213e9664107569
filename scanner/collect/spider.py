"""The spider: which pages to visit, in which phase, and where the consent decision falls.

All phases start at once, each in its own fresh profile:

1. ``pre-consent`` visits the start page, then same-site links breadth first, up to
   ``max_pages``. The pages it visits are the scan's page set (:mod:`scanner.collect.pageset`).
2. ``accept`` and ``reject`` load the start page, make the decision on the banner, then follow
   the page set as pre-consent extends it. Only what happens after the click belongs to these
   phases; what came before it is pre-consent evidence (:mod:`scanner.collect.phases`).

Each page is one Scrapy request rendered by scrapy-playwright; a :class:`PageRecorder` is
attached before navigation. The spider yields records (:mod:`scanner.collect.records`) as items;
the item pipelines attribute them and file them into the scan. The policy is fetched beside the
crawl (:class:`scanner.collect.policy.PolicyFetching`).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from playwright.async_api import Page
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from scanner.collect import bounds, browser, consent, keylogging, records, security
from scanner.collect.browser import describe_failure
from scanner.collect.consent import consensus
from scanner.collect.consent.autoconsent import Autoconsent, engine_label, package_dir
from scanner.collect.hostile import BrowserWatch, bind_guard, survive_browser_loss
from scanner.collect.pageset import PageSet, read_links
from scanner.collect.phase_steps import PhaseSteps
from scanner.collect.phases import PhaseState
from scanner.collect.policy import PolicyFetching
from scanner.collect.quiet import wait_until_quiet
from scanner.collect.recorder import PageRecorder
from scanner.model import (
    PHASES,
    BehaviourRecord,
    ConsentOutcome,
    PageVisit,
    PhaseName,
    Scan,
)
from scanner.options import ScanOptions
from scanner.policy.discover import Candidate

#: Longest a following phase waits for pre-consent to extend the page set or end it, per page
#: of the scan. Pre-consent always ends by itself (each page is bounded by the download
#: timeout); this only keeps a bug from hanging the scan.
PAGE_SET_WAIT_PER_PAGE_SECONDS = 120


class PrivacySpider(PolicyFetching, PhaseSteps, scrapy.Spider):
    """Visits the same page set in the three consent phases and yields what it observes."""

    name = "privacy"

    def __init__(
        self,
        options: ScanOptions | None = None,
        scan: Scan | None = None,
        executable: str = "",
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if options is None:  # ``scrapy crawl privacy -a url=...``
            options = ScanOptions(url=url or "", out_dir=Path("reports/scrapy"))
            options.validate()
            executable = options.resolve_chromium()
        self.options = options
        self.scan = scan or Scan(target=options.url, started_at="", phases={})
        self.evidence_dir = options.out_dir / "evidence"
        #: The Chromium binary (see ``ScanOptions.resolve_chromium``).
        self.executable = executable
        #: The pages pre-consent visits, which the other phases follow as it grows.
        self.pages = PageSet(options.url, options.max_pages)
        self.fatal_error: str | None = None
        names: list[PhaseName] = [*PHASES, "gpc"] if options.gpc else list(PHASES)
        self.phases = {name: self._new_phase(name) for name in names}
        #: autoconsent's installed package, or None: then the heuristic works alone.
        self.autoconsent_dir = package_dir()
        # What the crawl learns beyond the records; :meth:`closed` writes it into the scan.
        self.consent = ConsentOutcome(engine=engine_label(self.autoconsent_dir))
        self.errors: list[str] = []
        self.policy_searched: list[str] = []
        #: Dialogs, pop-ups, self-closing pages and browser restarts (hostile.py).
        self.watch = BrowserWatch()

    @property
    def site_domain(self) -> str:
        """The site's registrable domain, which attribution judges third parties against."""
        return self.pages.site_domain

    def _pool(self) -> int:
        """How many pre-consent pages may load at once (``PRIVACYSCAN_PAGES_AT_ONCE``)."""
        return max(1, self.settings.getint("PRIVACYSCAN_PAGES_AT_ONCE", 1))

    def _page_set_cap(self) -> float:
        return self.options.max_pages * PAGE_SET_WAIT_PER_PAGE_SECONDS

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PrivacySpider:
        """Also record callback errors in the scan, so a bug on one page is visible, not lost."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_spider_error, signal=signals.spider_error)
        bounds.configure(crawler, spider.pages)  # --scan-timeout, --exclude
        return spider

    def closed(self, reason: str) -> None:
        """The closing step, and the one place the spider writes into the scan (records reach
        it as items, through the pipelines; the stopwatch is timed in place).

        It settles what only the whole crawl knows, now that every phase has ended: why a
        decision phase was skipped (was there a banner at all?), how many clicks a visitor
        needs, and who establishes the first-layer reject."""
        outcome = self.consent
        for state in self.phases.values():
            decision = state.decision
            if decision is not None and state.name in ("accept", "reject"):
                if outcome.banner is not None:
                    consent.visitor_clicks(decision, state.name, outcome.banner)  # type: ignore[arg-type]
                if not decision.found:
                    state.skipped = decision.not_offered or (
                        f"no {state.name} control found on the banner"
                        if outcome.banner_detected
                        else "no consent banner detected"
                    )
            if state.name in self.scan.phases:
                self.scan.phases[state.name].skipped = state.skipped
                self.scan.phases[state.name].har = state.har
        consensus.reconcile(outcome)
        self.scan.consent = outcome
        self.watch.finish(self.scan)
        bounds.note(self.scan, self.pages, reason)
        self.scan.errors.extend(self.errors)
        self.scan.policy_searched.extend(self.policy_searched)

    def _on_spider_error(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        reason = describe_failure(failure.value)
        self.errors.append(f"internal error while processing {response.url}: {reason}")

    def _new_phase(self, name: PhaseName) -> PhaseState:
        har = self.evidence_dir / f"{name}.har" if self.options.har else None
        kwargs = browser.context_kwargs(
            self.options, browser.new_profile(), self.executable, har, gpc=name == "gpc"
        )
        return PhaseState(name, kwargs)

    # -- requests --------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Scrapy entry point: every phase opens the start page at once, each in its own
        profile; accept and reject decide there while pre-consent is still crawling."""
        self.evidence_dir.mkdir(parents=True, exist_ok=True)
        for phase in self.phases:
            yield self._page_request(phase, self.options.url, 0)

    def _page_request(self, phase: PhaseName, url: str, index: int) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.page_failed,
            dont_filter=True,
            meta={
                "playwright": True,
                "playwright_context": phase,
                "playwright_context_kwargs": self.phases[phase].context_kwargs,
                "playwright_include_page": True,
                "playwright_page_init_callback": self._attach_recorder,
                "playwright_page_goto_kwargs": {"wait_until": "load"},
                "handle_httpstatus_all": True,
                "phase": phase,
                "index": index,
            },
        )

    async def _attach_recorder(self, page: Page, request: scrapy.Request) -> None:
        recorder = PageRecorder(page)
        horizon_ms = int(self.options.quiet_cap_seconds * 1000)
        await recorder.attach(horizon_ms)
        request.meta["recorder"] = recorder
        self.phases[request.meta["phase"]].context = page.context
        if request.meta["index"]:  # a followed link: it may not lead off the site
            await bounds.keep_on_site(page, request, lambda: self.site_domain)
        request.meta["guard"] = await self.watch.attach(page, request, recorder)
        if request.meta["phase"] == "gpc":
            await page.add_init_script(browser.GPC_SCRIPT)
        if request.meta["phase"] == "pre-consent" and request.meta["index"] == 0:
            request.meta["http_redirect"] = await security.http_redirect(page, request.url)
        if request.meta["index"] == 0 and self.autoconsent_dir is not None:
            engine = Autoconsent(page, self.autoconsent_dir)
            await engine.attach()
            request.meta["autoconsent"] = engine

    # -- one page --------------------------------------------------------------------------

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """Record one page; if the browser quits meanwhile, only this page is lost."""
        async for item in survive_browser_loss(self, response, self._parse_page(response)):
            yield item

    async def _parse_page(self, response: Response) -> AsyncIterator[Any]:
        """Wait for quiet, decide on the banner if this phase starts here, record, move on."""
        phase: PhaseName = response.meta["phase"]
        index: int = response.meta["index"]
        page: Page = response.meta["playwright_page"]
        recorder: PageRecorder = response.meta["recorder"]
        state = self.phases[phase]
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        timings = self.scan.timings
        load_seconds = float(response.meta.get("download_latency", 0.0))
        timings.add("page load", load_seconds)

        if phase == "pre-consent" and index == 0:
            timings.add("start-up", timings.since_start() - load_seconds)
            if "html" not in content_type.lower():
                await self._fail(
                    page, f"start page is not HTML ({content_type or 'no type'}): {response.url}"
                )
                return
            self.pages.settle_site(page.url)
        elif index == 0 and "html" not in content_type.lower():  # no banner to decide on
            await self._close_phase(page, state, recorder)
            return
        if index and (lost := bounds.not_a_page(response, page.url, self.site_domain)):
            async for item in self._page_lost(response.request, lost):  # off-site, download
                yield item
            return

        with timings.stage("quiet wait"):
            waited = await wait_until_quiet(
                recorder, self.options.settle_seconds, self.options.quiet_cap_seconds
            )
        visit = PageVisit(
            phase=phase,
            url=response.request.url,
            final_url=page.url,
            status=response.status,
            content_type=content_type or None,
            waited_ms=waited.waited_ms,
            quiet=waited.quiet,
            outcome=bounds.outcome_of_status(response.status),
        )
        bind_guard(response.meta, visit)
        if index == 0:
            visit.screenshot = await self._screenshot(page, f"{phase}-start")
        with timings.stage("probes"):
            await security.observe(page, response, recorder, visit)
        state.recorders.append((visit.url, recorder))
        engine: Autoconsent | None = response.meta.get("autoconsent")
        if phase == "pre-consent" and engine is not None:
            with timings.stage("consent decision"):
                await engine.wait_for_popup(consent.POPUP_WAIT_SECONDS)
            self.consent.cmp = engine.state.cmp or self.consent.cmp
        decides = index == 0 and phase in ("accept", "reject")
        if decides and not await self._decide(page, recorder, state, visit, engine):
            await self._close_phase(page, state, recorder)
            return
        # Records are attributed against the site's domain, which pre-consent settles once
        # the start page (and its redirects) has loaded.
        await self.pages.site_settled(self._page_set_cap())
        if self.fatal_error:  # pre-consent could not scan the start page: nothing to follow
            await self._close_phase(page, state, recorder)
            return

        if phase == "pre-consent":  # before the visit is filed, so both keep the same order
            await self.pages.add(visit.url)
        yield visit
        with timings.stage("evidence"):
            stored = await records.storage_records(page, state, visit.url)
        for record in stored:
            yield record

        if phase == "pre-consent":
            self.pages.discover(await read_links(page))
            for url in self.pages.take(self._pool()):  # they load while this page is probed
                yield self._page_request(phase, url, self.pages.requested - 1)
            with timings.stage("probes"):
                typed = await keylogging.probe(page, recorder)
            for event, encoding in typed:
                yield BehaviourRecord(
                    phase=phase,
                    behaviour="keylogging",
                    api=f"typed input sent to {urlsplit(event.url).hostname} ({encoding})",
                    script=event.initiator or event.url,
                    page=visit.url,
                )
            if not self.pages.closing():  # a page still open ends the phase
                await bounds.close_page(page, recorder)
                return
        elif await self.pages.known(index + 1, self._page_set_cap()):
            await bounds.close_page(page, recorder)
            yield self._page_request(phase, self.pages.urls[index + 1], index + 1)
            return

        for item in await self._finish_phase(page, state, recorder):
            yield item
        if phase == "pre-consent":
            await self.pages.end()
            for request in self.policy_requests():
                yield request

    async def _fail(self, page: Page | None, reason: str) -> None:
        """The start page could not be scanned: stop, and let the command line say why."""
        self.fatal_error = reason
        await self.pages.end()
        if page is not None:
            with contextlib.suppress(Exception):
                await page.context.close()

    # -- failures --------------------------------------------------------------------------

    async def page_failed(self, failure: Failure) -> AsyncIterator[Any]:
        """A page did not load. The start page failing ends the scan; others are recorded."""
        request = failure.request  # type: ignore[attr-defined]
        phase: PhaseName = request.meta["phase"]
        index: int = request.meta["index"]
        reason = describe_failure(failure.value)
        if phase == "pre-consent" and index == 0:
            await self._fail(bounds.page_of(request), f"could not load {request.url}: {reason}")
            return
        visit = bounds.failed_visit(request, reason)
        if visit.outcome != bounds.OFF_SITE:
            self.errors.append(f"{phase}: {request.url}: {reason}")
        async for item in self._page_lost(request, visit):
            yield item

    async def _page_lost(self, request: scrapy.Request, visit: PageVisit) -> AsyncIterator[Any]:
        """A followed link gave no page of the site (it failed, left the site, or is a
        download): record it, keep it out of the page set, close it, and go on."""
        phase: PhaseName = request.meta["phase"]
        index: int = request.meta["index"]
        page, recorder = bounds.page_of(request), request.meta.get("recorder")
        yield visit
        state = self.phases[phase]
        if recorder is not None and visit.outcome != bounds.OFF_SITE:  # not another site's
            state.recorders.append((request.url, recorder))
        if phase == "pre-consent":
            self.pages.failed()
            for url in self.pages.take(self._pool()):
                yield self._page_request(phase, url, self.pages.requested - 1)
            if not self.pages.closing():  # a page still open ends the phase
                await bounds.close_page(page, recorder)
                return
        elif not self.fatal_error and await self.pages.known(index + 1, self._page_set_cap()):
            await bounds.close_page(page, recorder)
            yield self._page_request(phase, self.pages.urls[index + 1], index + 1)
            return
        if visit.outcome not in (bounds.TIMEOUT, bounds.ERROR):  # not a page of the site:
            await bounds.close_page(page, recorder)  # the phase ends without it
            page = recorder = None
        recorder = recorder or (PageRecorder(page) if page else None)
        for item in await self._finish_phase(page, state, recorder):
            yield item
        if phase == "pre-consent":
            await self.pages.end()
            if self.pages.urls:
                for request in self.policy_requests():
                    yield request


class PolicySpider(PrivacySpider):
    """Fetches one policy URL with the browser, for ``privacyscan policy URL``; no phases run."""

    name = "policy"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self.policy_request(
            Candidate(str(self.options.policy), "privacy", "command line"), []
        )
