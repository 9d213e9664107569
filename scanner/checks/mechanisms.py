"""Transfer mechanisms the policy relies on that are no longer valid: TR-03 (Privacy Shield),
TR-04 (Safe Harbor), TR-05 (the superseded standard contractual clauses).

Judged on the text alone (also ``privacyscan policy``): a mechanism the policy mentions only
as history is not relied on. Each finding quotes the sentence to rewrite.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.policy import quote
from scanner.checks.registry import Hit, rule
from scanner.model import Scan


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
    """The policy cites the EU-US Privacy Shield as the current basis for transfers to the US; a
    sentence that mentions it only as history does not count.

    ## Why it matters

    The Court of Justice of the EU invalidated the Privacy Shield on 16 July 2020 (Schrems II,
    C-311/18), so it cannot cover any transfer today. A policy that still relies on it likely gives
    visitors wrong information about the basis for sending their data to the US (GDPR art.
    13(1)(f)), and suggests the transfers themselves have not been reviewed since. A US recipient is
    now covered by the EU-US Data Privacy Framework (Decision 2023/1795) only if it is on the DPF
    List; otherwise another safeguard, such as the 2021 standard contractual clauses, is needed.

    ## Example

    The privacyverklaring says "Google verwerkt uw gegevens op grond van het EU-VS Privacy Shield
    Framework", with no sign that this is past history.
    """
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
    """The policy cites Safe Harbor as the current basis for transfers to the US; a sentence that
    mentions it only as history does not count.

    ## Why it matters

    The Court of Justice of the EU invalidated Safe Harbor on 6 October 2015 (Schrems I, C-362/14),
    so it has not covered any transfer since. Citing it likely misinforms visitors about the
    transfer basis (GDPR art. 13(1)(f)), and usually means the whole policy has not been reviewed
    since 2015. Citing an invalid transfer basis is among the practices regulators have repeatedly
    sanctioned.

    ## Example

    The privacyverklaring says "Google is aangesloten bij het Safe Harbor-programma".
    """
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
    """The policy cites the superseded standard contractual clauses (Decisions 2001/497, 2004/915 or
    2010/87) as a current transfer basis.

    ## Why it matters

    The European Commission replaced these clauses with the 2021 standard contractual clauses
    (Implementing Decision (EU) 2021/914). The old clauses were repealed on 27 September 2021, and
    existing contracts could rely on them only until 27 December 2022. A policy that still cites
    them likely names a transfer basis that no longer exists, and the contracts behind it may need
    updating too.

    ## Example

    The policy says transfers to the US are covered by "de standaardcontractbepalingen van de
    Europese Commissie (Besluit 2010/87/EU)".
    """
    yield from _mechanism_hits(scan, "scc-2010")
