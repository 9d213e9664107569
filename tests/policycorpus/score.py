"""Score the policy reader against the hand-annotated corpora.

Each case folder holds a policy (HTML or text; one HTML case is printed to PDF with Chromium
first, so the PDF path is scored too) and ``expected.yaml``, written blind by an annotator.
Two corpora: the development corpus in this folder (the reader was improved against its misses)
and a held-out one (``tests/policycorpus-unseen/``) written after the reader, and never tuned on,
so its scores say how the reader does on policies it has not seen. Parties, transfer mechanisms
and claims are scored as precision and recall over a corpus; the other fields as per-case
agreement. ``python -m tests.policycorpus.score`` rewrites ``docs/policy-corpus.md``; the test
suite checks that file is current.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from scanner.api import analyse_policy
from scanner.model import Scan
from scanner.policy.parties import lookup_party, without_legal_form

HERE = Path(__file__).parent
HOLDOUT = HERE.parent / "policycorpus-unseen"
#: The newest held-out set: 24 policies written and annotated blind on 2026-12-02.
HELDOUT = HERE.parent / "policycorpus-heldout"
#: The newest blind set: 20 policies written and annotated blind on 2026-12-02, after the one above,
#: while the reader was being changed by someone who never saw it.
FRESH = HERE.parent / "policycorpus-fresh"
DOC = HERE.parent.parent / "docs" / "policy-corpus.md"
#: The findings the annotators judge (README "findings"); rules added later (TP-05, TP-13)
#: are not in the annotations, so they are left out of the comparison rather than counted wrong.
FINDINGS_ANNOTATED = frozenset(
    {
        "TR-03",
        "TR-04",
        "TR-05",
        "CB-02",
        "TP-01",
        "TP-03",
        "TP-07",
        "TP-08",
        "TP-10",
        "NL-05",
        "TP-15",
    }
)
#: Scores are computed as of a fixed day, so validity columns do not drift with the calendar.
SCORE_DATE = date(2026, 11, 25)


@dataclass
class Tally:
    """True positives, false positives and false negatives, with the names behind the errors."""

    tp: int = 0
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)

    def add(self, expected: set[str], found: set[str]) -> None:
        self.tp += len(expected & found)
        self.fp += sorted(found - expected)
        self.fn += sorted(expected - found)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.fp)) if self.tp + len(self.fp) else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + len(self.fn)) if self.tp + len(self.fn) else 1.0


@dataclass
class CaseResult:
    """One policy's scores."""

    name: str
    language: str
    parties: Tally
    mechanisms: Tally
    claims: Tally
    agreement: dict[str, bool]
    #: (annotated, read) consent model, for per-label precision and recall.
    consent: tuple[str, str] = ("unknown", "unknown")
    #: Retention stated, as a detection: one Tally over the single label "retention".
    retention: Tally = field(default_factory=Tally)


def party_key(name: str) -> str:
    """One spelling per party: the known service a name stands for, else the bare name."""
    bare = without_legal_form(name)
    for candidate in (name, bare):
        known = lookup_party(candidate)
        if known is not None:
            return known.name.lower()
    return re.sub(r"[^\w]+", "", bare).lower()


def cases(corpus: Path = HERE) -> list[Path]:
    """The annotated cases of a corpus folder (none if it does not exist)."""
    if not corpus.is_dir():
        return []
    return sorted(p for p in corpus.iterdir() if (p / "expected.yaml").is_file())


def analyse_case(case: Path, chromium: str) -> tuple[dict, Scan]:
    """(expected, the policy-only scan of the case's document)."""
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    document = case / expected["document"]
    if expected.get("render_as_pdf"):
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{case.name}.pdf"
            print_pdf(document, pdf, chromium)
            return expected, analyse_policy(str(pdf), Path(tmp), scan_date=SCORE_DATE)
    return expected, analyse_policy(str(document), case, scan_date=SCORE_DATE)


