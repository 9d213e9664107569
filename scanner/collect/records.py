"""Build the scan's observation records from what a phase's recorders saw.

Pure functions of a :class:`~scanner.collect.phases.PhaseState` (and, for storage, a live
page to read keys from): the spider yields what they return as items, and the pipelines file
them into the scan. A record belongs to a phase when its event falls inside the phase's
boundary and cutoff (see :mod:`scanner.collect.phases`); cookie and storage values are never
kept, only their length and a digest.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from playwright.async_api import Page

from scanner.collect.phases import PhaseState, StorageKey, cookie_key
from scanner.model import (
    BehaviourRecord,
    CookieRecord,
    RequestRecord,
    StorageRecord,
    value_digest,
)

#: Reads each frame's localStorage and sessionStorage keys with their value lengths.
STORAGE_JS = """
() => {
  const read = (name) => {
    try {
      const store = window[name];
      return Array.from({length: store.length}, (_, i) => {
        const key = store.key(i);
        return [key, (store.getItem(key) || "").length];
      });
    } catch (e) { return []; }
  };
  return {origin: location.origin, localStorage: read("localStorage"),
          sessionStorage: read("sessionStorage")};
}
"""

#: Behaviours the instrumentation reports that become records (others are only context).
RECORDED_BEHAVIOURS = ("fingerprinting", "session-recording")

Setter = tuple[str | None, str | None, int, str | None]  # url or script, kind, seq, page


def request_records(state: PhaseState) -> Iterator[RequestRecord]:
    """Every request hop of the phase, except what a probe caused after its own start."""
    for page_url, recorder, event in state.network():
        if not state.counts(event.seq):
            continue
        if recorder.probe_from is not None and event.seq > recorder.probe_from:
            continue
        yield RequestRecord(
            phase=state.name,
            page=page_url,
            url=event.url,
            host=urlsplit(event.url).hostname or "",
            method=event.method,
            resource_type=event.resource_type.lower(),
            frame=recorder.frame_url(event.frame_id),
            initiator=event.initiator,
            status=event.status,
            remote_ip=event.remote_ip,
            error=event.error,
            set_cookies=event.set_cookies,
            time=event.time,
        )


def behaviour_records(state: PhaseState) -> Iterator[BehaviourRecord]:
    """Fingerprinting and session recording seen in this phase, once per script and API."""
    seen: set[tuple[str, str, str]] = set()
    for page_url, recorder in state.recorders:
        for event in recorder.script_events:
            if event.kind != "behaviour" or not event.script or not state.counts(event.seq):
                continue
            key = (event.name, event.api or "", event.script)
            if key in seen or event.name not in RECORDED_BEHAVIOURS:
                continue
            seen.add(key)
            yield BehaviourRecord(
                phase=state.name,
                behaviour=event.name,  # type: ignore[arg-type]
                api=event.api or "",
                script=event.script,
                page=page_url,
            )


def cookie_records(state: PhaseState, jar: list[dict]) -> Iterator[CookieRecord]:
    """Cookies in the jar; for accept/reject only those created or changed after the click."""
    for cookie in jar:
        value_hash = value_digest(cookie["value"])
        setter = cookie_setter(state, cookie)
        if state.boundary is not None:
            before = state.cookies_before.get(cookie_key(cookie))
            changed = before is None or before != (value_hash, cookie.get("expires"))
            if not changed and setter[2] < state.boundary:
                continue
        expires = cookie.get("expires")
        yield CookieRecord(
            phase=state.name,
            name=cookie["name"],
            domain=cookie["domain"],
            path=cookie.get("path", "/"),
            expires=expires if expires and expires > 0 else None,
            secure=bool(cookie.get("secure")),
            http_only=bool(cookie.get("httpOnly")),
            same_site=cookie.get("sameSite"),
            value_length=len(cookie["value"]),
            value_hash=value_hash,
            set_by=setter[0],
            set_by_kind=setter[1],
            page=setter[3],
        )


def cookie_setter(state: PhaseState, cookie: dict) -> Setter:
    """The last request or script that set this cookie: (url, kind, seq, page)."""
    best: Setter = (None, None, -1, None)
    domain = cookie["domain"].lstrip(".")
    for page_url, _recorder, event in state.network():
        for header in event.set_cookies:
            if header["name"] != cookie["name"] or header["blocked_reasons"]:
                continue
            host = urlsplit(event.url).hostname or ""
            if (host == domain or host.endswith("." + domain)) and event.seq > best[2]:
                best = (event.url, "http", event.seq, page_url)
    for event in state.script_events():
        if event.kind != "cookie" or event.name != cookie["name"]:
            continue
        host = urlsplit(event.origin).hostname or ""
        if (host == domain or host.endswith("." + domain)) and event.seq > best[2]:
            best = (event.script, "script", event.seq, None)
    return best


async def storage_records(page: Page, state: PhaseState, page_url: str) -> list[StorageRecord]:
    """localStorage and sessionStorage keys of every frame, new ones only: a key already
    there before the decision counts only if the phase wrote it again."""
    records = []
    for frame in page.frames:
        try:
            found = await frame.evaluate(STORAGE_JS)
        except Exception:  # a detached or navigating frame
            continue
        origin = found.get("origin")
        if not origin or origin == "null":
            continue
        for kind in ("localStorage", "sessionStorage"):
            for key, length in found.get(kind, []):
                storage_key = (origin, kind, str(key))
                if storage_key in state.storage_seen:
                    continue
                if storage_key in state.storage_before and not _rewritten(state, storage_key):
                    continue
                state.storage_seen.add(storage_key)
                records.append(
                    StorageRecord(
                        phase=state.name,
                        origin=origin,
                        kind=kind,
                        key=str(key)[:512],
                        value_length=int(length),
                        written_by=_storage_writer(state, storage_key),
                        page=page_url,
                    )
                )
    return records


def _rewritten(state: PhaseState, storage_key: StorageKey) -> bool:
    return state.boundary is not None and any(
        (event.origin, event.storage, event.name) == storage_key and event.seq > state.boundary
        for event in state.script_events()
    )


def _storage_writer(state: PhaseState, storage_key: StorageKey) -> str | None:
    for event in reversed(list(state.script_events())):
        if event.kind == "storage" and (event.origin, event.storage, event.name) == storage_key:
            return event.script
    return None
