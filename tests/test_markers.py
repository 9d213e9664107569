"""The ``browser`` mark: ``pytest -m "not browser"`` keeps the pure tests and drops every test
that needs Chromium or the fixture web, and collecting works with no Chromium anywhere."""

from __future__ import annotations

import functools
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

#: Tests that need Chromium or the fixture web, each found a different way.
BROWSER = [
    "tests/test_scan_e2e.py::test_ga4_fires_before_consent",  # through a module fixture: web
    "tests/test_consent_corpus.py::test_trackers_follow_the_decision",  # scan_site, via corpus
    "tests/test_report_html.py::test_dutch_report_renders_offline_without_the_tables",  # demo_run
    "tests/test_banner_corpus.py::test_cookie_wall_refusal_locks_every_page",  # the browser fixture
    "tests/test_fixtureweb.py::test_log_file_gets_json_lines",  # FixtureWeb(...) in its body
    # No fixture: `privacyscan policy URL` fetches the URL in Chromium.
    "tests/test_policy_scan.py::test_policy_command_on_an_unreachable_url_fails_with_one_line",
    "tests/test_policy_corpus.py::test_every_case_reads_in_its_own_language",  # CHROMIUM
]
#: Pure tests, some of them beside browser tests in the same module.
PURE = [
    "tests/test_classify.py::",
    "tests/test_cli_usage.py::test_bad_input_is_one_line_and_exit_2",  # `scan` with bad input
    "tests/test_policy_corpus.py::test_corpus_covers_four_languages_formats_and_bases",
    "tests/test_fixtureweb.py::test_readme_documents_every_emulated_host",
    "tests/test_banner_corpus.py::test_manifest_and_readme_table_agree",
    "tests/test_markers.py::test_not_browser_keeps_the_pure_tests",
]


@functools.cache
def collected(marks: str) -> frozenset[str]:
    """The test ids ``pytest --collect-only -m MARKS`` selects, on a machine where no Chromium
    can be found (empty PATH, no Playwright browser cache); ``--strict-markers`` fails the run
    if ``browser`` is not registered."""
    env = {
        **os.environ,
        "PATH": str(ROOT / "tests" / "no-such-bin"),
        "PLAYWRIGHT_BROWSERS_PATH": str(ROOT / "tests" / "no-such-browsers"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "--strict-markers", "-m", marks, "tests"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return frozenset(line for line in done.stdout.splitlines() if line.startswith("tests/"))


def selected(ids: frozenset[str], wanted: str) -> bool:
    """Whether ``wanted`` (a test, any of its parameters, or ``module::`` any test) is in ids."""
    prefix = wanted if wanted.endswith("::") else wanted + "["
    return wanted in ids or any(i.startswith(prefix) for i in ids)


@pytest.mark.parametrize("test", BROWSER)
def test_not_browser_drops_the_browser_tests(test: str) -> None:
    assert not selected(collected("not browser"), test)
    assert selected(collected("browser"), test)


@pytest.mark.parametrize("test", PURE)
def test_not_browser_keeps_the_pure_tests(test: str) -> None:
    assert selected(collected("not browser"), test)
    assert not selected(collected("browser"), test)


def test_every_test_is_on_one_side() -> None:
    pure, browser = collected("not browser"), collected("browser")
    assert pure and browser and not pure & browser
    assert len(browser) > 200  # the scans, the corpora, the fixture web
    assert not any(i.startswith("tests/test_scan_e2e.py::") for i in pure)
    assert not any(i.startswith("tests/test_consent_corpus.py::") for i in pure)
