"""The command line: parse arguments, call the API, map errors to exit codes.

Exit codes (../shared/spec/report-contract.md):
  0  scan completed, no finding at or above --fail-on (baselined findings do not count)
  1  scan completed, at least one finding at or above --fail-on; nothing else exits 1
  2  usage or configuration error (bad URL, bad option value, unreadable policy, unwritable
     --out, invalid configuration or baseline)
  3  the scan itself failed (site unreachable, TLS error, start page not HTML, no browser),
     or an unexpected error: one line, never a traceback, never 0 or 1. A scan that crashes
     after collection started first writes a partial report.json ("incomplete" set)
  130, 143  the scan was interrupted by SIGINT (130) or SIGTERM (143): report.json is written
     from what was collected, marked "incomplete"; ``privacyscan scan --resume DIR`` finishes
     it without visiting the finished pages again (the URL and options come from DIR)
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from scanner import __version__, cli_fleet, cli_report
from scanner.cli_report import add_gate_options
from scanner.config import RuleConfig
from scanner.errors import ScanError, UsageError, one_line
from scanner.gate import EXIT_SCAN_FAILED, EXIT_USAGE, exit_code_for
from scanner.model import SEVERITY_ORDER
from scanner.options import ScanOptions, check_writable
from scanner.report.formats import FORMATS

if TYPE_CHECKING:
    from scanner.collect.checkpoint import Restored


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the problem, with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)}\n")


def positive_int(text: str) -> int:
    """``--max-pages`` values: whole numbers from 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
    return value


def positive_float(text: str) -> float:
    """Seconds: a positive, finite number ("nan" and "inf" parse as floats but are no timeout)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def add_scan_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``scan``, ``demo`` and ``policy``."""
    parser.add_argument(
        "--max-pages",
        type=positive_int,
        default=5,
        help="pages visited per phase, the start page included (default 5)",
    )
    add_gate_options(parser)
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        default=None,
        help="rule configuration (default: privacyscan.toml or .privacyscan.yaml here)",
    )
    parser.add_argument(
        "--settle",
        type=positive_float,
        default=0.5,
        metavar="SECONDS",
        help="network silence that counts as a quiet page (default 0.5)",
    )
    parser.add_argument(
        "--quiet-cap",
        type=positive_float,
        default=10.0,
        metavar="SECONDS",
        help="longest wait for a page to become quiet (default 10)",
    )
    parser.add_argument(
        "--page-timeout",
        type=positive_float,
        default=30.0,
        metavar="SECONDS",
        help="longest wait for one page to load (default 30)",
    )
    parser.add_argument(
        "--scan-timeout",
        type=positive_float,
        default=600.0,
        metavar="SECONDS",
        help="longest a whole scan may run; it then ends with what it has (default 600)",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="REGEX",
        help="do not visit links whose URL matches REGEX (repeatable; for crawl traps)",
    )
    parser.add_argument(
        "--deny-private-addresses",
        action="store_true",
        help="refuse loopback, private, link-local and metadata addresses (for shared services)",
    )
    parser.add_argument(
        "--chromium",
        metavar="PATH",
        default=None,
        help="Chromium binary to use (default: Playwright's, else the system's)",
    )
    parser.add_argument(
        "--locale", default="nl-NL", help="visitor language and Accept-Language (default nl-NL)"
    )
    parser.add_argument(
        "--gpc",
        action="store_true",
        help="also scan with Global Privacy Control on (phase 'gpc', rule US-01)",
    )
    parser.add_argument(
        "--trackerdb",
        type=Path,
        metavar="PATH",
        default=os.environ.get("PRIVACYSCAN_TRACKERDB") or None,
        help="optional: Ghostery TrackerDB trackerdb.json you installed (non-commercial licence)",
    )
    parser.add_argument(
        "--har-cookie-values",
        action="store_true",
        help="keep cookie values in the HAR evidence (they may be secrets)",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress on stderr (it only shows when stderr is a terminal)",
    )
    parser.add_argument(
        "--log-level",
        default="ERROR",
        choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
        help="Scrapy/Playwright log level (default ERROR)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``privacyscan`` argument parser."""
    parser = OneLineParser(prog="privacyscan", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"privacyscan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    scan = commands.add_parser("scan", help="scan a site in three consent phases")
    scan.add_argument("url", nargs="?", help="start page, for example https://www.example.nl/")
    scan.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for report.json, report.html and evidence (required)",
    )
    scan.add_argument(
        "--resume",
        type=Path,
        metavar="DIR",
        help="finish the interrupted scan in DIR (its URL and options are reused)",
    )
    scan.add_argument(
        "--policy",
        metavar="PATH_OR_URL",
        help="the privacy policy to check against (default: found on the site)",
    )
    add_site_options(scan)
    add_declared_option(scan)
    add_scan_options(scan)

    policy = commands.add_parser(
        "policy", help="analyse a privacy policy alone (a local HTML/text/PDF file or a URL)"
    )
    policy.add_argument("source", metavar="PATH_OR_URL", help="the policy to analyse")
    policy.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="folder for report.json/.html"
    )
    add_site_options(policy)
    add_scan_options(policy)

    demo = commands.add_parser("demo", help="scan the bundled demo site (a replica, offline)")
    demo.add_argument(
        "--out",
        type=Path,
        default=Path("reports/demo"),
        metavar="DIR",
        help="output folder (default reports/demo)",
    )
    add_declared_option(demo)
    add_scan_options(demo)
    demo.set_defaults(formats=list(FORMATS))
    cli_report.add_commands(commands)
    cli_fleet.add_commands(commands)
    return parser


