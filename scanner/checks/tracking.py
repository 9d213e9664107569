"""ePrivacy art. 5(3) rules on tracking before consent and after refusal.

EP-01 (cookies), EP-02 (tracker requests), EP-04 (fingerprinting), EP-05 (after reject), EP-06
(embeds), EP-11 (session recording).

Phase semantics follow the catalogue: ``pre-consent`` is a fresh profile with no interaction;
``reject`` holds only what was observed after the reject click, so a tracking cookie set before
the click and merely kept is EP-01 evidence, not EP-05.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.registry import Hit, rule
from scanner.model import (
    BehaviourRecord,
    CookieRecord,
    PhaseResult,
    RequestRecord,
    Scan,
    StorageRecord,
    iso_utc,
)

SOURCES_EP = (
    "ePrivacy Directive 2002/58/EC art. 5(3)",
    "NL Telecommunicatiewet art. 11.7a",
    "CJEU C-673/17 Planet49 (2019)",
    "EDPB Cookie Banner Taskforce report (Jan 2023)",
)
EMBED_CATEGORIES = {"social", "embedded-content"}
EVIDENCE_URL_LENGTH = 300


def cookie_evidence(cookie: CookieRecord) -> dict:
    """What a finding shows about a cookie: never its value."""
    return {
        "cookie": cookie.name,
        "domain": cookie.domain,
        "owner": cookie.attribution.owner,
        "category": cookie.attribution.category,
        "third_party": cookie.third_party,
        "set_by": cookie.set_by,
        "expires": iso_utc(cookie.expires) if cookie.expires else "session",
    }


def request_evidence(request: RequestRecord) -> dict:
    """What a finding shows about a request."""
    return {
        "url": request.url[:EVIDENCE_URL_LENGTH],
        "host": request.host,
        "owner": request.attribution.owner,
        "category": request.attribution.category,
        "resource_type": request.resource_type,
        "page": request.page,
    }


def storage_evidence(item: StorageRecord) -> dict:
    """What a finding shows about a storage key."""
    return {
        "storage": item.kind,
        "origin": item.origin,
        "key": item.key,
        "owner": item.attribution.owner,
        "written_by": item.written_by,
    }


def _ran(phase: PhaseResult) -> bool:
    return phase.skipped is None and bool(phase.pages)


def tracker_requests(phase: PhaseResult) -> list[RequestRecord]:
    """Third-party requests to known trackers, first hit per URL."""
    seen: set[str] = set()
    found = []
    for request in phase.requests:
        if request.third_party and request.attribution.tracker and request.url not in seen:
            seen.add(request.url)
            found.append(request)
    return found


@rule(
    "EP-01",
    "cookie-before-consent",
    "high",
    "Tracking cookies are set before the visitor consents",
    "Load analytics and marketing tags only after the visitor has opted in (block them in the "
    "consent manager or the tag manager until consent is given).",
    SOURCES_EP,
    variants={
        "third-party": "{count} marketing or third-party tracking cookie(s) set before consent",
        "first-party-analytics": "{count} first-party analytics cookie(s) set before consent",
    },
)
def cookies_before_consent(scan: Scan) -> Iterator[Hit]:
    """EP-01: high for marketing or third-party cookies, medium for first-party analytics."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    tracking = [cookie for cookie in phase.cookies if cookie.attribution.tracker]
    high = [c for c in tracking if c.third_party or c.attribution.category != "analytics"]
    medium = [c for c in tracking if c not in high]
    if high:
        yield (
            "pre-consent",
            "high",
            [cookie_evidence(c) for c in high],
            ("third-party", {"count": len(high)}),
        )
    if medium:
        yield (
            "pre-consent",
            "medium",
            [cookie_evidence(c) for c in medium],
            ("first-party-analytics", {"count": len(medium)}),
        )


@rule(
    "EP-02",
    "tracker-request-before-consent",
    "high",
    "Tracker requests are sent before the visitor consents",
    "Do not load tracking scripts, pixels or beacons until the visitor has opted in; a request "
    "alone passes the visitor's IP address and device data to the tracker.",
    (*SOURCES_EP, "EDPB Guidelines 2/2023 on the technical scope of art. 5(3) ePD"),
    variants={"counted": "{count} tracker request(s) before consent, to {owners}"},
)
def requests_before_consent(scan: Scan) -> Iterator[Hit]:
    """EP-02: every known tracker contacted in the pre-consent phase."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    requests = tracker_requests(phase)
    if requests:
        owners = sorted({r.attribution.owner or r.host for r in requests})
        yield (
            "pre-consent",
            None,
            [request_evidence(r) for r in requests],
            ("counted", {"count": len(requests), "owners": ", ".join(owners)}),
        )


@rule(
    "EP-05",
    "tracking-after-reject",
    "high",
    "Tracking continues after the visitor rejected cookies",
    "Honour the refusal: after 'reject', no tracking request may be sent and no tracking cookie "
    "or storage may be created or refreshed, on the same page or later pages.",
    (*SOURCES_EP, "AP (NL) 2025 banner enforcement"),
)
def tracking_after_reject(scan: Scan) -> Iterator[Hit]:
    """EP-05: tracker requests, cookies or storage created or updated after the reject click."""
    phase = scan.phases["reject"]
    if not _ran(phase):
        return
    evidence = [request_evidence(r) for r in tracker_requests(phase)]
    evidence += [cookie_evidence(c) for c in phase.cookies if c.attribution.tracker]
    evidence += [storage_evidence(s) for s in phase.storage if s.attribution.tracker]
    evidence += [behaviour_evidence(b) for b in phase.behaviours if b.behaviour == "fingerprinting"]
    if evidence:
        yield "reject", None, evidence, None


@rule(
    "EP-06",
    "embed-before-consent",
    "high",
    "Third-party embeds and social plugins load before consent",
    "Replace embeds and social buttons with a click-to-load placeholder, or load them only after "
    "consent; the site is joint controller for what the plugin collects.",
    ("CJEU C-40/17 Fashion ID (2019)", "EDPB Guidelines 2/2023"),
    variants={"counted": "{count} embed or social plugin resource(s) loaded before consent"},
)
def embeds_before_consent(scan: Scan) -> Iterator[Hit]:
    """EP-06: embed frames and widget scripts loaded with no interaction."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    embeds = [
        r
        for r in phase.requests
        if r.third_party
        and r.attribution.category in EMBED_CATEGORIES
        and r.resource_type in ("document", "script")
    ]
    if not embeds:
        return
    tracking = any(r.attribution.tracker for r in embeds)
    yield (
        "pre-consent",
        "high" if tracking else "medium",
        [request_evidence(r) for r in embeds],
        ("counted", {"count": len(embeds)}),
    )


