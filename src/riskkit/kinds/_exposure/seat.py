"""A law that counts only as a foreign state's (``foreign_only``), for a buyer whose seat is not
given: whether it is foreign to the buyer is unknown, so what it finds is an unknown."""

from __future__ import annotations

from riskkit.kinds.interface import Hit


def seat_unknown(hit: Hit) -> Hit:
    """``hit`` as an unknown: it holds if the buyer sits outside the law's state."""
    return hit._replace(
        outcome="unknown",
        binding=False,
        likelihood=3,
        explanation=hit.explanation
        + " Whether this is a foreign state's law to the buyer is unknown: where the buyer is "
        "seated is not given.",
    )
