"""What the history keeps of one report.json: the few facts worth comparing over time.

A stored scan is a summary, not a copy of report.json (which stays on disk, its path stored):
the verdict, the findings by fingerprint with their severity, the third parties and cookies with
the phases they were seen in, and the banner outcome per phase. Diffs (scanner/fleet/diff.py)
work on this shape whether it comes from a report or from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.report.formats.html_view import verdict
from scanner.report.i18n import Translator

PHASE_ORDER = ("pre-consent", "accept", "reject", "gpc")


@dataclass
class Snapshot:
    """One scan's comparable facts."""

    verdict: str
    findings: dict[str, dict] = field(default_factory=dict)
    third_parties: dict[str, dict] = field(default_factory=dict)
    cookies: dict[str, dict] = field(default_factory=dict)
    banner: dict[str, dict] = field(default_factory=dict)


def site_verdict(document: dict) -> str:
    """The report's own verdict level (``clean``, ``low``, ``medium``, ``high``), as the HTML
    report states it, so an alert about a "verdict change" means what the owner reads."""
    level, _ = verdict(document, Translator("en", document))
    return level


def _phases(found: set[str]) -> list[str]:
    return [name for name in PHASE_ORDER if name in found] + sorted(found - set(PHASE_ORDER))


def from_report(document: dict) -> Snapshot:
    """The comparable facts of a report.json document."""
    parties: dict[str, dict] = {}
    cookies: dict[str, dict] = {}
    seen_party: dict[str, set[str]] = {}
    seen_cookie: dict[str, set[str]] = {}
    for name, phase in document["phases"].items():
        for request in phase.get("requests", []):
            if not request.get("third_party"):
                continue
            host = request["host"]
            parties.setdefault(
                host,
                {
                    "host": host,
                    "owner": request.get("owner"),
                    "country": request.get("country"),
                    "tracker": bool(request.get("tracker")),
                },
            )
            parties[host]["tracker"] = parties[host]["tracker"] or bool(request.get("tracker"))
            seen_party.setdefault(host, set()).add(name)
        for cookie in phase.get("cookies", []):
            key = f"{cookie['name']}@{cookie['domain']}"
            cookies.setdefault(
                key,
                {
                    "name": cookie["name"],
                    "domain": cookie["domain"],
                    "owner": cookie.get("owner"),
                    "category": cookie.get("category"),
                    "third_party": bool(cookie.get("third_party")),
                },
            )
            seen_cookie.setdefault(key, set()).add(name)
    for host, phases in seen_party.items():
        parties[host]["phases"] = _phases(phases)
    for key, phases in seen_cookie.items():
        cookies[key]["phases"] = _phases(phases)
    findings = {}
    for finding in document["findings"]:
        fingerprint = finding.get("fingerprint") or f"{finding['id']}/{finding.get('phase')}"
        findings[fingerprint] = {
            "fingerprint": fingerprint,
            "rule": finding["id"],
            "severity": finding["severity"],
            "phase": finding.get("phase"),
            "title": finding["title"],
        }
    return Snapshot(
        verdict=site_verdict(document),
        findings=findings,
        third_parties=parties,
        cookies=cookies,
        banner=banner_outcomes(document),
    )


def banner_outcomes(document: dict) -> dict[str, dict]:
    """Per phase, what happened with the banner: seen before consent; found and worked for
    accept and reject; or why the phase was skipped."""
    consent = document.get("consent") or {}
    outcomes: dict[str, dict] = {}
    for name, phase in document["phases"].items():
        row: dict = {"skipped": phase.get("skipped")}
        if name == "pre-consent":
            row["banner_detected"] = bool(consent.get("banner_detected"))
            row["cmp"] = consent.get("cmp")
        elif name in ("accept", "reject"):
            decision = consent.get(name) or {}
            row["found"] = decision.get("found")
            row["succeeded"] = decision.get("succeeded")
            row["method"] = decision.get("method")
        outcomes[name] = row
    return outcomes


def severity_counts(findings: dict[str, dict] | list[dict]) -> dict[str, int]:
    """Findings per severity (all four keys, zero included), for the trend."""
    rows = findings.values() if isinstance(findings, dict) else findings
    counts = {"high": 0, "medium": 0, "low": 0, "info": 0}
    for row in rows:
        counts[row["severity"]] = counts.get(row["severity"], 0) + 1
    return counts
