"""ePrivacy art. 5(3) rules on tracking before consent and after refusal.

EP-01 (cookies), EP-02 (tracker requests), EP-05 (after reject), EP-06 (embeds); tracking beyond
cookies (EP-03, EP-04, EP-11, EP-13) is in :mod:`scanner.checks.cookieless`.

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
    """Tracking cookies (analytics or marketing cookies, or cookies of a known tracker) are in the
    browser before the visitor has made any choice: high for marketing cookies and third-party
    tracking cookies, medium for first-party analytics cookies.

    ## Why it matters

    Under art. 5(3) of the ePrivacy Directive, as transposed nationally (Telecommunicatiewet art.
    11.7a in the Netherlands, § 25 TDDDG in Germany, art. 82 of the Loi Informatique et Libertés in
    France), a cookie that is not strictly necessary may only be placed after the visitor has
    consented. This applies whether or not the cookie holds personal data (CJEU Planet49, C-673/17).
    Cookies before consent are among the practices regulators have sanctioned most often.
    First-party analytics cookies are rated medium because some countries exempt narrowly configured
    analytics (the Netherlands, and France under strict conditions); Germany has no such exemption.

    ## Example

    `_fbp` (Meta, marketing) is set on `.example.nl` by `connect.facebook.net/en_US/fbevents.js` on
    the start page before the banner is answered: a high finding. `_ga` (Google Analytics, set on
    the site's own domain by `www.googletagmanager.com`) is reported in a separate, medium finding.
    """
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
    """Requests go to known third-party trackers (analytics hits, pixels, beacons, tag scripts)
    before the visitor has made any choice.

    ## Why it matters

    The EDPB's Guidelines 2/2023 confirm that art. 5(3) of the ePrivacy Directive covers tracking
    pixels, URL tracking and unique identifiers, not only cookies: a tracker's script reads
    information from the device and sends identifiers. A tracker request therefore needs consent
    even when no cookie is set. Every such request also gives the tracker the visitor's IP address
    and the page being viewed.

    ## Example

    Before the banner is answered, the start page loads
    `www.googletagmanager.com/gtag/js?id=G-ABC123` and sends
    `www.facebook.com/tr?id=1234567890&ev=PageView` (Meta Pixel).
    """
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
    """After the visitor clicked reject, tracker requests are still sent, or tracking cookies or
    storage keys are created or updated, or the browser is fingerprinted, on the same page or on
    pages visited afterwards.

    ## Why it matters

    A refusal must be honoured: without valid consent, no cookie or tracker that needs consent may
    be used (EDPB Cookie Banner Taskforce, 2023). In its 2025 enforcement the Dutch Autoriteit
    Persoonsgegevens found sites that placed cookies "even after the visitor refused". Tracking
    after a refusal also makes the banner itself misleading. Tracking cookies set before the click
    and merely not deleted are reported under EP-01, not here.

    ## Example

    After clicking "Weigeren", the next page still sends
    `region1.google-analytics.com/g/collect?v=2&tid=G-ABC123` and refreshes `_ga`.
    """
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
    """Third-party embeds and social plugins (video players, maps, social widgets and buttons) load
    their frames or scripts before any interaction: high when one of them is a known tracker, medium
    otherwise.

    ## Why it matters

    In Fashion ID (C-40/17) the Court of Justice held that a site embedding a social plugin is joint
    controller for the collection and transmission of visitor data to the plugin's provider, and
    must inform visitors and obtain their consent before that happens. An embed runs the provider's
    code, which can read and write cookies and storage on the visitor's device (EDPB Guidelines
    2/2023). A click-to-load placeholder keeps the provider out until the visitor asks for the
    content.

    ## Example

    A recipe page loads `https://www.youtube.com/embed/abc123` in an iframe and
    `platform.twitter.com/widgets.js` before the visitor has clicked anything.
    """
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