def behaviour_evidence(item: BehaviourRecord) -> dict:
    """What a finding shows about fingerprinting or session recording."""
    return {
        "behaviour": item.behaviour,
        "api": item.api,
        "script": item.script[:EVIDENCE_URL_LENGTH],
        "owner": item.attribution.owner,
        "third_party": item.third_party,
        "page": item.page,
    }


@rule(
    "EP-04",
    "fingerprinting-before-consent",
    "high",
    "The browser is fingerprinted before the visitor consents",
    "Do not run fingerprinting scripts (canvas, WebGL, audio, font or device probing) before "
    "opt-in; reading device characteristics is access to the terminal equipment.",
    (*SOURCES_EP, "WP29 Opinion 9/2014 on device fingerprinting", "EDPB Guidelines 2/2023"),
    variants={"first-party": "The site's own scripts fingerprint the browser before consent"},
)
def fingerprinting_before_consent(scan: Scan) -> Iterator[Hit]:
    """EP-04: high for third-party scripts, medium for the site's own."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    found = [b for b in phase.behaviours if b.behaviour == "fingerprinting"]
    third = [b for b in found if b.third_party]
    first = [b for b in found if not b.third_party]
    if third:
        yield "pre-consent", "high", [behaviour_evidence(b) for b in third], None
    if first:
        yield (
            "pre-consent",
            "medium",
            [behaviour_evidence(b) for b in first],
            ("first-party", {}),
        )


@rule(
    "EP-11",
    "session-recording-before-consent",
    "high",
    "Session recording runs before the visitor consents",
    "Load session-replay and heatmap tools (Hotjar, Clarity, FullStory, ...) only after opt-in, "
    "and mask what visitors type.",
    (*SOURCES_EP, "EDPB Guidelines 2/2023"),
)
def session_recording_before_consent(scan: Scan) -> Iterator[Hit]:
    """EP-11: a recorder's requests (by owner), a third-party script listening to input, or
    typed form input sent away before submission (the keylogging probe)."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    evidence = [
        request_evidence(r)
        for r in tracker_requests(phase)
        if r.attribution.category == "session-recording"
    ]
    evidence += [
        behaviour_evidence(b)
        for b in phase.behaviours
        if b.behaviour in ("session-recording", "keylogging") and b.third_party
    ]
    if evidence:
        yield "pre-consent", None, evidence, None


@rule(
    "EP-03",
    "storage-identifier-before-consent",
    "high",
    "Identifiers are written to browser storage before consent",
    "Tracking identifiers in localStorage or sessionStorage need consent like cookies do; do "
    "not let tags or embeds write them before opt-in.",
    (*SOURCES_EP, "EDPB Guidelines 2/2023", "TDDDG commentary (local storage)"),
    variants={
        "first-party": "Tracking identifiers are written to the site's own storage before consent"
    },
)
def storage_before_consent(scan: Scan) -> Iterator[Hit]:
    """EP-03: high for third-party origins or writers, medium for first-party tracker keys."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    third = [s for s in phase.storage if s.third_party or _written_by_third_party(s)]
    first = [s for s in phase.storage if s.attribution.tracker and s not in third]
    if third:
        yield "pre-consent", "high", [storage_evidence(s) for s in third], None
    if first:
        yield (
            "pre-consent",
            "medium",
            [storage_evidence(s) for s in first],
            ("first-party", {}),
        )


def _written_by_third_party(item: StorageRecord) -> bool:
    """Whether a third-party script wrote the key (attributed to the script's owner)."""
    return item.attribution.owner is not None and any(
        reason.startswith("written by") for reason in item.attribution.reasons
    )


@rule(
    "EP-13",
    "cname-cloaked-tracker",
    "high",
    "A first-party subdomain is a tracker's server in disguise (CNAME cloaking)",
    "Treat the cloaked subdomain as the third-party tracker it is: disclose it, and load it only "
    "after consent; its cookies are the tracker's, however first-party they look.",
    (*SOURCES_EP, "EDPB Guidelines 2/2023"),
)
def cname_cloaking(scan: Scan) -> Iterator[Hit]:
    """EP-13: collect-like requests to a first-party host whose CNAME chain reaches a tracker."""
    phase = scan.phases["pre-consent"]
    if not _ran(phase):
        return
    cloaked = [
        r
        for r in phase.requests
        if not r.third_party and any(why.startswith("CNAME ") for why in r.attribution.reasons)
    ]
    if cloaked:
        evidence = [{**request_evidence(r), "cname": r.attribution.reasons[0]} for r in cloaked]
        yield "pre-consent", None, evidence, None
