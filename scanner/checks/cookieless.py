"""Tracking beyond cookies before consent: fingerprinting (EP-04), session recording and
keylogging (EP-11), identifiers in browser storage (EP-03) and CNAME-cloaked trackers (EP-13).

The same ePrivacy art. 5(3) rule as for cookies applies: reading device characteristics or
writing identifiers to storage is access to the terminal equipment. The cookie and request rules
are in :mod:`scanner.checks.tracking`.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.registry import Hit, rule
from scanner.checks.tracking import (
    SOURCES_EP,
    _ran,
    behaviour_evidence,
    request_evidence,
    storage_evidence,
    tracker_requests,
)
from scanner.model import Scan, StorageRecord


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
    """Scripts probe the browser for fingerprinting (canvas, WebGL, offline or live audio,
    WebRTC local addresses, fonts or device properties) before the visitor consents: high for
    third-party scripts, medium for the site's own.

    ## Why it matters

    Reading device characteristics to recognise a browser is access to information on the visitor's
    device, so art. 5(3) of the ePrivacy Directive applies to fingerprinting just as it does to
    cookies (WP29 Opinion 9/2014, EDPB Guidelines 2/2023). Unlike a cookie, a fingerprint cannot be
    deleted by the visitor. Fingerprinting before consent is therefore likely non-compliant.

    ## Example

    On the start page, before the banner is answered, a third-party script
    (`https://cdn.adsvendor.example/fp.js`) draws text on a canvas and reads it back with
    `HTMLCanvasElement.toDataURL`.
    """
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
    """Session-recording or heatmap tools (Hotjar, Microsoft Clarity, FullStory, Mouseflow and the
    like) run before consent: requests to a known recorder, a third-party script listening to the
    visitor's input, or text typed into a form sent away before the form is submitted (the
    keylogging probe).

    ## Why it matters

    Session-replay tools record how visitors move, click, scroll and type, and send it to the tool's
    provider; art. 5(3) of the ePrivacy Directive requires prior consent for this (EDPB Guidelines
    2/2023). What visitors type can include names, e-mail addresses and other personal data they
    never meant to send, even before they press submit. Recording before consent is rated high.

    ## Example

    Before the banner is answered, `static.hotjar.com` is loaded and `in.hotjar.com` receives
    events; text the scanner typed into the newsletter field left the page before the form was
    submitted.
    """
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
    """Keys are written to localStorage or sessionStorage before consent: high for any key held by a
    third-party origin or written by a third-party script, medium for known tracker keys in the
    site's own storage.

    ## Why it matters

    Browser storage is part of the visitor's device just like the cookie jar, so art. 5(3) of the
    ePrivacy Directive applies to identifiers in localStorage and sessionStorage (EDPB Guidelines
    2/2023; German commentary on § 25 TDDDG names local storage explicitly). They need the same
    prior consent as tracking cookies. YouTube's player, for example, writes `yt-remote-device-id`
    even in privacy-enhanced mode.

    ## Example

    Before the banner is answered, the embedded player from `https://www.youtube-nocookie.com`
    writes `yt-remote-device-id` to its localStorage.
    """
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
    """Collection requests (analytics hits, pixels, beacons) go, before consent, to a subdomain of
    the site whose DNS CNAME chain leads to a known tracker's servers (CNAME cloaking).

    ## Why it matters

    Pointing a subdomain of the site at a tracker's servers makes the tracker's cookies and requests
    look like the site's own, so browsers and blockers do not treat them as third-party. Identifiers
    and IP addresses still reach the tracker, so the same prior-consent requirement applies
    (ePrivacy Directive art. 5(3), EDPB Guidelines 2/2023). Disguising a tracker this way also
    leaves visitors misinformed about who receives their data.

    ## Example

    Before the banner is answered, the start page sends a hit to
    `smetrics.example.nl/b/ss/examplenl/1/`, and `smetrics.example.nl` is a CNAME for
    `example.nl.ssl.sc.omtrdc.net` (Adobe Analytics).
    """
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
