"""The machine outputs (SARIF, JUnit, Markdown, CSV) and the draft cookie declaration, rendered
from report.json alone: checked against their real consumers (the official SARIF schema,
junitparser), against hostile page text, and against the gate the exit code applies."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from junitparser import Failure, JUnitXml, Skipped

from scanner.cli import exit_code_for
from scanner.model import SEVERITY_ORDER
from scanner.report.formats import FORMATS, RenderContext, write_outputs
from scanner.report.formats.declaration import lifetime_words
from scanner.report.formats.md import MAX_CHARS
from scanner.report.i18n import LANGUAGES, Translator, catalogue
from tests.conftest import ROOT, run_cli
from tests.report_samples import FORMULA, HOSTILE, sample_finding, synthetic_report

SARIF_SCHEMA = ROOT / "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
OUTPUTS = ("sarif", "junit", "md", "csv", "declaration")
FILES = (
    "report.sarif",
    "report.junit.xml",
    "report.md",
    "cookies.csv",
    "third-parties.csv",
    "cookie-declaration.html",
    "cookie-declaration.md",
)


def render(document: dict, name: str, **context: object) -> dict[str, str]:
    files = FORMATS[name]().render(document, RenderContext(**context))
    return {
        key: value if isinstance(value, str) else value.decode() for key, value in files.items()
    }


@pytest.fixture(scope="module")
def scanned(scan_site):
    """A real scan of the shop fixture writing every format (once for this module)."""
    run = scan_site(
        "https://www.shop-fixture.nl/", "--max-pages", "1", "--format", "all", shared=True
    )
    assert run.exit_code == 0, run.stderr
    return run


# -- SARIF -------------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.protocols.Validator:
    """The OASIS SARIF 2.1.0 schema as an npm package ships it (set-up installs it: no skip)."""
    assert SARIF_SCHEMA.is_file(), f"{SARIF_SCHEMA} missing: run scripts/setup.sh (npm ci)"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message[:200]}" for e in errors[:5]]


def test_sarif_of_a_real_scan_validates_against_the_official_schema(scanned) -> None:
    log = json.loads((scanned.out_dir / "report.sarif").read_text(encoding="utf-8"))
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [
        r["id"] for r in scanned.report["rules"]
    ]
    assert len(run["results"]) == len(scanned.report["findings"]) > 0
    for result, finding in zip(run["results"], scanned.report["findings"], strict=True):
        assert result["ruleId"] == finding["id"]
        assert result["partialFingerprints"]["privacyscanFingerprint/v1"] == finding["fingerprint"]
        assert (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == (scanned.report["target"])
        )


def test_sarif_with_a_baseline_accepted_finding_validates_and_is_suppressed() -> None:
    log = json.loads(render(synthetic_report(), "sarif")["report.sarif"])
    assert_valid_sarif(log)
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert results["EP-02"]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "DPA signed (accepted by dpo@example.nl)",
        }
    ]
    assert "suppressions" not in results["CB-02"]  # expired: counts again
    assert results["CB-02"]["baselineState"] == "unchanged"
    assert results["EP-01"]["baselineState"] == "new"
    assert [r["level"] for r in results.values()] == ["error", "warning", "note", "error"]
    assert results["EP-01"]["relatedLocations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "https://www.example.nl/shop"
    }
    assert results["EP-01"]["properties"]["evidence"][0]["cookie"] == HOSTILE
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["EP-02"]["defaultConfiguration"]["level"] == "error"  # default high
    assert results["EP-02"]["level"] == "warning"  # effective medium
    assert "Do it right." in rules["EP-01"]["help"]["markdown"]
    assert "GDPR art. 6" in rules["EP-01"]["help"]["text"]
    # The validator is not vacuous: a wrong level is an error.
    results["EP-01"]["level"] = "severe"
    with pytest.raises(AssertionError):
        assert_valid_sarif(log)


# -- JUnit -------------------------------------------------------------------------------------


def expected_failures(document: dict, fail_on: str | None) -> int:
    """Rules with a finding that is not accepted and reaches the threshold (every finding when
    there is none), computed here without the formats' helpers."""
    failing = {
        f["id"]
        for f in document["findings"]
        if (f.get("baseline") or {}).get("status") != "accepted"
        and (fail_on is None or SEVERITY_ORDER[f["severity"]] >= SEVERITY_ORDER[fail_on])
    }
    return len(failing)


