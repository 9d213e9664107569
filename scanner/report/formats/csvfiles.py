"""cookies.csv and third-parties.csv: what was observed, as spreadsheets, for the people who
keep a site's cookie register or processor list in Excel or LibreOffice.

One row per cookie per phase and one per third-party host per phase. Cookie values are never
written (the report has none; only their length and hash, which a register does not need).
Every text cell comes from a page or a table keyed by it, so cells that a spreadsheet would read
as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a line break) get a leading
apostrophe (OWASP's advice against CSV injection); numbers and booleans we write ourselves.
The files are UTF-8 with a byte-order mark, which Excel needs to read them as UTF-8 (Python
reads them with ``encoding="utf-8-sig"``); an empty ``expires`` is a session cookie.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict

from scanner.report.formats.base import OutputFormat, RenderContext
from scanner.report.formats.common import lifetime_days, observed_phases

COOKIE_COLUMNS = (
    "name",
    "domain",
    "phase",
    "owner",
    "country",
    "category",
    "third_party",
    "expires",
    "lifetime_days",
    "secure",
    "http_only",
    "same_site",
    "set_by",
)
THIRD_PARTY_COLUMNS = (
    "host",
    "phase",
    "owner",
    "country",
    "category",
    "tracker",
    "phases",
    "requests",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value: object) -> str:
    """A CSV cell: booleans as true/false, None empty, text that could start a formula
    prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def cookie_rows(document: dict) -> list[dict]:
    """One row per cookie (name, domain, path) per phase, in the report's order."""
    rows = []
    for phase_name, phase in observed_phases(document):
        for cookie in phase.get("cookies", []):
            rows.append(
                {
                    **{column: cookie.get(column) for column in COOKIE_COLUMNS},
                    "phase": phase_name,
                    "lifetime_days": lifetime_days(cookie, document),
                }
            )
    return rows


def third_party_rows(document: dict) -> list[dict]:
    """One row per third-party host per phase: its attribution, the number of requests in that
    phase, and every phase it was seen in (so "only after accepting" reads off one row)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, dict] = {}
    for phase_name, phase in observed_phases(document):
        for request in phase.get("requests", []):
            if request.get("third_party"):
                counts[request["host"]][phase_name] += 1
                first.setdefault(request["host"], request)
    rows = []
    for host in sorted(counts):
        seen = ";".join(counts[host])
        for phase_name, number in counts[host].items():
            request = first[host]
            rows.append(
                {
                    "host": host,
                    "phase": phase_name,
                    "owner": request.get("owner"),
                    "country": request.get("country"),
                    "category": request.get("category"),
                    "tracker": bool(request.get("tracker")),
                    "phases": seen,
                    "requests": number,
                }
            )
    return rows


class CsvFormat(OutputFormat):
    """Cookies and third parties as spreadsheets."""

    name = "csv"
    description = "cookies.csv and third-parties.csv, one row per cookie or host per phase"

    def render(self, document: dict, context: RenderContext) -> dict[str, str | bytes]:
        return {
            "cookies.csv": _csv(COOKIE_COLUMNS, cookie_rows(document)),
            "third-parties.csv": _csv(THIRD_PARTY_COLUMNS, third_party_rows(document)),
        }
