"""Which listed names a query may be, found without scoring every name.

Each query word is looked up with its typo neighbours in the inverted index. A name's estimate is
what it would score if every word it shares with the query aligned; the best ``CANDIDATES`` names
by estimate are aligned in full (``score.align_pairs``). Words whose postings are long and that
could not lift a name to the floor on their own generate no candidates, so a query costs about
the postings of its rare words, not of "group" or "company".
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Sequence
from itertools import compress, repeat
from operator import add, ge, sub, truediv

from riskkit.screening.gather import PRUNE_FROM, GeneratingHit, gather
from riskkit.screening.index import ScreeningIndex
from riskkit.screening.score import Pair, WordPairs, align_pairs, similarity

CANDIDATES = 30
"""Names scored in full per query, chosen by an upper-bound estimate from the inverted index."""
COMMON_DF = 2000
"""Words in more names than this do not generate candidates unless the query has no other."""
WORD_HITS_KEPT = 10_000
"""Query words whose index hits (the word and its typo neighbours, with similarities) a
Screener keeps between queries; all are dropped when this many are kept."""

WordHits = dict[str, tuple[dict[int, float], dict[int, float]]]
"""Per query word, its hits in rare words and in common words (token id: similarity)."""


def scored_candidates(
    ix: ScreeningIndex,
    words: list[str],
    kept_hits: WordHits,
    min_score: float,
    exact_ids: set[int],
) -> Iterator[tuple[int, float, tuple[Pair, ...]]]:
    """(name id, raw score, aligned pairs) of the best candidates for the query ``words``,
    best estimate first, leaving out the names in ``exact_ids`` (already found whole).

    ``kept_hits`` holds each query word's index hits between queries (the caller owns it: the
    index does not change, and names screened in a batch share many words).
    """
    query_weights, ranked = best_candidates(ix, words, kept_hits, min_score)
    idf = ix.idf
    words_of = ix.words
    # A name's token ids straight from the flat array (no tuple, no method call).
    token_flat = ix.name_tokens.flat
    token_offsets = ix.name_tokens.offsets
    cache: WordPairs = {}
    for _, negative_id in ranked:
        name_id = -negative_id
        if name_id in exact_ids:
            continue
        ids = token_flat[token_offsets[name_id] : token_offsets[name_id + 1]]
        score, pairs = align_pairs(
            words, query_weights, [words_of[t] for t in ids], [idf[t] for t in ids], cache
        )
        yield name_id, score, tuple(pairs)


def best_candidates(
    ix: ScreeningIndex,
    words: list[str],
    kept_hits: WordHits,
    min_score: float,
    prune_from: int | None = PRUNE_FROM,
) -> tuple[list[float | None], list[tuple[float, int]]]:
    """The query words' weights, and the best ``CANDIDATES`` (estimate, -name id) for them at
    or above the floor, best first. ``prune_from=None`` gathers every name the postings give
    (the same result, slower: for tests of the pruning, ``gather.gather``)."""
    query_weights, by_word = _word_hits(ix, words, kept_hits)
    weight_q = sum([w if w is not None else ix.unknown_weight for w in query_weights], 0.0)
    # A name's estimate is what it would score if every word it shares with the query (or
    # a neighbour of a query word) aligned with the similarity of the two words: the sum of
    # similarity * (query weight + listed weight) over shared words, divided by (query
    # weight + name weight). Names whose estimate is below the floor are never scored.
    floor = min_score * 0.8
    contribution, generators = _contributions(ix, by_word, query_weights)
    gathered, left_out = gather(
        ix, len(words), generators, contribution, floor, weight_q, prune_from, CANDIDATES
    )
    return query_weights, _rank(ix, gathered, left_out, contribution, floor, weight_q)


def _word_hits(
    ix: ScreeningIndex, words: list[str], kept_hits: WordHits
) -> tuple[list[float | None], list[dict[int, float]]]:
    """Each query word's weight (None for a word the lists never use) and its hits: in rare
    words when any query word has one, else in common words."""
    vocabulary = ix.vocabulary
    idf = ix.idf
    words_of = ix.words
    offsets = ix.posting_offsets
    query_weights: list[float | None] = []
    rare: list[dict[int, float]] = []
    common: list[dict[int, float]] = []
    for word in words:
        token_id = vocabulary.get(word)
        query_weights.append(idf[token_id] if token_id is not None else None)
        hits = kept_hits.get(word)
        if hits is None:
            # Each hit with its similarity: 1 for the word itself; a typo neighbour that
            # could never be aligned (below TOKEN_MIN_SIMILARITY) is not a hit at all.
            # Kept per word (the index does not change; the dicts are only read): names
            # screened in a batch share many words.
            word_rare: dict[int, float] = {}
            word_common: dict[int, float] = {}
            if token_id is not None and (df := offsets[token_id + 1] - offsets[token_id]):
                (word_rare if df <= COMMON_DF else word_common)[token_id] = 1.0
            for hit in ix.neighbours(word):
                if hit != token_id and (df := offsets[hit + 1] - offsets[hit]):
                    sim = similarity(word, words_of[hit])
                    if sim > 0.0:
                        (word_rare if df <= COMMON_DF else word_common)[hit] = sim
            if len(kept_hits) >= WORD_HITS_KEPT:
                kept_hits.clear()
            hits = kept_hits[word] = (word_rare, word_common)
        rare.append(hits[0])
        common.append(hits[1])
    by_word = rare if any(rare) else common
    return query_weights, by_word


def _contributions(
    ix: ScreeningIndex, by_word: list[dict[int, float]], query_weights: list[float | None]
) -> tuple[dict[int, float], list[GeneratingHit]]:
    """What each hit word adds to a sharing name's estimate (its best over the query words),
    and every (query word, hit) pair that could generate candidates."""
    idf = ix.idf
    offsets = ix.posting_offsets
    contribution: dict[int, float] = {}
    generators: list[GeneratingHit] = []
    for i, word_hits in enumerate(by_word):
        own = query_weights[i]
        for hit, sim in word_hits.items():
            weight = idf[hit]
            own_weight = own if own is not None else weight
            value = sim * (weight + own_weight)
            if value > contribution.get(hit, 0.0):
                contribution[hit] = value
            length = offsets[hit + 1] - offsets[hit]
            generators.append((length, i, own_weight, weight, hit))
    return contribution, generators


def _rank(
    ix: ScreeningIndex,
    gathered: dict[int, float],
    left_out: Sequence[float],
    contribution: dict[int, float],
    floor: float,
    weight_q: float,
) -> list[tuple[float, int]]:
    """The best ``CANDIDATES`` (estimate, -name id) at or above the floor, best first."""
    zeros = repeat(0.0)
    # A name's estimate is its sum (plus what the left-out words it has add) over
    # (query weight + its weight): the best CANDIDATES by estimate are aligned in full.
    # A name's weight is not negative, so a name whose sum (with everything the left-out
    # words could add) is below floor x query weight is below the floor: drop it first.
    extra = sum(left_out, 0.0)
    need = floor * weight_q - extra
    if gathered and min(gathered.values()) >= need:
        # Every name passes (usual when many were gathered): no filtering pass.
        chosen = list(gathered)
        sums = list(gathered.values())
    else:
        passing = list(map(ge, gathered.values(), repeat(need)))
        chosen = list(compress(gathered, passing))
        sums = list(compress(gathered.values(), passing))
    name_weight = ix.name_weight
    if extra > 0.0 and chosen:
        denominators = list(map(add, map(name_weight.__getitem__, chosen), repeat(weight_q)))
        # Exact without reading every candidate: read names in order of an upper estimate
        # (the heaviest left-out word of each query word added), a block at a time, until
        # the next upper estimate is below the CANDIDATES-th best estimate read.
        # A name of L words can have at most L left-out words: add the L heaviest.
        heaviest = [0.0, *itertools.accumulate(sorted(left_out, reverse=True))]
        token_offsets = ix.name_tokens.offsets
        lengths = list(
            map(
                sub,
                map(token_offsets.__getitem__, map(add, chosen, repeat(1))),
                map(token_offsets.__getitem__, chosen),
            )
        )
        heaviest += [extra] * (max(lengths) + 1 - len(heaviest))
        upper = list(map(truediv, map(add, sums, map(heaviest.__getitem__, lengths)), denominators))
        order = sorted(range(len(chosen)), key=upper.__getitem__, reverse=True)
        top: list[tuple[float, int]] = []
        """The best CANDIDATES (estimate, -name id) read so far, a min-heap."""
        get = contribution.get
        many_tokens = ix.name_tokens.many
        for begin in range(0, len(order), CANDIDATES):
            block = [chosen[k] for k in order[begin : begin + CANDIDATES]]
            bound = upper[order[begin]]
            if bound < floor or (len(top) == CANDIDATES and bound < top[0][0]):
                break
            totals = [sum(map(get, shared, zeros), 0.0) for shared in many_tokens(block)]
            for name_id, total in zip(block, totals, strict=True):
                estimate = total / (weight_q + name_weight[name_id])
                if estimate < floor:
                    continue
                item = (estimate, -name_id)
                if len(top) < CANDIDATES:
                    heapq.heappush(top, item)
                elif item > top[0]:
                    heapq.heapreplace(top, item)
        ranked = sorted(top, reverse=True)
    else:
        weights = map(name_weight.__getitem__, chosen)
        estimates = list(map(truediv, sums, map(add, weights, repeat(weight_q))))
        cut = floor
        if len(estimates) > CANDIDATES:
            cut = max(floor, heapq.nlargest(CANDIDATES, estimates)[-1])
        ranked = heapq.nlargest(
            CANDIDATES,
            [(e, -n) for e, n in zip(estimates, chosen, strict=True) if e >= cut],
        )
    return ranked
