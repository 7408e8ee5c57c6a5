"""Scoring one query against one indexed name: one-to-one token alignment, IDF weights.

score = sum over aligned pairs of similarity * (query weight + list weight)
        / (all query weights + all list-name weights)

so every word on either side that finds no partner lowers the score in proportion to how rare
(how telling) it is. Similarity is Jaro-Winkler for words of five letters or more without
digits, and equality otherwise. Country agreement then nudges the score up, disagreement down.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
from rapidfuzz.distance import JaroWinkler

from riskkit.screening.index import fuzzy_eligible

Band = Literal["match", "review", "no_match"]
MATCH_AT = 0.88
"""Scores at or above this are ``match``: treat as the listed party unless shown otherwise."""
REVIEW_AT = 0.70
"""Scores at or above this (and below MATCH_AT) are ``review``: a person should look."""
TOKEN_MIN_SIMILARITY = 0.88
"""Two words below this Jaro-Winkler similarity are not aligned at all."""
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


def similarity(a: str, b: str) -> float:
    """Word similarity in [0, 1]; 0 when the words should not be aligned."""
    if a == b:
        return 1.0
    if not (fuzzy_eligible(a) and fuzzy_eligible(b)):
        return 0.0
    value = float(JaroWinkler.similarity(a, b))
    return value if value >= TOKEN_MIN_SIMILARITY else 0.0


@attrs.frozen
class Alignment:
    """The result of aligning a query with one name, before any country adjustment."""

    score: float
    pairs: tuple[TokenPair, ...]
    unmatched_query: tuple[str, ...]
    unmatched_listed: tuple[str, ...]


def align(
    query: Sequence[str],
    query_weights: Sequence[float | None],
    listed: Sequence[str],
    listed_weights: Sequence[float],
    cache: dict[tuple[str, str], float] | None = None,
) -> Alignment:
    """Align words one to one, best pairs first, and score the alignment.

    ``query_weights[i]`` is None for a word the lists never use: it takes the weight of the word
    it aligns with, or ``max(listed_weights)`` (at least) if it aligns with nothing.
    """
    candidates: list[tuple[float, int, int]] = []
    for i, q in enumerate(query):
        for j, n in enumerate(listed):
            key = (q, n)
            if cache is not None and key in cache:
                sim = cache[key]
            else:
                sim = similarity(q, n)
                if cache is not None:
                    cache[key] = sim
            if sim > 0.0:
                candidates.append((sim, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_q: set[int] = set()
    used_n: set[int] = set()
    pairs: list[TokenPair] = []
    gained = 0.0
    weights_q: list[float | None] = list(query_weights)
    for sim, i, j in candidates:
        if i in used_q or j in used_n:
            continue
        used_q.add(i)
        used_n.add(j)
        w_n = listed_weights[j]
        w_q = weights_q[i]
        if w_q is None:
            w_q = weights_q[i] = w_n
        gained += sim * (w_q + w_n)
        pairs.append(TokenPair(query[i], listed[j], round(sim, 4), round(w_n, 3)))
    ceiling = max(listed_weights, default=1.0)
    total = sum(w if w is not None else ceiling for w in weights_q) + sum(listed_weights)
    score = gained / total if total > 0 else 0.0
    return Alignment(
        score=min(1.0, max(0.0, score)),
        pairs=tuple(pairs),
        unmatched_query=tuple(q for i, q in enumerate(query) if i not in used_q),
        unmatched_listed=tuple(n for j, n in enumerate(listed) if j not in used_n),
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
