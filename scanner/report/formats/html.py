"""The HTML report: one self-contained page a site owner can read, rendered from report.json.

Everything in it that a page controls (URLs, cookie names, storage keys, banner text) is
escaped by Jinja2's autoescaping; the template never marks page data as safe.
"""

from __future__ import annotations

from collections import Counter

from jinja2 import Environment, PackageLoader, select_autoescape

from scanner.report.formats.base import OutputFormat, RenderContext

_ENV = Environment(
    loader=PackageLoader("scanner.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def tracker_hosts(phase: dict) -> list[dict]:
    """Tracker requests of a phase grouped by host, most requests first."""
    counts: Counter[str] = Counter()
    first: dict[str, dict] = {}
    for request in phase.get("requests", []):
        if request["tracker"] and request["third_party"]:
            counts[request["host"]] += 1
            first.setdefault(request["host"], request)
    return [dict(first[host], count=count) for host, count in counts.most_common()]


def render_html(document: dict) -> str:
    """The report page for a report document."""
    template = _ENV.get_template("report.html.j2")
    return template.render(report=document, tracker_hosts=tracker_hosts)


class HtmlFormat(OutputFormat):
    """The site owner's report."""

    name = "html"
    description = "report.html, the audit a site owner reads (self-contained)"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {"report.html": render_html(document)}
