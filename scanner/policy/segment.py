"""Split policy text into sentences, so every extracted fact can quote the one it came from.

Policies are full of abbreviations ("t.b.v.", "z. B.", "art.", "B.V.") and addresses with dots
("www.example.nl"), so a sentence ends only at end punctuation followed by space and something
that can start a sentence, and not after a known abbreviation or a single initial.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from scanner.vocabulary import alternatives


def word_set(text: str) -> frozenset[str]:
    """A word list written as running text, one line per few dozen words."""
    return frozenset(text.split())


#: Abbreviations a full stop does not end a sentence after, from the vocabulary files.
ABBREVIATIONS = frozenset(alternatives("segment.abbreviations"))
END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+")
STARTS_SENTENCE = re.compile(r"[\"'\u201c\u2018\u00ab(\[\u2022\-\u2013]?\s*[A-ZÀ-ÖØ-Þ0-9]")


@dataclass(frozen=True)
class Sentence:
    """One sentence with the heading of the section it stands in."""

    text: str
    section: str | None = None
    #: "text", "heading", "item" (a list item's first sentence) or "row" (a table row).
    kind: str = "text"


def normalise(text: str) -> str:
    """NFKC, no soft hyphens or zero-width characters, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u00ad\u200b\u200c\u200d\ufeff]", "", text)
    text = text.translate(
        str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"})
    )
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
    word = word.lstrip("(\"'[")
    # Single initials ("J.") and day numbers ("17. Februar", "3. Allgemeine") end nothing.
    return (
        word in ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())
        or (word.isdigit() and len(word) <= 2)
    )


def is_heading(line: str) -> bool:
    """A short, capitalised line without end punctuation ("3. Allgemeine Hinweise")."""
    line = re.sub(r"^(\d+\.)+\d*\s+", "", line)
    return len(line) <= 80 and not re.search(r"[.,;:!?]$", line) and line[:1].isupper()


#: A line that starts a list item, so never continues the line above it.
BULLET = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa\u25e6\u25cf*\-\u2013]|\d{1,2}[.)])\s+")
#: Lines of wrapped prose run to about this length; a shorter one without end punctuation is an
#: address or a name line ("Langestraat 112"), which stands on its own.
WRAPPED_LINE = 50


def continues(previous: str, line: str) -> bool:
    """Whether ``line`` is the wrapped rest of ``previous``: the editor broke a sentence (hard
    wrap, ``<br>``), rather than the writer ending a line of an address or a heading."""
    if not previous or not line or BULLET.match(line) or re.search(r"[.:;!?]$", previous):
        return False
    return len(previous) >= WRAPPED_LINE or line[:1].islower()


def join_wrapped(lines: list[str]) -> list[str]:
    """Lines with every wrapped continuation joined back to the line it continues."""
    joined: list[str] = []
    for line in lines:
        line = line.strip()
        if joined and continues(joined[-1], line):
            joined[-1] += " " + line
        else:
            joined.append(line)
    return joined


def split_sentences(text: str, section: str | None = None, kind: str = "text") -> list[Sentence]:
    """Sentences of one block of text; a list item's ``kind`` goes to its first sentence."""
    sentences = []
    for line in join_wrapped(normalise(text).split("\n")):
        start = 0
        for end in END.finditer(line):
            rest = line[end.end() :]
            if not rest or not STARTS_SENTENCE.match(rest):
                continue
            if end.group(0).startswith(".") and _is_abbreviation(line[start : end.start()]):
                continue
            sentences.append(line[start : end.end()].strip())
            start = end.end()
        sentences.append(line[start:].strip())
    kept = [s for s in sentences if re.search(r"\w", s)]
    return [Sentence(s, section, kind if i == 0 else "text") for i, s in enumerate(kept)]
