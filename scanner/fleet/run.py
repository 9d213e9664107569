"""Scanning a watch list: what is due, one scan per subprocess, stored in the history.

``privacyscan run`` (and the scheduler and the workers, which share this module) never scans in
its own process: Scrapy's reactor runs once per process, so every site is a ``privacyscan scan``
child, and this process only decides, waits, stores and alerts. A child that crashes costs one
site, never the run.

"Due" comes from the history store, not from a state file: a site is due when it was never
stored, or when its cron schedule fired at least once since its last stored scan. So a run
that was skipped (cron missed, CI down) is caught up on the next one, once (coalesced), and a
run right after a scan does nothing for that site.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from croniter import croniter
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from scanner.fleet.models import ScanRow, SiteRow
from scanner.fleet.store import HistoryStore, utc
from scanner.fleet.watchlist import Site, WatchList, Webhook
from scanner.gate import EXIT_FINDINGS, EXIT_OK, EXIT_SCAN_FAILED, EXIT_USAGE, exit_code_for


@dataclass
class Job:
    """One site to scan in one run: everything a worker on another machine needs, without the
    watch list file (a job on the Redis queue is this, as JSON)."""

    run_id: str
    key: str
    url: str
    pages: int = 5
    policy: str | None = None
    declared_policy: str | None = None
    fail_on: str | None = None
    threshold: str = "medium"
    webhooks: list[dict] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)
    smtp: dict = field(default_factory=dict)

    @classmethod
    def of(cls, run_id: str, site: Site, watch: WatchList) -> Job:
        """The job for ``site`` of ``watch`` in run ``run_id``."""
        return cls(
            run_id=run_id,
            key=site.key,
            url=site.url,
            pages=site.pages,
            policy=site.policy,
            declared_policy=str(site.declared_policy) if site.declared_policy else None,
            fail_on=site.fail_on,
            threshold=site.threshold,
            webhooks=[{"url": w.url, "secret_env": w.secret_env} for w in site.webhooks],
            emails=list(site.emails),
            rules=dict(site.rules),
            smtp=dict(watch.smtp),
        )

    def to_json(self) -> str:
        """The queue's message."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Job:
        """A queue message back (unknown fields from a newer enqueuer are ignored)."""
        data = json.loads(text)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def site(self) -> Site:
        """The watch list entry again, for the alert code."""
        return Site(
            key=self.key,
            url=self.url,
            pages=self.pages,
            fail_on=self.fail_on,
            threshold=self.threshold,
            webhooks=[Webhook(w["url"], w["secret_env"]) for w in self.webhooks],
            emails=list(self.emails),
            rules=dict(self.rules),
        )


@dataclass
class ScanSettings:
    """How this machine reaches sites, the same for every scan of a run or worker."""

    out_root: Path
    host_rules: str | None = None
    ignore_https_errors: bool = False
    deny_private_addresses: bool = True
    settle: float | None = None
    quiet_cap: float | None = None
    scan_timeout: float = 600.0
    lang: str | None = None


@dataclass
class Outcome:
    """What one site's scan came to, for the summary table and the exit code."""

    key: str
    code: int
    seconds: float
    scan_id: int | None = None
    findings: dict[str, int] = field(default_factory=dict)
    alerts: int = 0
    error: str | None = None
    report: Path | None = None


def last_scans(store: HistoryStore) -> dict[str, datetime]:
    """Per site key, when its newest stored scan started (one query for the whole fleet)."""
    query = (
        select(SiteRow.key, func.max(ScanRow.started_at))
        .join(ScanRow, ScanRow.site_id == SiteRow.id)
        .group_by(SiteRow.key)
    )
    with store.session() as session:
        return {key: utc(moment) for key, moment in session.execute(query) if moment}


def due_at(site: Site, last: datetime | None, now: datetime) -> datetime | None:
    """When ``site`` is (or was) due: ``now`` if never stored; else the first cron fire after
    its last scan (in the past when a run was missed); None without a schedule."""
    if last is None:
        return now
    if not site.schedule:
        return None
    return croniter(site.schedule, last).get_next(datetime)


def due_sites(watch: WatchList, last: dict[str, datetime], now: datetime) -> list[Site]:
    """The sites to scan now, in watch list order."""
    return [
        site
        for site in watch.sites
        if (when := due_at(site, last.get(site.key), now)) is not None and when <= now
    ]


