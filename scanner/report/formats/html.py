"""The HTML report: one self-contained page a site owner can act on, rendered from report.json.

What goes first is what to do: a one-sentence verdict and the three things to fix, then the
findings by severity, the phases side by side, where the data go, what the policy declares
against what was observed, and the details. The page loads nothing: CSS is inline, the
screenshots are data: URIs, the map is inline SVG, and the Content-Security-Policy forbids
anything else (no script at all). It prints to PDF.

Everything a page controls (URLs, cookie names, storage keys, banner text, policy sentences) is
escaped by Jinja2's autoescaping, inside SVG text too; the templates never mark data as safe.
The page is rendered from the document alone (no knowledge table, no registry, no option of
the scan), in the context's language.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

from jinja2 import ChainableUndefined, Environment, PackageLoader, select_autoescape

from scanner.report.formats import html_history, html_map, html_view
from scanner.report.formats.base import OutputFormat, RenderContext

_ENV = Environment(
    loader=PackageLoader("scanner.report", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=ChainableUndefined,
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


def render_html(document: dict, context: RenderContext | None = None) -> str:
    """The report page for a report document, in ``context.lang`` (English by default)."""
    context = context or RenderContext()
    t = context.translator(document)
    image = partial(html_view.inline_image, context.source_dir)
    active = html_view.active_findings(document)
    level, sentence = html_view.verdict(document, t)
    template = _ENV.get_template("report.html.j2")
    return template.render(
        report=document,
        lang=t.lang,
        t=t,
        view=html_view,
        image=image,
        level=level,
        verdict=sentence,
        active=active,
        top=html_view.top_three(document),
        groups=html_view.by_severity(active),
        accepted=html_view.ordered(document, [f for f in document["findings"] if f not in active]),
        matrix=html_view.phase_matrix(document),
        nodes=html_map.country_nodes(document.get("flows") or []),
        geo=html_map,
        tracker_hosts=tracker_hosts,
        history=html_history,
    )


class HtmlFormat(OutputFormat):
    """The site owner's report."""

    name = "html"
    description = "report.html, the audit a site owner reads (self-contained)"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {"report.html": render_html(document, context)}
