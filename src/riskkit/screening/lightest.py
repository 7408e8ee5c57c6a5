"""Each long posting's lightest names first: what lets a query read 30 names of a common word
instead of thousands.

A name that shares only one word h with a query has the sum c_h (that word's contribution), so
its estimate is c_h / (name weight + query weight): among such names of one word, the lighter
the name, the higher the estimate. The build keeps, for every word in ``LIGHTEST_FROM`` strong
names or more, its first ``LIGHTEST_KEPT`` names in (name weight, name id) order, beside the
postings (which stay in name id order: the gathering looks names up in them by bisection).
``gather`` reads a common word's names from this list, lightest first, and stops once the best
candidates can no longer come from it (the argument is in ``gather.single_hit_names``).
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Sequence

LIGHTEST_FROM = 64
"""Words in this many strong names or more get a lightest-first list (shorter postings are
read whole: a list would save little)."""
LIGHTEST_KEPT = 256
"""Names kept per list. A query needs the first 30 names that share no other hit word with
it (and any tied with the 30th); when the list runs out first, the word is read whole."""


def lightest_first(
    posting_offsets: Sequence[int],
    posting_names: Sequence[int],
    name_weight: Sequence[float],
    *,
    from_names: int = LIGHTEST_FROM,
    kept: int = LIGHTEST_KEPT,
) -> tuple[array[int], array[int]]:
    """(offsets, names): token t's lightest names are ``names[offsets[t]:offsets[t + 1]]``, in
    ascending (name weight, name id) order, at most ``kept`` of them; empty for a token in
    fewer than ``from_names`` strong names."""
    offsets = array("L", [0])
    names = array("L")
    weight_of = name_weight.__getitem__
    for token_id in range(len(posting_offsets) - 1):
        start = posting_offsets[token_id]
        end = posting_offsets[token_id + 1]
        if end - start >= from_names:
            # Postings are in ascending id order and nsmallest is stable: equal weights stay
            # in id order.
            names.extend(heapq.nsmallest(kept, posting_names[start:end], key=weight_of))
        offsets.append(len(names))
    return offsets, names
