"""Who is owned 50 % or more in the aggregate by listed persons, as OFAC's 50 % rule counts it.

OFAC's Revised Guidance on Entities Owned by Persons Whose Property and Interests in Property
Are Blocked (2014-08-13) blocks an entity "owned in the aggregate, directly or indirectly, 50
percent or more by one or more blocked persons", and FAQ 401 (https://ofac.treasury.gov/faqs/401)
says what "indirectly" means: through entities that are themselves so owned. So the holdings of
different listed persons add up, a blocked owner's holding counts whole (FAQ 401, example 1: X
owns 50 % of A, A owns 50 % of B: B is blocked), and a holding by an owner that is not blocked
counts nothing, whoever stands behind it. BIS's Affiliates Rule (2025-09-29) uses the same words.

Whether a node is blocked depends on the whole listing, not on one listed id at a time, so a
count is made for one listing and one reading of the holdings (:class:`AggregateCount`). It is
the least fixed point of "blocked when listed, when it is a blocked entity, or when its blocked
owners hold half or more of it": blocked status spreads down from the listed nodes, holding by
holding, so each holding is followed once whatever the shape of the graph (diamonds, long
chains, holdings that run in a circle), and a circle of owners blocks no one by itself.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from math import fsum
from typing import NamedTuple

from riskkit.kinds._graph.edges import Holding, HoldingsOf, Node

HALF = 0.5 - 1e-9
"""Half, with a tolerance for shares that add up to it in floating point."""


class Blocked(NamedTuple):
    """A node listed persons own half or more of, as OFAC counts it."""

    share: float
    """The share of it held by listed or blocked owners (1.0 when it is listed, or is an entity
    that is); at most 1.0."""
    ids: frozenset[str]
    """The listed ids behind that, whether they are needed to reach half or not."""


class _Tally:
    """What the count knows of one node while it spreads."""

    __slots__ = ("blocked", "counted", "ids", "owned", "same")

    def __init__(self) -> None:
        self.owned: list[float] = []
        """The shares held by blocked owners (added up exactly, so in any order alike)."""
        self.same = 0.0
        """The largest share of what the node *is* (an identity) that is blocked: the same
        holdings may be written both in the procurement and in curated data, so the two are
        not added up."""
        self.ids: frozenset[str] = frozenset()
        self.counted: set[int] = set()
        """The holdings (``_Held.number``) in ``owned`` already."""
        self.blocked = False

    def share(self) -> float:
        return min(max(fsum(self.owned), self.same), 1.0)


class _Held(NamedTuple):
    """A holding seen from its owner: the node held, the share, and whether it is an identity
    (the held node *is* the owner)."""

    held: Node
    share: float
    identity: bool
    number: int
    """Which holding of the count this is (an owner may hold a node twice: two classes of
    shares)."""


class AggregateCount:
    """Which nodes are blocked under one listing, for one reading of the holdings.

    ``holdings_of`` gives the holdings in a node (the least known share of each, or the most a
    holding may be, for the question "may it be blocked"); ``listed_id`` gives the listed id a
    node is, or None. Answers are kept: a node's answer depends only on what holds it, up the
    graph, so once worked out it stays right for every later question.
    """

    __slots__ = ("_done", "_holdings_of", "_listed_id")

    def __init__(self, holdings_of: HoldingsOf, listed_id: Callable[[Node], str | None]) -> None:
        self._holdings_of = holdings_of
        self._listed_id = listed_id
        self._done: dict[Node, Blocked | None] = {}

    def of(self, start: Node) -> Blocked | None:
        """Whether listed persons own half or more of ``start`` in the aggregate; None when not."""
        if start in self._done:
            return self._done[start]
        above = self._above(start)
        tallies = {node: _Tally() for node in above}
        spread: deque[tuple[Node, Blocked]] = deque()
        answered: dict[Node, Blocked] = {}
        for node, holdings in above.items():
            listed_id = self._listed_id(node)
            if listed_id is not None:
                tally = tallies[node]
                tally.blocked, tally.same, tally.ids = True, 1.0, frozenset((listed_id,))
                spread.append((node, Blocked(1.0, tally.ids)))
            for owner, _share, _controls, _identity in holdings:
                found = self._done.get(owner)  # an owner answered by an earlier question
                if found is not None:
                    answered[owner] = found
        spread.extend(answered.items())
        held_by = _held_by(above)
        while spread:
            owner, blocked = spread.popleft()
            for held, share, identity, number in held_by.get(owner, ()):
                tally = tallies[held]
                before = (tally.share(), tally.ids)
                if identity:  # what the owner is, the held node is
                    tally.same = max(tally.same, blocked.share)
                elif number not in tally.counted:
                    tally.counted.add(number)
                    tally.owned.append(share)
                tally.ids |= blocked.ids
                share_now = tally.share()
                if share_now >= HALF and (not tally.blocked or (share_now, tally.ids) != before):
                    tally.blocked = True
                    spread.append((held, Blocked(share_now, tally.ids)))
        for node, tally in tallies.items():
            self._done[node] = Blocked(tally.share(), tally.ids) if tally.blocked else None
        return self._done[start]

    def listed_id(self, node: Node) -> str | None:
        """The listed id ``node`` is, or None."""
        return self._listed_id(node)

    def _above(self, start: Node) -> dict[Node, tuple[Holding, ...]]:
        """``start`` and every node up its holdings not answered yet, with their holdings that
        may count (those of a known share; an identity's is 1)."""
        above = {start: self._counting(start)}
        queue = [start]
        for node in queue:  # grows as owners are found: breadth first
            for owner, _share, _controls, _identity in above[node]:
                if owner not in above and owner not in self._done:
                    above[owner] = self._counting(owner)
                    queue.append(owner)
        return above

    def _counting(self, node: Node) -> tuple[Holding, ...]:
        return tuple(h for h in self._holdings_of(node) if h.share is not None)


def _held_by(
    above: dict[Node, tuple[Holding, ...]],
) -> dict[Node, list[_Held]]:
    """The holdings of ``above`` turned round: for each owner, what it holds and how much."""
    held_by: dict[Node, list[_Held]] = {}
    number = 0
    for node, holdings in above.items():
        for owner, share, _controls, identity in holdings:
            held_by.setdefault(owner, []).append(_Held(node, share or 0.0, identity, number))
            number += 1
    return held_by
