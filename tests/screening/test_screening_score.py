"""The scorer's word alignment (``riskkit.screening.score.align_pairs``) aligns two words
exactly when their similarity says they may be: the shortcuts that skip the edit distance
(lengths too far apart, both words too short) never drop a pair the distance would keep; and
keeping each listed word's pairs with the query across names (the cache) gives the scores and
pairs the alignment word by word gave before it, to the bit."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.screening.score import (
    TWO_EDITS_FROM,
    Pair,
    WordPairs,
    align_pairs,
    edit_similarity,
    similarity,
)

_WORD = st.text(alphabet="aeinrst1", min_size=1, max_size=11)


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, str]:
    """A word and the same word after up to three insertions or deletions."""
    word = draw(_WORD)
    other = word
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(other)))
        if draw(st.booleans()) and other:
            other = other[:at] + other[at + 1 :]
        else:
            other = other[:at] + draw(st.sampled_from("aenx")) + other[at:]
    return word, other


@settings(max_examples=400, deadline=None)
@given(pair=_edited())
def test_two_words_are_aligned_exactly_when_they_are_similar(pair: tuple[str, str]) -> None:
    query, listed = pair
    _, pairs = align_pairs([query], [1.0], [listed], [1.0], {})
    expected = similarity(query, listed)
    assert [sim for _, _, sim in pairs] == ([expected] if expected > 0.0 else [])
    if query != listed and expected > 0.0:
        assert expected == edit_similarity(query, listed)


def _align_word_by_word(
    query: Sequence[str],
    query_weights: Sequence[float | None],
    listed: Sequence[str],
    listed_weights: Sequence[float],
) -> tuple[float, list[Pair]]:
    """``align_pairs`` as it was before the per-query cache of listed words' pairs: every query
    word against every listed word, name by name (the reference the cache must reproduce)."""
    candidates: list[tuple[float, int, int]] = []
    fuzzy_listed = [(j, n) for j, n in enumerate(listed) if len(n) >= 4 and n.isalpha()]
    for i, q in enumerate(query):
        if q in listed:
            candidates += [(-1.0, i, j) for j, n in enumerate(listed) if n == q]
        length = len(q)
        if not fuzzy_listed or length < 4 or not q.isalpha():
            continue
        for j, n in fuzzy_listed:
            if q == n:
                continue
            apart = len(n) - length
            if apart > 2 or apart < -2 or (length < 5 and len(n) < 5):
                continue
            if (apart > 1 or apart < -1) and (length < TWO_EDITS_FROM or len(n) < TWO_EDITS_FROM):
                continue
            sim = edit_similarity(q, n)
            if sim > 0.0:
                candidates.append((-sim, i, j))
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
    total = sum([w if w is not None else ceiling for w in weights_q], 0.0)
    total = total + sum(listed_weights, 0.0)
    score = gained / total if total > 0 else 0.0
    return min(1.0, max(0.0, score)), pairs


_NAME_WORD = st.one_of(_WORD, st.sampled_from(["trading", "tradinq", "tading", "stern", "sterns"]))
_WEIGHT = st.floats(min_value=0.1, max_value=12.0, allow_nan=False)


@st.composite
def _names(
    draw: st.DrawFn,
) -> tuple[list[str], list[float | None], list[tuple[list[str], list[float]]]]:
    """A query (words, weights: None for a word the lists never use) and up to eight listed
    names drawn from its words, their edits and other words: the names aligned with one query."""
    query = draw(st.lists(_NAME_WORD, min_size=1, max_size=6))
    weights = [draw(st.one_of(st.none(), _WEIGHT)) for _ in query]
    pool = st.one_of(st.sampled_from(query), _edited().map(lambda pair: pair[1] or "x"), _NAME_WORD)
    names = []
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        listed = draw(st.lists(pool, min_size=1, max_size=6))
        names.append((listed, [draw(_WEIGHT) for _ in listed]))
    return query, weights, names


@settings(max_examples=400, deadline=None)
@given(case=_names())
def test_one_cache_per_query_gives_the_word_by_word_alignment(
    case: tuple[list[str], list[float | None], list[tuple[list[str], list[float]]]],
) -> None:
    query, query_weights, names = case
    cache: WordPairs = {}
    for listed, listed_weights in names:
        expected = _align_word_by_word(query, query_weights, listed, listed_weights)
        cached = align_pairs(query, query_weights, listed, listed_weights, cache)
        assert cached == expected
        assert cached[0].hex() == expected[0].hex()
        assert align_pairs(query, query_weights, listed, listed_weights) == expected
    assert set(cache) == {word for listed, _ in names for word in listed}


def test_a_word_pairs_with_equal_and_similar_query_words() -> None:
    score, pairs = align_pairs(
        ["stern", "trading", "sterns"], [2.0, None, 3.0], ["sterns", "tradinq"], [3.0, 1.5]
    )
    assert pairs == [(2, 0, 1.0), (1, 1, 1.0 - 0.5 / 7)]
    gained = 1.0 * (3.0 + 3.0) + (1.0 - 0.5 / 7) * (1.5 + 1.5)
    assert score == gained / (2.0 + 1.5 + 3.0 + 3.0 + 1.5)
