"""What changed between two stored scans of one site.

Third parties are matched by host, cookies by name and domain, findings by fingerprint (rule,
phase and subject: scanner/model.py), banner outcomes by phase. For each: what appeared, what
disappeared, and for what stayed, what changed (a host now seen in the ``reject`` phase, a
finding whose severity moved, a reject that no longer succeeds). The result is plain JSON: it
is printed by ``privacyscan diff --json``, written into report.json's ``history`` block, and
carried by the alerts.
"""

from __future__ import annotations

from scanner.fleet.snapshot import Snapshot
from scanner.model import SEVERITY_ORDER


def _by_key(before: dict[str, dict], after: dict[str, dict]) -> dict:
    """Added and removed rows, and rows seen in other phases than before."""
    added = [after[key] for key in sorted(after.keys() - before.keys())]
    removed = [before[key] for key in sorted(before.keys() - after.keys())]
    phases = []
    for key in sorted(before.keys() & after.keys()):
        old, new = set(before[key].get("phases", [])), set(after[key].get("phases", []))
        if old != new:
            phases.append(
                {
                    **after[key],
                    "key": key,
                    "new_phases": sorted(new - old),
                    "gone_phases": sorted(old - new),
                }
            )
    return {"added": added, "removed": removed, "phases_changed": phases}


def diff_snapshots(before: Snapshot, after: Snapshot) -> dict:
    """The changes from ``before`` to ``after`` (see the module docstring)."""
    severity = [
        {**after.findings[fp], "from": before.findings[fp]["severity"]}
        for fp in sorted(before.findings.keys() & after.findings.keys())
        if before.findings[fp]["severity"] != after.findings[fp]["severity"]
    ]
    findings = {
        "added": [after.findings[fp] for fp in sorted(after.findings.keys() - before.findings)],
        "removed": [before.findings[fp] for fp in sorted(before.findings.keys() - after.findings)],
        "severity_changed": severity,
    }
    banner = []
    for phase in sorted(before.banner.keys() | after.banner.keys()):
        old, new = before.banner.get(phase) or {}, after.banner.get(phase) or {}
        for field in sorted(old.keys() | new.keys()):
            if old.get(field) != new.get(field):
                banner.append(
                    {"phase": phase, "field": field, "from": old.get(field), "to": new.get(field)}
                )
    verdict = (
        {"from": before.verdict, "to": after.verdict} if before.verdict != after.verdict else None
    )
    return {
        "verdict": verdict,
        "third_parties": _by_key(before.third_parties, after.third_parties),
        "cookies": _by_key(before.cookies, after.cookies),
        "findings": findings,
        "banner": banner,
    }


def is_empty(changes: dict) -> bool:
    """Nothing changed at all."""
    if changes["verdict"] or changes["banner"]:
        return False
    return not any(
        rows for part in ("third_parties", "cookies", "findings") for rows in changes[part].values()
    )


def new_findings_at(changes: dict, threshold: str) -> list[dict]:
    """Findings that appeared, or rose in severity, at or above ``threshold``: what alerts."""
    floor = SEVERITY_ORDER[threshold]
    rising = [
        f
        for f in changes["findings"]["severity_changed"]
        if SEVERITY_ORDER[f["severity"]] > SEVERITY_ORDER[f["from"]]
    ]
    return [
        f for f in changes["findings"]["added"] + rising if SEVERITY_ORDER[f["severity"]] >= floor
    ]


def summary_lines(changes: dict) -> list[str]:
    """The changes as short text lines (terminal output and the e-mail body)."""
    lines = []
    if changes["verdict"]:
        lines.append(f"verdict: {changes['verdict']['from']} -> {changes['verdict']['to']}")
    for part, label in (("third_parties", "third party"), ("cookies", "cookie")):
        for row in changes[part]["added"]:
            lines.append(f"+ {label} {_name(row)} ({', '.join(row['phases'])})")
        for row in changes[part]["removed"]:
            lines.append(f"- {label} {_name(row)}")
        for row in changes[part]["phases_changed"]:
            moved = [f"+{p}" for p in row["new_phases"]] + [f"-{p}" for p in row["gone_phases"]]
            lines.append(f"~ {label} {_name(row)}: {' '.join(moved)}")
    for row in changes["findings"]["added"]:
        lines.append(f"+ finding {row['rule']} [{row['severity']}] {row['title']}")
    for row in changes["findings"]["removed"]:
        lines.append(f"- finding {row['rule']} [{row['severity']}] {row['title']}")
    for row in changes["findings"]["severity_changed"]:
        lines.append(f"~ finding {row['rule']} {row['from']} -> {row['severity']}: {row['title']}")
    for row in changes["banner"]:
        lines.append(f"~ banner {row['phase']} {row['field']}: {row['from']} -> {row['to']}")
    return lines


def _name(row: dict) -> str:
    if "host" in row:
        return row["host"] + (f" ({row['owner']})" if row.get("owner") else "")
    return f"{row['name']} on {row['domain']}"
