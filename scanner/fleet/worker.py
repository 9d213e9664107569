"""A fleet worker: claim a site job from Redis, scan it in a child process, store it, repeat.

Any number of workers on any number of machines share one Redis queue (scanner/fleet/queue.py)
and one history database (PostgreSQL). A worker holds a lease on its job and renews it from a
thread while the scan runs; if the worker dies, the lease runs out and another worker's reaper
puts the job back. Storing is fenced by the lease: a worker that lost its lease (it stalled
past the visibility timeout and someone else took the job) does not store, so a site is stored
once per run. A worker that loses Redis or the database waits with capped exponential back-off
and carries on; SIGTERM/SIGINT stop it after giving its job back to the queue.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
from dataclasses import dataclass, field
from types import FrameType

from scanner.errors import ScanFailed
from scanner.fleet.queue import CONNECTION_ERRORS, DEFAULT_PREFIX, JobQueue, Lease, connect
from scanner.fleet.run import Outcome, ScanSettings, scan_job
from scanner.fleet.store import HistoryStore
from scanner.gate import EXIT_OK

log = logging.getLogger("privacyscan.worker")
#: Longest pause between reconnection attempts (Redis or the database).
MAX_BACKOFF = 30.0


class LeaseLost(Exception):
    """The job's lease ran out and another worker may have it: do not store."""


@dataclass
class Backoff:
    """Capped exponential back-off that a stop signal interrupts at once."""

    stop: threading.Event
    first: float = 0.5
    cap: float = MAX_BACKOFF
    delay: float = field(init=False, default=0.0)

    def wait(self, reason: str) -> None:
        self.delay = min(self.cap, self.delay * 2 if self.delay else self.first)
        log.warning("%s; retrying in %.1f s", reason, self.delay)
        self.stop.wait(self.delay)

    def reset(self) -> None:
        self.delay = 0.0


class Worker:
    """One worker process (``privacyscan worker``)."""

    def __init__(
        self,
        redis_url: str,
        db_url: str | None,
        settings: ScanSettings,
        visibility: float = 120.0,
        prefix: str | None = None,
        exit_when_idle: bool = False,
        db_patience: float = 300.0,
    ) -> None:
        self.queue = JobQueue(connect(redis_url), prefix or DEFAULT_PREFIX, visibility)
        self.db_url = db_url
        self.settings = settings
        self.visibility = visibility
        self.exit_when_idle = exit_when_idle
        self.db_patience = db_patience
        self.stop = threading.Event()
        self.signal_name: str | None = None
        self.child: subprocess.Popen | None = None
        self.outcomes: list[Outcome] = []

    def _on_signal(self, number: int, _frame: FrameType | None) -> None:
        self.signal_name = signal.Signals(number).name
        self.stop.set()
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()  # the scan writes a partial report; the job goes back

    def run(self) -> int:
        """Work until stopped (or, with ``exit_when_idle``, until the queue is drained)."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        backoff = Backoff(self.stop)
        while not self.stop.is_set():
            try:
                if not self._step():
                    break
                backoff.reset()
            except CONNECTION_ERRORS as error:
                backoff.wait(f"lost Redis ({type(error).__name__}: {error})")
        if self.signal_name:
            return 143 if self.signal_name == "SIGTERM" else 130
        return EXIT_OK

    def _step(self) -> bool:
        """Reap, claim and do one job; False when idle and told to exit then."""
        self.queue.reap()
        lease = self.queue.claim(wait=min(2.0, self.visibility / 4))
        if lease is None:
            return not (self.exit_when_idle and self.queue.counts() == (0, 0))
        job = lease.job
        if self.queue.is_done(job):  # a redelivery of a site stored meanwhile
            self.queue.complete(lease)
            return True
        held = threading.Event()
        renewer = threading.Thread(target=self._keep, args=(lease, held), daemon=True)
        renewer.start()
        try:
            outcome = scan_job(job, self.settings, lambda: self._store(lease), self._started)
        except LeaseLost:
            log.warning("%s: lease lost during the scan; not stored (another has it)", job.key)
            return True
        finally:
            self.child = None
            held.set()
            renewer.join()
        if self.stop.is_set() and outcome.scan_id is None:
            self.queue.release(lease)  # interrupted: someone scans it again
            return False
        self.queue.complete(lease, failed=outcome.error if outcome.scan_id is None else None)
        self.outcomes.append(outcome)
        state = f"stored as scan {outcome.scan_id}" if outcome.scan_id else "FAILED"
        detail = f": {outcome.error}" if outcome.error else ""
        print(f"{job.key}: {state} ({outcome.seconds:.1f} s){detail}", flush=True)
        return True

    def _started(self, child: subprocess.Popen) -> None:
        self.child = child
        if self.stop.is_set():
            child.terminate()

    def _keep(self, lease: Lease, held: threading.Event) -> None:
        """Renew the lease every third of the visibility timeout until the job is over; kill
        the scan when the lease is lost (someone else will redo it)."""
        while not held.wait(self.visibility / 3):
            try:
                if self.queue.renew(lease):
                    continue
            except CONNECTION_ERRORS as error:
                log.warning("cannot renew the lease (%s); will try again", error)
                continue
            log.warning("lease lost; stopping the scan")
            if self.child is not None and self.child.poll() is None:
                self.child.kill()
            return

    def _store(self, lease: Lease) -> HistoryStore:
        """Open the history store for a finished scan, fenced by the lease, reconnecting with
        back-off while the database is away (the lease is renewed meanwhile)."""
        backoff = Backoff(self.stop)
        waited = 0.0
        while True:
            try:
                if not self.queue.renew(lease):
                    raise LeaseLost(lease.job.key)
                return HistoryStore(self.db_url)
            except ScanFailed as error:
                if waited >= self.db_patience or self.stop.is_set():
                    raise
                backoff.wait(f"cannot open the history database ({error})")
                waited += backoff.delay
