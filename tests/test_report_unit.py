"""The report layer on its own: escaping, schema strictness, HAR redaction."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

from scanner.report.formats.html import render_html
from scanner.report.har import redact_har
from scanner.report.schema import validate

HOSTILE = '<img src=x onerror="alert(1)">'


def minimal_report() -> dict:
    phase = {
        "pages": [{"url": "https://www.example.nl/", "status": 200}],
        "requests": [],
        "cookies": [],
        "storage": [],
    }
    decision = {
        "found": True,
        "succeeded": True,
        "first_layer": True,
        "method": "heuristic",
        "clicks": 1,
        "steps": [],
    }
    return {
        "schema_version": "1.0",
        "target": "https://www.example.nl/",
        "started_at": "2026-11-24T21:00:00Z",
        "tool": {"name": "privacyscan", "version": "0", "data_versions": {"entities": "x"}},
        "consent": {"banner_detected": True, "cmp": None, "accept": decision, "reject": decision},
        "phases": {
            "pre-consent": phase,
            "accept": copy.deepcopy(phase),
            "reject": {"skipped": "no reject"},
        },
        "findings": [],
    }


def hostile_cookie() -> dict:
    return {
        "name": HOSTILE,
        "domain": ".example.nl",
        "expires": None,
        "set_by": HOSTILE,
        "third_party": False,
        "owner": None,
        "country": None,
        "category": None,
    }


def test_contract_minimum_validates() -> None:
    validate(minimal_report())


def test_schema_refuses_cookie_values_and_bad_severity() -> None:
    report = minimal_report()
    report["phases"]["pre-consent"]["cookies"].append(dict(hostile_cookie(), value="secret"))
    with pytest.raises(jsonschema.ValidationError):
        validate(report)
    report = minimal_report()
    report["findings"].append(
        {
            "id": "EP-01",
            "severity": "critical",
            "title": "t",
            "phase": None,
            "evidence": [],
            "advice": "",
            "sources": [],
        }
    )
    with pytest.raises(jsonschema.ValidationError):
        validate(report)


def test_page_controlled_text_is_escaped_in_html() -> None:
    report = minimal_report()
    report["phases"]["pre-consent"]["cookies"].append(hostile_cookie())
    report["findings"].append(
        {
            "id": "EP-01",
            "name": "cookie-before-consent",
            "severity": "high",
            "title": "t",
            "phase": "pre-consent",
            "evidence": [{"cookie": HOSTILE}],
            "advice": "a",
            "sources": [],
        }
    )
    validate(report)
    page = render_html(report)
    assert HOSTILE not in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page


def test_har_cookie_values_are_redacted(tmp_path: Path) -> None:
    har = {
        "log": {
            "entries": [
                {
                    "request": {
                        "headers": [{"name": "Cookie", "value": "sid=SECRET1; theme=dark"}],
                        "cookies": [{"name": "sid", "value": "SECRET1"}],
                    },
                    "response": {
                        "headers": [
                            {
                                "name": "set-cookie",
                                "value": "sid=SECRET2; Path=/; HttpOnly\nfr=SECRET3; Secure",
                            }
                        ],
                        "cookies": [{"name": "fr", "value": "SECRET3"}],
                    },
                }
            ]
        }
    }
    path = tmp_path / "x.har"
    path.write_text(json.dumps(har))
    redact_har(path)
    text = path.read_text()
    for secret in ("SECRET1", "SECRET2", "SECRET3", "dark"):
        assert secret not in text
    assert "sid=<redacted length=7" in text and "HttpOnly" in text and "fr=<redacted" in text
