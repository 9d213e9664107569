"""The baseline: findings a team has looked at and accepted, so the gate fails only on new ones.

A baseline is a YAML file a person edits and commits beside the site's code::

    # privacyscan baseline: accepted findings. Fingerprints come from report.json.
    version: 1
    findings:
      - fingerprint: EP-02/3f9c0a1b2c3d4e5f
        rule: EP-02
        title: 3 tracker request(s) before consent, to Google LLC
        reason: GA runs under the AP exemption; DPA signed 2026-10-01
        accepted_by: privacy@example.nl
        expires: 2027-03-31

``privacyscan baseline report.json`` writes or updates it; ``--baseline FILE`` on ``scan`` or
``report`` marks each finding ``accepted`` (in the baseline, not expired) or ``expired`` (its
entry's date has passed): only findings that are not accepted count for the exit code. An entry
is matched by fingerprint (rule, phase and what the finding is about), so a new cookie in an
old finding makes a new fingerprint and fails the gate again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from scanner.errors import UsageError

BASELINE_VERSION = 1
HEADER = "# privacyscan baseline: accepted findings. Fingerprints come from report.json.\n"


@dataclass
class Entry:
    """One accepted finding."""

    fingerprint: str
    rule: str
    title: str
    reason: str
    accepted_by: str
    expires: dt.date | None

    def to_dict(self) -> dict:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "title": self.title,
            "reason": self.reason,
            "accepted_by": self.accepted_by,
            "expires": self.expires.isoformat() if self.expires else None,
        }


def load_baseline(path: Path) -> dict[str, Entry]:
    """Fingerprint -> entry; a missing or malformed file is a UsageError naming the problem."""
    if not path.is_file():
        raise UsageError(f"--baseline {path}: no such file (create it with `privacyscan baseline`)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        # ValueError: PyYAML builds unquoted dates itself, and refuses "expires: 2024-13-45".
        raise UsageError(
            f"{path}: not a readable baseline ({str(error).splitlines()[0]})"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings", []), list):
        raise UsageError(f"{path}: expected 'version: 1' and a list under 'findings'")
    entries = {}
    for number, item in enumerate(data.get("findings") or [], start=1):
        if not isinstance(item, dict) or not item.get("fingerprint"):
            raise UsageError(f"{path}: findings/{number}: no fingerprint")
        entries[str(item["fingerprint"])] = Entry(
            fingerprint=str(item["fingerprint"]),
            rule=str(item.get("rule", "")),
            title=str(item.get("title", "")),
            reason=str(item.get("reason", "")),
            accepted_by=str(item.get("accepted_by", "")),
            expires=_date(item.get("expires"), f"{path}: findings/{number}: expires"),
        )
    return entries


def _date(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def apply_baseline(
    document: dict, entries: dict[str, Entry], path: Path, today: dt.date | None = None
) -> None:
    """Mark each finding of ``document`` accepted or expired; add the summary block."""
    today = today or dt.date.today()
    counts = {"accepted": 0, "expired": 0, "new": 0}
    for finding in document["findings"]:
        entry = entries.get(finding.get("fingerprint", ""))
        if entry is None:
            finding["baseline"] = None
            counts["new"] += 1
            continue
        status = "expired" if entry.expires and entry.expires < today else "accepted"
        counts[status] += 1
        finding["baseline"] = {
            "status": status,
            "reason": entry.reason,
            "accepted_by": entry.accepted_by,
            "expires": entry.expires.isoformat() if entry.expires else None,
        }
    document["baseline"] = {"path": str(path), **counts}


def counts_for_gate(finding: dict) -> bool:
    """Whether a finding counts for the exit code: everything but an accepted one."""
    return (finding.get("baseline") or {}).get("status") != "accepted"


def update_baseline(
    path: Path,
    document: dict,
    reason: str,
    accepted_by: str,
    expires: dt.date | None,
    prune: bool = False,
) -> tuple[int, int]:
    """Add the document's findings that are not in the baseline yet; keep existing entries as
    they are (their reasons were written by a person). ``prune`` drops entries whose finding
    is gone. Returns (added, removed)."""
    entries = load_baseline(path) if path.exists() else {}
    current = {f["fingerprint"]: f for f in document["findings"] if f.get("fingerprint")}
    added = 0
    for fingerprint, finding in current.items():
        if fingerprint not in entries:
            entries[fingerprint] = Entry(
                fingerprint, finding["id"], finding["title"], reason, accepted_by, expires
            )
            added += 1
    removed = [key for key in entries if key not in current] if prune else []
    for key in removed:
        del entries[key]
    body = {
        "version": BASELINE_VERSION,
        "findings": [entries[key].to_dict() for key in sorted(entries)],
    }
    path.write_text(
        HEADER + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    return added, len(removed)
