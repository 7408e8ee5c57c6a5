"""Ordinary words: how the screener tells a brand ("Sensetime") from a word ("Budget").

A word is *ordinary* when it is frequent in everyday language: a Zipf frequency of 4 or more
(once in 100,000 words, or more often) in English, Spanish, French, German, Portuguese, Italian
or Turkish, by the word lists of the ``wordfreq`` package (which ships its data in the wheel, so
no network is used). The set is read once, on first use (about 0.4 s, 45,000 words).

An ordinary word alone never reaches the match band, and a one-word query that is the only
distinctive (not ordinary) word of exactly one listed party's name does.
"""

from __future__ import annotations

import functools
import unicodedata

ORDINARY_ZIPF = 4.0
"""Zipf frequency at or above which a word is ordinary."""
LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "tr")
"""Languages whose word lists are read (Latin script: the normaliser transliterates the rest)."""


@functools.cache
def ordinary_words() -> frozenset[str]:
    """Every word with a Zipf frequency of ``ORDINARY_ZIPF`` or more in one of ``LANGUAGES``."""
    import wordfreq

    # wordfreq's frequency lists come in buckets of one centibel: bucket i holds the words of
    # Zipf frequency 9 - i / 100.
    last = round((9.0 - ORDINARY_ZIPF) * 100)
    words: set[str] = set()
    for language in LANGUAGES:
        buckets = wordfreq.get_frequency_list(language)
        for bucket in buckets[: last + 1]:
            words.update(w for w in bucket if w.isalpha())
    # The normaliser strips accents: "société" is looked up as "societe".
    folded = {
        "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        for w in words
        if not w.isascii()
    }
    return frozenset(words | folded)


def is_ordinary(word: str) -> bool:
    """True when ``word`` (normalised: lower case, no accents) is an ordinary word."""
    return word in ordinary_words()
