"""What the phases observed, per recipient: shared by the inventory and the policy rules."""

from __future__ import annotations

from scanner.model import Scan


def observed_recipients(scan: Scan) -> dict[str, dict]:
    """Owner -> what the phases saw it receive: hosts, phases, data kinds, country, category."""
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
                    "categories": set(),
                    "data": {"IP address", "page URL (Referer)"},
                },
            )
            entry["hosts"].add(request.host)
            entry["phases"].add(name)
            entry["categories"].add(request.attribution.category)
            if request.method == "POST":
                entry["data"].add("request body")
        for cookie in phase.cookies:
            owner = cookie.attribution.owner
            if owner in recipients and cookie.attribution.tracker:
                recipients[owner]["data"].add("cookie identifiers")
    return recipients


#: The EU/EEA, where GDPR chapter V (transfers) does not apply.
EEA = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    }
)  # fmt: skip


def third_country_recipients(scan: Scan) -> list[dict]:
    """Observed recipients seated outside the EU/EEA (country known)."""
    return [
        entry
        for entry in observed_recipients(scan).values()
        if entry["country"] and entry["country"] not in EEA
    ]
