"""Continue an interrupted scan from its checkpoint, without redoing the pages it finished.

What is restored, per phase (see :mod:`scanner.collect.checkpoint` for what is stored):

* a phase that ended before the interruption is not run again: its records are replayed;
* a phase with finished pages opens a new browser context with the Playwright storage state
  saved after its last finished page (cookies and localStorage: the decided consent state of
  accept and reject), and continues with the next page of the page set; what counts as its
  evidence restarts at the resume (the decision boundary is the resume itself), with the
  cookies and storage keys that were there before the decision restored so they are still
  not counted as the phase's own;
* a phase without a finished page (accept or reject before the decision was made) runs fully.

Pre-consent continues the page set: pages it had requested but not finished come first, then
the queue, so the page set is the one the interrupted run was building. The records of the
finished pages are replayed through the item pipelines, so they are attributed and filed like
new ones. What a resumed phase cannot observe is written into the report (``resumed``).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playwright.async_api import Page

from scanner.collect.checkpoint import (
    PhaseCheckpoint,
    Restored,
    consent_from_dict,
    record_from_dict,
)
from scanner.collect.recorder import next_seq
from scanner.model import BehaviourRecord, ConsentDecision, CookieRecord, RequestRecord
from scanner.policy.discover import PolicyLink

if TYPE_CHECKING:
    from scanner.collect.resumable import ResumableSpider

#: What no resumed phase can observe, whatever the checkpoint holds.
NOT_OBSERVED = [
    "requests, cookie writes and storage writes between the phase's last checkpoint and the "
    "interruption",
    "sessionStorage of the interrupted run (Playwright's storage state keeps cookies and "
    "localStorage only)",
    "script state of the pages open at the interruption (timers, in-memory consent state)",
]


def phase_records(saved: PhaseCheckpoint, snapshot_cookies: bool) -> Iterator[Any]:
    """The records a phase's checkpoint holds: visits and per-page records, or for an ended
    phase its final records; ``snapshot_cookies``: the unfinished phase's last cookie jar."""
    for page in saved.pages:
        yield record_from_dict(page["visit"])
        for data in page["records"]:
            record = record_from_dict(data)
            if saved.finished and _in_final(record):
                continue  # the final records have the phase's requests and behaviours
            yield record
    if saved.finished:
        yield from (record_from_dict(data) for data in saved.state.get("final", []))
    elif snapshot_cookies:
        yield from (record_from_dict(data) for data in saved.state.get("cookies", []))


def _in_final(record: Any) -> bool:
    """Whether a page's record is one a phase's closing records repeat (keylogging is
    recorded per page only)."""
    if isinstance(record, BehaviourRecord):
        return record.behaviour != "keylogging"
    return isinstance(record, RequestRecord)


def restore(spider: ResumableSpider, restored: Restored) -> None:
    """Put the page set, consent outcome and each phase's state back into a new spider."""
    data = restored.scan
    if data.get("consent"):
        spider.consent = consent_from_dict(data["consent"])
    spider.errors.extend(data.get("errors", []))
    spider.policy_searched.extend(data.get("policy_searched", []))
    pre = restored.phases.get("pre-consent", PhaseCheckpoint())
    if pre.pages or pre.finished:  # else pre-consent starts over with a fresh page set
        _restore_page_set(spider, data.get("pageset", {}), pre)
    for name, state in spider.phases.items():
        saved = restored.phases.get(name)
        notes: dict[str, Any] = {"restored_pages": len(saved.pages) if saved else 0}
        spider.resume_notes[name] = notes
        if saved is None or (not saved.pages and not saved.finished):
            notes["restarted"] = True  # no page finished: the phase runs fully
            continue
        spider.finished_pages[name] = saved.urls
        for record in phase_records(saved, snapshot_cookies=False):
            if isinstance(record, BehaviourRecord):
                from scanner.collect.resumable import behaviour_key

                spider.restored_behaviours.add(behaviour_key(record))
        kept = saved.state
        spider.phase_saved[name] = dict(kept)
        if name in ("accept", "reject") and data.get("consent"):
            # The same object as the consent outcome's, as the decision made it (closed()
            # settles both at once).
            state.decision = getattr(spider.consent, name)
        elif kept.get("decision"):
            state.decision = ConsentDecision(**kept["decision"])
        state.har = kept.get("har")
        if saved.finished:
            notes["finished_before"] = True
            spider.final[name] = [record_from_dict(data) for data in kept.get("final", [])]
            continue
        notes["restarted"] = False
        notes["not_observed"] = list(NOT_OBSERVED)
        if kept.get("storage_state"):  # applied to the phase's first page (see below)
            spider.storage_states[name] = kept["storage_state"]
        har = state.context_kwargs.get("record_har_path")
        if har:  # the interrupted run's HAR stays; each resumed run's part gets its own file
            run = data.get("runs", 2)
            state.context_kwargs["record_har_path"] = str(Path(har).with_suffix(f".run{run}.har"))
        if kept.get("decided"):
            state.boundary = next_seq()
        state.cookies_before = {
            (c[0], c[1], c[2]): (c[3], c[4]) for c in kept.get("cookies_before", [])
        }
        state.storage_before = {tuple(key) for key in kept.get("storage_before", [])}  # type: ignore[misc]
        state.storage_seen = {tuple(key) for key in kept.get("storage_seen", [])}  # type: ignore[misc]
        spider.snapshots[name] = [record_from_dict(c) for c in kept.get("cookies", [])]


