"""What the spider tracks for one consent phase while it runs, and where its decision falls.

A phase's evidence is the events its pages' recorders saw between two sequence numbers:
``boundary`` (taken just before the consent click; earlier events are pre-consent evidence)
and ``cutoff`` (taken before the closing banner inspection, whose clicks are not evidence).
The record builders (:mod:`scanner.collect.records`) read these; only the spider sets them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from playwright.async_api import BrowserContext

from scanner.collect.recorder import NetworkEvent, PageRecorder, ScriptEvent
from scanner.model import ConsentDecision, PhaseName

StorageKey = tuple[str, str, str]  # origin, kind, key
CookieKey = tuple[str, str, str]  # name, domain, path


class PhaseState:
    """One phase's browser context settings, recorders and decision boundary."""

    def __init__(self, name: PhaseName, context_kwargs: dict) -> None:
        self.name = name
        self.context_kwargs = context_kwargs
        #: Sequence number taken just before the consent click; later events are this phase's.
        self.boundary: int | None = None
        #: Sequence number after which nothing counts (the banner inspection that ends
        #: pre-consent opens the settings layer; what that triggers is not evidence).
        self.cutoff: int | None = None
        self.cookies_before: dict[CookieKey, tuple[str, float | None]] = {}
        self.storage_before: set[StorageKey] = set()
        self.storage_seen: set[StorageKey] = set()
        #: The banner decision this phase made (accept and reject only), once made.
        self.decision: ConsentDecision | None = None
        #: Why the phase could not run (settled when the crawl closes), and its HAR file.
        self.skipped: str | None = None
        self.har: str | None = None
        #: Each visited page's URL and recorder, in visiting order.
        self.recorders: list[tuple[str, PageRecorder]] = []
        #: The phase's browser context, once its first page exists: a phase whose last page
        #: failed before it had a page still reads its cookies and closes from here.
        self.context: BrowserContext | None = None

    async def close_context(self, out_dir: Path) -> None:
        """Close the phase's browser (which writes its HAR) without a page of its own."""
        if self.context is not None:
            with contextlib.suppress(Exception):
                await self.context.close()
        har = self.context_kwargs.get("record_har_path")
        if har and Path(har).exists():
            self.har = str(Path(har).relative_to(out_dir))

    def counts(self, seq: int) -> bool:
        """Whether an event with this sequence number is this phase's evidence."""
        if self.boundary is not None and seq < self.boundary:
            return False
        return self.cutoff is None or seq <= self.cutoff

    def network(self) -> Iterator[tuple[str, PageRecorder, NetworkEvent]]:
        """Every request hop of the phase with the page it belongs to."""
        for page_url, recorder in self.recorders:
            for event in recorder.requests:
                yield page_url, recorder, event

    def script_events(self) -> Iterator[ScriptEvent]:
        """Every cookie and storage write the instrumentation saw in this phase."""
        for _page_url, recorder in self.recorders:
            yield from recorder.script_events


def cookie_key(cookie: dict) -> CookieKey:
    """A cookie's identity in the jar: name, domain and path."""
    return cookie["name"], cookie["domain"], cookie.get("path", "/")
