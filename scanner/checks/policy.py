"""Rules on the policy text alone: TR-03, TR-04, TR-05, TP-01, TP-03, TP-07, TP-08, TP-10, NL-05,
TP-15, and TP-00 (no policy at all while data is collected). The claims the traffic can
contradict are in :mod:`scanner.checks.claims`.

Every finding quotes the sentence it rests on, so the owner sees exactly what to rewrite. The
text-only rules also run for ``privacyscan policy``, where there is no crawl.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from scanner.checks.registry import Hit, rule
from scanner.model import Scan
from scanner.policy.lexicon import LEGACY_NL
from scanner.policy.model import DeclaredPolicy

SOURCES_ART13 = ("GDPR art. 12 and 13", "EDPB/WP29 Guidelines on transparency (WP260 rev.01)")
#: The dates a policy's last update may predate only at the cost of being stale (rules.md 6b).
KEY_DATES = (
    (date(2018, 5, 25), "the GDPR's application (25 May 2018)"),
    (date(2020, 7, 16), "the end of the Privacy Shield (CJEU C-311/18, 16 Jul 2020)"),
)


def quote(policy: DeclaredPolicy, sentence: str | None, **facts: object) -> dict:
    """Evidence that quotes the policy: where it is, the sentence, and the facts drawn from it."""
    return {"source": "policy", "url": policy.url, "quote": sentence, **facts}


def _mechanism_hits(scan: Scan, mechanism: str) -> Iterator[Hit]:
    policy = scan.policy
    if policy is None:
        return
    for statement in policy.transfers:
        if statement.mechanism == mechanism and statement.current:
            yield (
                None,
                None,
                [
                    quote(
                        policy,
                        statement.evidence,
                        mechanism=statement.label,
                        validity=statement.validity,
                        valid_on_policy_date=statement.valid_on_policy_date,
                        policy_date=policy.last_updated,
                        countries=", ".join(statement.countries) or None,
                    )
                ],
                None,
            )


@rule(
    "TR-03",
    "privacy-shield-relied-on",
    "high",
    "The policy relies on the EU-US Privacy Shield, invalid since 16 July 2020",
    "Replace the Privacy Shield with the basis each US recipient actually has today: the EU-US "
    "Data Privacy Framework (Decision 2023/1795) for DPF-listed organisations, otherwise the 2021 "
    "standard contractual clauses with a transfer impact assessment.",
    ("CJEU C-311/18 Schrems II (16 Jul 2020)", "Commission Implementing Decision (EU) 2023/1795"),
    text_only=True,
)
def privacy_shield(scan: Scan) -> Iterator[Hit]:
    """TR-03: Privacy Shield cited as the current transfer basis (not merely as history)."""
    yield from _mechanism_hits(scan, "privacy-shield")


@rule(
    "TR-04",
    "safe-harbor-relied-on",
    "high",
    "The policy relies on Safe Harbor, invalid since 6 October 2015",
    "Remove Safe Harbor; name the current basis of each US transfer (DPF listing or the 2021 "
    "standard contractual clauses). A policy citing Safe Harbor has usually not been reviewed "
    "since 2015: review all of it.",
    ("CJEU C-362/14 Schrems I (6 Oct 2015)",),
    text_only=True,
)
def safe_harbor(scan: Scan) -> Iterator[Hit]:
    """TR-04: Safe Harbor cited as the current transfer basis."""
    yield from _mechanism_hits(scan, "safe-harbor")


@rule(
    "TR-05",
    "old-sccs-cited",
    "medium",
    "The policy cites the superseded standard contractual clauses",
    "Move the contracts to the 2021 clauses (Decision 2021/914) and cite those; the old ones "
    "could be relied on only until 27 December 2022.",
    ("Commission Implementing Decision (EU) 2021/914, art. 4",),
    text_only=True,
)
def old_sccs(scan: Scan) -> Iterator[Hit]:
    """TR-05: 2001/497, 2004/915 or 2010/87 clauses cited as current."""
    yield from _mechanism_hits(scan, "scc-2010")


@rule(
    "TP-00",
    "no-policy-found",
    "high",
    "No privacy policy found, while the site collects personal data",
    "Publish a privacy policy and link it from every page's footer and from the cookie banner.",
    SOURCES_ART13,
)
def no_policy(scan: Scan) -> Iterator[Hit]:
    """TP-00: no policy could be found or read, and third parties receive visitor data."""
    if scan.policy is not None:
        return
    recipients = {
        request.attribution.owner or request.host
        for phase in scan.phases.values()
        for request in phase.requests
        if request.third_party
    }
    tracking = any(c.attribution.tracker for p in scan.phases.values() for c in p.cookies)
    if not recipients and not tracking:
        return
    yield (
        None,
        None,
        [
            {
                "searched": scan.policy_searched,
                "recipients": ", ".join(sorted(recipients)[:20]),
            }
        ],
        None,
    )


@rule(
    "TP-01",
    "controller-identity",
    "medium",
    "The controller's identity or contact details are missing or broken",
    "State the legal name, postal address and a working e-mail address of the organisation "
    "responsible; check every address in the policy can receive mail.",
    ("GDPR art. 13(1)(a)",),
    text_only=True,
)
def controller_identity(scan: Scan) -> Iterator[Hit]:
    """TP-01: no name or no contact, or an e-mail address that cannot receive mail."""
    policy = scan.policy
    if policy is None:
        return
    controller = policy.controller
    evidence = [
        quote(policy, email.evidence, address=email.address, problem=email.problem)
        for email in controller.emails
        if not email.well_formed
    ]
    missing = policy.elements["controller"].detail if "controller" in policy.elements else []
    if missing:
        evidence.append(quote(policy, controller.evidence, missing=", ".join(missing)))
    if evidence:
        yield None, None, evidence, None


def _missing_element(scan: Scan, element: str, **facts: object) -> Iterator[Hit]:
    policy = scan.policy
    if policy is None or element not in policy.elements:
        return
    found = policy.elements[element]
    if not found.present:
        yield None, None, [quote(policy, None, missing=element, **facts)], None


@rule(
    "TP-03",
    "purposes-without-legal-basis",
    "medium",
    "Purposes are listed without their legal basis",
    "For each purpose (newsletter, orders, analytics, social media) name the legal basis: "
    "consent, contract, legal obligation or legitimate interest (GDPR art. 6(1)).",
    ("GDPR art. 13(1)(c)",),
    text_only=True,
)
def purposes_without_basis(scan: Scan) -> Iterator[Hit]:
    """TP-03: no purposes at all, or a purposes section with no basis in it or beside it."""
    policy = scan.policy
    if policy is None or "purposes" not in policy.elements:
        return
    purposes = policy.elements["purposes"]
    if not purposes.present and not policy.elements["legal-basis"].present:
        yield None, None, [quote(policy, None, missing="purposes and legal basis")], None
    elif purposes.detail:
        yield None, None, [quote(policy, purposes.evidence, missing="legal basis")], None


@rule(
    "TP-07",
    "no-retention-period",
    "medium",
    "No retention period or criterion",
    "Say how long each kind of data is kept (a period, or the criterion that ends it); "
    "'no longer than necessary' alone is not enough.",
    ("GDPR art. 13(2)(a)",),
    text_only=True,
)
def no_retention(scan: Scan) -> Iterator[Hit]:
    """TP-07: no sentence names retention together with a period or a criterion."""
    yield from _missing_element(scan, "retention")


@rule(
    "TP-08",
    "rights-missing",
    "medium",
    "Data-subject rights are missing from the policy",
    "List all six rights: access, rectification, erasure, restriction, objection and "
    "portability, and how to exercise them.",
    ("GDPR art. 13(2)(b)",),
    text_only=True,
)
def rights_missing(scan: Scan) -> Iterator[Hit]:
    """TP-08: one or more of the six rights is never mentioned."""
    policy = scan.policy
    if policy is None or not policy.rights_missing:
        return
    rights = policy.elements.get("rights")
    yield (
        None,
        None,
        [
            quote(
                policy,
                rights.evidence if rights else None,
                missing=", ".join(policy.rights_missing),
                found=", ".join(rights.detail) if rights else "",
            )
        ],
        None,
    )


@rule(
    "TP-10",
    "no-complaint-right",
    "medium",
    "The right to complain to a supervisory authority is missing",
    "Tell visitors they may complain to the supervisory authority and name it (NL: Autoriteit "
    "Persoonsgegevens; FR: CNIL; DE: the competent state authority).",
    ("GDPR art. 13(2)(d)",),
    text_only=True,
)
def no_complaint(scan: Scan) -> Iterator[Hit]:
    """TP-10: no sentence pairs a complaint with an authority."""
    yield from _missing_element(scan, "complaint")


@rule(
    "NL-05",
    "outdated-dutch-framework",
    "low",
    "The policy cites the pre-GDPR Dutch framework",
    "Replace Wbp with AVG/UAVG, CBP with Autoriteit Persoonsgegevens, and bewerker("
    "sovereenkomst) with verwerker(sovereenkomst).",
    ("UAVG (in force 25 May 2018)", "AP (formerly CBP) since 1 Jan 2016"),
    text_only=True,
)
def outdated_dutch_framework(scan: Scan) -> Iterator[Hit]:
    """NL-05: Wbp, CBP, bewerker or 'Cookiewet' in the text."""
    policy = scan.policy
    if policy is None:
        return
    evidence = [
        quote(policy, term.evidence, term=term.kind)
        for term in policy.legacy_terms
        if LEGACY_NL.search(term.kind)
    ]
    if evidence:
        yield None, None, evidence, None


@rule(
    "TP-15",
    "stale-policy",
    "low",
    "The policy looks out of date",
    "Review the whole policy: it cites superseded law or transfer mechanisms, or was last "
    "updated before events that changed what it must say.",
    ("rules.md section 6b (claims outdated by date)",),
    text_only=True,
)
def stale_policy(scan: Scan) -> Iterator[Hit]:
    """TP-15: dead mechanisms cited as current, superseded law, or an old last-updated date."""
    policy = scan.policy
    if policy is None:
        return
    evidence = [
        quote(policy, t.evidence, indicator=f"{t.label}: {t.validity}")
        for t in policy.transfers
        if t.current and not t.valid_on_scan_date
    ]
    evidence += [
        quote(policy, term.evidence, indicator=f"superseded law or term: {term.kind}")
        for term in policy.legacy_terms
    ]
    if policy.last_updated:
        updated = date.fromisoformat(policy.last_updated)
        for key_date, event in KEY_DATES:
            if updated < key_date:
                evidence.append(
                    quote(
                        policy,
                        policy.last_updated_evidence,
                        indicator=f"last updated {policy.last_updated}, before {event}",
                    )
                )
                break
    if evidence:
        yield None, None, evidence, None
