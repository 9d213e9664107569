"""A hand-built report.json for the output tests: hostile cookie names, a spreadsheet formula,
a baseline-accepted and an expired finding, a rule without findings, a skipped phase."""

from __future__ import annotations

import copy

from scanner.report.schema import validate

HOSTILE = (
    "x](https://evil.example/a)<img src=x onerror=alert(1)>|`y`\n# owned @admin www.evil.example"
)
FORMULA = '=HYPERLINK("https://evil.example","click")'


def _cookie(name: str, expires: str | None, **fields: object) -> dict:
    base = {
        "name": name,
        "domain": "www.example.nl",
        "path": "/",
        "expires": expires,
        "secure": True,
        "http_only": False,
        "same_site": "Lax",
        "value_length": 12,
        "value_sha256": "feedfacecafebeef",
        "third_party": False,
        "set_by": "https://www.example.nl/",
        "owner": None,
        "country": None,
        "category": "functional",
        "tracker": False,
    }
    return {**base, **fields}


def _rule(rule_id: str, name: str, severity: str) -> dict:
    return {
        "id": rule_id,
        "name": name,
        "default_severity": severity,
        "severity": severity,
        "title": f"{rule_id} title",
        "summary": f"{rule_id}: what it checks.",
        "why": "Because the law says so.",
        "example": "",
        "fix": "Do it right.",
        "sources": ["GDPR art. 6"],
        "variants": {},
    }


def sample_finding(rule_id: str, severity: str, title: str, serial: int, **fields: object) -> dict:
    finding = {
        "id": rule_id,
        "name": rule_id.lower(),
        "severity": severity,
        "default_severity": severity,
        "severity_source": "rule default",
        "title": title,
        "title_key": rule_id,
        "title_params": {},
        "phase": "pre-consent",
        "evidence": [{"cookie": HOSTILE, "url": "https://www.example.nl/shop", "page": None}],
        "advice": "Do it right.",
        "sources": ["GDPR art. 6"],
        "fingerprint": f"{rule_id}/{serial:016x}",
        "baseline": None,
    }
    return {**finding, **fields}


def synthetic_report() -> dict:
    """A schema-valid report: hostile cookie names, a formula, an accepted and an expired
    baseline entry, a rule without findings."""
    analytics = "https://www.google-analytics.com/analytics.js"
    cookies = [
        _cookie(
            "_ga",
            "2027-12-29T21:00:00Z",
            owner="Google LLC",
            country="US",
            category="analytics",
            tracker=True,
            set_by=analytics,
            domain=".example.nl",
        ),
        _cookie("consent", "2027-11-24T21:00:00Z", category="consent"),
        _cookie("sess", None),
        _cookie(
            "short",
            "2026-12-24T21:00:00Z",
            category="marketing",
            owner="Ad Co",
            country="DE",
            third_party=True,
            domain=".ads.example",
        ),
        _cookie(FORMULA, "2026-11-25T03:00:00Z", category=None, owner="@SUM(1+1)"),
        _cookie(
            HOSTILE,
            "2027-01-24T21:00:00Z",
            category="social",
            third_party=True,
            owner="-cmd|' /C calc'!A0",
            country="NL",
            domain=".evil.example",
        ),
    ]
    request = {
        "url": analytics,
        "host": "www.google-analytics.com",
        "method": "GET",
        "status": 200,
        "third_party": True,
        "tracker": True,
        "owner": "Google LLC",
        "country": "US",
        "category": "analytics",
    }
    phase = {
        "pages": [{"url": "https://www.example.nl/", "status": 200}],
        "requests": [request, {**request, "host": "+evil.example", "owner": None}],
        "cookies": cookies,
        "storage": [],
    }
    accepted = {
        "status": "accepted",
        "reason": "DPA signed",
        "accepted_by": "dpo@example.nl",
        "expires": None,
    }
    expired = {"status": "expired", "reason": "old", "accepted_by": "", "expires": "2026-01-01"}
    document = {
        "schema_version": "1.0",
        "target": "https://www.example.nl/",
        "started_at": "2026-11-24T21:00:00Z",
        "finished_at": "2026-11-24T21:01:00Z",
        "tool": {"name": "privacyscan", "version": "0.1.0", "data_versions": {}},
        "consent": {
            "banner_detected": True,
            "cmp": None,
            "accept": {"found": True, "succeeded": True},
            "reject": {"found": True, "succeeded": True},
        },
        "phases": {
            "pre-consent": phase,
            "accept": copy.deepcopy(phase),
            "reject": {"skipped": "no reject option"},
        },
        "policy": None,
        "findings": [
            sample_finding("EP-01", "high", f"1 cookie set before consent: {HOSTILE}", 1),
            sample_finding(
                "EP-02", "medium", "Tracker requests before consent", 2, baseline=accepted
            ),
            sample_finding("TR-01", "info", "Recipients of visitor data", 3, phase=None),
            sample_finding("CB-02", "high", "Continued use is consent", 4, baseline=expired),
        ],
        "rules": [
            _rule("EP-01", "cookie-before-consent", "high"),
            _rule("EP-02", "tracker-before-consent", "high"),
            _rule("TR-01", "recipients", "info"),
            _rule("CB-02", "implied-consent", "high"),
            _rule("TP-00", "no-policy-found", "medium"),
        ],
        "baseline": {"path": "privacyscan-baseline.yaml", "accepted": 1, "expired": 1, "new": 2},
        "errors": [],
    }
    validate(document)
    return document
