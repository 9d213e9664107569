"""report.json itself, as written by the scan (already validated against the schema)."""

from __future__ import annotations

import json

from scanner.report.formats.base import OutputFormat, RenderContext


class JsonFormat(OutputFormat):
    """The contract: ../shared/spec/report-contract.md."""

    name = "json"
    description = "report.json, the single source every other output is rendered from"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {"report.json": json.dumps(document, indent=2, ensure_ascii=False) + "\n"}
