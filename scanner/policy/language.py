"""Which language a policy is written in, from its most frequent function words.

Policies are long, formal texts, so counting a few dozen stop words per language is reliable and,
unlike statistical detectors, deterministic and dependency-free. The languages are those the
lexicon covers plus Spanish and Italian, which discovery also recognises.
"""

from __future__ import annotations

import re
from collections import Counter

from scanner.policy.segment import word_set

STOP_WORDS: dict[str, frozenset[str]] = {
    "nl": word_set(
        """de het een en van in op te dat je jouw uw wij we ons onze is zijn voor met niet worden
        wordt deze die door bij aan om als ook naar gegevens"""
    ),
    "de": word_set(
        """der die das und zu den von mit ist im für nicht auf eine ein sie wir uns unsere ihre
        werden wird des dem durch bei oder daten"""
    ),
    "fr": word_set(
        """le la les et des du un une vous nous vos nos est sont pour dans par sur pas ne que qui
        au aux avec ce cette données"""
    ),
    "en": word_set(
        """the and of to in is are we our you your for with not that this by on be as from or
        data which"""
    ),
    "es": word_set(
        """el la los las y de del en que por para con sus nuestro nuestra usted datos se es una
        al como"""
    ),
    "it": word_set(
        """il lo la gli le e di del della dei che per con non sono è un una dati nostro vostro al
        alla come"""
    ),
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