@pytest.mark.parametrize(("fail_on", "failures"), [("high", 2), ("medium", 2), (None, 3)])
def test_junit_parses_and_counts_match_the_gate(tmp_path: Path, fail_on, failures) -> None:
    document = synthetic_report()
    path = tmp_path / "report.junit.xml"
    path.write_text(render(document, "junit", fail_on=fail_on)["report.junit.xml"])
    suites = list(JUnitXml.fromfile(str(path)))
    assert len(suites) == 1
    suite = suites[0]
    assert (suite.tests, suite.failures, suite.errors) == (5, failures, 0)
    assert failures == expected_failures(document, fail_on)
    cases = {case.name: case for case in suite}
    assert set(cases) == {
        "EP-01 cookie-before-consent",
        "EP-02 tracker-before-consent",
        "TR-01 recipients",
        "CB-02 implied-consent",
        "TP-00 no-policy-found",
    }
    assert cases["EP-01 cookie-before-consent"].classname == "privacyscan.EP"
    failure = cases["EP-01 cookie-before-consent"].result[0]
    assert isinstance(failure, Failure)
    assert failure.message == f"1 cookie set before consent: {HOSTILE}"
    assert "https://www.example.nl/shop" in failure.text
    accepted = cases["EP-02 tracker-before-consent"]
    assert accepted.is_passed and not any(isinstance(r, Skipped) for r in accepted.result)
    assert "DPA signed" in accepted.system_out
    assert cases["TP-00 no-policy-found"].is_passed


def test_junit_of_a_real_scan_fails_exactly_when_the_exit_code_would(scanned) -> None:
    document = scanned.report
    for fail_on in SEVERITY_ORDER:
        xml = render(document, "junit", fail_on=fail_on)["report.junit.xml"]
        suite = next(iter(JUnitXml.fromstring(xml.encode())))
        assert suite.tests == len(document["rules"])
        assert suite.failures == expected_failures(document, fail_on)
        assert (suite.failures > 0) == (exit_code_for(document, fail_on) == 1)


# -- Markdown ----------------------------------------------------------------------------------


def outside_code(text: str) -> str:
    """``text`` without its code spans (a backtick run up to the next run of the same length,
    as CommonMark reads them): inside one, nothing is a link or HTML."""
    out, position = [], 0
    for match in re.finditer(r"(?<!\\)`+", text):
        if match.start() < position:
            continue
        fence = match.group()
        end = re.compile(rf"(?<!`){fence}(?!`)").search(text, match.end())
        if end:
            out.append(text[position : match.start()])
            position = end.end()
    return "".join(out) + text[position:]


