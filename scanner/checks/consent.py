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
        or bool(_embeds(phase))
    )


def _embeds(phase: PhaseResult) -> list:
    """Third-party embeds and social plugins a phase loaded."""
    return [
        r for r in phase.requests if r.third_party and r.attribution.category in EMBED_CATEGORIES
    ]


def _first_layer_reject(scan: Scan) -> bool:
    """Whether the first layer offers a reject, by consensus: the survey classified one, or a
    verified one-click reject was made there (``first_layer_reject_source``), so a word the
    survey does not know never makes CB-03 or CB-08 fire against what really happened."""
    banner = scan.consent.banner
    return banner is not None and (
        banner.first_layer_reject or banner.first_layer_reject_source is not None
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
    """Tracking happens before consent (tracking cookies, tracker requests or embeds) and no consent
    banner or consent manager is found at all.

    ## Why it matters

    Cookies and trackers that are not strictly necessary need the visitor's prior consent (ePrivacy
    Directive art. 5(3); CJEU Planet49, C-673/17). Without any banner or consent manager, visitors
    have no way to give or refuse consent, so all the tracking observed likely runs without a valid
    basis. If the site does show a banner the scanner did not recognise, the screenshots will show
    it; review them before acting on this finding.

    ## Example

    The start page sets `_ga` and `_fbp` and loads `connect.facebook.net/en_US/fbevents.js`, and no
    cookie banner, consent dialog or known consent-management script appears.
    """
    if scan.consent.banner_detected or not _tracking_before_consent(scan):
        return
    phase = scan.phases["pre-consent"]
    evidence = [request_evidence(r) for r in tracker_requests(phase)][:20]
    evidence += [cookie_evidence(c) for c in phase.cookies if c.attribution.tracker][:20]
    # Embeds alone also count as tracking before consent; then they are the evidence.
    evidence = evidence or [request_evidence(r) for r in _embeds(phase)][:20]
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
    """The banner or the policy says that using or continuing to browse the site counts as consent:
    high when trackers also run before a choice, otherwise medium.

    Judged on the policy alone there is no crawl to show trackers, so the severity is medium.

    ## Why it matters

    Consent must be given by a clear affirmative action (GDPR art. 4(11)); scrolling or continuing
    to browse is not consent (EDPB Guidelines 05/2020, §86; CJEU Planet49). The CNIL has said that
    "en poursuivant votre navigation" banners are no longer compliant, and the Autoriteit
    Persoonsgegevens lists implicitly assuming consent as a misleading practice. Such wording
    usually goes with trackers that load without any real choice.

    ## Example

    The policy says "Met het gebruik van de website ga je akkoord met het gebruik van onze cookies",
    and `_ga` is set before any choice is made.
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
    """The banner's first layer has an accept control but no reject control; refusing is possible
    only through a further layer, if at all.

    ## Why it matters

    In the EDPB Cookie Banner Taskforce report (2023), a vast majority of authorities considered a
    first layer with accept but no reject option an infringement. The Autoriteit Persoonsgegevens
    expects accept and reject side by side on the same layer, and the CNIL fined Google (€150
    million) and Facebook (€60 million) in 2021 for making refusal harder than acceptance.

    ## Example

    The first layer offers "Alles accepteren" and "Instellingen"; "Weigeren" only appears after
    opening the settings.
    """
    banner = scan.consent.banner
    if banner is None or not banner.first_layer_accept or _first_layer_reject(scan):
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
    """Checkboxes or switches for non-essential purposes are already on before the visitor acts, on
    the first layer or on the settings layer the scanner opened.

    ## Why it matters

    Consent given through a pre-ticked box is not valid: the visitor must switch each purpose on
    themselves (CJEU Planet49, C-673/17; Orange Romania, C-61/19; EDPB Cookie Banner Taskforce). The
    Autoriteit Persoonsgegevens fined Kruidvat in 2024, among other things, for pre-ticked boxes for
    tracking cookies.

    ## Example

    In the banner's settings, "Statistieken" and "Marketing" are switched on before the visitor has
    touched them.
    """
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
        "no-reject": "No way to reject was found, while accepting takes {accept} click(s)",
        "counted": "Rejecting takes {reject} clicks, accepting {accept}",
    },
)
def click_asymmetry(scan: Scan) -> Iterator[Hit]:
    """Rejecting takes more clicks than accepting, or no way to reject was found at all: high when
    rejecting needs more than one extra click or cannot be found, medium for one extra click.

    ## Why it matters

    Refusing must be as easy as accepting: the CNIL requires it, and the Autoriteit Persoonsgegevens
    says the same. Consent obtained through a harder refusal path is likely not freely given (GDPR
    art. 4(11) and 7). The CNIL fined Google and Facebook in 2021 because refusing cookies
    took more clicks than accepting them.

    ## Example

    Accepting takes one click ("Accepteren"); rejecting takes three ("Instellingen", switching off
    "Marketing", "Opslaan").
    """
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
        if not _first_layer_reject(scan):  # the survey saw none either: there is none
            yield "reject", "high", evidence, ("no-reject", {"accept": accept.clicks})
        return
    extra = reject.clicks - accept.clicks
    if extra > 0 and reject.succeeded:  # a count only means something for a path that worked
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
    """After accepting, nothing on the page reopens the consent choices: no cookie-settings link and
    no floating consent icon is found on the last page visited.

    ## Why it matters

    Visitors may withdraw their consent at any time, and withdrawing must be as easy as giving
    consent (GDPR art. 7(3)). The EDPB Cookie Banner Taskforce expects an easily accessible way to
    do so, such as a permanently visible icon or link. Without one, a visitor who clicked accept has
    no practical way to change their mind.

    ## Example

    After clicking "Accepteren", the last page visited (`https://www.example.nl/recepten/`) has no
    "Cookie-instellingen" link in its footer and no consent icon.
    """
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
    """The banner, as first seen, covers 80% or more of the screen, blocking the site until the
    visitor answers it.

    ## Why it matters

    If access to a site depends on accepting cookies, consent is not freely given (EDPB Guidelines
    05/2020, §38-41); the Autoriteit Persoonsgegevens says cookie walls are not allowed under the
    GDPR. The scanner measures how much of the screen the banner covers, so a full-screen banner
    that does offer a real reject option needs review rather than counting as a cookie wall.

    ## Example

    On the start page the banner covers 100% of the viewport and offers only "Accepteren" and "Meer
    informatie".
    """
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
    """With the Global Privacy Control signal on (`Sec-GPC: 1` and
    `navigator.globalPrivacyControl`), advertising or social trackers still receive requests, or
    third-party marketing cookies are set.

    ## Why it matters

    Under the CCPA regulations (§ 7025), a business that sells or shares personal information must
    treat a GPC signal as a valid request to opt out of that. California's Attorney General settled
    with Sephora in 2022 ($1.2 million), among other things for not processing GPC. This applies
    only if the site owner is a CCPA "business"; GPC has no established legal effect in the EU, so
    there the finding is informational.

    ## Example

    With GPC on, the start page still sends `www.facebook.com/tr?id=1234567890&ev=PageView`, and
    `IDE` is set on `.doubleclick.net`.
    """
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
