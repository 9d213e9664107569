"""The commands that work from a finished report.json, the registry or a table, with no scan:
``report`` (render any output again, and gate on it), ``baseline`` (accept findings), ``rules``
(the rule documentation) and ``import-cookies`` (an Open Cookie Database CSV as a table)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
from pathlib import Path

from scanner.baseline import apply_baseline, load_baseline, update_baseline
from scanner.errors import UsageError
from scanner.gate import EXIT_OK, exit_code_for
from scanner.model import SEVERITY_ORDER
from scanner.options import check_writable
from scanner.report.formats import DEFAULT_FORMATS, RenderContext, parse_formats, write_outputs
from scanner.report.i18n import LANGUAGES, report_language
from scanner.report.schema import problem

DEFAULT_BASELINE = Path("privacyscan-baseline.yaml")


def format_list(text: str) -> list[str]:
    """``--format`` values: a comma-separated list of output names, or ``all``."""
    try:
        return parse_formats(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_gate_options(parser: argparse.ArgumentParser, formats: bool = True) -> None:
    """What decides the exit code and which outputs are written: shared by every command that
    produces findings (scan, demo, policy, report)."""
    parser.add_argument(
        "--fail-on",
        choices=list(SEVERITY_ORDER),
        default=None,
        help="exit 1 when a finding at or above this severity exists (baselined ones excepted)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        default=None,
        help="accepted findings (see `privacyscan baseline`): they do not count for --fail-on",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="report language (default: the policy's language if supported, else en)",
    )
    if formats:
        parser.add_argument(
            "--format",
            dest="formats",
            type=format_list,
            default=list(DEFAULT_FORMATS),
            metavar="LIST",
            help="outputs to write, comma-separated, or all (default: "
            + ",".join(DEFAULT_FORMATS)
            + ")",
        )


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``report``, ``baseline``, ``import-cookies`` and ``rules`` on the main parser."""
    report = commands.add_parser(
        "report", help="render outputs from a report.json alone (no scan), and gate on it"
    )
    report.add_argument("report_json", type=Path, metavar="REPORT_JSON")
    report.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="default: beside REPORT_JSON"
    )
    add_gate_options(report)

    baseline = commands.add_parser(
        "baseline", help="accept a report's findings into a baseline file (created or updated)"
    )
    baseline.add_argument("report_json", type=Path, metavar="REPORT_JSON")
    baseline.add_argument(
        "--file",
        type=Path,
        default=DEFAULT_BASELINE,
        help=f"the baseline to write (default {DEFAULT_BASELINE})",
    )
    baseline.add_argument("--reason", default="accepted", help="why these findings are accepted")
    baseline.add_argument("--accepted-by", default="", metavar="WHO", help="who accepted them")
    baseline.add_argument(
        "--expires", type=_iso_date, default=None, metavar="YYYY-MM-DD", help="review date"
    )
    baseline.add_argument(
        "--prune", action="store_true", help="drop entries whose finding is no longer reported"
    )

    imported = commands.add_parser(
        "import-cookies", help="import an Open Cookie Database CSV as an extra cookie table"
    )
    imported.add_argument("csv", type=Path, help="open-cookie-database.csv")
    imported.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="PATH",
        help="where to store it (default: the user's data folder)",
    )

    rules = commands.add_parser("rules", help="list the rules with their documentation")
    shape = rules.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="as JSON")
    shape.add_argument("--markdown", action="store_true", help="as docs/rules.md")


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def read_report(path: Path) -> dict:
    """A report.json as written by a scan; anything else is a usage error naming the file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{path}: not a readable report.json ({error})") from None
    broken = problem(document)
    if broken:
        raise UsageError(f"{path}: not a valid privacyscan report.json ({broken})")
    return document


def run_report(args: argparse.Namespace) -> int:
    """Render the chosen outputs from report.json; exit as the scan's gate would."""
    document = read_report(args.report_json)
    out = args.out or args.report_json.parent
    check_writable(out, "--out")
    if args.baseline is not None:
        apply_baseline(document, load_baseline(args.baseline), args.baseline)
    context = RenderContext(
        lang=report_language(document, args.lang),
        source_dir=args.report_json.parent,
        fail_on=args.fail_on,
    )
    names = [n for n in args.formats if n != "json" or out != args.report_json.parent]
    for path in write_outputs(document, out, names, context):
        print(path)
    return exit_code_for(document, args.fail_on)


def run_baseline(args: argparse.Namespace) -> int:
    """Add the report's findings to the baseline file."""
    document = read_report(args.report_json)
    check_writable(args.file.parent, "--file")
    added, removed = update_baseline(
        args.file, document, args.reason, args.accepted_by, args.expires, args.prune
    )
    print(f"{args.file}: {added} finding(s) added, {removed} removed")
    return 0


def run_rules(args: argparse.Namespace) -> int:
    """Print the rule documentation as text, JSON or Markdown."""
    from scanner.checks.docs import rules_json, rules_markdown, rules_text

    if args.json:
        print(json.dumps(rules_json(), indent=2, ensure_ascii=False))
    elif args.markdown:
        print(rules_markdown(), end="")
    else:
        print(rules_text())
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import an Open Cookie Database CSV (see scanner/classify/imported.py)."""
    from scanner.classify.imported import NotAnOcdFile, import_ocd, table_path

    destination = args.into or table_path()
    if not args.csv.is_file():
        raise UsageError(f"{args.csv}: no such file")
    # The destination is checked first, so a wrong --into costs no reading.
    check_writable(destination.parent, "--into")
    if destination.is_dir():
        raise UsageError(f"--into {destination}: is a folder, give a file name")
    try:
        count = import_ocd(args.csv, destination)
    except NotAnOcdFile as error:
        raise UsageError(str(error).splitlines()[0]) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise UsageError(f"{args.csv}: not an Open Cookie Database CSV ({error})") from None
    except OSError as error:
        raise UsageError(f"--into {destination}: cannot write there ({error.strerror})") from None
    print(f"imported {count} cookie names into {destination}")
    if args.into:
        print(f"set PRIVACYSCAN_IMPORTED_COOKIES={destination} for scans to use it")
    return EXIT_OK
