"""The fleet commands: ``history`` (list a site's stored scans, or ``history add`` a finished
report.json), ``diff`` (what changed between two stored scans) and ``watchlist`` (validate a
watch list and show when each site is due). Registered on the main parser like cli_report.

Storing is a separate step from scanning on purpose: one ``scan`` process runs one Scrapy
reactor, and storing, comparing and alerting need none of it, so a scheduler or a worker pool
(or a CI job) runs ``scan`` and then ``history add`` on its report.json; a report scanned
elsewhere can be stored the same way.
"""

from __future__ import annotations

import argparse
import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from scanner import cli_fleet_run
from scanner.errors import UsageError
from scanner.gate import EXIT_OK
from scanner.report.i18n import LANGUAGES

COMMANDS = ("history", "diff", "watchlist", *cli_fleet_run.COMMANDS)


def positive_id(text: str) -> int:
    """A stored scan's id."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a scan id (a positive number), got {text!r}")
    return int(text)


def non_negative_seconds(text: str) -> float:
    """The first retry delay: 0 or more seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600 seconds, got {text!r}")
    return value


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="history database: an SQLite file or postgresql://user@host/db "
        "(default: $PRIVACYSCAN_DB, else history.sqlite in the user's data folder)",
    )


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``history``, ``diff`` and ``watchlist`` on the main parser."""
    history = commands.add_parser(
        "history",
        help="list a site's stored scans; 'history add REPORT_JSON' stores a finished scan",
    )
    history.add_argument("site", metavar="SITE|add", help="site key, or 'add' to store a report")
    history.add_argument("report_json", nargs="?", type=Path, metavar="REPORT_JSON")
    _db_option(history)
    history.add_argument("--json", action="store_true", help="as JSON")
    history.add_argument(
        "--site",
        dest="site_key",
        metavar="KEY",
        help="add: the site key "
        "(default: the watch list entry for the report's URL, else its host)",
    )
    history.add_argument(
        "--watchlist",
        type=Path,
        metavar="FILE",
        help="add: the watch list naming the site's alert targets and threshold",
    )
    history.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="add: language of the re-rendered report.html",
    )
    history.add_argument("--smtp-host", default=None, help="add: SMTP server for e-mail alerts")
    history.add_argument("--smtp-port", type=int, default=None, help="add: SMTP port")
    history.add_argument("--smtp-tls", choices=["none", "starttls", "ssl"], default=None)
    history.add_argument("--smtp-from", dest="smtp_sender", default=None, metavar="ADDRESS")
    history.add_argument(
        "--smtp-cafile", default=None, metavar="PEM", help="add: extra CA certificates for TLS"
    )
    history.add_argument(
        "--retry-delay",
        type=non_negative_seconds,
        default=1.0,
        metavar="SECONDS",
        help="add: first back-off between alert attempts",
    )

    diff = commands.add_parser("diff", help="what changed between two stored scans of a site")
    diff.add_argument("site", metavar="SITE")
    diff.add_argument(
        "--from",
        dest="from_id",
        type=positive_id,
        metavar="SCAN",
        help="the older scan (default: the one before --to)",
    )
    diff.add_argument(
        "--to",
        dest="to_id",
        type=positive_id,
        metavar="SCAN",
        help="the newer scan (default: the latest)",
    )
    _db_option(diff)
    diff.add_argument("--json", action="store_true", help="as JSON")

    watchlist = commands.add_parser("watchlist", help="validate a watch list, show what is due")
    watchlist.add_argument("file", type=Path, metavar="FILE")
    watchlist.add_argument("--json", action="store_true", help="as JSON")
    cli_fleet_run.add_commands(commands)


def run(args: argparse.Namespace) -> int:
    """Dispatch one of :data:`COMMANDS`."""
    if args.command in cli_fleet_run.COMMANDS:
        return cli_fleet_run.run(args)
    if args.command == "watchlist":
        return run_watchlist(args)
    if args.command == "diff":
        return run_diff(args)
    if args.site == "add":
        return run_add(args)
    if args.report_json is not None:
        raise UsageError(f"history {args.site}: unexpected {args.report_json} (did you mean add?)")
    return run_history(args)


def run_watchlist(args: argparse.Namespace) -> int:
    """Validate the file; list each site with its next scheduled run."""
    from scanner.fleet.watchlist import load_watchlist

    watch = load_watchlist(args.file)
    now = datetime.now(UTC)
    rows = []
    for site in watch.sites:
        due = site.next_run(now)
        rows.append(
            {
                "site": site.key,
                "url": site.url,
                "schedule": site.schedule,
                "next_run": due.strftime("%Y-%m-%dT%H:%M:%SZ") if due else None,
                "fail_on": site.fail_on,
                "threshold": site.threshold,
                "webhooks": len(site.webhooks),
                "emails": len(site.emails),
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    print(f"{args.file}: valid, {len(rows)} site(s)")
    for row in rows:
        print(
            f"  {row['site']:30} {row['schedule'] or '(no schedule)':15} "
            f"next {row['next_run'] or '-':21} alerts >= {row['threshold']}"
        )
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    """Store a finished report.json, update its report, alert if due."""
    from scanner.cli_report import read_report
    from scanner.fleet.alerts import SmtpSettings
    from scanner.fleet.record import record_report
    from scanner.fleet.store import HistoryStore
    from scanner.fleet.watchlist import load_watchlist
    from scanner.options import check_writable

    if args.report_json is None:
        raise UsageError("history add: give the report.json to store")
    document = read_report(args.report_json)
    if document.get("incomplete"):
        raise UsageError(f"{args.report_json}: an incomplete scan; finish it (scan --resume) first")
    check_writable(args.report_json.parent, "REPORT_JSON's folder")
    watch = load_watchlist(args.watchlist) if args.watchlist else None
    site = None
    if watch is not None:
        site = (
            watch.site(args.site_key)
            if args.site_key
            else next((s for s in watch.sites if _same_site(s.url, document["target"])), None)
        )
    key = args.site_key or (site.key if site else urlsplit(document["target"]).hostname)
    if not key:
        raise UsageError(f"{args.report_json}: no site key (give --site KEY)")
    if watch is not None and site is None:
        raise UsageError(f"{args.watchlist}: no site {key!r} in the watch list")
    smtp = SmtpSettings.resolve(
        watch.smtp if watch else None,
        host=args.smtp_host,
        port=args.smtp_port,
        tls=args.smtp_tls,
        sender=args.smtp_sender,
        cafile=args.smtp_cafile,
    )
    logging.basicConfig(format="privacyscan: %(message)s", level=logging.WARNING)
    store = HistoryStore(args.db)
    try:
        result = record_report(
            store, key, document, args.report_json, site, smtp, args.lang, args.retry_delay
        )
    finally:
        store.close()
    if result.previous_id is None:
        print(f"stored scan {result.scan_id} of {key} (the first)")
    else:
        print(f"stored scan {result.scan_id} of {key}; compared with scan {result.previous_id}")
        from scanner.fleet.diff import summary_lines

        for line in summary_lines(result.changes or {}) or ["no changes"]:
            print(f"  {line}")
    for delivery in result.deliveries:
        state = "sent" if delivery.ok else f"FAILED after {delivery.attempts} attempt(s)"
        print(
            f"alert {delivery.channel} {delivery.target}: {state}"
            + (f" ({delivery.error})" if delivery.error else "")
        )
    print(f"report: {args.report_json.parent / 'report.html'}")
    return EXIT_OK


def _same_site(url: str, target: str) -> bool:
    return (urlsplit(url).hostname or "") == (urlsplit(target).hostname or "")


def run_history(args: argparse.Namespace) -> int:
    """The table of a site's stored scans."""
    from dataclasses import asdict

    from scanner.fleet.store import HistoryStore

    store = HistoryStore(args.db)
    try:
        scans = store.history(args.site)
    finally:
        store.close()
    if args.json:
        print(json.dumps([asdict(scan) for scan in scans], indent=2))
        return EXIT_OK
    print(
        f"{'scan':>5}  {'started (UTC)':20}  {'verdict':7}  high  med  low  info"
        f"  3rd-p  cookies  tool     report"
    )
    for s in scans:
        c = s.counts
        print(
            f"{s.id:>5}  {s.started_at or '-':20}  {s.verdict:7}  {c['high']:>4} "
            f"{c['medium']:>4} {c['low']:>4} {c['info']:>5}  {s.third_parties:>5}  "
            f"{s.cookies:>7}  {s.tool_version:7}  {s.report_json or '-'}"
        )
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    """Third parties, cookies, findings and banner outcomes that changed between two scans."""
    from scanner.fleet.diff import diff_snapshots, summary_lines
    from scanner.fleet.store import HistoryStore

    store = HistoryStore(args.db)
    try:
        ids = [scan.id for scan in store.history(args.site)]
        to_id = args.to_id or ids[-1]
        if to_id not in ids:
            raise UsageError(f"site {args.site!r} has no stored scan {to_id}")
        from_id = args.from_id or (store.previous(args.site, to_id))
        if from_id is None:
            raise UsageError(f"site {args.site!r}: no scan before {to_id} to compare with")
        older, before = store.snapshot(args.site, from_id)
        newer, after = store.snapshot(args.site, to_id)
    finally:
        store.close()
    changes = diff_snapshots(before, after)
    if args.json:
        document = {
            "site": args.site,
            "from": {"scan_id": older.id, "started_at": older.started_at},
            "to": {"scan_id": newer.id, "started_at": newer.started_at},
            **changes,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
        return EXIT_OK
    print(
        f"{args.site}: scan {older.id} ({older.started_at}) -> scan {newer.id} ({newer.started_at})"
    )
    for line in summary_lines(changes) or ["no changes"]:
        print(f"  {line}")
    return EXIT_OK
