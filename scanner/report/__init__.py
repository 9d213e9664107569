"""Report: render a finished scan as JSON (the contract), HTML, and the CI formats.

Every format is rendered from the JSON document alone, so ``report.json`` is enough to
regenerate every other output without crawling again.
"""

from __future__ import annotations

from pathlib import Path

from scanner.model import Scan
from scanner.options import ScanOptions
from scanner.report.html import write_html
from scanner.report.json import build_report, write_json


def write_reports(scan: Scan, options: ScanOptions) -> dict:
    """Write ``report.json`` and ``report.html`` into the output folder; return the document."""
    document = build_report(scan, options)
    out: Path = options.out_dir
    write_json(document, out / "report.json")
    write_html(document, out / "report.html")
    return document
