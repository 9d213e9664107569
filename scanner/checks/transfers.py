"""Transfer rules from observations: TR-01 (who receives data, and where), and the two that hold
the observations against the policy: TR-06 ("no data leaves the EU", contradicted) and TR-07
(third-country recipients, and the policy says nothing about transfers).

TR-02 (is each US recipient DPF-listed, and does the policy cite the basis per recipient) is not
implemented yet: the entity table's DPF statuses are company self-declarations, not the list.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.policy import quote
from scanner.checks.recipients import observed_recipients, third_country_recipients
from scanner.checks.registry import Hit, rule
from scanner.classify.knowledge import entity_dpf
from scanner.model import Scan


@rule(
    "TR-01",
    "recipient-inventory",
    "info",
    "Recipients of visitor data",
    "List every recipient in the privacy policy with its country and the transfer basis for "
    "recipients outside the EU/EEA.",
    ("GDPR art. 13(1)(e)-(f)",),
    variants={"counted": "{count} recipient(s) of visitor data"},
)
def recipient_inventory(scan: Scan) -> Iterator[Hit]:
    """TR-01: every third-party owner, the phases it was seen in and what it received."""
    recipients = observed_recipients(scan)
    if not recipients:
        return
    evidence = []
    for entry in sorted(recipients.values(), key=lambda e: e["recipient"]):
        dpf = entity_dpf(entry["recipient"]) if entry["country"] == "US" else None
        evidence.append(
            {
                "recipient": entry["recipient"],
                "country": entry["country"],
                # The entity table's status and the date it was recorded; see its dpf_note.
                "dpf": f"{dpf['status']} (entity table, {dpf['checked']})" if dpf else None,
                "phases": sorted(entry["phases"]),
                "hosts": ", ".join(sorted(entry["hosts"])),
                "data": ", ".join(sorted(entry["data"])),
            }
        )
    yield None, None, evidence, ("counted", {"count": len(evidence)})


def _recipient_evidence(entries: list[dict]) -> list[dict]:
    return [
        {
            "recipient": e["recipient"],
            "country": e["country"],
            "phases": sorted(e["phases"]),
            "hosts": ", ".join(sorted(e["hosts"])),
        }
        for e in sorted(entries, key=lambda e: e["recipient"])
    ]


@rule(
    "TR-06",
    "eu-only-claim-contradicted",
    "high",
    "The policy says data stays in the EU, but recipients outside the EU/EEA receive it",
    "Either stop sending visitor data to these recipients or correct the policy: name them, "
    "their country and the transfer basis.",
    ("GDPR art. 5(1)(a) and 13(1)(f)",),
)
def eu_only_contradicted(scan: Scan) -> Iterator[Hit]:
    """TR-06: a no-transfer claim in the policy, and third-country recipients in the traffic."""
    claim = scan.policy.claim("no-transfer-outside-eu") if scan.policy else None
    outside = third_country_recipients(scan)
    if claim is None or not outside or scan.policy is None:
        return
    yield None, None, [quote(scan.policy, claim.evidence), *_recipient_evidence(outside)], None


@rule(
    "TR-07",
    "transfer-information-missing",
    "medium",
    "Recipients outside the EU/EEA, and the policy says nothing about transfers",
    "Tell visitors which recipients are outside the EU/EEA, in which countries, on which basis "
    "(adequacy decision such as the DPF, or standard contractual clauses) and how to get a copy.",
    ("GDPR art. 13(1)(f)",),
)
def transfer_information_missing(scan: Scan) -> Iterator[Hit]:
    """TR-07: third-country recipients observed; no mechanism and no third country in the text."""
    policy = scan.policy
    outside = third_country_recipients(scan)
    if policy is None or not outside or policy.transfers or policy.third_countries:
        return
    yield None, None, _recipient_evidence(outside), None
