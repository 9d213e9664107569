"""Policy detail held against what the scan observed: TP-05 (recipients named) and TP-13
(cookie-level detail).

Both are art. 13 transparency duties that the text alone cannot fully judge: a policy without a
recipient list is only incomplete when data actually goes to third parties, and a policy
without a cookie table only when cookies are set. A cookie table without durations or providers
is incomplete on its own, so TP-13 also runs for ``privacyscan policy``.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.policy import SOURCES_ART13, quote
from scanner.checks.recipients import observed_recipients
from scanner.checks.registry import Hit, rule
from scanner.checks.transfers import recipient_evidence
from scanner.model import Scan


@rule(
    "TP-05",
    "recipients-not-named",
    "medium",
    "The policy names no recipients, while third parties receive visitor data",
    "Name the recipients (processors and third parties such as analytics, advertising and "
    "embed providers) or at least their categories, matching what the site actually sends.",
    ("GDPR art. 13(1)(e)", "CJEU C-40/17 Fashion ID (2019)", *SOURCES_ART13),
)
def recipients_not_named(scan: Scan) -> Iterator[Hit]:
    """Third parties were seen receiving data and the policy names no recipient at all.

    Named recipients that miss some observed ones are CLM-04's; this rule is the policy that
    names nobody.

    ## Why it matters
    Visitors have a right to know who receives their data. A policy that lists no recipient
    while analytics, advertising or embed providers receive IP addresses and identifiers
    leaves them unable to judge or object.

    ## Example
    The privacy statement talks about "cookies to measure visits" but names neither Google
    nor any category of recipient, while Google Analytics and an X widget load after consent.
    """
    policy = scan.policy
    recipients = observed_recipients(scan)
    if policy is None or not recipients or policy.parties:
        return
    element = policy.elements.get("recipients")
    if element is not None and element.present:
        return
    evidence = [quote(policy, None, missing="recipients or categories of recipients")]
    evidence += recipient_evidence(list(recipients.values()))
    yield None, None, evidence, None


@rule(
    "TP-13",
    "no-cookie-detail",
    "medium",
    "The policy gives no cookie-level detail, while the site sets cookies",
    "Publish a cookie table: each cookie's name, provider, purpose, duration and whether third "
    "parties can access it (CJEU Planet49).",
    ("CJEU C-673/17 Planet49 (2019)", "ePrivacy Directive 2002/58/EC art. 5(3)", *SOURCES_ART13),
    text_only=True,
    variants={"incomplete": "{count} cookie(s) in the policy lack a duration or a provider"},
)
def no_cookie_detail(scan: Scan) -> Iterator[Hit]:
    """No cookie named in the policy while cookies are set, or declared cookies without
    a duration or provider.

    ## Why it matters
    Consent to cookies is only informed when visitors can see, per cookie, who places it,
    why, and for how long. "We use cookies to improve the site" does not say that.

    ## Example
    The site sets `sessionid`, `laatst_bezocht` and `_ga`; its privacy statement says only
    that cookies help the site work and measure visits, with no table.
    """
    policy = scan.policy
    if policy is None:
        return
    if not policy.cookies:
        names = sorted(
            {c.name for phase in scan.phases.values() if not phase.skipped for c in phase.cookies}
        )
        if names:
            missing = "cookie-level detail (name, provider, purpose, duration)"
            yield None, None, [quote(policy, None, missing=missing, cookies=names[:30])], None
        return
    evidence = []
    for cookie in policy.cookies:
        lacking = [field for field in ("duration", "provider") if not getattr(cookie, field)]
        if lacking:
            evidence.append(quote(policy, cookie.evidence, cookie=cookie.name, missing=lacking))
    if evidence:
        yield None, None, evidence, ("incomplete", {"count": len(evidence)})
