"""Report: render a finished scan as JSON (the contract), and every other output from it.

report.json is built from the :class:`~scanner.model.Scan` (the only step that reads the scan,
the registry and the data tables), validated, and then every other output is rendered from
that document alone (:mod:`scanner.report.formats`), as ``privacyscan report`` does later.
"""

from __future__ import annotations

from scanner.baseline import apply_baseline, load_baseline
from scanner.model import Scan
from scanner.options import ScanOptions
from scanner.report.formats import RenderContext, write_outputs
from scanner.report.i18n import report_language
from scanner.report.schema import validate


def write_reports(scan: Scan, options: ScanOptions) -> dict:
    """Write report.json and the chosen outputs into the output folder; return the document."""
    # Imported here: building reads the registry and the data tables, and rendering a finished
    # report.json (``privacyscan report``) must not need them.
    from scanner.report.json import build_report

    document = build_report(scan, options)
    if options.baseline is not None:
        apply_baseline(document, load_baseline(options.baseline), options.baseline)
        validate(document)
    context = RenderContext(
        lang=report_language(document, options.lang),
        source_dir=options.out_dir,
        fail_on=options.fail_on,
    )
    names = ["json", *(name for name in options.formats if name != "json")]
    write_outputs(document, options.out_dir, names, context)
    return document
