"""The policy reader scored on the hand-annotated corpus (tests/policycorpus/).

The issue's bar is precision and recall of at least 0.9 for parties and transfer mechanisms;
docs/policy-corpus.md reports every score and every miss, and must match what the code does now.
"""

from __future__ import annotations

import pytest

from tests.conftest import CHROMIUM
from tests.policycorpus import score


@pytest.fixture(scope="module")
def results() -> list[score.CaseResult]:
    return [score.score_case(case, CHROMIUM) for case in score.cases()]


@pytest.fixture(scope="module")
def held_out() -> list[score.CaseResult]:
    return [score.score_case(case, CHROMIUM) for case in score.cases(score.HOLDOUT)]


def test_corpus_covers_four_languages_formats_and_bases() -> None:
    cases = score.cases()
    assert len(cases) >= 9  # at least eight besides the seed
    languages = {case.name.split("-")[0] for case in cases}
    assert {"nl", "de", "fr", "en"} <= languages
    formats = {path.suffix for case in cases for path in case.glob("policy.*")}
    assert formats == {".html", ".txt"}


@pytest.mark.parametrize("attribute", ["parties", "mechanisms"])
def test_precision_and_recall_at_least_090(results, attribute: str) -> None:
    tally = score.total(results, attribute)
    assert tally.precision >= 0.9, tally.fp
    assert tally.recall >= 0.9, tally.fn


def test_every_case_reads_in_its_own_language(results) -> None:
    assert all(r.agreement["language"] for r in results)


@pytest.fixture(scope="module")
def heldout() -> list[score.CaseResult]:
    return [score.score_case(case, CHROMIUM) for case in score.cases(score.HELDOUT)]


def test_heldout_set_covers_four_languages_and_the_formats_real_sites_use() -> None:
    cases = score.cases(score.HELDOUT)
    assert len(cases) >= 20
    languages = [case.name.split("-")[0] for case in cases]
    assert all(languages.count(lang) >= 5 for lang in ("nl", "de", "fr", "en"))
    formats = {path.suffix for case in cases for path in case.glob("policy.*")}
    assert formats == {".html", ".txt", ".md"}


@pytest.fixture(scope="module")
def fresh() -> list[score.CaseResult]:
    return [score.score_case(case, CHROMIUM) for case in score.cases(score.FRESH)]


def test_fresh_blind_set_covers_four_languages_and_keeps_its_blind_score() -> None:
    cases = score.cases(score.FRESH)
    assert len(cases) >= 20
    languages = [case.name.split("-")[0] for case in cases]
    assert all(languages.count(lang) >= 5 for lang in ("nl", "de", "fr", "en"))
    assert (score.FRESH / "blind-score-before-tuning.txt").is_file()


def test_docs_report_the_current_scores(results, held_out, heldout, fresh) -> None:
    expected = score.render(results, held_out, heldout, fresh)
    assert score.DOC.read_text(encoding="utf-8") == expected, (
        "docs/policy-corpus.md is out of date: run python -m tests.policycorpus.score"
    )