def _restore_page_set(spider: ResumableSpider, saved: dict, pre: PhaseCheckpoint) -> None:
    pages = spider.pages
    done = set(pre.urls)
    pages.urls = list(saved.get("urls", []))
    spider.revisit = [url for url in pages.urls if url not in done]
    pending = [url for url in saved.get("pending", []) if url not in pages.urls]
    pages.frontier = pending + [url for url in saved.get("frontier", []) if url not in pending]
    pages.queued = set(saved.get("queued", [])) | set(pages.urls)
    pages.links = [PolicyLink(*link) for link in saved.get("links", [])]
    pages.site_domain = saved.get("site_domain", pages.site_domain)
    if saved.get("settled"):
        pages.settle_site(None)
    pages.requested = len(pages.urls)
    # Pages to revisit are in the set already and loading again; add() counts them out.
    pages.loading = pages.open = len(spider.revisit)
    pages.final = pre.finished


async def resume_start(spider: ResumableSpider, restored: Restored) -> AsyncIterator[Any]:
    """The resumed scan's start: replay the finished pages' records, then request what is
    left of each phase; a phase waiting for pre-consent to find its next page waits last."""
    for name in spider.phases:
        saved = restored.phases.get(name)
        if saved is not None and (saved.pages or saved.finished):
            for record in phase_records(saved, snapshot_cookies=False):
                yield record
    pre = restored.phases.get("pre-consent", PhaseCheckpoint())
    if pre.finished and restored.scan.get("policy_done"):
        spider.policy_done = True
        for document in restored.policy_documents:
            yield document
    elif pre.finished:  # the policy fetch was cut short: fetch it again, whole
        spider.policy_searched.clear()
        spider.errors[:] = [error for error in spider.errors if not error.startswith("policy:")]
        if spider.checkpoint is not None:
            spider.checkpoint.forget_policy()
        for request in spider.policy_requests():
            yield request
    else:
        async for item in _continue_pre_consent(spider, pre):
            yield item
    followers = [name for name in spider.phases if name != "pre-consent"]
    for name in sorted(followers, key=lambda n: _done(restored, n) >= len(spider.pages.urls)):
        saved = restored.phases.get(name)
        if saved is not None and saved.finished:
            continue
        done = _done(restored, name)
        if done == 0:
            yield spider._page_request(name, spider.options.url, 0)  # type: ignore[arg-type]
        elif await spider.pages.known(done, spider._page_set_cap()):
            yield spider._page_request(name, spider.pages.urls[done], done)  # type: ignore[arg-type]
        else:
            for item in await _end_without_page(spider, name):
                yield item


def _done(restored: Restored, name: str) -> int:
    saved = restored.phases.get(name)
    return len(saved.pages) if saved is not None else 0


async def _continue_pre_consent(
    spider: ResumableSpider, pre: PhaseCheckpoint
) -> AsyncIterator[Any]:
    pages = spider.pages
    if not pre.pages:
        yield spider._page_request("pre-consent", spider.options.url, 0)
        return
    requests = []
    for url in spider.revisit:
        pages.requested += 1
        requests.append(spider._page_request("pre-consent", url, pages.requested - 1))
    for url in pages.take(spider._pool()):
        requests.append(spider._page_request("pre-consent", url, pages.requested - 1))
    if requests:
        for request in requests:
            yield request
        return
    # Every page was visited, but the phase had not closed: close it on what was saved.
    for item in await _end_without_page(spider, "pre-consent"):
        yield item
    await pages.end()
    for request in spider.policy_requests():
        yield request


async def _end_without_page(spider: ResumableSpider, name: str) -> list[Any]:
    """A phase whose every page was finished but which had not closed: its cookies are those
    of the last checkpoint, and its closing steps (pre-consent's banner survey, accept's
    withdraw control) are not repeated."""
    notes = spider.resume_notes.setdefault(name, {})
    notes.setdefault("not_observed", list(NOT_OBSERVED)).append(
        "the phase's closing steps (cookie jar at the end, banner survey or withdraw control):"
        " its cookies are those of its last checkpoint"
    )
    items: list[Any] = [
        cookie for cookie in spider.snapshots.get(name, []) if isinstance(cookie, CookieRecord)
    ]
    spider.final[name] = items
    await spider.save_phase(name, None)
    return items


#: Puts a saved storage state's localStorage back, in every frame of a listed origin. It is
#: added to the resumed phase's first page only, whose one navigation it runs on.
RESTORE_STORAGE_JS = """
(origins) => {
  const saved = origins.find((o) => o.origin === location.origin);
  if (!saved) return;
  try {
    for (const item of saved.localStorage) localStorage.setItem(item.name, item.value);
  } catch (e) {}
}
"""


async def apply_storage_state(page: Page, storage_state: dict) -> None:
    """Give a resumed phase's new profile the browser state its last finished page left:
    the cookie jar, and localStorage (Chromium's persistent profiles take no storage state
    at launch, so it is applied to the first page before it navigates)."""
    if storage_state.get("cookies"):
        await page.context.add_cookies(storage_state["cookies"])
    origins = storage_state.get("origins") or []
    if origins:
        script = f"({RESTORE_STORAGE_JS})({json.dumps(origins)})"
        await page.add_init_script(script=script)
