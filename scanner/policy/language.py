"""Which language a policy is written in, from its most frequent function words.

Policies are long, formal texts, so counting a few dozen stop words per language is reliable and,
unlike statistical detectors, deterministic and dependency-free. The languages are those the
lexicon covers plus Spanish and Italian, which discovery also recognises.
"""

from __future__ import annotations

import re
from collections import Counter

from scanner.vocabulary import LANGUAGES, in_language

#: A few dozen stop words per language, from the vocabulary files (``language.stop-words``).
STOP_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(in_language("language.stop-words", language)) for language in LANGUAGES
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> tuple[str | None, float]:
    """(language code, share of the winning language's hits) or (None, 0.0) for too little text."""
    words = Counter(w.lower() for w in WORD.findall(text))
    scores = {
        language: sum(words[w] for w in stop_words) for language, stop_words in STOP_WORDS.items()
    }
    best = max(scores, key=lambda language: scores[language])
    total = sum(scores.values())
    if scores[best] < 5:
        return None, 0.0
    return best, round(scores[best] / total, 2)
