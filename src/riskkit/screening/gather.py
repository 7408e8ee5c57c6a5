"""Gathering a query's candidate names and their sums from the postings, without gathering the
names that cannot reach the floor.

A name's sum is what the query's hit words it has contribute; its estimate is that sum over
(query weight + name weight), and ``candidates._rank`` keeps the best estimates at or above the
floor. A query with a common word (or a common word's typo neighbour) reads postings of 2,000
names or more, and most of those names share only that word. A bound on the estimate by the sum
alone (``steepest``) shows that a name with only one weak word (a contribution below a level
set by the floor) is below the floor: such names need only be found when they also have another
hit word, and never cost a name-weight look-up. The sums of the names kept are added in the
order the plain gathering adds them, so they are the same floats, and so is the ranking.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence
from itertools import compress, repeat
from operator import add, eq

from riskkit.screening.index import ScreeningIndex

LEFT_OUT_BUDGET = 20_000
"""Postings of left-out words read per query to make candidates' estimates exact."""
MARGIN = 1e-9
"""Relative slack on a pruning comparison: a word is weak only when its contribution is below
the level by more than any rounding of the sums and weights could move either."""
PRUNE_FROM = 256
"""Weak words' postings (names) from which the weak words are read apart: below it, gathering
them all costs less than reading them twice."""

GeneratingHit = tuple[int, int, float, float, int]
"""(postings length, query word index, query weight, listed weight, token id) of a hit."""


def gather(
    ix: ScreeningIndex,
    query_length: int,
    generators: list[GeneratingHit],
    contribution: dict[int, float],
    floor: float,
    weight_q: float,
    prune_from: int | None = PRUNE_FROM,
) -> tuple[dict[int, float], list[float]]:
    """Per candidate name the sum of the contributions of its words read, and per query word
    the most its words left unread could add.

    Names that provably cannot reach ``floor`` are not gathered when no word is left unread
    (``left_out`` all zero) and the weak words' postings hold ``prune_from`` names or more
    (None: never); every name that could has the same sum as without it.

    Why those names cannot. A name's estimate is S / (Q + W): S the sum of the contributions
    c_h of the distinct hit words h it has (read or ``within``), Q the query weight, W the
    name weight, the sum of the idf of all its words (each positive), so W >= D, the summed
    idf_h of its hit words, and D >= S / r with r the ``steepest`` c_h / idf_h of the words
    read. So the estimate is at most r * S / (r * Q + S), which grows with S and is below the
    floor f when S < f * r * Q / (r - f) (r > f). A word whose contribution is below that
    level is weak: a name whose only hit is a weak word has S = c_h and is below the floor,
    so it is never ranked (``_rank`` keeps estimates at or above the floor). A name in the
    postings of a strong word, or of two hit words, is gathered as before.
    """
    reads, within, left_out = _plan(ix, query_length, generators, floor, weight_q, contribution)
    if prune_from is not None and reads and not any(left_out):
        ratio = steepest(ix, reads + within, contribution)
        if ratio > floor * (1.0 + MARGIN):
            level = floor * ratio * weight_q / (ratio - floor) * (1.0 - MARGIN)
            weak = [h for h in reads if contribution[h] < level]
            offsets = ix.posting_offsets
            if sum([offsets[h + 1] - offsets[h] for h in weak]) >= prune_from:
                strong = [h for h in reads if contribution[h] >= level]
                names = _may_reach(ix, strong, weak, within)
                return _sums_of(ix, names, set(strong), reads, within, contribution), left_out
    return _sums(ix, reads, within, contribution), left_out


def steepest(ix: ScreeningIndex, hits: list[int], contribution: dict[int, float]) -> float:
    """The highest contribution per unit of listed weight (c_h / idf_h) among ``hits``: a name
    whose hits are among them has a sum at most this times their summed idf."""
    idf = ix.idf
    return max([contribution[h] / idf[h] for h in hits], default=0.0)


def _may_reach(
    ix: ScreeningIndex, strong: list[int], weak: list[int], within: list[int]
) -> list[int]:
    """The names in the postings of a ``strong`` word, and those in the postings of a
    ``weak`` word that are also in another weak or ``within`` word's postings."""
    offsets = ix.posting_offsets
    posting_names = ix.posting_names
    names = dict.fromkeys(
        itertools.chain.from_iterable(posting_names[offsets[h] : offsets[h + 1]] for h in strong)
    )
    seen: set[int] = set()
    twice: set[int] = set()
    for h in weak:
        named = posting_names[offsets[h] : offsets[h + 1]]
        if seen:
            twice.update(seen.intersection(named))
        seen.update(named)
    for h in within:
        twice.update(seen.intersection(posting_names[offsets[h] : offsets[h + 1]]))
    names.update(dict.fromkeys(sorted(twice)))
    return list(names)


