"""The site owner's HTML report: its view model, its four languages, and the real page.

Unit tests render hand-built documents; the acceptance test renders the demo's report.json
again in Dutch with the knowledge tables made unimportable, and opens the page in Chromium
with every request but the file itself blocked.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from string import Formatter

import pytest
from playwright.sync_api import sync_playwright

from scanner.report.formats import html_view
from scanner.report.formats.base import RenderContext
from scanner.report.formats.html import render_html
from scanner.report.i18n import LANGUAGES, Translator
from tests.conftest import CHROMIUM, ROOT

I18N = ROOT / "scanner/report/i18n"
TEMPLATES = ROOT / "scanner/report/templates"
HOSTILE = '<img src=x onerror="alert(1)">'


def ui(lang: str) -> dict:
    return json.loads((I18N / lang / "ui.json").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def finding(rule_id: str, severity: str, phase: str | None = None, **extra: object) -> dict:
    return {
        "id": rule_id,
        "name": "a-rule",
        "severity": severity,
        "title": f"title of {rule_id}",
        "phase": phase,
        "evidence": [{"cookie": "_ga", "domain": ".example.nl"}],
        "advice": f"fix {rule_id}",
        "sources": [],
        "default_severity": severity,
        "severity_source": "rule default",
        "title_key": rule_id,
        "title_params": {},
        "fingerprint": f"{rule_id}/{'0' * 15}{len(rule_id) % 10}",
        **extra,
    }


def document() -> dict:
    """A small but complete report: three phases, a policy, findings, comparison and flows."""
    cookie = {
        "name": "_ga", "domain": ".example.nl", "expires": "2027-01-01T00:00:00Z",
        "set_by": "https://www.google-analytics.com/analytics.js", "third_party": False,
        "owner": "Google LLC", "country": "US", "category": "analytics", "tracker": True,
    }  # fmt: skip
    request = {
        "url": "https://www.google-analytics.com/collect", "host": "www.google-analytics.com",
        "third_party": True, "tracker": True, "owner": "Google LLC", "country": "US",
        "category": "analytics", "method": "GET", "status": 200,
    }  # fmt: skip
    phase = {
        "pages": [{"url": "https://www.example.nl/", "status": 200}],
        "requests": [request],
        "cookies": [cookie],
        "storage": [],
    }
    decision = {"found": True, "succeeded": True, "first_layer": True, "clicks": 1, "steps": []}
    return {
        "schema_version": "1.0",
        "target": "https://www.example.nl/",
        "started_at": "2026-11-24T21:00:00Z",
        "finished_at": "2026-11-24T21:01:00Z",
        "tool": {"name": "privacyscan", "version": "0", "data_versions": {"entities": "x"}},
        "consent": {
            "banner_detected": True,
            "cmp": None,
            "accept": {**decision, "screenshot_before": "evidence/missing.png"},
            "reject": decision,
        },
        "phases": {"pre-consent": phase, "accept": copy.deepcopy(phase), "reject": phase},
        "policy": None,
        "findings": [
            finding("TR-03", "high"),
            finding("EP-05", "high", "reject"),
            finding("EP-01", "high", "pre-consent"),
            finding("EP-01", "medium", "pre-consent"),
            finding("TR-01", "info"),
            finding(
                "CL-01",
                "low",
                "accept",
                baseline={"status": "accepted", "reason": "we know", "expires": "2099-01-01"},
            ),
        ],
        "comparison": {
            "observed": True,
            "policy": True,
            "parties": [
                {
                    "party": "Google LLC",
                    "declared": False,
                    "observed": True,
                    "verdict": "undeclared",
                    "phases": ["pre-consent"],
                    "hosts": ["www.google-analytics.com"],
                    "country": "US",
                },
            ],
            "cookies": [
                {
                    "cookie": "_ga",
                    "declared": True,
                    "observed": True,
                    "verdict": "lifetime-differs",
                    "declared_duration": "1 maand",
                    "quote": "De cookie _ga blijft 1 maand.",
                    "phases": ["pre-consent"],
                    "domains": [".example.nl"],
                    "session": False,
                    "observed_seconds": 400 * 86400,
                },
            ],
            "claims": [
                {
                    "claim": "ip-anonymised",
                    "quote": "Uw IP-adres wordt geanonimiseerd.",
                    "rules": ["CLM-01"],
                    "contradicted_by": ["CLM-01/0000000000000000"],
                    "verdict": "contradicted",
                },
            ],
        },
        "flows": [
            {
                "owner": "Google LLC",
                "country": "US",
                "in_eea": False,
                "categories": ["analytics"],
                "hosts": ["www.google-analytics.com"],
                "phases": ["pre-consent"],
                "dpf": {"status": "participant", "checked": "2026-11-24"},
                "mechanisms": [
                    {
                        "mechanism": "privacy-shield",
                        "label": "EU-US Privacy Shield",
                        "current": True,
                        "valid": False,
                        "quote": "Privacy Shield.",
                    }
                ],
            },
            {
                "owner": "Webreus B.V.",
                "country": "NL",
                "in_eea": True,
                "categories": ["hosting"],
                "hosts": ["cdn.webreus.nl"],
                "phases": ["accept"],
                "dpf": None,
                "mechanisms": [],
            },
        ],
    }


# -- catalogues -----------------------------------------------------------------------------


def test_every_language_has_every_english_key_with_the_same_placeholders() -> None:
    english = ui("en")
    assert "_about" in english
    for lang in ("nl", "de", "fr"):
        words = ui(lang)
        assert "_about" in words
        assert set(words) == set(english), lang
        for key, text in english.items():
            assert placeholders(words[key]) == placeholders(text), (lang, key)


def test_every_key_the_templates_use_is_in_the_english_catalogue() -> None:
    english = ui("en")
    source = "".join(p.read_text() for p in TEMPLATES.rglob("*.j2"))
    source += (ROOT / "scanner/report/formats/html_view.py").read_text()
    literal = set(re.findall(r"""\bt\(\s*["']([\w.\- ]+)["']\s*[,)]""", source))
    literal |= set(re.findall(r'"((?:verdict|shot)\.[\w.\-]+)"', source))
    assert literal, "the key pattern found nothing"
    # Keys the templates build from data: every value they can take.
    built = (
        [f"severity.{s}" for s in html_view.SEVERITIES]
        + [f"findings.group.{s}" for s in html_view.SEVERITIES]
        + [f"verdict.level.{s}" for s in ("high", "medium", "low")]
        + [f"compare.verdict.{v}" for v in html_view.VERDICT_RANK]
        + [f"flows.zone.{z}" for z in ("eea", "third", "unknown")]
        + [f"phase.{p}" for p in html_view.PHASE_ORDER]
    )
    missing = sorted(key for key in literal | set(built) if key not in english)
    assert missing == []


def test_each_language_renders_with_its_own_words() -> None:
    for lang in LANGUAGES:
        page = render_html(document(), RenderContext(lang=lang))
        assert f'<html lang="{lang}">' in page
        assert ui(lang)["section.findings"] in page
        assert ui(lang)["compare.verdict.lifetime-differs"] in page
        assert not re.search(r"\{[a-z_]+\}", page), lang  # no placeholder left unfilled


# -- view model -------------------------------------------------------------------------------


def test_top_three_is_by_severity_then_catalogue_order_one_per_rule() -> None:
    top = html_view.top_three(document())
    assert [f["id"] for f in top] == ["EP-01", "EP-05", "TR-03"]
    assert top[0]["severity"] == "high"


def test_verdict_names_tracking_before_consent_and_after_reject() -> None:
    t = Translator("en", document())
    level, sentence = html_view.verdict(document(), t)
    assert level == "high"
    assert "before consent" in sentence and "reject" in sentence
    assert "likely non-compliant" in sentence and "3 points" in sentence
    assert "unlawful" not in sentence
    clean = {**document(), "findings": []}
    assert html_view.verdict(clean, t) == ("clean", ui("en")["verdict.clean"])


def test_accepted_findings_are_shown_apart_and_expired_ones_among_the_others() -> None:
    report = document()
    report["findings"].append(
        finding("CB-02", "high", baseline={"status": "expired", "expires": "2020-01-01"})
    )
    page = render_html(report)
    accepted = page.split('id="accepted-findings"', 1)[1]
    assert "CL-01" in accepted and "we know" in accepted and "2099-01-01" in accepted
    assert "CB-02" not in accepted
    assert "baseline acceptance expired" in page.split('id="accepted-findings"', 1)[0]


def test_phase_matrix_puts_what_happens_after_reject_first() -> None:
    matrix = html_view.phase_matrix(document())
    assert matrix["phases"] == ["pre-consent", "accept", "reject"]
    assert matrix["parties"][0]["after_reject"] and matrix["parties"][0]["seen"]["reject"] == 1


def test_screenshots_are_inlined_and_a_missing_one_is_a_note(tmp_path: Path) -> None:
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence/after.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    report = document()
    report["consent"]["accept"]["screenshot_after"] = "evidence/after.png"
    report["consent"]["reject"]["screenshot_after"] = "../outside.png"
    page = render_html(report, RenderContext(source_dir=tmp_path))
    assert 'src="data:image/png;base64,' in page
    assert "evidence/missing.png is not available" in page
    assert "../outside.png is not available" in page  # never read from outside the folder


def test_page_data_stays_text_in_tables_quotes_and_the_svg() -> None:
    report = document()
    report["flows"][0]["owner"] = HOSTILE
    report["flows"][0]["mechanisms"][0]["label"] = HOSTILE
    report["comparison"]["claims"][0]["quote"] = HOSTILE
    report["phases"]["reject"]["cookies"] = [{**report["phases"]["reject"]["cookies"][0]}]
    report["phases"]["reject"]["cookies"][0]["name"] = HOSTILE
    report["findings"][0]["evidence"] = [{"quote": HOSTILE, "source": "policy", "url": HOSTILE}]
    page = render_html(report)
    assert HOSTILE not in page
    assert "<script" not in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in svg


# -- the real page ----------------------------------------------------------------------------

#: Installed with PYTHONPATH in the child process: the knowledge tables cannot be imported.
BLOCKER = '''
import sys

class _NoTables:
    """Make the knowledge tables unimportable: rendering must not need them."""

    def find_spec(self, name, path=None, target=None):
        if name in ("scanner.classify.knowledge", "scanner.classify.lists"):
            raise ImportError(f"{name} is unavailable in this test")
        return None

sys.meta_path.insert(0, _NoTables())
'''


@pytest.fixture(scope="module")
def demo_dir(demo_run: Path) -> Path:
    """The session's demo scan; its fixture web stopped when the command ended."""
    return demo_run


def test_demo_report_json_carries_the_comparison_and_the_flows(demo_dir: Path) -> None:
    report = json.loads((demo_dir / "report.json").read_text())
    parties = {row["party"]: row for row in report["comparison"]["parties"]}
    assert parties["Amazon Web Services, Inc."]["verdict"] == "undeclared"  # as CLM-04 says
    assert parties["Webreus B.V."]["verdict"] == "not-observed"
    assert parties["Google LLC"]["verdict"] == "match"
    cookies = {row["cookie"]: row for row in report["comparison"]["cookies"]}
    assert cookies["_ga"]["declared_duration"] == "2 jaar" and cookies["_ga"]["observed"]
    claims = {row["claim"]: row for row in report["comparison"]["claims"]}
    assert claims["ip-anonymised"]["verdict"] == "contradicted"  # CLM-01
    assert claims["no-sale"]["verdict"] == "not-tested"
    google = next(f for f in report["flows"] if f["owner"] == "Google LLC")
    assert google["country"] == "US" and google["in_eea"] is False
    assert google["dpf"]["status"] == "participant"
    assert {m["mechanism"] for m in google["mechanisms"]} == {"privacy-shield", "safe-harbor"}


def test_dutch_report_renders_offline_without_the_tables(demo_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "blocker").mkdir()
    (tmp_path / "blocker/sitecustomize.py").write_text(BLOCKER)
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "blocker")}
    blocked = subprocess.run(
        [sys.executable, "-c", "import scanner.classify.knowledge"], env=env, cwd=ROOT
    )
    assert blocked.returncode != 0  # the blocker works
    out = tmp_path / "nl"
    args = ["report", str(demo_dir / "report.json"), "--format", "html", "--lang", "nl"]
    done = subprocess.run(
        [sys.executable, "-m", "scanner.cli", *args, "--out", str(out)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page_file = out / "report.html"
    html = page_file.read_text(encoding="utf-8")
    assert "<script" not in html and "img-src data:" in html
    url = page_file.resolve().as_uri()
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 1800})
        context.on("request", lambda r: requested.append(r.url))
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url == url else route.abort()
        )
        page = context.new_page()
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "nl"
        assert "vóór toestemming" in page.inner_text("#verdict .verdict-sentence")
        assert page.locator("#top-three > li").count() == 3
        assert page.locator("#phase-matrix tr.after-reject").count() > 0
        assert page.locator("#compare-matrix tr.party").count() > 0
        assert "waargenomen, niet verklaard" in page.inner_text("#compare-matrix")
        assert page.locator("svg#flow-map g.country[data-country='US']").count() == 1
        for heading in ("Oordeel", "Bevindingen", "Waar de gegevens naartoe gaan",
                        "Verklaard tegenover waargenomen", "Over deze scan"):  # fmt: skip
            assert page.get_by_role("heading", name=heading).count() >= 1, heading
        assert page.locator("#screenshots img").count() == 3  # inlined from the demo folder
        pdf = page.pdf(format="A4")
        phone = context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(url)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        browser.close()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) > 1
    assert width <= 390
    assert [u for u in requested if not u.startswith("data:")] == [url, url]  # two pages