def add_site_options(parser: argparse.ArgumentParser) -> None:
    """How the browser reaches a site: host mapping and certificate checks."""
    parser.add_argument(
        "--host-rules",
        metavar="RULES",
        help="Chromium --host-resolver-rules, e.g. 'MAP *:443 127.0.0.1:8443'",
    )
    parser.add_argument(
        "--ignore-https-errors",
        action="store_true",
        help="accept self-signed or otherwise invalid certificates",
    )


def add_declared_option(parser: argparse.ArgumentParser) -> None:
    """The owner's policy-as-code file."""
    parser.add_argument(
        "--declared-policy",
        type=Path,
        metavar="YAML",
        help="declared policy to merge over what the text says (default: policies/<host>.yaml)",
    )


def options_from(args: argparse.Namespace, **overrides: object) -> ScanOptions:
    """ScanOptions from parsed arguments."""
    values: dict = {
        "url": getattr(args, "url", ""),
        "out_dir": args.out,
        "max_pages": args.max_pages,
        "host_rules": getattr(args, "host_rules", None),
        "ignore_https_errors": getattr(args, "ignore_https_errors", False),
        "fail_on": args.fail_on,
        "policy": getattr(args, "policy", None),
        "declared_policy": getattr(args, "declared_policy", None),
        "settle_seconds": args.settle,
        "quiet_cap_seconds": max(args.quiet_cap, args.settle),
        "chromium_path": args.chromium,
        "locale": args.locale,
        "har_cookie_values": args.har_cookie_values,
        "gpc": args.gpc,
        "trackerdb": args.trackerdb,
        "rule_config": rule_config(args),
        "baseline": args.baseline,
        "formats": tuple(args.formats),
        "lang": args.lang,
        "progress": not args.quiet,
        "navigation_timeout_seconds": args.page_timeout,
        "scan_timeout_seconds": args.scan_timeout,
        "exclude_patterns": tuple(args.exclude),
        "deny_private_addresses": args.deny_private_addresses,
    }
    values.update(overrides)
    return ScanOptions(**values)


def rule_config(args: argparse.Namespace) -> RuleConfig:
    """The rule configuration named by ``--config`` or found in the working directory."""
    from scanner.checks import RULES
    from scanner.config import find_config, load_config

    return load_config(find_config(args.config), set(RULES))


def scan_command(args: argparse.Namespace) -> int:
    """``privacyscan scan``: a new scan, or with ``--resume DIR`` an interrupted one."""
    if args.resume is not None:
        from scanner.partial import resume_options

        if args.out is not None and args.out.resolve() != args.resume.resolve():
            raise UsageError(f"--resume {args.resume} writes there, not to --out {args.out}")
        options, restored = resume_options(
            args.resume, args.url, rule_config=rule_config(args), progress=not args.quiet
        )
        return run_scan(options, args.log_level, restored)
    missing = [name for name, value in (("url", args.url), ("--out", args.out)) if value is None]
    if missing:
        raise UsageError(f"the following arguments are required: {', '.join(missing)}")
    return run_scan(options_from(args), args.log_level)


