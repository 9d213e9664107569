"""The library entry point: ``scan(options) -> Scan``.

Runs the pipeline in order: collect (the Scrapy crawl, which also classifies through its item
pipelines), then check, and hands back the finished :class:`~scanner.model.Scan`; writing the
reports is the caller's choice (:func:`scanner.report.write_reports`).

Scrapy's reactor cannot be restarted in one process, so one process runs one scan; the command
line and the tests start a process per scan.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from scanner import settings as default_settings
from scanner.checks import run_checks
from scanner.checks.compare import data_flows, declared_vs_observed
from scanner.checks.registry import rules_to_check
from scanner.collect.checkpoint import Checkpoint, Restored
from scanner.collect.netguard import refuse_private_target
from scanner.collect.resumable import InterruptibleProcess, ResumableSpider
from scanner.collect.spider import PolicySpider
from scanner.config import RuleConfig
from scanner.errors import ScanError, ScanFailed, UsageError
from scanner.model import PHASES, PhaseResult, Scan, iso_utc
from scanner.options import ScanOptions, is_url, normalise_url
from scanner.partial import redact_hars, write_partial
from scanner.policy.analyse import analyse_file, final_policy
from scanner.policy.declared import load_declared, site_file
from scanner.policy.model import DeclaredPolicy
from scanner.report.har import redact_har


def crawler_settings(options: ScanOptions, log_level: str = "CRITICAL") -> Settings:
    """Project settings plus the per-scan values."""
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT", options.navigation_timeout_seconds * 1000)
    settings.set("DOWNLOAD_TIMEOUT", options.navigation_timeout_seconds + options.quiet_cap_seconds)
    settings.set("LOG_LEVEL", log_level)
    settings.set("PRIVACYSCAN_PROGRESS", options.progress)
    settings.set("PRIVACYSCAN_DENY_PRIVATE_ADDRESSES", options.deny_private_addresses)
    settings.set("PRIVACYSCAN_SCAN_TIMEOUT", options.scan_timeout_seconds)
    settings.set("PRIVACYSCAN_EXCLUDE", list(options.exclude_patterns))
    return settings


def scan(options: ScanOptions, log_level: str = "CRITICAL", resume: Restored | None = None) -> Scan:
    """Scan a site in the three consent phases and run the checks; with ``resume`` (a
    checkpoint read back, :func:`scanner.partial.resume_options`), finish an interrupted scan.

    Raises :class:`~scanner.errors.UsageError` for bad options and
    :class:`~scanner.errors.ScanFailed` when the start page cannot be scanned. An interrupted
    (SIGINT/SIGTERM) or crashed scan writes a partial report from its checkpoint and raises
    :class:`~scanner.partial.ScanInterrupted`.
    """
    options.validate()
    refuse_private_target(options.url, crawler_settings(options))
    # Local inputs are read before the browser starts: a bad file is a usage error (exit 2).
    given = (
        analyse_file(Path(options.policy))
        if options.policy and not is_url(options.policy)
        else None
    )
    declared_file = options.declared_policy or site_file(
        options.policies_dir, urlsplit(options.url).hostname or ""
    )
    declared = load_declared(declared_file) if declared_file else None
    executable = options.resolve_chromium()
    options.out_dir.mkdir(parents=True, exist_ok=True)
    result = Scan(
        target=options.url,
        started_at=resume.scan["started_at"] if resume else iso_utc(),
        phases={
            name: PhaseResult(name=name) for name in ([*PHASES, "gpc"] if options.gpc else PHASES)
        },
    )
    # Evidence is persisted per finished page, so an interruption or a crash keeps it.
    checkpoint = Checkpoint(options.out_dir)
    if resume is None:
        checkpoint.begin(options, result.started_at)
    else:
        checkpoint.continue_from(resume)
    process = InterruptibleProcess(crawler_settings(options, log_level))
    crawler = process.create_crawler(ResumableSpider)
    process.crawl(
        crawler,
        options=options,
        scan=result,
        executable=executable,
        checkpoint=checkpoint,
        restored=resume,
    )

    def judge(done: Scan) -> None:
        _judge(done, options, given, declared)

    try:
        process.start()
        _collected(result, options, crawler.spider, process.signal_name, checkpoint, judge)
    except ScanError:
        raise
    except Exception as error:  # a bug after collection started: keep what was collected
        detail = str(error).splitlines()[0] if str(error) else ""
        reason = f"crashed: {type(error).__name__}" + (f": {detail}" if detail else "")
        raise write_partial(options, checkpoint, reason, None, judge) from error
    return result


def _collected(
    result: Scan,
    options: ScanOptions,
    spider: ResumableSpider | None,
    signal_name: str | None,
    checkpoint: Checkpoint,
    judge: Callable[[Scan], None],
) -> None:
    """The crawl has ended: a partial report if it was interrupted, else judge the scan."""
    if spider is None:
        raise ScanFailed("the crawler did not start")
    interrupted = signal_name or spider.interrupted
    if interrupted and not spider.fatal_error:
        raise write_partial(
            options, checkpoint, f"interrupted by {interrupted}", interrupted, judge
        )
    if spider.fatal_error:
        raise ScanFailed(spider.fatal_error)
    if not result.phases["pre-consent"].pages:
        raise ScanFailed(f"the browser could not load {options.url}")
    if spider.restored is not None:  # the interrupted run's HARs too, each once
        redact_hars(checkpoint, options.out_dir, options.har_cookie_values)
        result.resumed = {"runs": checkpoint.data["runs"], "phases": spider.resume_notes}
    for phase in result.phases.values():
        if phase.har and not options.har_cookie_values and spider.restored is None:
            redact_har(options.out_dir / phase.har)
    result.browser = {
        "executable": spider.executable,
        "user_agent": spider.phases["pre-consent"].context_kwargs["user_agent"],
        "locale": options.locale,
        "timezone": options.timezone,
    }
    judge(result)


def _judge(result: Scan, options: ScanOptions, given: DeclaredPolicy | None, declared: Any) -> None:
    """The policy to hold the site to, then the checks: the same for a partial report."""
    read = [given] if given else ([result.policy] if result.policy else [])
    result.policy = final_policy(read, declared)
    result.finished_at = iso_utc()
    with result.timings.stage("checks"):
        result.findings = run_checks(result, options.rule_config)
        result.rules_checked = [r.id for r in rules_to_check(options.rule_config)]
        result.comparison = declared_vs_observed(result)
        result.flows = data_flows(result)
    result.timings.add("wall", result.timings.since_start())


def analyse_policy(
    source: str,
    out_dir: Path,
    options: ScanOptions | None = None,
    scan_date: date | None = None,
) -> Scan:
    """``privacyscan policy``: read one policy (file or URL) and run the text-only rules.

    A URL is fetched with the same browser set-up as a scan (host rules, certificates), so a
    staging site's policy can be checked before it goes live.
    """
    started = iso_utc()
    if is_url(source):
        options = options or ScanOptions(url=source, out_dir=out_dir)
        options.url, options.policy = normalise_url(source), source
        options.validate()
        refuse_private_target(options.url, crawler_settings(options))
        policy = _fetch_policy(options)
    else:
        if options is not None:
            options.validate_values()
        policy = analyse_file(Path(source), scan_date)
    result = Scan(
        target=source,
        started_at=started,
        phases={name: PhaseResult(name=name, skipped="policy-only analysis") for name in PHASES},
        policy=policy,
    )
    result.finished_at = iso_utc()
    config = options.rule_config if options else None
    result.findings = run_checks(result, config, text_only=True)
    result.rules_checked = [r.id for r in rules_to_check(config or RuleConfig(), text_only=True)]
    # Only what the text gives: the declared rows, none observed; no data flow was seen.
    result.comparison = declared_vs_observed(result)
    return result


def _fetch_policy(options: ScanOptions) -> DeclaredPolicy:
    """Load the policy URL in the browser (one crawl with only the policy request)."""
    holder = Scan(target=options.url, started_at=iso_utc(), phases={})
    executable = options.resolve_chromium()  # no browser: fail before Scrapy's reactor starts
    process = CrawlerProcess(crawler_settings(options))
    crawler = process.create_crawler(PolicySpider)
    process.crawl(crawler, options=options, scan=holder, executable=executable)
    process.start()
    if holder.policy is None and holder.policy_rejected:
        # The page loaded but is no policy (or empty): the input is wrong, not the scan.
        rejected = holder.policy_rejected[0]
        raise UsageError(f"{rejected['url']}: not a privacy policy: {rejected['reason']}")
    if holder.policy is None:
        reason = "; ".join(holder.errors) or "no policy text"
        raise ScanFailed(f"could not read the policy at {options.policy}: {reason}")
    return holder.policy
