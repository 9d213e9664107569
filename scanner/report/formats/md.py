"""report.md: a summary to post as a pull-request or merge-request comment.

The reader is a developer looking at a PR: the verdict first (as the exit code decides it),
counts, then the findings that count for the gate in a table; the findings the baseline accepts
are folded away in a ``<details>``. It contains no link and no image, so it renders the same in
GitHub and GitLab and points nowhere a page chose. Everything from the scanned site goes
through :mod:`scanner.report.formats.mdtext`, and the whole comment stays under 65,000
characters (GitHub refuses comments over 65,536): long tables end with "... and N more".
"""

from __future__ import annotations

from collections import Counter

from scanner.model import SEVERITY_ORDER
from scanner.report.formats.base import OutputFormat, RenderContext
from scanner.report.formats.common import baseline_status, by_severity, gate_status
from scanner.report.formats.mdtext import md_code, md_table, md_text
from scanner.report.i18n import Translator

#: GitHub's limit for a comment body is 65,536 characters; keep clear of it.
MAX_CHARS = 65_000
#: Rows shown before "... and N more", even when more would fit: a PR comment is read.
MAX_ROWS = 100
MAX_ACCEPTED_ROWS = 50


def _verdict(findings: list[dict], context: RenderContext, t: Translator) -> str:
    if context.fail_on is None:
        counted = sum(gate_status(f, None) != "accepted" for f in findings)
        return t("md.verdict.none", count=counted)
    failing = sum(gate_status(f, context.fail_on) == "fails" for f in findings)
    severity = t(f"md.severity.{context.fail_on}")
    if failing:
        return t("md.verdict.fail", count=failing, threshold=severity)
    return t("md.verdict.pass", threshold=severity)


def _severity_table(findings: list[dict], t: Translator) -> str:
    counting = Counter(f["severity"] for f in findings if gate_status(f, None) != "accepted")
    accepted = Counter(f["severity"] for f in findings if gate_status(f, None) == "accepted")
    rows = [
        [t(f"md.severity.{severity}"), str(counting[severity]), str(accepted[severity])]
        for severity in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.get, reverse=True)
    ]
    header = [t("md.col.severity"), t("md.col.counting"), t("md.col.accepted")]
    return md_table(header, rows, MAX_CHARS, "")


def _baseline_line(document: dict, findings: list[dict], t: Translator) -> str:
    if not document.get("baseline"):
        return t("md.baseline.none", count=len(findings))
    counts = Counter(baseline_status(f) for f in findings)
    return t(
        "md.baseline.counts",
        new=counts["new"],
        accepted=counts["accepted"],
        expired=counts["expired"],
    )


def _finding_row(finding: dict, t: Translator, last: str) -> list[str]:
    return [
        md_code(finding["id"]),
        t(f"md.severity.{finding['severity']}"),
        md_text(t.finding_title(finding)),
        last,
    ]


def render_markdown(document: dict, context: RenderContext) -> str:
    """The comment body."""
    t = context.translator(document)
    findings = by_severity(document["findings"])
    tool = document.get("tool") or {}
    head = [
        f"### {t('md.heading', target=md_code(document['target']))}",
        "",
        f"**{_verdict(findings, context, t)}**",
        "",
        t(
            "md.scanned",
            date=md_text((document.get("started_at") or "")[:10]),
            version=md_text(tool.get("version", "?")),
            rules=len(document.get("rules") or []),
        ),
        "",
        _severity_table(findings, t),
        _baseline_line(document, findings, t),
        "",
        "",
    ]
    text = "\n".join(head)
    footer = "\n" + t("md.footer") + "\n"

    counting = [f for f in findings if gate_status(f, None) != "accepted"]
    accepted = [f for f in findings if gate_status(f, None) == "accepted"]
    room = MAX_CHARS - len(text) - len(footer) - 1_000
    if counting:
        rows = [_finding_row(f, t, md_text(f.get("phase") or "-")) for f in counting]
        header = [t("md.col.rule"), t("md.col.severity"), t("md.col.title"), t("md.col.phase")]
        budget = room * 3 // 4 if accepted else room
        table = md_table(header, rows, budget, t("md.more"), MAX_ROWS)
        text += f"#### {t('md.findings', count=len(counting))}\n\n{table}"
    else:
        text += t("md.findings.none") + "\n"
    if accepted:
        rows = [
            _finding_row(f, t, md_text((f.get("baseline") or {}).get("reason") or "-"))
            for f in accepted
        ]
        header = [t("md.col.rule"), t("md.col.severity"), t("md.col.title"), t("md.col.reason")]
        budget = MAX_CHARS - len(text) - len(footer) - 500
        table = md_table(header, rows, budget, t("md.more"), MAX_ACCEPTED_ROWS)
        summary = t("md.accepted", count=len(accepted))
        text += f"\n<details>\n<summary>{summary}</summary>\n\n{table}\n</details>\n"
    return text + footer


class MarkdownFormat(OutputFormat):
    """A pull-request comment."""

    name = "md"
    description = "report.md, a summary for a pull-request comment (no links, under 65,000 chars)"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {"report.md": render_markdown(document, context)}
