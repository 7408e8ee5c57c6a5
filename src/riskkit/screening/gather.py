"""Gathering a query's candidate names and their sums from the postings, keeping only the names
that may be among the best estimates.

A name's sum is what the query's hit words it has contribute; its estimate is that sum over
(query weight + name weight), and ``candidates._rank`` keeps the best ``CANDIDATES`` estimates
at or above the floor, each costing a look-up in a million-slot array of name weights. A query
with a common word (or a common word's typo neighbour) reads postings of 2,000 names or more,
and most of those names share only that word. Two exact bounds keep them out of the ranking:
a name whose only hit is a weak word (a contribution below a level set by the floor) is below
the floor, and of the names whose only hit is one strong word only the lightest ``best`` can
be among the best (read from the index's lightest-first lists, ``riskkit.screening.lightest``).
Every sum is the one the plain gathering computes (the same function, the same floats), so the
ranking is the same.
"""

from __future__ import annotations

from itertools import repeat
from operator import add

from riskkit.screening.index import ScreeningIndex

LEFT_OUT_BUDGET = 20_000
"""Postings of left-out words read per query to make candidates' estimates exact."""
MARGIN = 1e-9
"""Relative slack on a pruning comparison: a word is weak only when its contribution is below
the level by more than any rounding of the sums and weights could move either."""
PRUNE_FROM = 0
"""Weak words' postings (names) from which the names are pruned when no strong word has a
lightest-first list: 0, always (the pruning reads each posting once, as the plain gathering
does, and then ranks fewer names); None in a call: never (for tests)."""

FEW_NAMES = 8
"""Postings of up to this many names are added to the sums name by name: below it, a loop costs
less than the set operations."""

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
    best: int = 30,
) -> tuple[dict[int, float], list[float]]:
    """Per candidate name the sum of the contributions of its words read, and per query word
    the most its words left unread could add.

    Names that provably cannot be among the ``best`` estimates at or above ``floor`` are
    left out when no word is left unread (``left_out`` all zero), and either the weak words'
    postings hold ``prune_from`` names or more or a strong word has a lightest-first list
    (``prune_from`` None: never); every name kept has the same sum as without it.

    Weak words. A name's estimate is S / (Q + W): S the sum of the contributions c_h of the
    distinct hit words h it has (read or ``within``), Q the query weight, W the name weight,
    the sum of the idf of all its words (each positive), so W >= D, the summed idf_h of its
    hit words, and D >= S / r with r the ``steepest`` c_h / idf_h of the words read. So the
    estimate is at most r * S / (r * Q + S), which grows with S and is below the floor f
    when S < f * r * Q / (r - f) (r > f). A word whose contribution is below that level is
    weak: a name whose only hit is a weak word has S = c_h and is below the floor, so it is
    never ranked (``_rank`` keeps estimates at or above the floor). A name in the postings
    of two hit words is kept.

    Strong words with long postings: see ``single_hit_names``. The names kept are found
    after ``_sums`` has gathered every name read (one pass over each posting, in C loops):
    what is saved is ranking the others.
    """
    reads, within, left_out = _plan(ix, query_length, generators, floor, weight_q, contribution)
    if prune_from is not None and reads and not any(left_out):
        level = _weak_level(ix, reads + within, contribution, floor, weight_q)
        offsets = ix.posting_offsets
        lightest = ix.lightest_offsets
        weak = [h for h in reads if contribution[h] < level]
        strong = [h for h in reads if contribution[h] >= level]
        long = {h for h in strong if lightest[h + 1] > lightest[h]}
        if long or sum([offsets[h + 1] - offsets[h] for h in weak]) >= prune_from:
            gathered = _may_reach(ix, reads, within, strong, long, contribution, weight_q, best)
            return gathered, left_out
    return _sums(ix, reads, within, contribution), left_out


def _weak_level(
    ix: ScreeningIndex,
    hits: list[int],
    contribution: dict[int, float],
    floor: float,
    weight_q: float,
) -> float:
    """The contribution below which a read word is weak (0.0: none is)."""
    ratio = steepest(ix, hits, contribution)
    if ratio > floor * (1.0 + MARGIN):
        return floor * ratio * weight_q / (ratio - floor) * (1.0 - MARGIN)
    return 0.0


def steepest(ix: ScreeningIndex, hits: list[int], contribution: dict[int, float]) -> float:
    """The highest contribution per unit of listed weight (c_h / idf_h) among ``hits``: a name
    whose hits are among them has a sum at most this times their summed idf."""
    idf = ix.idf
    return max([contribution[h] / idf[h] for h in hits], default=0.0)


