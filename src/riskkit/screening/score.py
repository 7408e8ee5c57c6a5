"""Scoring one query against one indexed name: one-to-one token alignment, IDF weights.

score = sum over aligned pairs of similarity * (query weight + list weight)
        / (all query weights + all list-name weights)

so every word on either side that finds no partner lowers the score in proportion to how rare
(how telling) it is. Similarity scores a typo by what it changes: words of five letters or more
without digits may differ by one edit (a substitution, insertion, deletion or transposition of
two neighbouring letters), words of eight letters or more by two, and each edit costs in
proportion to the word's length (``1 - EDIT_COST * edits / length``: one edit in "hikvision" is
0.94, in "bodor" 0.90; two edits in "technopromexport" 0.94). Shorter words, and words with
digits, must be equal. Country agreement then nudges the score up, disagreement down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
from rapidfuzz.distance import OSA

Band = Literal["match", "review", "no_match"]
MATCH_AT = 0.88
"""Scores at or above this are ``match``: treat as the listed party unless shown otherwise."""
REVIEW_AT = 0.70
"""Scores at or above this (and below MATCH_AT) are ``review``: a person should look."""
TOKEN_MIN_SIMILARITY = 0.875
"""The lowest similarity two different words can have and still be aligned."""
EDIT_COST = 0.5
"""What one edit costs, times the word's length: similarity is ``1 - EDIT_COST * edits / len``."""
TWO_EDITS_FROM = 8
"""Words at least this long (both of them) may differ by two edits; shorter ones by one."""
COUNTRY_AGREES = 0.03
COUNTRY_DIFFERS = -0.10


@attrs.frozen
class TokenPair:
    """One query word aligned with one word of a listed name."""

    query: str
    listed: str
    similarity: float
    weight: float
    """IDF weight of the listed word: how much this alignment counts."""


def band_for(score: float) -> Band:
    if score >= MATCH_AT:
        return "match"
    if score >= REVIEW_AT:
        return "review"
    return "no_match"


_osa = OSA.distance


def _typo_eligible(word: str) -> bool:
    """Four letters or more, letters only: may be aligned with a typo (see ``edit_similarity``)."""
    return len(word) >= 4 and word.isalpha()


def edit_similarity(a: str, b: str) -> float:
    """Similarity of two different fuzzy-eligible words by their edit distance; 0 if too far.

    A four-letter word may only be a five-letter word less one letter ("pael" for "pavel").
    """
    if max(len(a), len(b)) < 5:
        return 0.0
    allowed = 2 if min(len(a), len(b)) >= TWO_EDITS_FROM else 1
    edits = _osa(a, b, score_cutoff=allowed)
    if edits > allowed:
        return 0.0
    return 1.0 - EDIT_COST * edits / max(len(a), len(b))


def similarity(a: str, b: str) -> float:
    """Word similarity in [0, 1]; 0 when the words should not be aligned.

    ``edit_similarity`` of two ``_typo_eligible`` words, written out in one function: the
    query calls it for every typo neighbour of every word, where the calls cost more than the
    edit distance itself.
    """
    if a == b:
        return 1.0
    la = len(a)
    lb = len(b)
    if la < lb:
        shorter, longer = la, lb
    else:
        shorter, longer = lb, la
    if shorter < 4 or longer < 5 or not (a.isalpha() and b.isalpha()):
        return 0.0
    allowed = 2 if shorter >= TWO_EDITS_FROM else 1
    edits = _osa(a, b, score_cutoff=allowed)
    if edits > allowed:
        return 0.0
    return 1.0 - EDIT_COST * edits / longer


Pair = tuple[int, int, float]
"""(query word index, listed word index, similarity) of one aligned pair."""

WordPairs = dict[str, list[tuple[float, int]]]
"""Per listed word, (minus similarity, query word index) of each query word it may be aligned
with: what ``align_pairs`` finds for one query, kept across the names aligned with it."""


