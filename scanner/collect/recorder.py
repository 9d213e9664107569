"""Record what one page does: requests, Set-Cookie headers, script-written cookies and storage.

One :class:`PageRecorder` per page, attached before navigation (from scrapy-playwright's page
init callback) so that nothing the page does escapes it. Network facts come from a CDP session on
the page: with site isolation off (see ``browser.py``) it sees every frame's traffic, and it gives
what Playwright's events do not (the initiator, the remote IP, Set-Cookie blocked reasons).
Script-side facts come from ``instrument.js`` through an exposed binding.

Every event is stamped with a sequence number so that the spider can split a page at the moment
of the consent decision: what came before the click belongs to pre-consent.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from playwright.async_api import CDPSession, Page

BINDING_NAME = "__privacyscanReport"
SCRIPT_EVENT_KINDS = ("cookie", "storage", "behaviour")
_sequence = itertools.count()

#: Resource types whose requests never "finish" in the usual sense; they would keep a page busy.
LONG_LIVED_TYPES = {"WebSocket", "EventSource"}
#: How long a request may wait for its response headers and still count as in flight. Longer
#: waits are long-polls or hung servers: the request is already recorded, only its answer is late.
AWAIT_HEADERS_SECONDS = 3.0
#: How long after its headers a response body may still be downloading. Chromium never finishes
#: a fetch() whose body the page does not read (common for fire-and-forget beacons).
AWAIT_BODY_SECONDS = 1.0


@dataclass
class NetworkEvent:
    """One request hop as CDP reported it."""

    seq: int
    request_id: str
    url: str
    method: str
    resource_type: str
    frame_id: str | None
    initiator: str | None
    time: float
    status: int | None = None
    remote_ip: str | None = None
    error: str | None = None
    set_cookies: list[dict] = field(default_factory=list)
    finished: bool = False
    responded_at: float | None = None
    #: The request body, kept in memory for the keylogging probe only; never reported.
    post_data: str | None = None


@dataclass
class ScriptEvent:
    """A cookie or storage write observed by the instrumentation script."""

    seq: int
    kind: str  # "cookie", "storage" or "behaviour"
    name: str  # cookie name, storage key, or behaviour ("fingerprinting", "session-recording")
    origin: str
    script: str | None
    domain: str | None = None
    storage: str | None = None
    length: int = 0
    api: str | None = None  # for behaviours: the surface used (canvas, webgl, audio, ...)


def instrumentation_script(timer_horizon_ms: int) -> str:
    """The init script source, with the binding name and timer horizon filled in."""
    source = resources.files("scanner.collect").joinpath("instrument.js").read_text()
    return source.replace("__PRIVACYSCAN_BINDING__", BINDING_NAME).replace(
        "__PRIVACYSCAN_TIMER_HORIZON_MS__", str(timer_horizon_ms)
    )


def next_seq() -> int:
    """A process-wide increasing stamp, used to order events across pages of a phase."""
    return next(_sequence)


class PageRecorder:
    """Collects one page's network and script events."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession | None = None
        self.requests: list[NetworkEvent] = []
        self.script_events: list[ScriptEvent] = []
        self._open: dict[str, NetworkEvent] = {}
        self._extra_info: dict[str, list[dict]] = {}
        self._frames: dict[str, str] = {}
        self.last_activity = time.monotonic()
        #: Sequence number from which events were caused by the keylogging probe, if it ran.
        self.probe_from: int | None = None
        #: Mixed content Chromium reported (blocked, upgraded or allowed), from its Audits.
        self.mixed_content: list[dict] = []

    async def attach(self, timer_horizon_ms: int) -> None:
        """Start listening; must run before the page navigates."""
        await self.page.expose_binding(BINDING_NAME, self._on_binding)
        await self.page.add_init_script(instrumentation_script(timer_horizon_ms))
        self.cdp = await self.page.context.new_cdp_session(self.page)
        self.cdp.on("Network.requestWillBeSent", self._on_request)
        self.cdp.on("Network.responseReceived", self._on_response)
        self.cdp.on("Network.responseReceivedExtraInfo", self._on_extra_info)
        self.cdp.on("Network.loadingFinished", self._on_finished)
        self.cdp.on("Network.loadingFailed", self._on_failed)
        self.cdp.on("Page.frameNavigated", self._on_frame)
        self.cdp.on("Audits.issueAdded", self._on_issue)
        await self.cdp.send("Network.enable")
        await self.cdp.send("Page.enable")
        await self.cdp.send("Audits.enable")

    # -- network ---------------------------------------------------------------------------

    def _on_request(self, event: dict[str, Any]) -> None:
        self.last_activity = time.monotonic()
        request_id = event["requestId"]
        redirected = self._open.get(request_id)
        if redirected is not None and "redirectResponse" in event:
            redirected.status = event["redirectResponse"].get("status")
            redirected.remote_ip = event["redirectResponse"].get("remoteIPAddress")
            redirected.finished = True
            self._apply_extra_info(redirected)
        request = event["request"]
        record = NetworkEvent(
            seq=next_seq(),
            request_id=request_id,
            url=request["url"],
            method=request.get("method", "GET"),
            resource_type=event.get("type", "Other"),
            frame_id=event.get("frameId"),
            initiator=_initiator_url(event.get("initiator") or {}),
            time=time.time(),
            post_data=_post_data(request),
        )
        if record.url.startswith(("data:", "blob:")):
            return
        self.requests.append(record)
        self._open[request_id] = record

    def _on_response(self, event: dict[str, Any]) -> None:
        self.last_activity = time.monotonic()
        record = self._open.get(event["requestId"])
        if record is not None:
            response = event["response"]
            record.status = response.get("status")
            record.remote_ip = response.get("remoteIPAddress")
            record.responded_at = time.time()

    def _on_extra_info(self, event: dict[str, Any]) -> None:
        self._extra_info.setdefault(event["requestId"], []).append(event)
        record = self._open.get(event["requestId"])
        if record is not None:
            self._apply_extra_info(record)

    def _apply_extra_info(self, record: NetworkEvent) -> None:
        """Attach the Set-Cookie headers (names and blocked reasons, never values)."""
        for info in self._extra_info.pop(record.request_id, []):
            blocked = {
                _cookie_name(item.get("cookieLine", "")): item.get("blockedReasons", [])
                for item in info.get("blockedCookies", [])
            }
            for name, value in info.get("headers", {}).items():
                if name.lower() != "set-cookie":
                    continue
                for line in value.split("\n"):
                    cookie = _cookie_name(line)
                    record.set_cookies.append(
                        {
                            "name": cookie,
                            "domain": _cookie_attribute(line, "domain"),
                            "blocked_reasons": blocked.get(cookie, []),
                        }
                    )

    def _on_finished(self, event: dict[str, Any]) -> None:
        self.last_activity = time.monotonic()
        record = self._open.pop(event["requestId"], None)
        if record is not None:
            record.finished = True
            self._apply_extra_info(record)

    def _on_failed(self, event: dict[str, Any]) -> None:
        self.last_activity = time.monotonic()
        record = self._open.pop(event["requestId"], None)
        if record is not None:
            record.finished = True
            # A blocked request (mixed-content, say) may come with no error text at all.
            blocked = event.get("blockedReason")
            record.error = event.get("errorText") or (
                f"blocked: {blocked}" if blocked else "failed"
            )
            if event.get("canceled"):
                record.error = "canceled"

    def _on_frame(self, event: dict[str, Any]) -> None:
        frame = event.get("frame", {})
        self._frames[frame.get("id", "")] = frame.get("url", "")

    def _on_issue(self, event: dict[str, Any]) -> None:
        """Keep mixed-content issues: the insecure URL, its type and what Chromium did."""
        issue = event.get("issue", {})
        details = issue.get("details", {}).get("mixedContentIssueDetails")
        if issue.get("code") != "MixedContentIssue" or not details:
            return
        found = {
            "url": str(details.get("insecureURL", ""))[:2048],
            "resource_type": str(details.get("resourceType") or "other").lower(),
            "resolution": details.get("resolutionStatus"),
            "page": details.get("mainResourceURL"),
        }
        if found not in self.mixed_content:  # Audits.enable replays issues already reported
            self.mixed_content.append(found)

    def frame_url(self, frame_id: str | None) -> str | None:
        """The URL of the frame a request came from, when known."""
        return self._frames.get(frame_id or "")

    def inflight(self) -> int:
        """Requests the page is still plausibly waiting for (see the AWAIT_* bounds)."""
        now = time.time()
        count = 0
        for record in self._open.values():
            if record.resource_type in LONG_LIVED_TYPES:
                continue
            if record.responded_at is None:
                waiting = now - record.time < AWAIT_HEADERS_SECONDS
            else:
                waiting = now - record.responded_at < AWAIT_BODY_SECONDS
            count += waiting
        return count

    # -- script events ---------------------------------------------------------------------

    def _on_binding(self, source: dict[str, Any], event: dict[str, Any]) -> None:
        """Receive an instrumentation event; the page controls it, so take only plain fields."""
        if not isinstance(event, dict) or event.get("kind") not in SCRIPT_EVENT_KINDS:
            return
        script = event.get("script")
        self.script_events.append(
            ScriptEvent(
                seq=next_seq(),
                kind=str(event["kind"]),
                name=str(event.get("name") or event.get("key") or event.get("behaviour") or "")[
                    :512
                ],
                origin=str(event.get("origin") or "")[:512],
                script=str(script)[:2048] if script else None,
                domain=str(event["domain"])[:255] if event.get("domain") else None,
                storage=str(event.get("storage")) if event.get("storage") else None,
                length=int(event.get("length") or 0),
                api=str(event["api"])[:64] if event.get("api") else None,
            )
        )

    async def pending_timers(self) -> int:
        """One-shot timers the page scheduled that are due soon (main frame)."""
        try:
            return int(await self.page.evaluate("window.__privacyscanPendingTimers?.() ?? 0"))
        except Exception:  # the page may be navigating or closed: treat as no timers
            return 0

    async def detach(self) -> None:
        """Stop listening; finish any request still open as unfinished."""
        if self.cdp is not None:
            with contextlib.suppress(Exception):  # the page may already be gone
                await self.cdp.detach()
            self.cdp = None
        for record in self._open.values():
            self._apply_extra_info(record)


def _initiator_url(initiator: dict[str, Any]) -> str | None:
    """The script or document that caused a request, from a CDP initiator."""
    if initiator.get("url"):
        return initiator["url"]
    stack = initiator.get("stack")
    while stack:
        for frame in stack.get("callFrames", []):
            if frame.get("url"):
                return frame["url"]
        stack = stack.get("parent")
    return None


def _post_data(request: dict[str, Any]) -> str | None:
    """A request body as CDP gives it: ``postData``, or the newer base64 ``postDataEntries``."""
    if request.get("postData"):
        return str(request["postData"])[:65536]
    entries = request.get("postDataEntries") or []
    parts = []
    for entry in entries:
        with contextlib.suppress(ValueError, TypeError):
            parts.append(base64.b64decode(entry.get("bytes", "")).decode("utf-8", "replace"))
    return "".join(parts)[:65536] or None


def _cookie_name(line: str) -> str:
    return line.split(";", 1)[0].split("=", 1)[0].strip()


def _cookie_attribute(line: str, attribute: str) -> str | None:
    for part in line.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == attribute:
            return value.strip() or None
    return None
