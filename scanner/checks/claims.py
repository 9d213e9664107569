"""Policy claims against the traffic (rules.md 6a): CLM-01, CLM-02, CLM-03, CLM-04, CLM-08, CLM-11.

Each rule needs the claim in the declared policy (extracted or declared as code) and the
observation that contradicts it; the evidence quotes the one beside the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from scanner.checks.policy import quote
from scanner.checks.recipients import observed_recipients
from scanner.checks.registry import Hit, rule
from scanner.model import CookieRecord, Scan
from scanner.policy.model import DeclaredPolicy

#: Chromium caps every cookie's lifetime at 400 days, so a declared "2 years" is observed as 400.
BROWSER_CAP_SECONDS = 400 * 86400
#: Universal Analytics hits (v=1); GA4 (v=2) masks IPs by design.
UA_HIT = re.compile(r"google-analytics\.com/(r/|j/)?collect")


def _cookies(scan: Scan) -> list[CookieRecord]:
    return [c for phase in scan.phases.values() if not phase.skipped for c in phase.cookies]


def declared_owners(policy: DeclaredPolicy) -> set[str]:
    """The owners the policy names. A recipient counts as declared when its owner is one of
    them, so a policy that names "Google Analytics" covers Google's other hosts (CLM-04 and the
    report's declared-versus-observed matrix judge recipients alike)."""
    return {p.owner for p in policy.parties if p.owner}


def cookies_by_name(scan: Scan) -> dict[str, CookieRecord]:
    """Each observed cookie name with the record a lifetime is judged on (the last phase's)."""
    return {c.name: c for c in _cookies(scan)}


def scan_started(scan: Scan) -> float:
    """The scan's start as a Unix time: observed lifetimes count from it."""
    if not scan.started_at:
        return datetime.now(UTC).timestamp()
    return datetime.fromisoformat(scan.started_at.replace("Z", "+00:00")).timestamp()


def observed_lifetime(cookie: CookieRecord, started: float) -> float | None:
    """Seconds from the scan's start to the cookie's expiry; None for a session cookie."""
    return None if cookie.expires is None else max(0.0, cookie.expires - started)


DAY = 86400
#: Declared units, longest first, and how far one of them may honestly stray from the seconds
#: the reader counts for it: a year is 365 or 366 days, a month 28 to 31 (read as 30).
UNIT_SLACK = ((365 * DAY, DAY), (30 * DAY, 1.5 * DAY), (7 * DAY, 0), (DAY, 0), (3600, 0))
#: The scan's own clock: a cookie set a while after the scan started looks that much longer.
SCAN_SLACK = DAY


def lifetime_tolerance(declared_seconds: int) -> float:
    """How far an observed lifetime may differ from a declared one: the rounding of the unit the
    policy wrote it in ("1 year" is 365 or 366 days, "13 months" 390 to 403), plus the scan's
    clock. A fixed share (10%) would let a "1 year" cookie live 400 days unremarked."""
    for unit, slack in UNIT_SLACK:
        if declared_seconds % unit == 0:
            return declared_seconds // unit * slack + min(SCAN_SLACK, unit)
    return min(SCAN_SLACK, 0.1 * declared_seconds)


def lifetime_differs(declared_seconds: int, lifetime: float | None) -> bool:
    """CLM-08's test: further off the declared lifetime (capped at Chromium's 400 days) than the
    declared unit's rounding allows, or a declared session cookie that outlives a day."""
    expected = min(declared_seconds, BROWSER_CAP_SECONDS)
    if expected == 0:
        return lifetime is not None and lifetime > DAY
    return lifetime is None or abs(lifetime - expected) > lifetime_tolerance(declared_seconds)


@rule(
    "CLM-01",
    "ip-anonymisation-claim-contradicted",
    "high",
    "The policy says IP addresses are anonymised, but Universal Analytics hits do not ask for it",
    "Add anonymize_ip (aip=1) to every Universal Analytics hit, or better move to GA4; and call "
    "it pseudonymisation, not anonymisation (Garante, 2022).",
    ("Google Measurement Protocol v1 (aip)", "AP (NL): Google Analytics privacy-friendly set-up"),
)
def ip_anonymisation_contradicted(scan: Scan) -> Iterator[Hit]:
    """The policy says visitors' IP addresses are anonymised or masked, but the scan saw Universal
    Analytics hits (`v=1`) without the `aip` parameter that asks Google to mask the IP address.

    ## Why it matters

    Universal Analytics masks the IP address only when each hit asks for it with `aip`, so the
    policy's claim is likely untrue for these hits, and a policy must describe the processing
    accurately (GDPR art. 5(1)(a) and 13). The Autoriteit Persoonsgegevens' (since withdrawn)
    guidance for a privacy-friendly Google Analytics set-up required IP masking. Even masked, a
    truncated IP address is pseudonymised rather than anonymous, as the Italian Garante held in
    2022. GA4 hits are not flagged: GA4 masks IP addresses by design.

    ## Example

    The policy says "Het IP-adres wordt geanonimiseerd", while
    `www.google-analytics.com/collect?v=1&tid=UA-12345-1&t=pageview` is sent without `aip=1`.
    """
    claim = scan.policy.claim("ip-anonymised") if scan.policy else None
    if claim is None or scan.policy is None:
        return
    hits = [
        request.url
        for phase in scan.phases.values()
        for request in phase.requests
        if UA_HIT.search(request.url) and _unmasked_ua_hit(parse_qs(urlsplit(request.url).query))
    ]
    if hits:
        yield None, None, [quote(scan.policy, claim.evidence), {"hits without aip": hits[:5]}], None


