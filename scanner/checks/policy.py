"""Rules on the policy text alone: TP-01, TP-03, TP-07, TP-08, TP-10, NL-05, TP-15, and TP-00
(no policy at all while data is collected). The transfer mechanisms it relies on are judged in
:mod:`scanner.checks.mechanisms`, the claims the traffic can contradict in
:mod:`scanner.checks.claims`.

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


@rule(
    "TP-00",
    "no-policy-found",
    "high",
    "No privacy policy found, while the site collects personal data",
    "Publish a privacy policy and link it from every page's footer and from the cookie banner.",
    SOURCES_ART13,
)
def no_policy(scan: Scan) -> Iterator[Hit]:
    """No privacy policy could be found or read, while third parties receive requests from the site
    or tracking cookies are set.

    ## Why it matters

    GDPR articles 12 and 13 require the organisation responsible for a site to tell visitors, in an
    easily accessible way, who processes their data, why and on what basis, at the moment the data
    are collected. Every request to a third party passes at least the visitor's IP address and the
    page address to it, so a site that does this without any policy is likely non-compliant. Without
    a policy, none of the other transparency checks can be made either.

    ## Example

    The footer and the cookie banner link to no privacy statement, common paths such as `/privacy`
    and `/privacyverklaring` return nothing, and the start page loads `www.googletagmanager.com` and
    `connect.facebook.net`.
    """
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
    """The policy does not name the organisation responsible (the controller) or give a way to
    contact it, or it gives an e-mail address that cannot receive mail.

    ## Why it matters

    GDPR art. 13(1)(a) requires the identity and contact details of the controller. Visitors need
    them to ask questions, to exercise their rights and to know who is accountable; an address that
    cannot receive mail makes that impossible in practice. A legal name with a postal address or a
    working e-mail address meets the requirement.

    ## Example

    The policy is signed "Team Lekker Eten" with no legal name or address, and its only contact
    address, `info@lekkereten,nl`, has a comma where the domain needs a dot.
    """
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
    """The policy's purposes section names no legal basis, and no section about the legal basis
    exists beside it; or the policy states neither purposes nor a legal basis at all.

    ## Why it matters

    GDPR art. 13(1)(c) requires the purposes of the processing together with their legal basis. The
    basis decides which rights visitors have: consent can be withdrawn, processing based on a
    legitimate interest can be objected to. A list of purposes without a basis leaves visitors
    unable to tell which applies.

    ## Example

    The section "Waarvoor gebruiken wij uw gegevens?" lists the newsletter, orders and website
    statistics, but neither it nor any other section mentions toestemming, overeenkomst, wettelijke
    verplichting or gerechtvaardigd belang.
    """
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
    """The policy gives no retention period or criterion: no sentence names retention together with
    a period (such as "12 months") or a criterion that ends it (such as "until you unsubscribe").

    ## Why it matters

    GDPR art. 13(2)(a) requires the period for which personal data will be stored or, if that is not
    possible, the criteria used to determine it. "We keep your data no longer than necessary" only
    repeats the law's principle and does not tell visitors how long. A period or a concrete
    criterion per kind of data is what visitors need.

    ## Example

    The only sentence about storage is "Wij bewaren uw gegevens niet langer dan noodzakelijk".
    """
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
    """One or more of the six data-subject rights (access, rectification, erasure, restriction,
    objection, portability) is never mentioned in the policy.

    ## Why it matters

    GDPR art. 13(2)(b) requires the policy to tell visitors about their rights of access,
    rectification, erasure, restriction of processing, objection and data portability. A visitor who
    does not know a right exists is unlikely to use it. The finding lists the rights found and those
    missing.

    ## Example

    The section "Uw rechten" mentions inzage, correctie and verwijdering, but not beperking, bezwaar
    or gegevensoverdraagbaarheid.
    """
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
    """The policy does not tell visitors they may complain to a supervisory authority: no sentence
    pairs a complaint with an authority.

    ## Why it matters

    GDPR art. 13(2)(d) requires the policy to mention the right to lodge a complaint with a
    supervisory authority. Naming the authority (in the Netherlands the Autoriteit Persoonsgegevens,
    in France the CNIL, in Germany the competent state authority) tells visitors where to turn if
    they disagree with how their data are handled.

    ## Example

    The policy asks visitors to "send complaints to info@example.nl" but never mentions the
    Autoriteit Persoonsgegevens or any other supervisory authority.
    """
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
    """The policy cites the Dutch framework from before the GDPR: the Wet bescherming
    persoonsgegevens (Wbp), the College bescherming persoonsgegevens (CBP), "bewerker" or
    "bewerkersovereenkomst", or the "Cookiewet".

    ## Why it matters

    The Wbp was replaced by the GDPR (AVG) and the UAVG on 25 May 2018, the CBP became the
    Autoriteit Persoonsgegevens on 1 January 2016, and the AVG calls a processor a "verwerker".
    Outdated terms suggest the policy has not been reviewed since the GDPR applied, and it may
    describe rules and rights that no longer match the law. On its own this is a low-severity
    hygiene issue.

    ## Example

    The privacyverklaring says "Wij verwerken uw gegevens conform de Wet bescherming
    persoonsgegevens (Wbp)" and "Met Mailchimp is een bewerkersovereenkomst gesloten".
    """
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
    """The policy looks out of date: it cites a transfer mechanism that is no longer valid as
    current, cites superseded law or terms, or was last updated before the GDPR applied (25 May
    2018) or before the Privacy Shield ended (16 July 2020).

    ## Why it matters

    A policy must describe the processing as it is now (GDPR art. 12 and 13). Laws, authorities and
    transfer mechanisms that have since been replaced are a strong sign that the text, and perhaps
    the processing it describes, has not been reviewed. Each indicator is low on its own; invalid
    transfer bases are also reported separately and more severely (TR-03, TR-04).

    ## Example

    The policy's date line reads "Laatst bijgewerkt: 12 maart 2017", and it cites the Wet
    bescherming persoonsgegevens.
    """
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
