"""A finding the input cannot decide: the hit a rule would give, turned into an unknown.

Where a rule would find something but a fact it binds by is missing (the buyer's kind or seat,
the purposes of a site), the finding is neither dropped nor claimed: it is reported as an
unknown, with what it would have said and why it cannot be decided.
"""

from __future__ import annotations

from collections.abc import Iterator

from riskkit.kinds.context import Context
from riskkit.kinds.interface import Hit


def unknown_because(hit: Hit, why: str) -> Hit:
    """``hit`` as an unknown, its explanation followed by ``why`` (a sentence)."""
    return hit._replace(
        outcome="unknown", binding=False, likelihood=3, explanation=f"{hit.explanation} {why}"
    )


_SEAT_UNKNOWN = (
    "Whether this is a foreign state's law to the buyer is unknown: where the buyer is seated "
    "is not given."
)


def seat_unknown(hit: Hit) -> Hit:
    """A finding of a law that counts only as a foreign state's, for a buyer whose seat is not
    given: it holds if the buyer sits outside the law's state, so it is an unknown."""
    return unknown_because(hit, _SEAT_UNKNOWN)


def as_foreign_law(
    ctx: Context, scope: tuple[str, ...], foreign_only: bool, hits: Iterator[Hit]
) -> Iterator[Hit]:
    """``hits`` of a law that counts only as a foreign state's (``foreign_only``): none for a
    buyer seated in its ``scope``, each an unknown for a buyer whose seat is not given."""
    if foreign_only:
        if ctx.buyer_within(scope):
            return iter(())
        if ctx.procurement.buyer.jurisdiction is None:
            return map(seat_unknown, hits)
    return hits