def print_pdf(html: Path, pdf: Path, chromium: str) -> None:
    """Print an HTML file to PDF with headless Chromium, as a site owner's export would."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page()
        page.goto(html.resolve().as_uri())
        page.pdf(path=str(pdf))
        browser.close()


def score_case(case: Path, chromium: str) -> CaseResult:
    expected, scan = analyse_case(case, chromium)
    policy = scan.policy
    assert policy is not None
    parties, mechanisms, claims = Tally(), Tally(), Tally()
    parties.add(
        {party_key(p["name"]) for p in expected["parties"]},
        {party_key(p.name) for p in policy.parties},
    )
    mechanisms.add(
        {f"{m['mechanism']}{'' if m['current'] else ' (history)'}" for m in expected["mechanisms"]},
        {f"{t.mechanism}{'' if t.current else ' (history)'}" for t in policy.transfers},
    )
    claims.add(set(expected["claims"]), {c.kind for c in policy.claims})
    retention = Tally()
    retention.add(
        {"retention"} if expected["retention"] else set(),
        {"retention"} if policy.elements["retention"].present else set(),
    )
    emails = {e["address"]: e["well_formed"] for e in expected["controller"]["emails"]}
    found_emails = {e.address: e.well_formed for e in policy.controller.emails}
    agreement = {
        "language": policy.language == expected["language"],
        "controller": party_key(policy.controller.name or "")
        == party_key(expected["controller"]["name"] or ""),
        "e-mails": found_emails == emails,
        "consent model": policy.consent_model == expected["consent_model"],
        "last updated": policy.last_updated == str(expected["last_updated"]),
        "rights missing": sorted(policy.rights_missing) == sorted(expected["rights_missing"]),
        "retention": policy.elements["retention"].present == expected["retention"],
        "complaint": policy.elements["complaint"].present == expected["complaint"],
        "findings": {f.id for f in scan.findings} & FINDINGS_ANNOTATED == set(expected["findings"]),
    }
    consent = (expected["consent_model"], policy.consent_model)
    return CaseResult(
        case.name, expected["language"], parties, mechanisms, claims, agreement, consent, retention
    )


def consent_tally(result: CaseResult) -> Tally:
    """The consent model as a detection: a stated model (not "unknown") found or missed."""
    tally = Tally()
    expected, found = result.consent
    tally.add({expected} - {"unknown"}, {found} - {"unknown"})
    return tally


def by_language(results: list[CaseResult]) -> list[str]:
    """Precision/recall per language: parties, mechanisms, claims, consent model, retention."""
    lines = [
        "| language | cases | parties P/R | mechanisms P/R | claims P/R | consent model P/R "
        "| retention P/R |",
        "|---|---|---|---|---|---|---|",
    ]
    for language in sorted({r.language for r in results}):
        group = [r for r in results if r.language == language]
        consent = Tally()
        for r in group:
            part = consent_tally(r)
            consent.tp, consent.fp, consent.fn = (
                consent.tp + part.tp,
                consent.fp + part.fp,
                consent.fn + part.fn,
            )
        cells = [total(group, a) for a in ("parties", "mechanisms", "claims")]
        cells += [consent, total(group, "retention")]
        lines.append(
            f"| {language} | {len(group)} | "
            + " | ".join(f"{t.precision:.2f}/{t.recall:.2f}" for t in cells)
            + " |"
        )
    return lines


def total(results: list[CaseResult], attribute: str) -> Tally:
    tally = Tally()
    for result in results:
        part: Tally = getattr(result, attribute)
        tally.tp += part.tp
        tally.fp += [f"{result.name}: {x}" for x in part.fp]
        tally.fn += [f"{result.name}: {x}" for x in part.fn]
    return tally


def render(
    development: list[CaseResult],
    held_out: list[CaseResult],
    heldout: list[CaseResult],
    fresh: list[CaseResult],
) -> str:
    """The docs page: the corpora, each with totals, per-language and per-case scores, misses."""
    lines = [
        "# Policy reader: extraction quality on the test corpora",
        "",
        "Generated by `python -m tests.policycorpus.score` (the test suite fails when this page",
        "is out of date). Each case is a policy written for the tests, with an `expected.yaml`",
        "annotated by hand, blind to the extractor. Parties match by the known service a name",
        'stands for ("Facebook-Pixel" = "Meta Pixel"), otherwise by the name without its legal',
        "form. Mechanisms match by id, and a mechanism mentioned only as history must be",
        "recognised as such.",
        "",
        "- **Development corpus** (`tests/policycorpus/`): the seed and fifteen policies by two",
        "  annotators (Dutch, German, French, English, Italian; short and long; HTML, text, and",
        "  one HTML printed to PDF by Chromium). The reader was improved against their misses, so",
        "  these scores are an upper bound and a regression guard; the test suite requires at",
        "  least 0.9 precision and recall for parties and mechanisms here. The second",
        "  annotator's six (see README-second-annotator.md) were first scored blind, before any",
        "  change for them: parties precision 0.65 / recall 0.73, mechanisms 1.00 / 1.00, claims",
        "  0.94 / 0.81. Unseen policies should be expected nearer those numbers than these.",
        "- **First held-out corpus** (`tests/policycorpus-unseen/`): six policies by a third",
        "  annotator, written after the reader was built. On 2026-12-02 two of its cases were",
        "  read while fixing the reader (one consent wording was added after reading",
        "  `de-physiopraxis`), so it is no longer fully blind.",
        "- **Held-out corpus 2026-12-02** (`tests/policycorpus-heldout/`): 24 policies (six",
        "  each in nl, de, fr, en) written and annotated by a helper who had not seen the",
        "  reader's code, in the styles real sites use (CMS exports, one with entity-escaped",
        "  markup, Markdown, hard-wrapped text, provider lists, negations and examples). Scored",
        "  blind before any change to the reader (`blind-score-before-tuning.txt` in that",
        "  folder): parties precision 0.80 / recall 0.74, mechanisms 0.90 / 0.83, claims",
        "  0.97 / 0.63, retention 1.00 / 0.95, consent model right in 13 of 24. The reader was",
        "  then changed for the failure patterns of the issue with test texts of its own; nobody",
        "  who changed the reader has read this set.",
        "- **Fresh blind set** (`tests/policycorpus-fresh/`): 20 policies (five each in nl, de,",
        "  fr, en) written and annotated on 2026-12-02 by another helper who had not seen the",
        "  reader's code, in other sectors and phrasings. Scored blind with the reader as it was",
        "  before that day's second round of changes (`blind-score-before-tuning.txt`): parties",
        "  precision 0.80 / recall 0.60, mechanisms 0.85 / 0.82, claims 0.96 / 0.60. The",
        "  second round was made by someone who never opened this set or the one above; its",
        "  score below is the current estimate for unseen policies. Nobody has tuned on it.",
        "",
        "The consent model is scored as a detection: a stated model (opt-in, implied, none) read",
        "right counts as a true positive; retention as the detection of a stated period.",
        "",
    ]
    lines += _section("Development corpus", development)
    if held_out:
        lines += ["", *_section("First held-out corpus", held_out)]
    if heldout:
        lines += ["", *_section("Held-out corpus 2026-12-02", heldout)]
    if fresh:
        lines += ["", *_section("Fresh blind set 2026-12-02", fresh)]
    return "\n".join(lines) + "\n"


def _section(title: str, results: list[CaseResult]) -> list[str]:
    lines = [
        f"## {title}",
        "",
        "| | precision | recall | true positives | false positives | false negatives |",
        "|---|---|---|---|---|---|",
    ]
    for label, attribute in (
        ("parties", "parties"),
        ("transfer mechanisms", "mechanisms"),
        ("claims", "claims"),
    ):
        t = total(results, attribute)
        lines.append(
            f"| {label} | {t.precision:.2f} | {t.recall:.2f} | {t.tp} | {len(t.fp)} | {len(t.fn)} |"
        )
    lines += ["", "Per language (precision/recall):", "", *by_language(results)]
    fields = list(results[0].agreement)
    lines += ["", "Agreement with the annotation on the other fields (cases agreeing / cases):", ""]
    lines += ["| field | agreeing |", "|---|---|"]
    for name in fields:
        agreeing = sum(r.agreement[name] for r in results)
        lines.append(f"| {name} | {agreeing}/{len(results)} |")
    lines += ["", f"### {title}: per case", ""]
    lines += [
        "| case | language | parties P/R | mechanisms P/R | claims P/R | fields disagreeing |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        wrong = ", ".join(name for name, ok in r.agreement.items() if not ok) or "none"
        lines.append(
            f"| {r.name} | {r.language} | {r.parties.precision:.2f}/{r.parties.recall:.2f} "
            f"| {r.mechanisms.precision:.2f}/{r.mechanisms.recall:.2f} "
            f"| {r.claims.precision:.2f}/{r.claims.recall:.2f} | {wrong} |"
        )
    lines += ["", f"### {title}: misses", ""]
    for label, attribute in (
        ("Parties", "parties"),
        ("Mechanisms", "mechanisms"),
        ("Claims", "claims"),
    ):
        t = total(results, attribute)
        lines.append(f"- {label} found but not annotated: {', '.join(t.fp) or 'none'}")
        lines.append(f"- {label} annotated but not found: {', '.join(t.fn) or 'none'}")
    return lines


def main() -> int:
    from scanner.options import ScanOptions

    chromium = ScanOptions(url="https://example.nl/", out_dir=HERE).resolve_chromium()
    development = [score_case(case, chromium) for case in cases(HERE)]
    held_out = [score_case(case, chromium) for case in cases(HOLDOUT)]
    heldout = [score_case(case, chromium) for case in cases(HELDOUT)]
    fresh = [score_case(case, chromium) for case in cases(FRESH)]
    DOC.write_text(render(development, held_out, heldout, fresh), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
