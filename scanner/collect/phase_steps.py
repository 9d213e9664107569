"""The steps at a phase's edges: the consent decision that opens accept and reject, and the
collection that closes every phase.

A mixin of :class:`~scanner.collect.spider.PrivacySpider`, kept apart so the spider reads as
the crawl (which page next) and this as what happens at a phase's two boundaries: everything
recorded before :meth:`PhaseSteps._decide` moves the boundary is pre-consent evidence, and
:meth:`PhaseSteps._finish_phase` sets the cut-off after which nothing counts for the phase.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from playwright.async_api import Page

from scanner.collect import bounds, consent, records
from scanner.collect.consent import banner, consensus
from scanner.collect.consent.autoconsent import Autoconsent
from scanner.collect.consent.heuristic import Decision
from scanner.collect.hostile import BrowserWatch
from scanner.collect.phases import PhaseState, cookie_key
from scanner.collect.quiet import wait_until_quiet
from scanner.collect.recorder import PageRecorder, next_seq
from scanner.model import ConsentOutcome, PageVisit, Scan, value_digest
from scanner.options import ScanOptions


class PhaseSteps:
    """Decision and collection for one phase; the spider supplies the attributes below."""

    options: ScanOptions
    scan: Scan
    consent: ConsentOutcome
    watch: BrowserWatch
    evidence_dir: Path

    async def _decide(
        self,
        page: Page,
        recorder: PageRecorder,
        state: PhaseState,
        visit: PageVisit,
        engine: Autoconsent | None,
    ) -> bool:
        """Make this phase's decision; everything before it stays pre-consent evidence.

        False when no decision could be made: the phase is skipped, and why is settled when
        the scan closes (whether a banner was seen at all is known only then)."""
        decision_name: Decision = "accept" if state.name == "accept" else "reject"
        state.cookies_before = {
            cookie_key(c): (value_digest(c["value"]), c.get("expires"))
            for c in await page.context.cookies()
        }
        state.storage_before = {
            key
            for record in await records.storage_records(page, state, visit.url)
            for key in [(record.origin, record.kind, record.key)]
        }
        state.storage_seen.clear()
        state.boundary = next_seq()
        with self.scan.timings.stage("consent decision"):
            outcome = await consent.decide(page, decision_name, engine)
        outcome.screenshot_before = visit.screenshot
        detected = self.consent.banner is not None or bool(engine and engine.state.cmp)
        self.consent.banner_detected |= detected or outcome.found
        if engine is not None and engine.state.cmp and not self.consent.cmp:
            self.consent.cmp = engine.state.cmp
        consensus.record(self.consent, decision_name, outcome)
        state.decision = outcome
        if not outcome.found:
            return False
        with self.scan.timings.stage("quiet wait"):
            waited = await wait_until_quiet(
                recorder, self.options.settle_seconds, self.options.quiet_cap_seconds
            )
        visit.waited_ms += waited.waited_ms
        visit.quiet = visit.quiet and waited.quiet
        outcome.screenshot_after = await self._screenshot(page, f"{state.name}-after")
        return True

    async def _finish_phase(
        self, page: Page | None, state: PhaseState, recorder: PageRecorder | None
    ) -> list[Any]:
        """Collect the phase's requests and cookies, then close its browser (writes the HAR).
        Without a page (the phase's last page failed before it had one) from its context."""
        try:
            jar = await (page.context if page else state.context).cookies()  # type: ignore[union-attr]
        except Exception:  # the browser quit: the cookies as last read
            jar = self.watch.last_jar(state.name)
        state.cutoff = next_seq()
        if page is None or recorder is None:
            await state.close_context(self.options.out_dir)
        elif state.name == "pre-consent":
            with self.scan.timings.stage("consent decision"):
                self.consent.banner = await banner.inspect(page, open_settings=True)
            self.consent.banner_detected |= self.consent.banner is not None
        elif state.name == "accept":
            self.consent.withdraw = await banner.withdraw_control(page)
        if page is not None and recorder is not None:
            await self._close_phase(page, state, recorder)
        items: list[Any] = list(records.request_records(state))
        items.extend(records.cookie_records(state, jar))
        items.extend(records.behaviour_records(state))
        return items

    async def _close_phase(self, page: Page, state: PhaseState, recorder: PageRecorder) -> None:
        await bounds.close_page(page, recorder)
        with contextlib.suppress(Exception), self.scan.timings.stage("evidence"):
            await page.context.close()  # writes the HAR
        har = state.context_kwargs.get("record_har_path")
        if har and Path(har).exists():
            state.har = str(Path(har).relative_to(self.options.out_dir))

    async def _screenshot(self, page: Page, label: str) -> str | None:
        if not self.options.screenshots:
            return None
        path = self.evidence_dir / f"{label}.png"
        try:
            with self.scan.timings.stage("evidence"):
                await page.screenshot(path=str(path))
        except Exception:
            return None
        return str(path.relative_to(self.options.out_dir))
