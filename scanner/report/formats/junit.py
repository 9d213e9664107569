"""report.junit.xml: the rules as test cases, for CI systems that show test results (GitLab's
``artifacts:reports:junit``, Jenkins, Azure DevOps) but know nothing of SARIF.

One ``<testsuite>``, one ``<testcase>`` per rule the scan ran. A rule *fails* when one of its
findings fails the gate: at or above ``--fail-on`` (every finding when no threshold is set, as
a test report has no "warning") and not accepted by the baseline; the ``<failure>`` carries the
worst such finding's title as its message and every failing finding's evidence as its body.
Findings below the threshold and findings the baseline accepts leave the test case passing and
are listed in its ``<system-out>``: an accepted finding is reported as *passed with a note*,
not ``<skipped>``, because the rule did run, and dashboards read "skipped" as "not checked".
So ``failures`` equals the number of rules with a finding that would make ``--fail-on`` exit 1.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from scanner.report.formats.base import OutputFormat, RenderContext
from scanner.report.formats.common import (
    by_severity,
    evidence_lines,
    gate_status,
    parse_time,
    rule_group,
    rules_with_findings,
)
from scanner.report.i18n import Translator

#: Characters XML 1.0 cannot carry at all, even escaped; a page can put them in a cookie name.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text safe for an XML attribute or element (ElementTree escapes <, >, &, quotes)."""
    return _NOT_XML.sub("\ufffd", str(value))


def _finding_block(finding: dict, t: Translator) -> str:
    head = f"[{finding['severity']}] {t.finding_title(finding)}"
    details = [f"phase: {finding.get('phase') or '-'}"]
    if finding.get("fingerprint"):
        details.append(f"fingerprint: {finding['fingerprint']}")
    baseline = finding.get("baseline") or {}
    if baseline.get("status") == "expired":
        details.append(t("junit.expired", expires=baseline.get("expires") or "-"))
    lines = [head, *details, *(f"  {line}" for line in evidence_lines(finding["evidence"]))]
    return "\n".join(lines)


def _testcase(rule: dict, findings: list[dict], context: RenderContext, t: Translator):
    case = ET.Element(
        "testcase",
        classname=f"privacyscan.{rule_group(rule['id'])}",
        name=xml_text(f"{rule['id']} {rule.get('name') or ''}".strip()),
        time="0",
    )
    failing = [f for f in findings if gate_status(f, context.fail_on) == "fails"]
    if failing:
        worst = failing[0]
        message = t.finding_title(worst)
        if len(failing) > 1:
            message = t("junit.failure_more", title=message, count=len(failing) - 1)
        failure = ET.SubElement(
            case, "failure", message=xml_text(message), type=xml_text(worst["severity"])
        )
        failure.text = xml_text("\n\n".join(_finding_block(f, t) for f in failing))
    notes = []
    for finding in findings:
        status = gate_status(finding, context.fail_on)
        if status == "below":
            notes.append(
                t("junit.below", fail_on=context.fail_on) + "\n" + _finding_block(finding, t)
            )
        elif status == "accepted":
            reason = (finding.get("baseline") or {}).get("reason") or "-"
            notes.append(t("junit.accepted", reason=reason) + "\n" + _finding_block(finding, t))
    if notes:
        ET.SubElement(case, "system-out").text = xml_text("\n\n".join(notes))
    return case, bool(failing)


def junit_xml(document: dict, context: RenderContext) -> str:
    """The JUnit XML document (one suite in a ``<testsuites>`` root, as GitLab expects)."""
    t = context.translator(document)
    findings = by_severity(document["findings"])
    started = parse_time(document.get("started_at"))
    finished = parse_time(document.get("finished_at"))
    seconds = (finished - started).total_seconds() if started and finished else 0.0
    suite = ET.Element(
        "testsuite",
        name=xml_text(t("junit.suite", target=document["target"])),
        timestamp=(document.get("started_at") or "").rstrip("Z"),
        time=f"{seconds:.3f}",
    )
    properties = ET.SubElement(suite, "properties")
    for key, value in (
        ("target", document["target"]),
        ("fail_on", context.fail_on or "any finding"),
        ("tool_version", (document.get("tool") or {}).get("version", "")),
    ):
        ET.SubElement(properties, "property", name=key, value=xml_text(value))
    rules = rules_with_findings(document)
    failures = 0
    for rule in rules:
        mine = [finding for finding in findings if finding["id"] == rule["id"]]
        case, failed = _testcase(rule, mine, context, t)
        suite.append(case)
        failures += failed
    counts = {"tests": str(len(rules)), "failures": str(failures), "errors": "0", "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="privacyscan", time=f"{seconds:.3f}", **counts)
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


class JunitFormat(OutputFormat):
    """The rules as JUnit test cases, failing on what fails the gate."""

    name = "junit"
    description = "report.junit.xml, one test case per rule, failing as --fail-on does"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {"report.junit.xml": junit_xml(document, context)}
