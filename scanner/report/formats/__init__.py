"""Output formats: one small interface, one class per format, a name-to-class map.

Every format renders from the report document (report.json) alone: no scan, no knowledge
table, no option of the scan that wrote it. ``privacyscan scan`` and ``privacyscan report``
call the same :func:`write_outputs`, so a report rendered later is the one the scan wrote.

Adding a format touches one module: write a class with a ``name`` and a ``render`` that returns
file names and contents, and list it in :data:`FORMATS`.
"""

from __future__ import annotations

from pathlib import Path

from scanner.report.formats.base import OutputFormat, RenderContext
from scanner.report.formats.csvfiles import CsvFormat
from scanner.report.formats.declaration import DeclarationFormat
from scanner.report.formats.html import HtmlFormat
from scanner.report.formats.jsonfile import JsonFormat
from scanner.report.formats.junit import JunitFormat
from scanner.report.formats.md import MarkdownFormat
from scanner.report.formats.sarif import SarifFormat

FORMATS: dict[str, type[OutputFormat]] = {
    cls.name: cls
    for cls in (
        JsonFormat,
        HtmlFormat,
        SarifFormat,
        JunitFormat,
        MarkdownFormat,
        CsvFormat,
        DeclarationFormat,
    )
}
#: What ``scan`` and ``demo`` write unless ``--format`` says otherwise.
DEFAULT_FORMATS = tuple(FORMATS)


def parse_formats(text: str) -> list[str]:
    """``html,sarif`` -> ["html", "sarif"]; ``all`` -> every format; ValueError names a typo."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if names == ["all"]:
        return list(FORMATS)
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise ValueError(
            f"unknown format {unknown[0] if unknown else text!r} "
            f"(choose from {', '.join(FORMATS)}, or all)"
        )
    return names


def write_outputs(
    document: dict, out_dir: Path, names: list[str] | tuple[str, ...], context: RenderContext
) -> list[Path]:
    """Render ``names`` from ``document`` into ``out_dir``; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        for filename, content in FORMATS[name]().render(document, context).items():
            path = out_dir / filename
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            written.append(path)
    return written


__all__ = ["FORMATS", "OutputFormat", "RenderContext", "parse_formats", "write_outputs"]