def _plan(
    ix: ScreeningIndex,
    query_length: int,
    generators: list[GeneratingHit],
    floor: float,
    weight_q: float,
    contribution: dict[int, float],
) -> tuple[list[int], list[int], list[float]]:
    """The words read (longest postings first), the left-out words read afterwards for exact
    sums (within the budget), and per query word what its left-out words past the budget add."""
    # Only some matched words need to generate candidates: a set of words whose shared
    # weight could not, on its own, lift a name to the floor can be left out, because a
    # name sharing nothing else is below the floor anyway. Leave out the words with the
    # longest postings while that holds. This is decided per listed word, each query word
    # counted once at its heaviest: "group" can be left out while its rare neighbour
    # "grupp" is kept.
    skipped_q = [0.0] * query_length
    skipped_listed = [0.0] * query_length
    total_q = total_listed = 0.0
    reads: list[int] = []
    read: set[int] = set()
    skipped: list[tuple[int, int, int]] = []
    for length, i, own_weight, weight, hit in sorted(generators, reverse=True):
        q = total_q + max(0.0, own_weight - skipped_q[i])
        n = total_listed + max(0.0, weight - skipped_listed[i])
        if q + n < floor * (weight_q + n):
            total_q, total_listed = q, n
            skipped_q[i] = max(skipped_q[i], own_weight)
            skipped_listed[i] = max(skipped_listed[i], weight)
            skipped.append((length, i, hit))
            continue
        if hit not in read:
            read.add(hit)
            reads.append(hit)
    # The words left out add their contribution to the candidates that have them: a
    # candidate's sum is then exact. Past a budget of postings read this way, a left-out
    # word only raises an upper estimate (``left_out``).
    left_out = [0.0] * query_length
    """Per query word, the most its words left out can add to a candidate's sum."""
    within: list[int] = []
    budget = LEFT_OUT_BUDGET
    for length, i, hit in sorted(skipped):
        if hit in read:
            continue
        if length > budget or not reads:
            left_out[i] = max(left_out[i], contribution[hit])
            continue
        budget -= length
        read.add(hit)
        within.append(hit)
    return reads, within, left_out


def _sums(
    ix: ScreeningIndex, reads: list[int], within: list[int], contribution: dict[int, float]
) -> dict[int, float]:
    """Every name in the postings of ``reads`` with its sum over ``reads`` and ``within``."""
    offsets = ix.posting_offsets
    posting_names = ix.posting_names
    gathered: dict[int, float] = {}
    for hit in reads:
        # gathered[name] += contribution for every name with the word, in C loops (a
        # word's postings hold each name once).
        start = offsets[hit]
        value = contribution[hit]
        if offsets[hit + 1] - start == 1 and gathered:
            # One name (a rare typo neighbour, often): no set operations.
            name_id = posting_names[start]
            total = gathered.get(name_id)
            gathered[name_id] = value if total is None else total + value
            continue
        named = posting_names[start : offsets[hit + 1]]
        if not gathered:
            # The first word read has the longest postings: no sums to add to yet.
            gathered = dict.fromkeys(named, value)
            continue
        # Names seen before get their sum plus the contribution; the others (most) start
        # at it: one set intersection, then two C-level updates (new names keep the order
        # of the postings).
        having = gathered.keys() & named
        if having:
            added = list(map(add, map(gathered.__getitem__, having), repeat(value)))
            gathered.update(dict.fromkeys(named, value))
            gathered.update(zip(having, added, strict=True))
        else:
            gathered.update(dict.fromkeys(named, value))
    for hit in within:
        having = gathered.keys() & posting_names[offsets[hit] : offsets[hit + 1]]
        if having:
            value = contribution[hit]
            gathered.update(
                zip(having, map(add, map(gathered.__getitem__, having), repeat(value)), strict=True)
            )
    return gathered


def _sums_of(
    ix: ScreeningIndex,
    names: list[int],
    strong: set[int],
    reads: list[int],
    within: list[int],
    contribution: dict[int, float],
) -> dict[int, float]:
    """``names`` with their sums, added word by word in the order ``_sums`` adds them (so the
    floats are the same: 0.0 + c is c). Every name in a ``strong`` word's postings is in
    ``names``."""
    offsets = ix.posting_offsets
    posting_names = ix.posting_names
    gathered = dict.fromkeys(names, 0.0)
    probe_at_most = len(names) * 12
    for hit in reads + within:
        start = offsets[hit]
        end = offsets[hit + 1]
        value = contribution[hit]
        if end - start == 1:
            # One name (a rare typo neighbour, often): no set operations.
            name_id = posting_names[start]
            total = gathered.get(name_id)
            if total is not None:
                gathered[name_id] = total + value
            continue
        having: Sequence[int] | set[int]
        if hit in strong:
            having = posting_names[start:end]
        elif end - start > probe_at_most:
            # A long posting list against few names: look each name up in it (postings are
            # in ascending name order) rather than walk it.
            at = map(bisect_left, repeat(posting_names), names, repeat(start), repeat(end))
            found = map(posting_names.__getitem__, map(min, at, repeat(end - 1)))
            having = list(compress(names, map(eq, found, names)))
        else:
            having = gathered.keys() & posting_names[start:end]
        if having:
            gathered.update(
                zip(having, map(add, map(gathered.__getitem__, having), repeat(value)), strict=True)
            )
    return gathered
