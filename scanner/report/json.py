"""The JSON report: the contract other tools read (../shared/spec/report-contract.md).

The document is built from the :class:`~scanner.model.Scan` and validated against
``report.schema.json`` before it is written, so a report that breaks the contract never leaves
the scanner. Cookie values are never included unless the user asked for them; a length and a
hash stand in for them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from scanner import __version__
from scanner.checks import RULES
from scanner.classify import trackerdb
from scanner.classify.knowledge import data_sources, data_versions
from scanner.classify.lists import list_sources, list_versions
from scanner.model import (
    Attribution,
    BehaviourRecord,
    CookieRecord,
    PhaseResult,
    RequestRecord,
    Scan,
    StorageRecord,
    iso_utc,
)
from scanner.options import ScanOptions
from scanner.report.schema import validate

SCHEMA_VERSION = "1.0"
TOOL_NAME = "privacyscan"


def build_report(scan: Scan, options: ScanOptions) -> dict:
    """The report document for ``scan``, validated against the schema."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "target": scan.target,
        "started_at": scan.started_at,
        "finished_at": scan.finished_at,
        "tool": {
            "name": TOOL_NAME,
            "version": __version__,
            "data_versions": {**data_versions(), **list_versions(), **_enrichment(options)},
            "data_sources": {**data_sources(), **list_sources()},
        },
        "browser": scan.browser,
        "options": {
            "max_pages": options.max_pages,
            "settle_seconds": options.settle_seconds,
            "quiet_cap_seconds": options.quiet_cap_seconds,
            "host_rules": options.host_rules,
            "ignore_https_errors": options.ignore_https_errors,
            "har_cookie_values": options.har_cookie_values,
            # Whether "blocked" could hold anything: the private-address guard was on.
            "deny_private_addresses": options.deny_private_addresses,
        },
        "consent": asdict(scan.consent),
        "phases": {name: _phase(phase) for name, phase in scan.phases.items()},
        "policy": scan.policy.to_dict() if scan.policy else None,
        "policy_searched": scan.policy_searched,
        "policy_rejected": scan.policy_rejected,
        "blocked": [asdict(record) for record in scan.blocked],
        "findings": [asdict(finding) for finding in scan.findings],
        "rules": [RULES[rule_id].metadata(options.rule_config) for rule_id in scan.rules_checked],
        "config": options.rule_config.to_dict(),
        "baseline": None,
        "errors": scan.errors,
        "comparison": scan.comparison,
        "flows": scan.flows,
        "timings": scan.timings.as_dict(),
        "incomplete": scan.incomplete,
        "resumed": scan.resumed,
        "cut_short": scan.cut_short,
        "not_followed": scan.not_followed,
    }
    validate(document)
    return document


def _enrichment(options: ScanOptions) -> dict[str, str]:
    """The optional enrichments the user switched on, with their licences."""
    if options.trackerdb is None:
        return {}
    db = trackerdb.load(options.trackerdb)
    return {"ghostery_trackerdb": f"{db.version} ({trackerdb.LICENCE})"}


def _phase(phase: PhaseResult) -> dict:
    if phase.skipped:
        return {"skipped": phase.skipped}
    return {
        "pages": [
            {key: value for key, value in asdict(page).items() if key != "phase"}
            for page in phase.pages
        ],
        "requests": [_request(request) for request in phase.requests],
        "cookies": [_cookie(cookie) for cookie in phase.cookies],
        "storage": [_storage(item) for item in phase.storage],
        "behaviours": [_behaviour(item) for item in phase.behaviours],
        "har": phase.har,
        "browser_restarts": phase.browser_restarts,
    }


def _attribution(attribution: Attribution) -> dict[str, Any]:
    return {
        "owner": attribution.owner,
        "country": attribution.country,
        "category": attribution.category,
        "tracker": attribution.tracker,
        "why": attribution.reasons,
    }


def _request(record: RequestRecord) -> dict:
    return {
        "url": record.url,
        "host": record.host,
        "method": record.method,
        "resource_type": record.resource_type,
        "page": record.page,
        "frame": record.frame,
        "initiator": record.initiator,
        "status": record.status,
        "remote_ip": record.remote_ip,
        "error": record.error,
        "third_party": record.third_party,
        "set_cookies": record.set_cookies,
        "time": iso_utc(record.time),
        **_attribution(record.attribution),
    }


def _cookie(record: CookieRecord) -> dict:
    return {
        "name": record.name,
        "domain": record.domain,
        "path": record.path,
        "expires": iso_utc(record.expires) if record.expires else None,
        "secure": record.secure,
        "http_only": record.http_only,
        "same_site": record.same_site,
        "value_length": record.value_length,
        "value_sha256": record.value_hash,
        "third_party": record.third_party,
        "set_by": record.set_by,
        "set_by_kind": record.set_by_kind,
        "page": record.page,
        **_attribution(record.attribution),
    }


def _behaviour(record: BehaviourRecord) -> dict:
    return {
        "behaviour": record.behaviour,
        "api": record.api,
        "script": record.script,
        "page": record.page,
        "third_party": record.third_party,
        **_attribution(record.attribution),
    }


def _storage(record: StorageRecord) -> dict:
    return {
        "origin": record.origin,
        "kind": record.kind,
        "key": record.key,
        "value_length": record.value_length,
        "written_by": record.written_by,
        "page": record.page,
        "third_party": record.third_party,
        **_attribution(record.attribution),
    }
