"""One vocabulary home per language: the words every reader matches, as data with provenance.

The banner survey and heuristic, the shared implied-consent wording and the policy reader
(art. 13 elements, rights, retention, transfers, cookies, parties, dates) used to keep their
words in five modules as Python regexes, several languages to a line. The words now live in
``scanner/knowledge/vocabulary/<language>.json``, one file per language with its source, date
and licence, so a missing word is added once, in its language, and ``docs/vocabulary.md``
(``python -m scanner.vocabulary --markdown``) shows what each language has. The modules keep
their public names and build the same patterns from here; regex scaffolding and patterns whose
languages interleave inside one group stay in code (listed in the docs).

A concept's alternatives come language by language in :data:`LANGUAGES` order, each language's
in file order. Where a pattern's alternatives were not grouped by language (and the order of an
alternation decides which text a search returns) the caller passes a *layout*: groups separated
by spaces, each group language codes joined by ``+``; every code takes that language's next
alternative, ``xx*`` takes all it has left, and a group's alternatives are joined with ``|``.
Alternatives a layout does not take follow in :data:`LANGUAGES` order.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES: tuple[str, ...] = ("nl", "de", "fr", "en", "es", "it")
FOLDER = Path(__file__).parent / "knowledge" / "vocabulary"

#: Vocabulary still written in code, and why (shown in the generated docs).
STILL_IN_CODE: tuple[tuple[str, str], ...] = (
    (
        "policy.lexicon: NEGATED, CLAIM_CONTEXT; CLAIMS ip-anonymised, no-transfer-outside-eu,"
        " google-data-sharing-off and three alternatives of two other claims",
        "mixed groups",
    ),
    (
        "policy.lexicon: RETENTION_PERIOD and DURATION templates (their words are data)",
        "scaffolding",
    ),
    ("policy.lexicon: MECHANISMS scc-2010, scc-2021, art. 49 citation", "citations"),
    ("policy.lexicon: MECHANISM_LABELS", "English report labels, not matched"),
    ("policy.lexicon_cookies: NO_CONSENT_NEEDED (last two), COOKIE_TABLE_COLUMNS name", "mixed"),
    ("policy.lexicon_cookies: UNIT_SECONDS", "unit stems mapped to seconds"),
    ("policy.lexicon_parties: patterns other than the seven parties.* concepts", "around names"),
    ("policy.discover: COOKIE_TERMS; COMMON_PATHS", "mixed groups; URL paths"),
    ("collect.consent: close symbols x, \u00d7, \u2715", "language-neutral"),
    ("collect.consent: survey.js, sighting.js, withdraw.js word regexes", "run in the page"),
)


@cache
def load(language: str) -> dict[str, Any]:
    """One language's file: header (source, date, licence, notes) and ``concepts``."""
    with (FOLDER / f"{language}.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def concepts() -> tuple[str, ...]:
    """Every concept any language names, sorted."""
    return tuple(sorted({name for lang in LANGUAGES for name in load(lang)["concepts"]}))


def _arrange(concept: str, layout: str | None) -> list[tuple[tuple[str, ...], str]]:
    if concept not in concepts():
        raise KeyError(f"no language has vocabulary concept {concept!r}")
    left = {lang: list(load(lang)["concepts"].get(concept, ())) for lang in LANGUAGES}
    groups: list[tuple[tuple[str, ...], str]] = []
    for token in (layout or "").split():
        if token.endswith("*"):
            lang = token[:-1]
            groups += [((lang,), alternative) for alternative in left[lang]]
            left[lang] = []
            continue
        langs = tuple(token.split("+"))
        if any(not left[lang] for lang in langs):
            raise ValueError(f"layout {layout!r} takes more {concept!r} than its files have")
        groups.append((langs, "|".join(left[lang].pop(0) for lang in langs)))
    for lang in LANGUAGES:
        groups += [((lang,), alternative) for alternative in left[lang]]
    return groups


def alternatives(concept: str, layout: str | None = None) -> list[str]:
    """The concept's alternatives across languages, in :data:`LANGUAGES` order or ``layout``."""
    return [alternative for _, alternative in _arrange(concept, layout)]


def in_language(concept: str, language: str) -> list[str]:
    """One language's alternatives for a concept, in file order (empty when it has none)."""
    return list(load(language)["concepts"].get(concept, ()))


def by_language(concept: str, layout: str | None = None) -> list[tuple[str, str]]:
    """(language, alternative) pairs, for code that says which language matched."""
    pairs = []
    for langs, alternative in _arrange(concept, layout):
        if len(langs) != 1:
            raise ValueError(f"layout {layout!r} joins languages; by_language needs one each")
        pairs.append((langs[0], alternative))
    return pairs


def markdown() -> str:
    """``docs/vocabulary.md``: provenance per file, then alternatives per concept and language."""
    lines = [
        "# Vocabulary per language",
        "",
        "Generated by `python -m scanner.vocabulary --markdown > docs/vocabulary.md` from",
        "`scanner/knowledge/vocabulary/*.json`; do not edit by hand (a test compares).",
        "",
        "## Files",
        "",
        "| file | source | date | licence | notes |",
        "|---|---|---|---|---|",
    ]
    for lang in LANGUAGES:
        head = load(lang)
        cells = [head["source"], head["date"], head["licence"], head["notes"]]
        lines.append(f"| `{lang}.json` | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Alternatives per concept",
        "",
        "A cell counts the concept's alternatives in that language (`-`: none). They are",
        "regexes, except the plain words of `banner.*`, `dates.*`, `language.*`, `segment.*`",
        "and the `parties` word sets (`by-words`, `determiners`, `leading-words`).",
        "",
        "| concept | " + " | ".join(LANGUAGES) + " |",
        "|---" * (len(LANGUAGES) + 1) + "|",
    ]
    for name in concepts():
        counts = [len(load(lang)["concepts"].get(name, ())) or "-" for lang in LANGUAGES]
        lines.append(f"| `{name}` | " + " | ".join(str(count) for count in counts) + " |")
    lines += ["", "## Still in code", "", "| where | why |", "|---|---|"]
    lines += [f"| {where} | {why} |" for where, why in STILL_IN_CODE]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if argv != ["--markdown"]:
        print("usage: python -m scanner.vocabulary --markdown", file=sys.stderr)
        return 2
    sys.stdout.write(markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