def word_pairs(query: Sequence[str], listed_word: str) -> list[tuple[float, int]]:
    """(minus similarity, query word index) of each query word ``listed_word`` may be aligned
    with, in query order: -1.0 for an equal word, minus ``edit_similarity`` for a typo."""
    found: list[tuple[float, int]] = []
    size = len(listed_word)
    # Words too short, or with digits, are only ever equal (see ``similarity``).
    fuzzy = size >= 4 and listed_word.isalpha()
    for i, q in enumerate(query):
        if q == listed_word:
            found.append((-1.0, i))
            continue
        length = len(q)
        if not fuzzy or length < 4 or not q.isalpha():
            continue
        # Words whose lengths differ by more than the edits allowed (two from
        # TWO_EDITS_FROM letters, else one), or both under five letters, are never
        # similar (see ``edit_similarity``): no distance to compute or keep.
        apart = size - length
        if apart > 2 or apart < -2 or (length < 5 and size < 5):
            continue
        if (apart > 1 or apart < -1) and (length < TWO_EDITS_FROM or size < TWO_EDITS_FROM):
            continue
        sim = edit_similarity(q, listed_word)
        if sim > 0.0:
            found.append((-sim, i))
    return found


def align_pairs(
    query: Sequence[str],
    query_weights: Sequence[float | None],
    listed: Sequence[str],
    listed_weights: Sequence[float],
    cache: WordPairs | None = None,
) -> tuple[float, list[Pair]]:
    """The alignment score and the aligned pairs: the scorer's inner loop, without objects.

    Words are aligned one to one, best pairs first. ``query_weights[i]`` is None for a word the
    lists never use: it takes the weight of the word it aligns with, or ``max(listed_weights)``
    if it aligns with nothing. ``cache`` keeps each listed word's ``word_pairs`` with this
    ``query`` (one cache per query): the names aligned with a query share most of their words.
    """
    if cache is None:
        cache = {}
    candidates: list[tuple[float, int, int]] = []
    for j, n in enumerate(listed):
        found = cache.get(n)
        if found is None:
            found = cache[n] = word_pairs(query, n)
        if found:
            candidates += [(negative, i, j) for negative, i in found]
    candidates.sort()
    used_q = 0
    used_n = 0
    pairs: list[Pair] = []
    gained = 0.0
    weights_q = list(query_weights)
    for negative, i, j in candidates:
        if used_q >> i & 1 or used_n >> j & 1:
            continue
        used_q |= 1 << i
        used_n |= 1 << j
        w_n = listed_weights[j]
        w_q = weights_q[i]
        if w_q is None:
            w_q = weights_q[i] = w_n
        gained -= negative * (w_q + w_n)
        pairs.append((i, j, -negative))
    ceiling = max(listed_weights, default=1.0)
    # sum(..., 0.0): mypyc reads a sum with no start as an int.
    total = sum([w if w is not None else ceiling for w in weights_q], 0.0)
    total = total + sum(listed_weights, 0.0)
    score = gained / total if total > 0 else 0.0
    return min(1.0, max(0.0, score)), pairs


def token_pairs(
    query: Sequence[str], listed: Sequence[str], listed_weights: Sequence[float],
    pairs: Sequence[Pair],
) -> tuple[TokenPair, ...]:  # fmt: skip
    """The aligned pairs as ``TokenPair`` values, for explanations."""
    return tuple(
        TokenPair(query[i], listed[j], round(sim, 4), round(listed_weights[j], 3))
        for i, j, sim in pairs
    )


def country_effect(country: str | None, listed: Sequence[str]) -> tuple[float, str]:
    """Score adjustment and its explanation for the query's country against the entry's."""
    if not country or not listed:
        return 0.0, ""
    code = country.strip().upper()
    if code in listed:
        return COUNTRY_AGREES, f"country {code} agrees ({COUNTRY_AGREES:+.2f})"
    return COUNTRY_DIFFERS, (
        f"country {code} differs from the entry's {', '.join(listed)} ({COUNTRY_DIFFERS:+.2f})"
    )