def cells(row: str) -> list[str]:
    """A GFM table row split where GFM splits it: at pipes not escaped by a backslash."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_escapes_everything_a_page_controls() -> None:
    raw = render(synthetic_report(), "md", fail_on="high")["report.md"]
    rows = [line for line in raw.splitlines() if line.startswith("| `")]
    assert len(rows) == 4
    for line in rows:
        assert len(cells(line)) == 4, line
    text = outside_code(raw)  # what is left is read as Markdown: code spans are inert
    assert "<img" not in text and "onerror=alert(1)&gt;" in text
    assert not re.search(r"(?<!\\)\]\(", text), "a link could be formed"
    assert "https://evil" not in text and "www.evil" not in text  # no autolink
    assert "@admin" not in text  # no mention
    assert not re.search(r"^#+ owned", text, re.MULTILINE)  # the newline did not start a heading
    assert not re.search(r"(?<!\\)`y", text)  # no code span opened by the page
    html_tags = re.findall(r"</?([a-z]+)", text)
    assert set(html_tags) <= {"details", "summary"}
    assert "Fails the gate: 2 finding(s) at or above high" in text
    assert "1 new" not in text and "2 new, 1 accepted, 1 expired" in text
    assert "<details>" in text and "DPA signed" in text.split("<details>")[1]
    assert "![" not in text and "](" not in text.replace("\\](", "")


def test_markdown_stays_under_65000_characters_with_thousands_of_findings() -> None:
    document = synthetic_report()
    template = document["findings"][0]
    document["findings"] = [
        sample_finding(
            "EP-01", "high", f"{HOSTILE} {'cookie|' * 60} #{n}", n, evidence=template["evidence"]
        )
        for n in range(4000)
    ] + [
        sample_finding(
            "EP-02",
            "low",
            "accepted " * 40,
            10_000 + n,
            baseline={"status": "accepted", "reason": "r" * 500},
        )
        for n in range(3000)
    ]
    for fail_on in (None, "high"):
        text = render(document, "md", fail_on=fail_on)["report.md"]
        assert len(text) < MAX_CHARS
        shown = sum(1 for line in text.splitlines() if line.startswith("| `EP-01`"))
        assert 0 < shown < 4000
        assert f"... and {4000 - shown} more" in text
        accepted = sum(1 for line in text.splitlines() if line.startswith("| `EP-02`"))
        assert f"... and {3000 - accepted} more" in text
        assert text.rstrip().endswith("report.html.")


# -- CSV ---------------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_csv_is_safe_from_formula_injection_and_holds_no_values() -> None:
    files = render(synthetic_report(), "csv")
    cookies = read_csv(files["cookies.csv"])
    hosts = read_csv(files["third-parties.csv"])
    assert len(cookies) == 12  # 6 cookies x 2 phases that ran
    for row in [*cookies, *hosts]:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), row
    names = {row["name"] for row in cookies}
    assert "'" + FORMULA in names and HOSTILE in names  # kept, with the line break, quoted
    owners = {row["owner"] for row in cookies}
    assert {"'@SUM(1+1)", "'-cmd|' /C calc'!A0"} <= owners
    assert "'+evil.example" in {row["host"] for row in hosts}
    assert "value" not in " ".join(cookies[0]) and "feedfacecafebeef" not in files["cookies.csv"]
    by_name = {row["name"]: row for row in cookies if row["phase"] == "accept"}
    assert by_name["_ga"]["lifetime_days"] == "400" and by_name["sess"]["lifetime_days"] == ""
    assert by_name["_ga"]["third_party"] == "false" and by_name["short"]["third_party"] == "true"
    ga = next(row for row in hosts if row["host"] == "www.google-analytics.com")
    assert (ga["phases"], ga["requests"], ga["tracker"]) == ("pre-consent;accept", "1", "true")


# -- the cookie declaration --------------------------------------------------------------------


DECLARATION_WORDS = {
    "en": ("Analytics", "13 months", "30 days", "1 year", "session", "6 hours", "United States"),
    "nl": ("Analytisch", "13 maanden", "30 dagen", "1 jaar", "sessie", "6 uur", "Verenigde Staten"),
    "de": ("Statistik", "13 Monate", "30 Tage", "1 Jahr", "Sitzung", "6 Stunden", "USA"),
    "fr": ("Mesure d'audience", "13 mois", "30 jours", "1 an", "session", "6 heures", "États-Unis"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_declaration_renders_in_every_language(lang: str) -> None:
    files = render(synthetic_report(), "declaration", lang=lang)
    page, markdown = files["cookie-declaration.html"], files["cookie-declaration.md"]
    t = Translator(lang, {})
    for word in DECLARATION_WORDS[lang]:
        assert word.replace("'", "&#x27;") in page, word
        assert word in markdown, word
    for purpose in ("necessary", "functional", "analytics", "marketing", "social", "unknown"):
        assert f"<h3>{t(f'purpose.{purpose}')}".replace("'", "&#x27;") in page
    assert t("declaration.heading") in page and "24" in page and "2026" in page
    assert page.lstrip().startswith("<!--") and "<html" not in page
    assert "<img" not in page and "&lt;img" in page  # escaped
    assert "feedfacecafebeef" not in page + markdown
    prose = outside_code(markdown)
    assert "<img" not in prose and not re.search(r"(?<!\\)\]\(", prose)
    assert "<code>x](https://evil.example/a)&lt;img src=x onerror=alert(1)&gt;|`y`" in page


def test_declaration_groups_and_third_party_access() -> None:
    page = render(synthetic_report(), "declaration", lang="en")["cookie-declaration.html"]
    sections = dict(re.findall(r"<h3>([^<]+)</h3>(.*?)</table>", page, re.S))
    assert "<code>_ga</code>" in sections["Analytics"]
    assert "yes: Google LLC" in sections["Analytics"]  # written by Google's script
    assert "<code>consent</code>" in sections["Strictly necessary"]
    assert "this website" in sections["Strictly necessary"]
    assert "<td>no</td>" in sections["Strictly necessary"]
    assert "yes: Ad Co" in sections["Marketing"] and "Germany" in sections["Marketing"]


@pytest.mark.parametrize(
    ("seconds", "nl", "de", "fr"),
    [
        (None, "sessie", "Sitzung", "session"),
        (1800, "1 uur", "1 Stunde", "1 heure"),
        (86400, "1 dag", "1 Tag", "1 jour"),
        (30 * 86400, "30 dagen", "30 Tage", "30 jours"),
        (365 * 86400, "1 jaar", "1 Jahr", "1 an"),
        (400 * 86400, "13 maanden", "13 Monate", "13 mois"),
        (730 * 86400, "2 jaar", "2 Jahre", "2 ans"),
    ],
)
def test_lifetimes_in_words(seconds, nl: str, de: str, fr: str) -> None:
    for lang, words in (("nl", nl), ("de", de), ("fr", fr)):
        assert lifetime_words(seconds, Translator(lang, {})) == words


def test_output_words_exist_in_every_language_under_their_own_prefixes() -> None:
    folder = ROOT / "scanner/report/i18n"
    keys = {}
    for lang in LANGUAGES:
        data = json.loads((folder / lang / "outputs.json").read_text(encoding="utf-8"))
        assert data.pop("_about")
        keys[lang] = set(data)
        assert all(
            k.split(".")[0] in {"md", "junit", "declaration", "lifetime", "purpose"} for k in data
        )
        catalogue(lang)  # no key collides with ui.json or rules.json
    assert keys["en"] == keys["nl"] == keys["de"] == keys["fr"]


# -- the command line --------------------------------------------------------------------------


def test_scan_writes_every_output(scanned) -> None:
    for name in FILES:
        assert (scanned.out_dir / name).stat().st_size > 0, name


def test_report_command_writes_every_output(scanned, tmp_path: Path) -> None:
    out = tmp_path / "again"
    done = run_cli(
        "report",
        str(scanned.out_dir / "report.json"),
        "--format",
        ",".join(OUTPUTS),
        "--out",
        str(out),
        "--fail-on",
        "info",
    )
    assert done.returncode == exit_code_for(scanned.report, "info"), done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    assert_valid_sarif(json.loads((out / "report.sarif").read_text(encoding="utf-8")))
    suite = next(iter(JUnitXml.fromfile(str(out / "report.junit.xml"))))
    assert suite.failures == expected_failures(scanned.report, "info")


def test_write_outputs_renders_the_synthetic_report_in_every_format(tmp_path: Path) -> None:
    written = write_outputs(synthetic_report(), tmp_path, list(FORMATS), RenderContext())
    assert {p.name for p in written} >= set(FILES)
