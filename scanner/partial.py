"""Interrupted scans: the partial report, its exit code, and ``--resume``'s options.

When a scan is interrupted (SIGINT/SIGTERM) or crashes after collection started, the report is
built from the checkpoint (:mod:`scanner.collect.checkpoint`), which holds every page a phase
finished, so a graceful stop and a crash are reported the same way. The report is the usual
schema-valid report.json with ``incomplete`` set: why, and per phase which pages are done and
which are missing. ``privacyscan scan --resume DIR`` then finishes the scan.

Exit codes: 130 for SIGINT and 143 for SIGTERM (128 + the signal number, as shells report a
process the signal ended), 3 for a crash; never 0 or 1, which mean a completed scan.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from scanner.classify.domains import registrable_domain
from scanner.collect.checkpoint import (
    Checkpoint,
    PhaseCheckpoint,
    Restored,
    consent_from_dict,
    options_from_dict,
)
from scanner.collect.resume import phase_records
from scanner.errors import ScanError, UsageError
from scanner.model import PHASES, PhaseResult, Scan
from scanner.options import ScanOptions, normalise_url
from scanner.report.har import redact_har

#: Exit codes of an interrupted scan, by signal; any other interruption or a crash exits 3.
SIGNAL_EXIT_CODES = {"SIGINT": 130, "SIGTERM": 143}
EXIT_CRASHED = 3


class ScanInterrupted(ScanError):
    """The scan stopped before it completed; a partial report was written if possible."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def resume_options(
    out_dir: Path, url: str | None, **overrides: Any
) -> tuple[ScanOptions, Restored]:
    """The options of the interrupted scan in ``out_dir``, and its checkpoint read back.

    Raises :class:`UsageError` (exit 2) when there is nothing to resume or ``url`` is not the
    interrupted scan's start page."""
    checkpoint = Checkpoint(out_dir)
    if not checkpoint.exists():
        raise UsageError(f"--resume {out_dir}: no interrupted scan to resume there")
    try:
        restored = checkpoint.load()
    except (OSError, ValueError, KeyError) as error:
        raise UsageError(f"--resume {out_dir}: unreadable checkpoint ({error})") from None
    options = options_from_dict(restored.options, out_dir=out_dir, **overrides)
    if url is not None and normalise_url(url) != options.url:
        raise UsageError(
            f"--resume {out_dir}: that scan is of {options.url}, not {normalise_url(url)}"
        )
    return options, restored


def phase_names(options: ScanOptions) -> list[str]:
    return [*PHASES, "gpc"] if options.gpc else list(PHASES)


def scan_from_checkpoint(restored: Restored, options: ScanOptions) -> Scan:
    """A :class:`Scan` holding everything the checkpoint holds, attributed and filed by the
    same item pipelines a running scan uses."""
    from scanner.pipelines import AttributionPipeline, PolicyPipeline, ScanPipeline

    data = restored.scan
    names = phase_names(options)
    result = Scan(
        target=options.url,
        started_at=data["started_at"],
        phases={name: PhaseResult(name=name) for name in names},  # type: ignore[misc]
    )
    site_domain = data.get("pageset", {}).get("site_domain") or registrable_domain(
        urlsplit(options.url).hostname or ""
    )
    crawler = SimpleNamespace(
        spider=SimpleNamespace(scan=result, options=options, site_domain=site_domain)
    )
    attribution = AttributionPipeline(crawler)  # type: ignore[arg-type]
    attribution.open_spider()
    filing = ScanPipeline(crawler)  # type: ignore[arg-type]
    for name in names:
        saved = restored.phases.get(name)
        if saved is None:
            continue
        for record in phase_records(saved, snapshot_cookies=True):
            filing.process_item(attribution.process_item(record))
        result.phases[name].har = saved.state.get("har")
    if data.get("consent"):
        result.consent = consent_from_dict(data["consent"])
    for name in ("accept", "reject"):
        decision = getattr(result.consent, name)
        ended = restored.phases.get(name, PhaseCheckpoint()).finished
        if ended and not decision.found:
            result.phases[name].skipped = decision.not_offered or f"no {name} control found"
    reader = PolicyPipeline(crawler)  # type: ignore[arg-type]
    for document in restored.policy_documents:
        reader.process_item(document)
    result.errors.extend(data.get("errors", []))
    result.policy_searched.extend(data.get("policy_searched", []))
    return result


def incomplete_block(
    restored: Restored, options: ScanOptions, reason: str, signal_name: str | None
) -> dict:
    """What the partial report says about itself: why, and per phase what is missing."""
    pageset = restored.scan.get("pageset", {})
    known = [*pageset.get("urls", []), *pageset.get("pending", []), *pageset.get("frontier", [])]
    expected = list(dict.fromkeys(known or [options.url]))[: options.max_pages]
    phases = {}
    for name in phase_names(options):
        saved = restored.phases.get(name, PhaseCheckpoint())
        done = saved.urls
        phases[name] = {
            "finished": saved.finished,
            "pages_done": done,
            "pages_missing": [] if saved.finished else [u for u in expected if u not in done],
        }
    return {
        "reason": reason,
        "signal": signal_name,
        "page_set_final": bool(pageset.get("final")),
        "phases": phases,
        "resume": f"privacyscan scan --resume {options.out_dir}",
    }


def redact_hars(checkpoint: Checkpoint, out_dir: Path, keep_values: bool) -> None:
    """Redact every HAR of the scan once (redacting twice would hash the stand-ins)."""
    if keep_values:
        return
    done = set(checkpoint.data.setdefault("redacted_hars", []))
    for path in sorted((out_dir / "evidence").glob("*.har")):
        name = path.name
        if name in done:
            continue
        try:
            redact_har(path)
        except (OSError, ValueError):  # a browser killed mid-write leaves a torn HAR
            path.unlink(missing_ok=True)
        done.add(name)
    checkpoint.data["redacted_hars"] = sorted(done)
    if checkpoint.exists():
        checkpoint.save_scan()


def write_partial(
    options: ScanOptions,
    checkpoint: Checkpoint,
    reason: str,
    signal_name: str | None,
    judge: Callable[[Scan], None],
) -> ScanInterrupted:
    """Write the partial report from the checkpoint; return the error the caller raises."""
    from scanner.report import write_reports

    exit_code = SIGNAL_EXIT_CODES.get(signal_name or "", EXIT_CRASHED)
    resume = f"resume with: privacyscan scan --resume {options.out_dir}"
    if not checkpoint.exists():
        return ScanInterrupted(f"{reason}; no evidence was collected yet", exit_code)
    restored = checkpoint.load()
    checkpoint.data = restored.scan
    result = scan_from_checkpoint(restored, options)
    result.incomplete = incomplete_block(restored, options, reason, signal_name)
    try:
        judge(result)
    except Exception as error:  # the checks are what crashed: report the evidence alone
        result.findings, result.rules_checked = [], []
        result.errors.append(f"checks not run on the partial evidence: {type(error).__name__}")
    redact_hars(checkpoint, options.out_dir, options.har_cookie_values)
    write_reports(result, options)
    report = options.out_dir / "report.json"
    return ScanInterrupted(f"{reason}: partial report {report} (incomplete); {resume}", exit_code)
