"""report.sarif: the findings as SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab,
Azure DevOps) that already know how to list, track and dismiss results.

A privacy finding is about a web site, not a line of code, so every result is located at the
scanned URL (an absolute ``artifactLocation.uri``) and the pages or requests its evidence names
become ``relatedLocations``. The finding's own fingerprint is the ``partialFingerprints`` entry,
so a dashboard tracks the same finding across scans as the baseline does, and a finding the
baseline accepts is written with an external suppression carrying the person's reason.
"""

from __future__ import annotations

import json

from scanner.report.formats.base import OutputFormat, RenderContext
from scanner.report.formats.common import (
    baseline_status,
    evidence_urls,
    rule_group,
    rules_with_findings,
)

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "privacyscanFingerprint/v1"
#: SARIF has three result levels; info and low are both "note".
LEVELS = {"high": "error", "medium": "warning", "low": "note", "info": "note"}
#: Related locations per result: EP-02 can name hundreds of requests; the evidence keeps all.
MAX_RELATED = 50


def _help(rule: dict) -> dict:
    """The rule's why, fix and sources, as plain text and as Markdown."""
    parts = [
        ("Why it matters", rule.get("why", "")),
        ("How to fix", rule.get("fix", "")),
    ]
    sources = rule.get("sources") or []
    text = "\n\n".join(f"{label}: {body}" for label, body in parts if body)
    markdown = "\n\n".join(f"**{label}**\n\n{body}" for label, body in parts if body)
    if sources:
        text += ("\n\n" if text else "") + "Sources: " + "; ".join(sources)
        markdown += (
            ("\n\n" if markdown else "")
            + "**Sources**\n\n"
            + "\n".join(f"- {source}" for source in sources)
        )
    return {"text": text or rule["title"], "markdown": markdown or rule["title"]}


def sarif_rule(rule: dict) -> dict:
    """A reportingDescriptor from a rule of ``document["rules"]``."""
    tags = ["privacy", rule_group(rule["id"])]
    if rule.get("text_only"):
        tags.append("policy-text")
    return {
        "id": rule["id"],
        "name": rule.get("name") or rule["id"],
        "shortDescription": {"text": rule["title"]},
        "fullDescription": {"text": rule.get("summary") or rule["title"]},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVELS[rule["default_severity"]]},
        "properties": {"tags": tags, "severity": rule.get("severity", rule["default_severity"])},
    }


def _location(uri: str, description: str | None = None, ident: int | None = None) -> dict:
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
    if ident is not None:
        location["id"] = ident
    if description:
        location["message"] = {"text": description}
    return location


def sarif_result(finding: dict, rule_index: int, target: str, has_baseline: bool) -> dict:
    """One result per finding, at its effective severity."""
    primary = _location(target)
    if finding.get("phase"):
        primary["logicalLocations"] = [
            {"name": finding["phase"], "kind": "module", "fullyQualifiedName": finding["phase"]}
        ]
    result: dict = {
        "ruleId": finding["id"],
        "ruleIndex": rule_index,
        "level": LEVELS[finding["severity"]],
        "message": {"text": finding["title"]},
        "locations": [primary],
        "properties": {
            "phase": finding.get("phase"),
            "severity": finding["severity"],
            "defaultSeverity": finding.get("default_severity", finding["severity"]),
            "severitySource": finding.get("severity_source", "rule default"),
            "baseline": baseline_status(finding),
            "evidence": finding.get("evidence", []),
        },
    }
    related = [url for url in evidence_urls(finding.get("evidence", [])) if url != target]
    if related:
        result["relatedLocations"] = [
            _location(url, "named in the evidence", ident)
            for ident, url in enumerate(related[:MAX_RELATED], start=1)
        ]
    if finding.get("fingerprint"):
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding["fingerprint"]}
    baseline = finding.get("baseline") or {}
    if baseline.get("status") == "accepted":
        suppression = {"kind": "external", "status": "accepted"}
        reason = baseline.get("reason")
        if baseline.get("accepted_by"):
            reason = f"{reason} (accepted by {baseline['accepted_by']})"
        if reason:
            suppression["justification"] = reason
        result["suppressions"] = [suppression]
    if has_baseline:
        result["baselineState"] = "new" if baseline_status(finding) == "new" else "unchanged"
    return result


def sarif_log(document: dict) -> dict:
    """The whole SARIF log: one run, the rules the scan ran, one result per finding."""
    rules = rules_with_findings(document)
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    target = document["target"]
    has_baseline = bool(document.get("baseline"))
    tool = document.get("tool") or {}
    invocation: dict = {
        "executionSuccessful": True,
        "startTimeUtc": document["started_at"],
        "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": error}} for error in document.get("errors", [])
        ],
    }
    if document.get("finished_at"):
        invocation["endTimeUtc"] = document["finished_at"]
    run = {
        "tool": {
            "driver": {
                "name": tool.get("name", "privacyscan"),
                "version": tool.get("version", "0"),
                "rules": [sarif_rule(rule) for rule in rules],
                "properties": {"dataVersions": tool.get("data_versions", {})},
            }
        },
        "invocations": [invocation],
        "results": [
            sarif_result(finding, index[finding["id"]], target, has_baseline)
            for finding in document["findings"]
        ],
        "properties": {"target": target},
    }
    return {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


class SarifFormat(OutputFormat):
    """SARIF 2.1.0 for code-scanning dashboards."""

    name = "sarif"
    description = "report.sarif, SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab)"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        log = sarif_log(document)
        return {"report.sarif": json.dumps(log, indent=2, ensure_ascii=False) + "\n"}