def _may_reach(
    ix: ScreeningIndex,
    reads: list[int],
    within: list[int],
    strong: list[int],
    long: set[int],
    contribution: dict[int, float],
    weight_q: float,
    best: int,
) -> dict[int, float]:
    """The names that may be among the best, with their sums (those ``_sums`` gives): the
    names read with two or more hit words, and the others of each ``strong`` word (of a
    ``long`` one, those ``single_hit_names`` gives), whose sum is that word's contribution."""
    offsets = ix.posting_offsets
    posting_names = ix.posting_names
    twice: set[int] = set()
    sums = _sums(ix, reads, within, contribution, twice)
    gathered: dict[int, float] = {}
    for h in strong:
        value = contribution[h]
        if h in long:
            single = single_hit_names(ix, h, twice, value, weight_q, best)
            if single is not None:
                gathered.update(dict.fromkeys(single, value))
                continue
        # The names of ``twice`` among them are given their whole sums below.
        gathered.update(dict.fromkeys(posting_names[offsets[h] : offsets[h + 1]], value))
    gathered.update(zip(twice, map(sums.__getitem__, twice), strict=True))
    return gathered


def single_hit_names(
    ix: ScreeningIndex,
    hit: int,
    twice: set[int],
    value: float,
    weight_q: float,
    best: int,
) -> list[int] | None:
    """The names of ``hit`` (a word read) outside ``twice`` that may be among the ``best``
    estimates; None when its lightest-first list runs out before that is known.

    Why the others cannot. A name of ``hit`` outside ``twice`` (the names in two or more hit
    words' postings) has no other hit word, so its sum is exactly ``value`` (0.0 + c is c)
    and its estimate is value / (W + Q), the very float ``_rank`` computes. The lightest-first
    list is in ascending W: W + Q does not fall along it (rounding is monotonic), so neither
    does the estimate. Take names in list order until ``best`` are taken; call the last
    one's estimate e. Every later name with an estimate equal to e is taken too (its id may
    rank it above one taken: ``_rank`` orders equal estimates by id); the first name below e
    ends it. Every name not taken is below e, so ``best`` names gathered with exact sums rank
    above it, and it cannot be among the best (nor are the ones ranking above it dropped by
    the floor: they are higher). When the list is the whole posting, running out is the end
    of the names.
    """
    start = ix.lightest_offsets[hit]
    end = ix.lightest_offsets[hit + 1]
    complete = end - start == ix.posting_offsets[hit + 1] - ix.posting_offsets[hit]
    name_weight = ix.name_weight
    taken: list[int] = []
    last = -1.0
    """The ``best``-th estimate taken; -1.0 until then (estimates are not negative)."""
    for name_id in ix.lightest_names[start:end]:
        if name_id in twice:
            continue
        if last < 0.0:
            taken.append(name_id)
            if len(taken) >= best:
                last = value / (name_weight[name_id] + weight_q)
            continue
        if value / (name_weight[name_id] + weight_q) < last:
            return taken
        taken.append(name_id)
    return taken if complete else None


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
    ix: ScreeningIndex,
    reads: list[int],
    within: list[int],
    contribution: dict[int, float],
    twice: set[int] | None = None,
) -> dict[int, float]:
    """Every name in the postings of ``reads`` with its sum over ``reads`` and ``within``;
    the names given two contributions or more are put in ``twice`` (when given)."""
    offsets = ix.posting_offsets
    posting_names = ix.posting_names
    gathered: dict[int, float] = {}
    for hit in reads:
        # gathered[name] += contribution for every name with the word, in C loops (a
        # word's postings hold each name once).
        start = offsets[hit]
        value = contribution[hit]
        if offsets[hit + 1] - start <= FEW_NAMES and gathered:
            # A few names (a rare typo neighbour, often): no set operations.
            for name_id in posting_names[start : offsets[hit + 1]]:
                total = gathered.get(name_id)
                if total is None:
                    gathered[name_id] = value
                else:
                    gathered[name_id] = total + value
                    if twice is not None:
                        twice.add(name_id)
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
            if twice is not None:
                twice.update(having)
            added = list(map(add, map(gathered.__getitem__, having), repeat(value)))
            gathered.update(dict.fromkeys(named, value))
            gathered.update(zip(having, added, strict=True))
        else:
            gathered.update(dict.fromkeys(named, value))
    for hit in within:
        if offsets[hit + 1] - offsets[hit] <= FEW_NAMES:
            value = contribution[hit]
            for name_id in posting_names[offsets[hit] : offsets[hit + 1]]:
                total = gathered.get(name_id)
                if total is not None:
                    gathered[name_id] = total + value
                    if twice is not None:
                        twice.add(name_id)
            continue
        having = gathered.keys() & posting_names[offsets[hit] : offsets[hit + 1]]
        if having:
            if twice is not None:
                twice.update(having)
            value = contribution[hit]
            gathered.update(
                zip(having, map(add, map(gathered.__getitem__, having), repeat(value)), strict=True)
            )
    return gathered
