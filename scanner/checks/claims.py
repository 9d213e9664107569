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

#: Chromium caps every cookie's lifetime at 400 days, so a declared "2 years" is observed as 400.
BROWSER_CAP_SECONDS = 400 * 86400
#: Universal Analytics hits (v=1); GA4 (v=2) masks IPs by design.
UA_HIT = re.compile(r"google-analytics\.com/(r/|j/)?collect")


def _cookies(scan: Scan) -> list[CookieRecord]:
    return [c for phase in scan.phases.values() if not phase.skipped for c in phase.cookies]


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
    """CLM-01: the ip-anonymised claim, and a UA collect hit without the aip parameter."""
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
    """CLM-02: "only essential"/"no marketing cookies", and such cookies in any phase."""
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
    """CLM-03: the consent-before-cookies claim, and tracking cookies or requests in pre-consent."""
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
    """CLM-04: observed third-party owners that no declared party belongs to.

    Matched by owner, so a policy that names "Google Analytics" covers Google's other hosts;
    high when an undeclared recipient is an advertiser.
    """
    policy = scan.policy
    if policy is None:
        return
    declared = {p.owner for p in policy.parties if p.owner}
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
    """CLM-08: a declared cookie whose observed lifetime differs by more than 10%.

    Declared lifetimes above Chromium's 400-day cap are compared as 400 days, and a cookie
    declared as a session cookie must not persist.
    """
    policy = scan.policy
    if policy is None:
        return
    started = datetime.fromisoformat(scan.started_at.replace("Z", "+00:00")).timestamp() if (
        scan.started_at) else datetime.now(UTC).timestamp()  # fmt: skip
    observed = {c.name: c for c in _cookies(scan)}
    evidence = []
    for declared in policy.cookies:
        cookie = observed.get(declared.name)
        if cookie is None or declared.duration_seconds is None:
            continue
        lifetime = None if cookie.expires is None else max(0.0, cookie.expires - started)
        expected = min(declared.duration_seconds, BROWSER_CAP_SECONDS)
        if expected == 0:
            wrong = lifetime is not None and lifetime > 86400
        else:
            wrong = lifetime is None or abs(lifetime - expected) > 0.1 * expected
        if wrong:
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
    """CLM-11: the privacy-enhanced claim, and embeds from youtube.com or YouTube's cookies."""
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
