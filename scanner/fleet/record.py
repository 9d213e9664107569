"""Storing a finished scan: history first, then the report's "changed since" block, then alerts.

The order is the promise: the scan is committed to the history before anything else can fail;
then report.json gets its additive ``history`` block (the comparison with the previous stored
scan and the findings trend) and report.html is rendered again from it, so the HTML still comes
from report.json alone; alerts go last, and their failures are logged and stored, never raised.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scanner.fleet.alerts import Delivery, SmtpSettings, alert_payload, send_alerts
from scanner.fleet.diff import diff_snapshots
from scanner.fleet.store import HistoryStore
from scanner.fleet.watchlist import Site
from scanner.report.formats import RenderContext, write_outputs
from scanner.report.i18n import report_language
from scanner.report.schema import validate


@dataclass
class Recorded:
    """What storing a report did."""

    scan_id: int
    previous_id: int | None
    changes: dict | None
    payload: dict | None = None
    deliveries: list[Delivery] = field(default_factory=list)


def history_block(store: HistoryStore, site_key: str, scan_id: int) -> dict:
    """report.json's ``history``: the previous stored scan, what changed, the trend."""
    previous_id = store.previous(site_key, scan_id)
    current, after = store.snapshot(site_key, scan_id)
    block: dict = {
        "site": site_key,
        "scan_id": scan_id,
        "verdict": current.verdict,
        "previous": None,
        "changes": None,
        "trend": store.trend(site_key, scan_id),
    }
    if previous_id is not None:
        earlier, before = store.snapshot(site_key, previous_id)
        block["previous"] = {
            "scan_id": earlier.id,
            "started_at": earlier.started_at,
            "verdict": earlier.verdict,
        }
        block["changes"] = diff_snapshots(before, after)
    return block


def write_report_files(document: dict, folder: Path, lang: str | None = None) -> None:
    """report.json (atomically: a reader never sees half a file) and report.html from it."""
    validate(document)
    context = RenderContext(lang=report_language(document, lang), source_dir=folder)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".history-") as scratch:
        written = write_outputs(document, Path(scratch), ["json", "html"], context)
        for path in written:
            os.replace(path, folder / path.name)


def record_report(
    store: HistoryStore,
    site_key: str,
    document: dict,
    report_json: Path,
    site: Site | None = None,
    smtp: SmtpSettings | None = None,
    lang: str | None = None,
    retry_delay: float = 1.0,
    attempts: int = 4,
) -> Recorded:
    """Store ``document`` (read from ``report_json``) under ``site_key``, update the report
    files, and alert ``site``'s targets when the scan warrants it."""
    scan_id = store.add_scan(site_key, document, report_json)
    block = history_block(store, site_key, scan_id)
    document["history"] = block
    write_report_files(document, report_json.parent, lang)
    previous = block["previous"]
    result = Recorded(scan_id, previous["scan_id"] if previous else None, block["changes"])
    if site is None:
        return result
    scan = {
        "id": scan_id,
        "started_at": document["started_at"],
        "verdict": block["verdict"],
        "report_json": str(report_json.resolve()),
        "report_html": str((report_json.parent / "report.html").resolve()),
    }
    previous_ref = (
        {
            "id": previous["scan_id"],
            "started_at": previous["started_at"],
            "verdict": previous["verdict"],
        }
        if previous
        else None
    )
    result.payload = alert_payload(
        site_key, document, scan, previous_ref, block["changes"], site.threshold
    )
    if result.payload is None:
        return result
    result.deliveries = send_alerts(
        result.payload, site, smtp or SmtpSettings.resolve(), attempts, retry_delay
    )
    for delivery in result.deliveries:
        store.record_delivery(
            scan_id,
            delivery.channel,
            delivery.target,
            delivery.ok,
            delivery.attempts,
            delivery.error,
        )
    return result
