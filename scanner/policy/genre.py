"""Is a document a privacy policy at all?

The reader turns any text into sentences, and the extractor finds "findings" in anything: a
password file once came out as a Dutch policy with five medium findings. Before a document is
held to the policy rules it must read as a privacy or cookie policy in one of the supported
languages. The test is deliberately lenient, because rejecting a genuine short policy is worse
(the site would be told it has none, TP-00, a high finding) than reading a stray page:

* the text must be text (mostly letters and spaces, not binary bytes decoded as Latin-1);
* it must speak of personal data, privacy, data protection or cookies (the vocabulary concept
  ``genre.policy-core``, one entry per language in ``scanner/knowledge/vocabulary``);
* and that talk must be what the document is about, not a clause of another one: either its
  title or a heading says so, or enough of its sentences do, and it names at least one element
  a policy has (rights, retention, legal basis, controller, cookie kinds, transfers...).

Terms of sale, news articles, source code and configuration files fail one of these; the
verdict says which, so the one-line error and the report can tell the owner why.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from scanner import vocabulary
from scanner.policy.read import PolicyText, PolicyUnreadable

CORE = "genre.policy-core"
#: Titles of other documents a site publishes: terms of sale, imprint.
OTHER = "genre.other-document"
#: Concepts that name parts of a policy (GDPR art. 13 elements, cookie kinds, transfers).
ELEMENTS = (
    "policy.controller",
    "policy.dpo",
    "policy.legal-basis",
    "policy.retention-section",
    "policy.retention-period",
    "policy.right.access",
    "policy.right.erasure",
    "policy.right.rectification",
    "policy.right.objection",
    "policy.right.portability",
    "policy.withdrawal",
    "policy.complaint",
    "policy.authority",
    "cookies.category.functional",
    "cookies.category.analytics",
    "cookies.category.marketing",
    "cookies.session",
    "transfers.context",
)
#: Below this share of words among its tokens, the "text" is binary data or machine records.
MIN_WORD_SHARE = 0.3
WORD = re.compile(r"[^\W\d_]{1,40}")
PUNCTUATION = ".,;:!?()[]\"'«»„“”\u2018\u2019"
#: Share of sentences speaking of personal data/privacy/cookies that makes them the subject.
MIN_CORE_SHARE = 0.06
#: So many such sentences make a policy whatever else the document holds (a long policy).
ENOUGH_CORE_SENTENCES = 8
#: Control bytes (not tab, newline, carriage return) above this share of the first
#: BINARY_SAMPLE bytes make a file binary; text has none.
MAX_CONTROL_SHARE = 0.02
BINARY_SAMPLE = 65536
#: From this size on, a text without any policy vocabulary is refused before reading.
PRECHECK_FROM = 256 * 1024
#: How far into the document a heading still counts as its title.
TITLE_HEADINGS = 2


class NotAPolicy(PolicyUnreadable):
    """The document was read, but it is not a privacy or cookie policy.

    ``reason`` alone (without the document's name) is what the report records beside the URL.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source} is not a privacy policy: {reason}")
        self.source, self.reason = source, reason


@dataclass(frozen=True)
class Verdict:
    """Whether a text reads as a privacy policy, and the numbers behind the answer."""

    is_policy: bool
    reason: str
    sentences: int
    core_sentences: int
    elements: tuple[str, ...]


@cache
def _pattern(concept: str) -> re.Pattern[str]:
    """All languages' alternatives of a concept as one case-insensitive pattern."""
    return re.compile("|".join(f"(?:{a})" for a in vocabulary.alternatives(concept)), re.I)


def word_share(text: str) -> float:
    """The share of whitespace-separated tokens that are words (letters, maybe punctuated).

    Running text in any of our languages scores well above half; binary bytes decoded as
    Latin-1, minified code and colon-separated records score near nothing.
    """
    tokens = text.split()
    if not tokens:
        return 0.0
    return sum(1 for token in tokens if WORD.fullmatch(token.strip(PUNCTUATION))) / len(tokens)


def judge(policy: PolicyText) -> Verdict:
    """Decide whether ``policy`` (as the reader returned it) is a privacy or cookie policy."""
    texts = [s.text for s in policy.sentences]
    total = len(texts)
    hits = sum(1 for text in texts if _pattern(CORE).search(text))
    whole = "\n".join(texts)
    found = tuple(name for name in ELEMENTS if _pattern(name).search(whole))

    def verdict(is_policy: bool, reason: str) -> Verdict:
        return Verdict(is_policy, reason, total, hits, found)

    if word_share(whole) < MIN_WORD_SHARE:
        return verdict(False, "it is not running text (binary data, code or records)")
    if hits == 0:
        languages = ", ".join(vocabulary.LANGUAGES)
        return verdict(False, f"it never mentions personal data, privacy or cookies ({languages})")
    title = _title(policy)
    if _pattern(CORE).search(title) and (found or hits > 1):
        return verdict(True, "titled as a privacy or cookie policy")
    if hits >= ENOUGH_CORE_SENTENCES:
        return verdict(True, f"{hits} sentences on personal data, privacy or cookies")
    other = _pattern(OTHER).search(title)
    if other:
        return verdict(False, f"it is titled as another document ({other.group(0)!r})")
    if not found:
        return verdict(
            False, "it mentions privacy but names no element of a policy (rights, retention...)"
        )
    if hits / total >= MIN_CORE_SHARE:
        return verdict(True, f"{hits} of {total} sentences on personal data, privacy or cookies")
    return verdict(
        False,
        f"only {hits} of its {total} sentences mention personal data, privacy or cookies",
    )


def _title(policy: PolicyText) -> str:
    """The page title and the first headings: what the document says it is."""
    headings = [s.text for s in policy.sentences if s.kind == "heading"][:TITLE_HEADINGS]
    return "\n".join([policy.title or "", *headings])


def precheck(content: bytes, content_type: str, source: str) -> None:
    """Refuse, before reading, what cannot be a policy whatever the reader makes of it.

    Reading costs about a second per 15 KB, so a 2 MB binary or log file took a minute to be
    rejected. Binary bytes, or a large text with no policy vocabulary anywhere (markup
    included, so the reader's text, a part of it, has none either), get the verdict
    :func:`judge` would give, in milliseconds (binary) or seconds. A PDF is compressed: only
    the reader can tell.
    """
    if content.startswith(b"%PDF") or "pdf" in content_type.lower():
        return
    sample = content[:BINARY_SAMPLE]
    control = sum(1 for byte in sample if byte < 9 or 13 < byte < 32 or byte == 127)
    if sample and control / len(sample) > MAX_CONTROL_SHARE:
        raise NotAPolicy(source, "it is not running text (binary data, code or records)")
    if len(content) < PRECHECK_FROM:
        return  # small enough to read: the reader's verdict names the finer reason
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if not _pattern(CORE).search(html.unescape(text)):
        languages = ", ".join(vocabulary.LANGUAGES)
        raise NotAPolicy(
            source, f"it never mentions personal data, privacy or cookies ({languages})"
        )


def require_policy(policy: PolicyText) -> PolicyText:
    """``policy`` unchanged, or :class:`NotAPolicy` saying why it is not one."""
    result = judge(policy)
    if not result.is_policy:
        raise NotAPolicy(policy.source, result.reason)
    return policy
