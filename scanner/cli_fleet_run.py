"""The fleet's scanning commands: ``run`` (scan what is due, once: for cron or CI),
``schedule`` (a long-running APScheduler), ``enqueue`` and ``worker`` (scale-out on Redis).
Registered by scanner/cli_fleet.py; the logic lives in scanner/fleet/{run,schedule,queue,
worker}.py, this module only turns options into calls and results into lines and exit codes.

Exit codes of ``run``: 0 every due site scanned and stored, none with a finding at or above its
``fail_on`` (also when nothing was due); 1 at least one such finding; 3 at least one site failed
to scan or store (it wins over 1: a gap in the history is worse news); 2 a bad watch list or
option. ``enqueue`` and ``worker`` exit 0 when done, 2/3 on bad input or an unreachable
service; ``schedule`` runs until SIGTERM/SIGINT and then exits 0.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.errors import ScanFailed

if TYPE_CHECKING:
    from scanner.fleet.queue import JobQueue
    from scanner.fleet.run import Job, ScanSettings

COMMANDS = ("run", "schedule", "enqueue", "worker")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not 0 < value <= 86400:
        raise argparse.ArgumentTypeError(f"must be between 0 and 86400 seconds, got {text!r}")
    return value


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"must be a number from 1 to 64, got {text!r}")
    return int(text)


def _common(parser: argparse.ArgumentParser, watchlist: bool = True) -> None:
    if watchlist:
        parser.add_argument("watchlist", type=Path, metavar="WATCHLIST")
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="history database (default: $PRIVACYSCAN_DB, else the user's history.sqlite)",
    )
    parser.add_argument(
        "--queue", default=None, metavar="NAME", help="Redis key prefix of the fleet's queue"
    )


def _scanning(parser: argparse.ArgumentParser) -> None:
    """How this machine's scans reach sites (the same for all of them)."""
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("reports/fleet"),
        metavar="DIR",
        help="reports go to DIR/<site>/<run id>/ (default reports/fleet)",
    )
    parser.add_argument("--host-rules", metavar="RULES", help="Chromium --host-resolver-rules")
    parser.add_argument("--ignore-https-errors", action="store_true")
    parser.add_argument(
        "--allow-private-addresses",
        action="store_true",
        help="scan loopback/private/link-local targets too (default: refused, as in a "
        "shared service whose watch list other people edit)",
    )
    parser.add_argument("--settle", type=_seconds, default=None, metavar="SECONDS")
    parser.add_argument("--quiet-cap", type=_seconds, default=None, metavar="SECONDS")
    parser.add_argument("--scan-timeout", type=_seconds, default=600.0, metavar="SECONDS")
    parser.add_argument("--lang", choices=["en", "nl", "de", "fr"], default=None)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Register ``run``, ``schedule``, ``enqueue`` and ``worker``."""
    run = commands.add_parser("run", help="scan the watch list's due sites once and store them")
    _common(run)
    _scanning(run)
    run.add_argument("--all", action="store_true", help="every site, due or not")
    run.add_argument("--redis", metavar="URL", help="queue the due sites for workers instead")

    schedule = commands.add_parser("schedule", help="run a scheduler for the watch list")
    _common(schedule)
    _scanning(schedule)
    schedule.add_argument("--redis", metavar="URL", help="queue each run for workers instead")
    schedule.add_argument("--concurrency", type=_count, default=1, help="scans at once")

    enqueue = commands.add_parser("enqueue", help="queue the due sites on Redis for workers")
    _common(enqueue)
    enqueue.add_argument("--redis", metavar="URL", required=True)
    enqueue.add_argument("--all", action="store_true", help="every site, due or not")
    enqueue.add_argument("--run-id", default=None, help="the run's id (default: time and pid)")

    worker = commands.add_parser("worker", help="scan jobs from the Redis queue, store them")
    _common(worker, watchlist=False)
    _scanning(worker)
    worker.add_argument("--redis", metavar="URL", required=True)
    worker.add_argument(
        "--visibility",
        type=_seconds,
        default=120.0,
        metavar="SECONDS",
        help="lease of a claimed job, renewed while it runs (default 120)",
    )
    worker.add_argument(
        "--exit-when-idle", action="store_true", help="stop when the queue is drained"
    )


def _settings(args: argparse.Namespace) -> ScanSettings:
    from scanner.fleet.run import ScanSettings

    return ScanSettings(
        out_root=args.out.resolve(),
        host_rules=args.host_rules,
        ignore_https_errors=args.ignore_https_errors,
        deny_private_addresses=not args.allow_private_addresses,
        settle=args.settle,
        quiet_cap=args.quiet_cap,
        scan_timeout=args.scan_timeout,
        lang=args.lang,
    )


def _queue(args: argparse.Namespace) -> JobQueue:
    from scanner.fleet.queue import CONNECTION_ERRORS, JobQueue, connect

    queue = JobQueue(connect(args.redis), **({"prefix": args.queue} if args.queue else {}))
    try:
        queue.client.ping()
    except CONNECTION_ERRORS as error:
        raise ScanFailed(f"cannot reach Redis at {args.redis}: {error}") from None
    return queue


def run(args: argparse.Namespace) -> int:
    """Dispatch one of :data:`COMMANDS`."""
    logging.basicConfig(format="privacyscan: %(message)s", level=logging.WARNING)
    if args.command == "worker":
        from scanner.fleet.worker import Worker

        _queue(args)  # reachable now, or a one-line error
        worker = Worker(
            args.redis,
            args.db,
            _settings(args),
            visibility=args.visibility,
            prefix=args.queue,
            exit_when_idle=args.exit_when_idle,
        )
        return worker.run()
    if args.command == "schedule":
        from scanner.fleet.schedule import run_scheduler

        if args.redis:
            _queue(args)
        settings = _settings(args)
        return run_scheduler(
            args.watchlist, args.db, settings, args.redis, args.concurrency, args.queue
        )
    return _run_or_enqueue(args)


def _run_or_enqueue(args: argparse.Namespace) -> int:
    """``run`` and ``enqueue``: the due sites, scanned here or queued."""
    from scanner.fleet.run import Job, due_sites, last_scans, new_run_id
    from scanner.fleet.store import HistoryStore
    from scanner.fleet.watchlist import load_watchlist

    watch = load_watchlist(args.watchlist)
    now = datetime.now(UTC)
    store = HistoryStore(args.db)
    try:
        sites = watch.sites if args.all else due_sites(watch, last_scans(store), now)
    finally:
        store.close()
    run_id = getattr(args, "run_id", None) or new_run_id(now)
    jobs = [Job.of(run_id, site, watch) for site in sites]
    print(f"run {run_id}: {len(jobs)} of {len(watch.sites)} site(s) due", flush=True)
    if args.command == "enqueue" or args.redis:
        queued = _queue(args).enqueue(jobs)
        print(f"queued {len(queued)} job(s) ({len(jobs) - len(queued)} already queued in run)")
        return 0
    return _scan_here(jobs, args)


def _scan_here(jobs: list[Job], args: argparse.Namespace) -> int:
    from scanner.fleet.run import run_exit_code, scan_job, summary_table
    from scanner.fleet.store import HistoryStore

    settings = _settings(args)
    outcomes = []
    for number, job in enumerate(jobs, 1):
        print(f"[{number}/{len(jobs)}] {job.key}: scanning {job.url}", flush=True)
        outcome = scan_job(job, settings, lambda: HistoryStore(args.db))
        state = f"stored as scan {outcome.scan_id}" if outcome.scan_id else "FAILED"
        print(f"[{number}/{len(jobs)}] {job.key}: {state} ({outcome.seconds:.1f} s)", flush=True)
        outcomes.append(outcome)
    if outcomes:
        print("\n".join(summary_table(outcomes)))
    code = run_exit_code(outcomes)
    if code == 3:
        print("privacyscan: error: some sites failed (see the table)", file=sys.stderr)
    return code