def _unmasked_ua_hit(query: dict[str, list[str]]) -> bool:
    """A Universal Analytics (v=1) hit that does not ask for IP masking."""
    return query.get("v") == ["1"] and "aip" not in query


@rule(
    "CLM-02",
    "cookie-kind-claim-contradicted",
    "high",
    "The policy limits the kinds of cookies used, but the site sets others",
    "Remove the marketing (or analytics) cookies, or tell visitors the truth and ask consent.",
    ("GDPR art. 5(1)(a) and 13", "Open Cookie Database categories"),
)
def cookie_kind_contradicted(scan: Scan) -> Iterator[Hit]:
    """The policy says the site uses only essential cookies, or no marketing cookies, but the scan
    found cookies of the excluded kind (analytics or marketing cookies, or marketing cookies
    respectively) in any phase.

    ## Why it matters

    A policy that understates the cookies in use misinforms visitors (GDPR art. 5(1)(a) and 13) and
    can lead them to believe no consent is asked because none is needed. Marketing cookies need
    prior consent, and analytics cookies do in most cases, so the contradiction often points to a
    consent problem as well. Cookie categories come from the Open Cookie Database and the scanner's
    own tables.

    ## Example

    The policy says "Wij gebruiken alleen functionele cookies", and after accepting, `_fbp` (Meta,
    marketing) and `_ga` (Google, analytics) are set.
    """
    policy = scan.policy
    if policy is None:
        return
    for kind, forbidden in (
        ("only-essential-cookies", {"analytics", "marketing"}),
        ("no-marketing-cookies", {"marketing"}),
    ):
        claim = policy.claim(kind)
        if claim is None:
            continue
        found = sorted(
            {
                f"{c.name} ({c.attribution.category}, {c.attribution.owner or 'unknown owner'})"
                for c in _cookies(scan)
                if c.attribution.category in forbidden
            }
        )
        if found:
            yield None, None, [quote(policy, claim.evidence), {"cookies": ", ".join(found)}], None
            return


@rule(
    "CLM-03",
    "consent-claim-contradicted",
    "high",
    "The policy says cookies wait for consent, but trackers run before any choice",
    "Make the site do what the policy says: block every non-essential cookie and tracker until "
    "the visitor opts in.",
    ("ePrivacy Directive 2002/58/EC art. 5(3)", "GDPR art. 5(1)(a)"),
)
def consent_claim_contradicted(scan: Scan) -> Iterator[Hit]:
    """The policy says cookies or trackers wait for the visitor's consent, but tracking cookies or
    requests to third-party trackers appear before any choice is made.

    ## Why it matters

    Storing or reading tracking information on a visitor's device requires prior consent (ePrivacy
    Directive art. 5(3); in the Netherlands Telecommunicatiewet art. 11.7a). The site's own policy
    promises exactly that, and the scan shows it is likely not happening, so both the consent
    requirement and the duty to inform accurately (GDPR art. 5(1)(a)) are at stake. Regulators have
    repeatedly sanctioned trackers that run before consent.

    ## Example

    The policy says "Cookies worden pas geplaatst nadat u toestemming heeft gegeven", but on the
    start page, before the banner is answered, `_ga` is set and `www.google-analytics.com` is
    contacted.
    """
    claim = scan.policy.claim("consent-before-cookies") if scan.policy else None
    phase = scan.phases["pre-consent"]
    trackers = sorted(
        {c.name for c in phase.cookies if c.attribution.tracker}
        | {r.host for r in phase.requests if r.third_party and r.attribution.tracker}
    )
    if claim is None or scan.policy is None or not trackers:
        return
    evidence = [quote(scan.policy, claim.evidence), {"before any choice": ", ".join(trackers)}]
    yield "pre-consent", None, evidence, None


