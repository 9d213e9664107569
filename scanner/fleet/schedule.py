"""``privacyscan schedule``: a long-running scheduler for a watch list, on APScheduler 3.x.

Each site with a ``schedule`` is one APScheduler job with a cron trigger (UTC), kept in
APScheduler's ``SQLAlchemyJobStore`` on the history database itself (table
``apscheduler_jobs``), so a team's scheduler state lives where its history does.

Surviving restarts: on every start the job's next run time is recomputed from the history
store (:func:`scanner.fleet.run.due_at`: the first cron fire after the site's last stored
scan), not trusted from the job store alone, because only a stored scan proves the site was
scanned (a scan that failed or was killed by the restart stored nothing, and is due again).
A fire that fell in the downtime is then in the past: ``misfire_grace_time=None`` runs it
anyway and ``coalesce=True`` runs it once, however many fires were missed; a site scanned
recently is not rescanned. ``max_instances=1``: a slow scan is never overlapped by the next.

Each run either scans the site in a child process here and stores it (as ``run`` does), or,
with ``--redis``, puts the job on the fleet's queue for the workers.
"""

from __future__ import annotations

import signal
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

from apscheduler.events import EVENT_JOB_ERROR, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from croniter import croniter

from scanner.fleet.run import Job, ScanSettings, due_at, last_scans, new_run_id, scan_job
from scanner.fleet.store import HistoryStore
from scanner.fleet.watchlist import load_watchlist

JOB_TABLE = "apscheduler_jobs"
#: Children of running jobs, so that stopping the scheduler stops their scans too.
_CHILDREN: set[subprocess.Popen] = set()
_LOCK = threading.Lock()


class CronExpressionTrigger(BaseTrigger):
    """An APScheduler trigger that fires when croniter says, so the scheduler, the watch
    list's validation and the "due" computation read a cron expression the same way.

    APScheduler's own ``CronTrigger.from_crontab`` does not: in 3.x it passes the weekday
    field through with Monday as 0, so ``0 6 * * 0`` (Sunday in crontab) fires on Mondays
    (tests/test_fleet_run.py caught this). Aliases such as ``@daily`` work too. Picklable, as
    the SQLAlchemy job store needs."""

    def __init__(self, expression: str) -> None:
        self.expression = expression.strip()

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """The first fire after the previous one, or at/after ``now`` for a new job."""
        start = previous_fire_time or (now - timedelta(microseconds=1))
        return croniter(self.expression, start.astimezone(UTC)).get_next(datetime)

    def __str__(self) -> str:
        return f"cron[{self.expression}]"


def cron_trigger(expression: str) -> CronExpressionTrigger:
    """The watch list's cron expression as a trigger (UTC)."""
    return CronExpressionTrigger(expression)


def scheduled_scan(
    watchlist: str,
    key: str,
    db: str | None,
    settings: ScanSettings,
    redis_url: str | None,
    queue_prefix: str | None = None,
) -> None:
    """One scheduled run of one site (APScheduler stores this call by reference, so it must
    stay a module-level function with picklable arguments). The watch list is read again, so
    an edited entry (pages, alerts) takes effect without a restart."""
    watch = load_watchlist(Path(watchlist))
    site = watch.site(key)
    if site is None:
        print(f"{key}: no longer in {watchlist}; skipped", flush=True)
        return
    job = Job.of(new_run_id(), site, watch)
    if redis_url:
        from scanner.fleet.queue import DEFAULT_PREFIX, JobQueue, connect

        queue = JobQueue(connect(redis_url), queue_prefix or DEFAULT_PREFIX)
        queued = queue.enqueue([job])
        print(f"{key}: {'queued' if queued else 'already queued'} (run {job.run_id})", flush=True)
        return

    def started(child: subprocess.Popen) -> None:
        with _LOCK:
            _CHILDREN.add(child)

    try:
        outcome = scan_job(job, settings, lambda: HistoryStore(db), started)
    finally:
        with _LOCK:
            _CHILDREN.difference_update({c for c in _CHILDREN if c.poll() is not None})
    state = f"stored as scan {outcome.scan_id}" if outcome.scan_id else f"FAILED: {outcome.error}"
    print(f"{key}: {state} ({outcome.seconds:.1f} s)", flush=True)


def plan(watchlist: Path, db: str | None, now: datetime) -> list[tuple[str, str, datetime]]:
    """Per scheduled site: key, cron expression and when it is next due (past: overdue)."""
    watch = load_watchlist(watchlist)
    store = HistoryStore(db)
    try:
        last = last_scans(store)
    finally:
        store.close()
    due = []
    for site in watch.sites:
        if site.schedule:
            when = due_at(site, last.get(site.key), now)
            assert when is not None
            due.append((site.key, site.schedule, when))
    return due


def run_scheduler(
    watchlist: Path,
    db: str | None,
    settings: ScanSettings,
    redis_url: str | None = None,
    concurrency: int = 1,
    queue_prefix: str | None = None,
) -> int:
    """Start the scheduler and block until SIGTERM/SIGINT; running scans are stopped then
    (their sites stay due: nothing was stored). Exit 0 after a clean stop."""
    now = datetime.now(UTC)
    due = plan(watchlist, db, now)
    store = HistoryStore(db)  # migrated and reachable; its URL is APScheduler's too
    url = store.url
    store.close()
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=url, tablename=JOB_TABLE)},
        executors={"default": ThreadPoolExecutor(max_workers=concurrency)},
        job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        timezone=UTC,
    )
    scheduler.add_listener(_report_error, EVENT_JOB_ERROR)
    stop = threading.Event()

    def on_signal(_number: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler.start(paused=True)
    keys = {key for key, _, _ in due}
    for job in scheduler.get_jobs():
        if job.id not in keys:
            job.remove()  # the site left the watch list
    for key, expression, when in due:
        scheduler.add_job(
            scheduled_scan,
            cron_trigger(expression),
            args=[str(watchlist.resolve()), key, db, settings, redis_url, queue_prefix],
            id=key,
            name=key,
            next_run_time=when,
            replace_existing=True,
        )
    print(f"scheduler: {len(due)} scheduled site(s) from {watchlist}", flush=True)
    for key, expression, when in due:
        label = "due now (missed or never scanned)" if when <= now else "next"
        print(f"  {key:30} {expression:15} {label} {when:%Y-%m-%dT%H:%M:%SZ}", flush=True)
    scheduler.resume()
    stop.wait()
    print("scheduler: stopping", flush=True)
    with _LOCK:
        for child in _CHILDREN:
            if child.poll() is None:
                child.terminate()
    scheduler.shutdown(wait=True)
    return 0


def _report_error(event: JobExecutionEvent) -> None:
    print(f"{event.job_id}: the scheduled run failed: {event.exception}", flush=True)
