"""What several machine outputs need from report.json: the gate, evidence in one line, cookie
lifetimes, the phases that ran.

Kept apart so that SARIF, JUnit, Markdown, CSV and the cookie declaration judge a finding and
read a cookie the same way; each format only decides how to write it down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from scanner.baseline import counts_for_gate
from scanner.model import SEVERITY_ORDER

GateStatus = Literal["fails", "below", "accepted"]

#: Evidence keys that name a web address (a page, a request, a policy) in the report.
URL_KEYS = ("url", "page", "policy_url", "frame", "set_by", "written_by")


def gate_status(finding: dict, fail_on: str | None) -> GateStatus:
    """``accepted`` (baseline), ``fails`` (at or above ``fail_on``, or any finding when there is
    no threshold, as a JUnit consumer then fails everything reported) or ``below``."""
    if not counts_for_gate(finding):
        return "accepted"
    if fail_on is None or SEVERITY_ORDER[finding["severity"]] >= SEVERITY_ORDER[fail_on]:
        return "fails"
    return "below"


def baseline_status(finding: dict) -> str:
    """``new``, ``accepted`` or ``expired``: where the finding stands against the baseline."""
    return (finding.get("baseline") or {}).get("status") or "new"


def by_severity(findings: list[dict]) -> list[dict]:
    """Worst first, then by rule id, keeping the report's order among equals."""
    return sorted(findings, key=lambda f: (-SEVERITY_ORDER[f["severity"]], f["id"]))


def rule_group(rule_id: str) -> str:
    """``EP-01`` -> ``EP``: the catalogue family a rule belongs to."""
    return rule_id.split("-", 1)[0]


def rules_with_findings(document: dict) -> list[dict]:
    """The rules the scan ran, plus a stub for any finding whose rule the document does not
    list (a report from an older scanner), so no finding is dropped by an output."""
    rules = list(document.get("rules") or [])
    known = {rule["id"] for rule in rules}
    for finding in document["findings"]:
        if finding["id"] not in known:
            known.add(finding["id"])
            rules.append(
                {
                    "id": finding["id"],
                    "name": finding.get("name", finding["id"].lower()),
                    "default_severity": finding.get("default_severity", finding["severity"]),
                    "title": finding["title"],
                    "summary": "",
                    "why": "",
                    "fix": finding.get("advice", ""),
                    "sources": finding.get("sources", []),
                }
            )
    return rules


def _scalar(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(_scalar(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}={_scalar(item)}" for key, item in value.items())
    if value is None:
        return "-"
    return str(value)


def evidence_lines(evidence: list[dict], limit: int = 50) -> list[str]:
    """One line per evidence item (``key: value; key: value``), at most ``limit`` lines and a
    last one saying how many more there are. Line breaks inside values become spaces."""
    lines = []
    for item in evidence[:limit]:
        line = "; ".join(f"{key}: {_scalar(value)}" for key, value in item.items())
        lines.append(" ".join(line.split()))
    if len(evidence) > limit:
        lines.append(f"... and {len(evidence) - limit} more")
    return lines


def evidence_urls(evidence: list[dict]) -> list[str]:
    """The distinct web addresses the evidence names, in order of appearance."""
    seen: dict[str, None] = {}
    for item in evidence:
        for key in URL_KEYS:
            value = item.get(key)
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                seen.setdefault(value, None)
    return list(seen)


def observed_phases(document: dict, names: tuple[str, ...] | None = None) -> Iterator[tuple]:
    """(name, phase) for each phase that ran (skipped ones left out), optionally only ``names``
    and then in that order."""
    phases = document.get("phases") or {}
    for name in names or tuple(phases):
        phase = phases.get(name)
        if phase and "skipped" not in phase:
            yield name, phase


def parse_time(value: str | None) -> dt.datetime | None:
    """A report timestamp (``2026-11-24T21:00:00Z``) as an aware datetime; None stays None."""
    if not value:
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def lifetime_seconds(cookie: dict, document: dict) -> float | None:
    """How long a cookie lives, measured from the scan's start (when it was set, to within the
    scan's duration); None for a session cookie."""
    expires = parse_time(cookie.get("expires"))
    started = parse_time(document.get("started_at"))
    if expires is None or started is None:
        return None
    return max((expires - started).total_seconds(), 0.0)


def lifetime_days(cookie: dict, document: dict) -> int | None:
    """Lifetime in whole days (rounded); None for a session cookie."""
    seconds = lifetime_seconds(cookie, document)
    return None if seconds is None else round(seconds / 86400)