def new_run_id(now: datetime | None = None) -> str:
    """A run's id: its start time and the process id (readable, unique per machine)."""
    moment = now or datetime.now(UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ") + f"-{os.getpid()}"


def scan_command(job: Job, settings: ScanSettings, out_dir: Path) -> list[str]:
    """The ``privacyscan scan`` child for ``job``."""
    command = [sys.executable, "-m", "scanner.cli", "scan", job.url, "--out", str(out_dir)]
    command += ["--max-pages", str(job.pages), "--quiet", "--format", "html"]
    command += ["--scan-timeout", str(settings.scan_timeout)]
    if job.policy:
        command += ["--policy", job.policy]
    if job.declared_policy:
        command += ["--declared-policy", job.declared_policy]
    if job.fail_on:
        command += ["--fail-on", job.fail_on]
    if job.rules:
        config = out_dir / "rules.toml"
        lines = ["[rules]", *(f'{rule} = "{level}"' for rule, level in sorted(job.rules.items()))]
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        command += ["--config", str(config)]
    if settings.host_rules:
        command += ["--host-rules", settings.host_rules]
    if settings.ignore_https_errors:
        command.append("--ignore-https-errors")
    if settings.deny_private_addresses:
        command.append("--deny-private-addresses")
    if settings.settle is not None:
        command += ["--settle", str(settings.settle)]
    if settings.quiet_cap is not None:
        command += ["--quiet-cap", str(settings.quiet_cap)]
    if settings.lang:
        command += ["--lang", settings.lang]
    return command


def out_dir_for(job: Job, settings: ScanSettings) -> Path:
    """``OUT/<site>/<run id>/``: one folder per site and run, so a rerun keeps the old one; a
    second attempt in one run (its first worker died and left a partial scan there) gets
    ``<run id>-2/``, so the evidence of the attempt that is stored is never mixed with another's."""
    base = settings.out_root / job.key / job.run_id
    folder, attempt = base, 1
    while folder.is_dir() and any(folder.iterdir()):
        attempt += 1
        folder = base.with_name(f"{job.run_id}-{attempt}")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def scan_job(
    job: Job,
    settings: ScanSettings,
    store: Callable[[], HistoryStore],
    started: Callable[[subprocess.Popen], None] | None = None,
) -> Outcome:
    """Scan ``job`` in a child process and store its report; never raises for a site's own
    failure (it is an :class:`Outcome` with code 3 and the child's last error line).

    ``started`` gets the child as soon as it runs (a worker keeps its lease and can kill it).
    ``store`` opens the history store when the report is ready (a worker reconnects there).
    """
    from scanner.cli_report import read_report
    from scanner.errors import ScanError
    from scanner.fleet.alerts import SmtpSettings
    from scanner.fleet.record import record_report

    begun = time.monotonic()
    out_dir = out_dir_for(job, settings)
    child = subprocess.Popen(
        scan_command(job, settings, out_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if started is not None:
        started(child)
    _, stderr = child.communicate()
    seconds = time.monotonic() - begun
    outcome = Outcome(job.key, child.returncode, seconds, report=out_dir / "report.json")
    if child.returncode not in (EXIT_OK, EXIT_FINDINGS):
        lines = [line for line in stderr.splitlines() if line.strip()]
        outcome.error = lines[-1] if lines else f"scan exited {child.returncode}"
        outcome.code = EXIT_USAGE if child.returncode == EXIT_USAGE else EXIT_SCAN_FAILED
        return outcome
    try:
        document = read_report(out_dir / "report.json")
        outcome.code = exit_code_for(document, job.fail_on)
        history = store()
        try:
            smtp = SmtpSettings.resolve(job.smtp or None)
            recorded = record_report(
                history, job.key, document, out_dir / "report.json", job.site(), smtp, settings.lang
            )
        finally:
            history.close()
    except (ScanError, SQLAlchemyError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        outcome.code, outcome.error = EXIT_SCAN_FAILED, f"storing failed: {reason}"
        return outcome
    outcome.scan_id = recorded.scan_id
    outcome.alerts = len(recorded.deliveries)
    outcome.findings = _counts(document)
    return outcome


def _counts(document: dict) -> dict[str, int]:
    counts = {"high": 0, "medium": 0, "low": 0, "info": 0}
    for finding in document.get("findings", []):
        counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    return counts


def run_exit_code(outcomes: list[Outcome]) -> int:
    """The run's gate: 3 when any site failed to scan or store, else 1 when any site has a
    finding at or above its ``fail_on``, else 0 (nothing due is 0 too)."""
    codes = {outcome.code for outcome in outcomes}
    if codes - {EXIT_OK, EXIT_FINDINGS}:
        return EXIT_SCAN_FAILED
    return EXIT_FINDINGS if EXIT_FINDINGS in codes else EXIT_OK


def summary_table(outcomes: list[Outcome]) -> list[str]:
    """The table ``run`` ends with: one row per site scanned."""
    rows = [f"{'site':30} {'result':8} {'scan':>5} {'high':>4} {'med':>4} {'low':>4} {'time':>7}"]
    for o in outcomes:
        result = {EXIT_OK: "ok", EXIT_FINDINGS: "FAIL-ON"}.get(o.code, "ERROR")
        f = o.findings
        rows.append(
            f"{o.key:30} {result:8} {o.scan_id or '-':>5} {f.get('high', 0):>4} "
            f"{f.get('medium', 0):>4} {f.get('low', 0):>4} {o.seconds:>6.1f}s"
            + (f"  {o.error}" if o.error else "")
        )
    return rows
