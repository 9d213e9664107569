"""The report's JSON Schema: every report.json is validated against it when written and when
read back (``privacyscan report``), so no output is rendered from a document that breaks the
contract. Kept apart from the report builder so that reading a report loads no data table."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jsonschema


@cache
def report_schema() -> dict:
    """The JSON Schema every report is validated against."""
    return json.loads(resources.files("scanner.report").joinpath("report.schema.json").read_text())


def validate(document: dict) -> None:
    """Raise ``jsonschema.ValidationError`` if ``document`` breaks the report schema."""
    jsonschema.validate(document, report_schema())


def problem(document: object) -> str | None:
    """The first way ``document`` breaks the schema, as ``path: message``; None if it fits."""
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(report_schema()).iter_errors(document)
    )
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    return f"{where}: {error.message[:200]}"
