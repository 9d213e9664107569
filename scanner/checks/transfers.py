"""Transfer rules that need only observations: TR-01 (who receives data, and where).

The policy-dependent transfer rules (TR-02 onwards: is the US recipient covered, does the policy
cite a valid mechanism) come with the policy reader.
"""

from __future__ import annotations

from collections.abc import Iterator

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
)
def recipient_inventory(scan: Scan) -> Iterator[Hit]:
    """TR-01: every third-party owner, the phases it was seen in and what it received."""
    recipients: dict[str, dict] = {}
    for name, phase in scan.phases.items():
        if phase.skipped:
            continue
        for request in phase.requests:
            owner = request.attribution.owner
            if not request.third_party or owner is None:
                continue
            entry = recipients.setdefault(
                owner,
                {
                    "recipient": owner,
                    "country": request.attribution.country,
                    "hosts": set(),
                    "phases": set(),
                    "data": {"IP address", "page URL (Referer)"},
                },
            )
            entry["hosts"].add(request.host)
            entry["phases"].add(name)
            if request.method == "POST":
                entry["data"].add("request body")
        for cookie in phase.cookies:
            owner = cookie.attribution.owner
            if owner in recipients and cookie.attribution.tracker:
                recipients[owner]["data"].add("cookie identifiers")
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
    yield None, None, evidence, f"{len(evidence)} recipient(s) of visitor data"
