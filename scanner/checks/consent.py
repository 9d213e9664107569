"""Consent-design and lifecycle rules: CB-01, CB-02, CB-03, CB-04, CB-08, CL-01, NL-02, US-01.

They read the banner facts the collector recorded before any decision (``consent.banner``), the
two decisions it made, and what the phases observed.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.policy import quote
from scanner.checks.registry import Hit, rule
from scanner.checks.tracking import (
    EMBED_CATEGORIES,
    cookie_evidence,
    request_evidence,
    tracker_requests,
)
from scanner.model import PhaseResult, Scan

SOURCES_CONSENT = (
    "GDPR art. 4(11) and 7",
    "CJEU C-673/17 Planet49 (2019)",
    "CJEU C-61/19 Orange Romania (2020)",
    "EDPB Guidelines 05/2020 on consent",
    "EDPB Cookie Banner Taskforce report (Jan 2023)",
)
#: Tracker categories that amount to selling or sharing under the CCPA.
SALE_SHARE_CATEGORIES = {"advertising", "social"}


def _tracking_before_consent(scan: Scan) -> bool:
    """Whether the pre-consent phase has tracking evidence (the EP-01/02/06 kind)."""
    phase = scan.phases["pre-consent"]
    return (
        any(c.attribution.tracker for c in phase.cookies)
        or bool(tracker_requests(phase))
        or any(r.third_party and r.attribution.category in EMBED_CATEGORIES for r in phase.requests)
    )


def _ran(phase: PhaseResult | None) -> bool:
    return phase is not None and phase.skipped is None and bool(phase.pages)


@rule(
    "CB-01",
    "no-consent-mechanism",
    "high",
    "Tracking without any consent mechanism",
    "Add a consent banner that blocks non-essential cookies and trackers until the visitor "
    "opts in, with accept and reject on the first layer.",
    ("ePrivacy Directive 2002/58/EC art. 5(3)", "CJEU C-673/17 Planet49 (2019)"),
)
def no_consent_mechanism(scan: Scan) -> Iterator[Hit]:
    """CB-01: tracking evidence before consent, and no banner or consent manager at all."""
    if scan.consent.banner_detected or not _tracking_before_consent(scan):
        return
    phase = scan.phases["pre-consent"]
    evidence = [request_evidence(r) for r in tracker_requests(phase)][:20]
    evidence += [cookie_evidence(c) for c in phase.cookies if c.attribution.tracker][:20]
    yield "pre-consent", None, evidence, None


@rule(
    "CB-02",
    "implied-consent",
    "high",
    "Continued use of the site is treated as consent",
    "Remove 'by using this site you agree' wording from the banner and the policy: consent needs "
    "a clear affirmative action, and nothing non-essential may load before it.",
    (*SOURCES_CONSENT, "AP (NL): implicitly assuming consent is misleading"),
    text_only=True,
)
def implied_consent(scan: Scan) -> Iterator[Hit]:
    """CB-02 (banner or policy text): high when trackers also fire before a choice, else medium.

    Judged on the policy alone there is no crawl to show trackers, so the severity is medium.
    """
    evidence = []
    banner = scan.consent.banner
    if banner is not None and banner.implied_consent is not None:
        evidence.append({"source": "banner", **banner.implied_consent})
    policy = scan.policy
    if policy is not None and policy.consent_model == "implied":
        evidence.append(quote(policy, policy.consent_evidence))
    if not evidence:
        return
    severity = "high" if _tracking_before_consent(scan) else "medium"
    yield ("pre-consent" if _ran(scan.phases["pre-consent"]) else None), severity, evidence, None


@rule(
    "CB-03",
    "no-first-layer-reject",
    "high",
    "No reject option on the banner's first layer",
    "Put a 'reject all' control beside 'accept all' on the first layer, equally visible.",
    (*SOURCES_CONSENT, "AP (NL): accept and reject side by side on the same layer"),
)
def no_first_layer_reject(scan: Scan) -> Iterator[Hit]:
    """CB-03: an accept control on the first layer, and no reject control there."""
    banner = scan.consent.banner
    if banner is None or not banner.first_layer_accept or banner.first_layer_reject:
        return
    reject = scan.consent.reject
    evidence = [
        {
            "first_layer_controls": [c["text"] for c in banner.controls],
            "reject_path": reject.steps,
            "reject_clicks": reject.clicks,
        }
    ]
    yield "pre-consent", None, evidence, None


@rule(
    "CB-04",
    "pre-ticked-purposes",
    "high",
    "Purposes are switched on before the visitor chooses",
    "Leave every non-essential purpose and vendor switched off until the visitor turns it on.",
    SOURCES_CONSENT,
)
def pre_ticked(scan: Scan) -> Iterator[Hit]:
    """CB-04: non-essential checkboxes or switches already on, on any layer seen."""
    banner = scan.consent.banner
    if banner is None or not banner.pre_ticked:
        return
    yield "pre-consent", None, [{"pre_ticked": label} for label in banner.pre_ticked], None


@rule(
    "CB-08",
    "reject-harder-than-accept",
    "high",
    "Rejecting takes more clicks than accepting",
    "Make refusing as easy as accepting: one click, on the first layer.",
    (*SOURCES_CONSENT, "CNIL: refusing must be as easy as accepting"),
    variants={
        "no-reject": "No way to reject was found, accepting takes one click",
        "counted": "Rejecting takes {reject} clicks, accepting {accept}",
    },
)
def click_asymmetry(scan: Scan) -> Iterator[Hit]:
    """CB-08: high when rejecting needs more than one extra step, medium for one."""
    accept, reject = scan.consent.accept, scan.consent.reject
    if not accept.found or not accept.clicks:
        return
    evidence = [
        {
            "accept_clicks": accept.clicks,
            "reject_clicks": reject.clicks,
            "reject_found": reject.found,
            "reject_steps": reject.steps,
        }
    ]
    if not reject.found:
        yield "reject", "high", evidence, ("no-reject", {})
        return
    extra = reject.clicks - accept.clicks
    if extra > 0:
        yield (
            "reject",
            "high" if extra > 1 else "medium",
            evidence,
            ("counted", {"reject": reject.clicks, "accept": accept.clicks}),
        )


@rule(
    "CL-01",
    "no-withdraw-control",
    "medium",
    "No persistent way to withdraw consent",
    "Offer a link ('Cookie-instellingen') or a floating icon on every page that reopens the "
    "consent choices; withdrawing must be as easy as consenting.",
    ("GDPR art. 7(3)", "EDPB Cookie Banner Taskforce report (Jan 2023), type H"),
)
def no_withdraw_control(scan: Scan) -> Iterator[Hit]:
    """CL-01: after accepting, nothing on the page reopens the consent choices."""
    if not scan.consent.accept.succeeded or scan.consent.withdraw is not None:
        return
    pages = [p.url for p in scan.phases["accept"].pages][-1:]
    yield (
        "accept",
        None,
        [{"page": url, "looked_for": "settings link or icon"} for url in pages],
        None,
    )


@rule(
    "NL-02",
    "cookie-wall",
    "high",
    "Cookie wall: the banner blocks the site until the visitor accepts",
    "Let visitors use the site after refusing; a cookie wall makes consent not freely given.",
    ("AP (NL): cookiewalls are not allowed under the GDPR", "EDPB Guidelines 05/2020, 38-41"),
)
def cookie_wall(scan: Scan) -> Iterator[Hit]:
    """NL-02: the banner covers (nearly) the whole screen as first seen."""
    banner = scan.consent.banner
    if banner is None or not banner.cookie_wall:
        return
    evidence = [
        {"viewport_covered": banner.coverage, "first_layer_reject": banner.first_layer_reject}
    ]
    yield "pre-consent", None, evidence, None


@rule(
    "US-01",
    "gpc-not-honoured",
    "high",
    "Advertising trackers ignore the Global Privacy Control signal (conditional: CCPA business)",
    "Treat Sec-GPC: 1 / navigator.globalPrivacyControl as an opt-out of sale and sharing: do "
    "not load advertising or social trackers for such visitors. Applies if the site owner is "
    "a CCPA business; in the EU this is informational.",
    ("CCPA regulations 7025(b)-(c)", "People v. Sephora (2022)", "GPC specification"),
)
def gpc_not_honoured(scan: Scan) -> Iterator[Hit]:
    """US-01: with GPC on, advertising or social trackers still fire or set cookies."""
    phase = scan.phases.get("gpc")
    if not _ran(phase):
        return
    assert phase is not None
    requests = [
        r for r in tracker_requests(phase) if r.attribution.category in SALE_SHARE_CATEGORIES
    ]
    cookies = [c for c in phase.cookies if c.third_party and c.attribution.category == "marketing"]
    evidence = [request_evidence(r) for r in requests] + [cookie_evidence(c) for c in cookies]
    if evidence:
        yield "gpc", None, evidence, None
