"""Transfer rules from observations: TR-01 (who receives data, and where), and the two that hold
the observations against the policy: TR-06 ("no data leaves the EU", contradicted) and TR-07
(third-country recipients, and the policy says nothing about transfers).

TR-02 holds each US recipient's DPF status against the basis the policy cites. The status is the
entity table's (company self-declarations with the date they were checked, not the live DPF
List); every TR-02 finding says so, with the date, so the reader can re-check it.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.checks.policy import quote
from scanner.checks.recipients import observed_recipients, third_country_recipients
from scanner.checks.registry import Hit, rule
from scanner.classify.knowledge import entity_dpf
from scanner.model import Scan, Severity


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
    """An inventory of every third party that received visitor data during the scan: its owner and
    country, the phases and hosts it was seen in, and what it received (IP address, page address,
    cookie identifiers, request bodies).

    ## Why it matters

    GDPR art. 13(1)(e) and (f) require the policy to name the recipients of personal data and any
    transfer outside the EU/EEA. This table shows what the site actually shares, so the owner can
    compare it with the policy and with the processor agreements in place. It is an inventory, not a
    finding of non-compliance.

    ## Example

    Google LLC (US) received the IP address, the page address and cookie identifiers through
    `www.google-analytics.com` and `www.googletagmanager.com`, in the pre-consent and accept phases.
    """
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


def recipient_evidence(entries: list[dict]) -> list[dict]:
    """Recipients as evidence: who, where, in which phases, via which hosts."""
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
    """The policy says visitor data stay in the EU/EEA (or in one country), but recipients based
    outside the EU/EEA received data during the scan.

    ## Why it matters

    A policy must describe the processing accurately (GDPR art. 5(1)(a)), and art. 13(1)(f) requires
    it to say when data go outside the EU/EEA and on what basis. A promise that data never leave the
    EU, while a US company receives visitors' IP addresses and identifiers, likely misinforms
    visitors about exactly that.

    ## Example

    The policy says "Uw gegevens worden uitsluitend binnen de EU verwerkt", while Google LLC (US)
    and Meta Platforms (US) receive requests from the start page.
    """
    claim = scan.policy.claim("no-transfer-outside-eu") if scan.policy else None
    outside = third_country_recipients(scan)
    if claim is None or not outside or scan.policy is None:
        return
    yield None, None, [quote(scan.policy, claim.evidence), *recipient_evidence(outside)], None


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
    """Recipients based outside the EU/EEA received visitor data, and the policy names no transfer
    mechanism and no third country.

    ## Why it matters

    When data go to a country outside the EU/EEA, GDPR art. 13(1)(f) requires the policy to say so,
    whether an adequacy decision (such as the EU-US Data Privacy Framework) covers the transfer, and
    otherwise which safeguards apply and how to obtain a copy. The Italian Garante relied on this
    article too in its 2022 Google Analytics decision. Without this information, visitors cannot
    know their data leave the EU.

    ## Example

    Google LLC (US) and Meta Platforms (US) received data during the scan, and the policy mentions
    neither the United States nor any transfer basis.
    """
    policy = scan.policy
    outside = third_country_recipients(scan)
    if policy is None or not outside or policy.transfers or policy.third_countries:
        return
    yield None, None, recipient_evidence(outside), None


#: Art. 46 safeguards a policy may cite for a recipient the DPF does not cover.
ART46_MECHANISMS = {"scc-2021", "scc", "bcr"}
#: Where TR-02's DPF statuses come from, said in every finding.
DPF_SOURCE = "privacyscan entity table (scanner/knowledge/entities.json)"


def dpf_verdict(status: str | None, cited: set[str]) -> tuple[Severity, str] | None:
    """TR-02's decision table: a US recipient's DPF status against the mechanisms the policy
    cites (currently valid ones only). None when the policy gives a fitting basis.

    ``participant``: the DPF covers it; info if the policy does not cite the DPF.
    ``not-listed``: the policy must cite SCCs or another art. 46 tool; else high (citing the
    DPF for it is no basis either). ``unverified`` (or unknown): an art. 46 tool settles it;
    citing the DPF is noted (info, check the list); citing nothing is medium, since whether
    the DPF covers the recipient is not known.
    """
    if status == "participant":
        return None if "dpf" in cited else ("info", "listed")
    if cited & ART46_MECHANISMS:
        return None
    if status == "not-listed":
        return ("high", "not-listed-dpf" if "dpf" in cited else "not-listed")
    return ("info", "unverified-dpf") if "dpf" in cited else ("medium", "unverified")


@rule(
    "TR-02",
    "us-recipient-transfer-basis",
    "high",
    "A US recipient is not on the DPF List and the policy cites no other transfer safeguard",
    "For each US recipient, check the DPF List (dataprivacyframework.gov). Listed: cite the "
    "EU-US Data Privacy Framework (Decision 2023/1795) in the policy. Not listed: conclude the "
    "2021 standard contractual clauses (Decision 2021/914) or another art. 46 safeguard, and "
    "cite it.",
    ("GDPR art. 44-46", "Commission Implementing Decision (EU) 2023/1795",
     "Commission Implementing Decision (EU) 2021/914"),
    variants={
        "listed": "{recipient} relies on the DPF, but the policy does not cite it",
        "not-listed": "{recipient} is not on the DPF List and the policy cites no other "
        "transfer safeguard",
        "not-listed-dpf": "{recipient} is not on the DPF List, yet the policy relies on the DPF",
        "unverified": "{recipient} is in the US, its DPF listing is unverified, and the policy "
        "cites no transfer basis",
        "unverified-dpf": "The policy relies on the DPF for {recipient}; its listing is "
        "unverified",
    },
)  # fmt: skip
def us_recipient_basis(scan: Scan) -> Iterator[Hit]:
    """Per US recipient, its DPF status (entity table, dated) against the policy's basis.

    ## Why it matters
    Sending visitor data to a US company needs a legal basis: the EU-US Data Privacy
    Framework covers only organisations on its list; for any other, the site needs standard
    contractual clauses or another art. 46 safeguard, and the policy must say which.

    ## Example
    The site loads an X (Twitter) widget after consent; X Corp. is in the US, its DPF listing
    is not confirmed, and the privacy policy mentions neither the DPF nor contractual clauses.
    """
    policy = scan.policy
    if policy is None:
        return  # TP-00 reports the missing policy
    cited = {t.mechanism for t in policy.transfers if t.current and t.valid_on_scan_date}
    labels = sorted({t.label for t in policy.transfers if t.mechanism in cited})
    for entry in sorted(observed_recipients(scan).values(), key=lambda e: e["recipient"]):
        if entry["country"] != "US":
            continue
        dpf = entity_dpf(entry["recipient"]) or {}
        verdict = dpf_verdict(dpf.get("status"), cited)
        if verdict is None:
            continue
        severity, variant = verdict
        evidence = {
            **recipient_evidence([entry])[0],
            "dpf_status": dpf.get("status", "unknown"),
            "dpf_checked": dpf.get("checked"),
            "dpf_status_source": f"{DPF_SOURCE}: {dpf.get('source', 'no DPF entry')}",
            "policy_cites": labels,
        }
        yield None, severity, [evidence], (variant, {"recipient": entry["recipient"]})