def run_scan(options: ScanOptions, log_level: str, resume: Restored | None = None) -> int:
    """Scan, write the reports, print where they are, return the exit code."""
    from scanner.api import scan
    from scanner.collect.checkpoint import Checkpoint
    from scanner.collect.progress import terminal_console, timing_line
    from scanner.report import write_reports

    result = scan(options, log_level=log_level, resume=resume)
    with result.timings.stage("report"):
        document = write_reports(result, options)
    Checkpoint(options.out_dir).discard()  # the scan is complete: nothing left to resume
    summary = summarise(document)
    print(f"{summary}\nreport: {options.out_dir / 'report.html'}")
    console = terminal_console(options.progress)
    if console is not None:
        text = timing_line(result.timings.as_dict())
        console.print(text, highlight=False, markup=False, soft_wrap=True)
    return exit_code_for(document, options.fail_on)


def summarise(document: dict) -> str:
    """One line per phase and a findings count, for the terminal."""
    lines = []
    for name, phase in document["phases"].items():
        if "skipped" in phase:
            lines.append(f"{name:12} skipped: {phase['skipped']}")
            continue
        trackers = {r["host"] for r in phase["requests"] if r["tracker"] and r["third_party"]}
        lines.append(
            f"{name:12} {len(phase['pages'])} page(s), {len(phase['requests'])} requests, "
            f"{len(trackers)} tracker host(s), {len(phase['cookies'])} cookies"
        )
    by_severity = {s: 0 for s in reversed(SEVERITY_ORDER)}
    for finding in document["findings"]:
        by_severity[finding["severity"]] += 1
    counts = ", ".join(f"{n} {s}" for s, n in by_severity.items() if n)
    lines.append(f"findings: {len(document['findings'])}" + (f" ({counts})" if counts else ""))
    return "\n".join(lines)


def run_policy(args: argparse.Namespace) -> int:
    """``privacyscan policy``: extraction and the text-only findings, as report.json/.html."""
    from scanner.api import analyse_policy
    from scanner.report import write_reports

    options = options_from(args, url=args.source, policy=args.source)
    result = analyse_policy(args.source, args.out, options)
    document = write_reports(result, options)
    policy = document["policy"]
    print(
        f"policy: {policy['language'] or 'unknown language'}, "
        f"{len(policy['declared_parties'])} parties, "
        f"{len(policy['transfer_mechanisms'])} transfer mechanism(s), "
        f"consent {policy['consent_model']}\n"
        f"{summarise(document).splitlines()[-1]}\nreport: {args.out / 'report.html'}"
    )
    return exit_code_for(document, options.fail_on)


def run_demo(args: argparse.Namespace) -> int:
    """Serve the bundled fixture web, scan the demo replica, write the report."""
    from scanner.demo import DEMO_URL, fixture_web

    check_writable(args.out, "--out")  # before the fixture web starts, not only the browser
    with fixture_web() as host_rules:
        options = options_from(args, url=DEMO_URL, host_rules=host_rules, ignore_https_errors=True)
        return run_scan(options, args.log_level)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``privacyscan`` console script.

    Returns the exit code rather than raising SystemExit, also for argument errors, so library
    callers and tests get the same codes the shell does.
    """
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stop:  # usage errors (2), --help and --version (0)
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    try:
        if args.command == "demo":
            return run_demo(args)
        if args.command == "import-cookies":
            return cli_report.run_import(args)
        if args.command == "policy":
            return run_policy(args)
        if args.command == "report":
            return cli_report.run_report(args)
        if args.command == "baseline":
            return cli_report.run_baseline(args)
        if args.command == "rules":
            return cli_report.run_rules(args)
        if args.command in cli_fleet.COMMANDS:
            return cli_fleet.run(args)
        return scan_command(args)
    except ScanError as error:
        print(f"privacyscan: error: {one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("privacyscan: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        # Never a traceback and never 0 or 1 (1 means "findings"): one line and exit 3.
        detail = one_line(str(error).splitlines()[0]) if str(error).strip() else ""
        print(
            f"privacyscan: error: the scan failed unexpectedly: {type(error).__name__}"
            + (f": {detail}" if detail else "")
            + " (a bug: please report it with --log-level DEBUG output)",
            file=sys.stderr,
        )
        return EXIT_SCAN_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
