"""The deal's holdings that control a party or may, up its declared owners: what the rules that
ask "who may control this party" walk, each with the holdings on the way whose control is not
known (those leave the answer open)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from riskkit.kinds.context import Context

OpenHolding = tuple[str, int]
"""A holding whose control is not known: the party held and the owner's place among its
owners (``parties[<held>].owners[<index>]``)."""


class Held(NamedTuple):
    """A holding on the day that controls the party it is in, or may."""

    owned: str
    """The party held."""
    position: int
    """The holding's place among that party's owners."""
    owner: str
    """The party that holds it."""
    before: tuple[OpenHolding, ...]
    """The holdings whose control is not known on the way from the start up to ``owned``."""
    path: tuple[OpenHolding, ...]
    """``before``, and this holding when its control is not known."""


def may_control(ctx: Context, party_id: str, threshold: float) -> Iterator[Held]:
    """Each holding that controls, or may control (neither stated nor told by its share), up
    the declared holdings from ``party_id`` on the day: each owner once, through the first such
    holding found, depth first (the order ``Context.controllers`` finds those that control).
    Owners always resolve: the model checks every reference."""
    seen = {party_id}
    stack: list[tuple[str, tuple[OpenHolding, ...]]] = [(party_id, ())]
    while stack:
        owned, before = stack.pop()
        for i, owner in enumerate(ctx.parties[owned].owners):
            decided = owner.decides(threshold)
            if decided is False or not owner.holds_on(ctx.day) or owner.party in seen:
                continue
            seen.add(owner.party)
            path = before if decided else (*before, (owned, i))
            yield Held(owned, i, owner.party, before, path)
            stack.append((owner.party, path))