@rule(
    "CLM-04",
    "undeclared-recipients",
    "medium",
    "Recipients the policy does not name",
    "Name every recipient in the policy (or stop sending it data): who it is, what it gets and "
    "why. Named recipients that the site no longer uses can be removed.",
    ("GDPR art. 13(1)(e)", "CJEU C-40/17 Fashion ID (2019)"),
)
def undeclared_recipients(scan: Scan) -> Iterator[Hit]:
    """Third parties that received visitor data during the scan belong to no party the policy names:
    medium, or high when an undeclared recipient is an advertiser.

    Recipients are matched by owner, so a policy that names "Google Analytics" covers Google's other
    hosts.

    ## Why it matters

    GDPR art. 13(1)(e) requires the policy to name the recipients, or categories of recipients, of
    personal data; every request to a third party gives it at least the visitor's IP address and the
    page address. In Fashion ID (C-40/17) the Court of Justice held that a site embedding a third
    party's plugin must inform visitors about the transmission to that provider. Recipients the
    policy leaves out are, for visitors, recipients they cannot know about.

    ## Example

    The policy names Google and Mailchimp, but the scan saw requests to `connect.facebook.net` (Meta
    Platforms) and `ct.pinterest.com` (Pinterest).
    """
    policy = scan.policy
    if policy is None:
        return
    declared = declared_owners(policy)
    undeclared = [
        entry for owner, entry in sorted(observed_recipients(scan).items()) if owner not in declared
    ]
    if not undeclared:
        return
    advertising = any("advertising" in e["categories"] for e in undeclared)
    evidence = [
        {
            "recipient": e["recipient"],
            "country": e["country"],
            "hosts": ", ".join(sorted(e["hosts"])),
            "phases": sorted(e["phases"]),
            "declared in the policy": ", ".join(p.name for p in policy.parties) or "nobody",
        }
        for e in undeclared
    ]
    yield None, "high" if advertising else None, evidence, None


@rule(
    "CLM-08",
    "cookie-duration-mismatch",
    "medium",
    "Cookies live longer (or shorter) than the policy says",
    "Make the cookie table match what the site sets, or configure the cookies to the declared "
    "lifetimes: visitors must be told how long a cookie lasts (Planet49).",
    ("CJEU C-673/17 Planet49 (2019)", "GDPR art. 13(2)(a)"),
)
def cookie_duration_mismatch(scan: Scan) -> Iterator[Hit]:
    """A cookie the policy lists with a lifetime lives longer or shorter than declared, beyond the
    rounding of the unit it is declared in (a year is 365 or 366 days, a month 28 to 31, plus a
    day for the scan's clock), or a cookie declared as a session cookie persists for more than a
    day.

    Declared lifetimes above Chromium's 400-day cap are compared as 400 days, so a "2 years" entry
    is not flagged for the browser's cap alone.

    ## Why it matters

    Visitors must be told how long cookies last: the Court of Justice said so in Planet49
    (C-673/17), and GDPR art. 13(2)(a) requires the storage period. A cookie table that does not
    match what the site sets gives visitors wrong information, so their consent may not be informed.

    ## Example

    The cookie table says "_ga: 1 maand", and `_ga` is observed with a lifetime of 400 days.
    """
    policy = scan.policy
    if policy is None:
        return
    started = scan_started(scan)
    observed = cookies_by_name(scan)
    evidence = []
    for declared in policy.cookies:
        cookie = observed.get(declared.name)
        if cookie is None or declared.duration_seconds is None:
            continue
        lifetime = observed_lifetime(cookie, started)
        if lifetime_differs(declared.duration_seconds, lifetime):
            evidence.append(
                quote(
                    policy,
                    declared.evidence,
                    cookie=declared.name,
                    declared=declared.duration,
                    observed="session" if lifetime is None else f"{lifetime / 86400:.0f} days",
                )
            )
    if evidence:
        yield None, None, evidence, None


@rule(
    "CLM-11",
    "youtube-privacy-mode-claim-contradicted",
    "medium",
    "The policy promises YouTube's privacy-enhanced mode, but youtube.com is loaded",
    "Embed videos from www.youtube-nocookie.com behind a click-to-play facade.",
    ("YouTube privacy-enhanced mode documentation",),
)
def youtube_privacy_mode_contradicted(scan: Scan) -> Iterator[Hit]:
    """The policy says YouTube videos are embedded in privacy-enhanced mode (youtube-nocookie.com,
    or "without cookies"), but the scan saw embeds from youtube.com or YouTube's cookies
    (`VISITOR_INFO1_LIVE`, `YSC`, `PREF`).

    ## Why it matters

    Embeds from www.youtube.com set YouTube's cookies in the visitor's browser, which the policy
    says does not happen, so the policy likely misinforms visitors (GDPR art. 5(1)(a) and 13). Even
    privacy-enhanced mode writes identifiers to browser storage, so it does not remove the need for
    consent before the video loads; a click-to-play placeholder does.

    ## Example

    The policy says "YouTube-video's worden ingesloten in de privacy-modus", while the recipe pages
    load `https://www.youtube.com/embed/abc123` and `VISITOR_INFO1_LIVE` is set.
    """
    claim = scan.policy.claim("youtube-privacy-enhanced") if scan.policy else None
    if claim is None or scan.policy is None:
        return
    embeds = sorted(
        {
            request.url
            for phase in scan.phases.values()
            for request in phase.requests
            if request.host in ("www.youtube.com", "youtube.com") and "/embed/" in request.url
        }
    )
    cookies = sorted(
        {c.name for c in _cookies(scan) if c.name in ("VISITOR_INFO1_LIVE", "YSC", "PREF")}
    )
    if embeds or cookies:
        facts = {"embeds": embeds[:5], "cookies": ", ".join(cookies)}
        yield None, None, [quote(scan.policy, claim.evidence), facts], None
