"""Aggregate shares up the ownership graph: the share of a node each owner holds, summed over
every path.

Both walks that decide "majority owned" add shares here: ``reach`` with the steps of each path
for the evidence, ``fast_path`` with the bare holdings. They must add the same paths in the same
order, so both go through ``ShareFlow`` where the holdings form no circle, and path by path
(``shares_held_path_by_path``, ``reach``'s listed-share walk) where they do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, NamedTuple, TypeVar

from riskkit.errors import RiskkitError
from riskkit.kinds._graph.edges import Node

Payload = TypeVar("Payload")


class Holding(NamedTuple):
    """A holding in a node on the day, or the node's identity: an ``OwnerEdge`` without its
    evidence, for the walks that need only the ids."""

    owner: Node
    share: float | None
    """The share held (1.0 for an identity); None when not known."""
    controls: bool
    identity: bool
    """True for the link from a party to what it is (not a holding)."""


HoldingsOf = Callable[[Node], tuple[Holding, ...]]
"""The holdings in a node, as one walk sees them (the deal's or curated data's)."""


PATH_BUDGET = 200_000
"""Holdings followed, path by path, to add up shares where holdings run in a circle (only
curated data can: a procurement's own ownership must be a tree or a DAG). Past it the
number of paths is exploding, and the assessment stops with an error instead of running
for hours."""


def spend_path(budget: list[int], start: Node) -> None:
    """Count one holding followed against ``PATH_BUDGET``; stop the walk past it."""
    budget[0] -= 1
    if budget[0] < 0:
        raise RiskkitError(
            f"the ownership above {start[0]} {start[1]!r} runs in circles with more than "
            f"{PATH_BUDGET:,} paths to follow; aggregate shares cannot be worked out. Check "
            "the holdings of the entities it reaches for circular cross-holdings"
        )


class ShareEdge(NamedTuple, Generic[Payload]):
    """A holding with a known share, as ``ShareFlow`` follows it."""

    owner: Node
    share: float
    identity: bool
    payload: Payload
    """What the caller keeps of the holding (its ``Step``, or nothing)."""


class ShareFlow(Generic[Payload]):
    """Aggregate shares of ``start`` held up an acyclic ownership graph, in time linear in
    its holdings.

    The share a node holds, summed over every path, is the share flowing into it times its
    own holding, so each node is visited once, in an order that puts every node before its
    owners; following every path instead doubles the time with each layer of a diamond.
    A depth-first walk in holding order finds that order, and the first path to each owner
    in that walk, which is the first path the path-by-path walk would find. Where holdings
    run in a circle ``order`` is None and the caller walks path by path.
    """

    def __init__(
        self, start: Node, edges_of: Callable[[Node], Iterable[ShareEdge[Payload]]]
    ) -> None:
        self.start = start
        self.edges: dict[Node, tuple[ShareEdge[Payload], ...]] = {}
        self.parent: dict[Node, tuple[Node, Payload]] = {}
        """The node each node was first reached from, with the holding that reached it."""
        self.first: dict[str, tuple[Node, Payload]] = {}
        """For each entity held (not through the start's own identity), its first holding."""
        self.order: list[Node] | None = self._walk(edges_of)

    def _walk(self, edges_of: Callable[[Node], Iterable[ShareEdge[Payload]]]) -> list[Node] | None:
        start = self.start
        on_path = {start}
        done: list[Node] = []
        self.edges[start] = tuple(edges_of(start))
        stack: list[tuple[Node, Iterator[ShareEdge[Payload]]]] = [(start, iter(self.edges[start]))]
        while stack:
            node, pending = stack[-1]
            for edge in pending:
                owner = edge.owner
                if owner[0] == "entity" and not (edge.identity and node == start):
                    self.first.setdefault(owner[1], (node, edge.payload))
                if owner in on_path:
                    return None
                if owner not in self.edges:
                    self.parent[owner] = (node, edge.payload)
                    self.edges[owner] = tuple(edges_of(owner))
                    on_path.add(owner)
                    stack.append((owner, iter(self.edges[owner])))
                    break
            else:
                stack.pop()
                on_path.discard(node)
                done.append(node)
        done.reverse()
        return done

    def totals(self, wanted: Callable[[str], bool]) -> dict[str, float]:
        """The summed share of ``start`` held by each wanted entity, in the order first held."""
        assert self.order is not None
        start = self.start
        flow = {start: 1.0}
        held: dict[str, float] = {entity_id: 0.0 for entity_id in self.first if wanted(entity_id)}
        for node in self.order:
            share = flow[node]
            for edge in self.edges[node]:
                owner = edge.owner
                part = share * edge.share
                flow[owner] = flow.get(owner, 0.0) + part
                counts = owner[0] == "entity" and not (edge.identity and node == start)
                if counts and owner[1] in held:
                    held[owner[1]] += part
        return held

    def path(self, entity_id: str) -> tuple[Payload, ...]:
        """The holdings along the first path to ``entity_id``."""
        node, payload = self.first[entity_id]
        found = [payload]
        while node != self.start:
            node, payload = self.parent[node]
            found.append(payload)
        found.reverse()
        return tuple(found)


class _ShareEdgesOf:
    """The holdings with a known share in a node, as ``ShareFlow`` follows them. (A class, not
    a closure: the compiled build compiles no function inside a function.)"""

    __slots__ = ("holdings_of",)

    def __init__(self, holdings_of: HoldingsOf) -> None:
        self.holdings_of = holdings_of

    def __call__(self, node: Node) -> list[ShareEdge[None]]:
        return [
            ShareEdge(owner, share, is_identity, None)
            for owner, share, _controls, is_identity in self.holdings_of(node)
            if share is not None
        ]


def every_entity(_entity_id: str) -> bool:
    return True


def shares_held(start: Node, holdings_of: HoldingsOf) -> dict[str, float]:
    """The aggregate share of ``start`` each entity holds: products of shares along every
    acyclic path, summed, in the order ``reach.aggregate_listed_share`` finds them."""
    flow = ShareFlow(start, _ShareEdgesOf(holdings_of))
    if flow.order is not None:
        return flow.totals(every_entity)
    totals: dict[str, float] = {}
    shares_held_path_by_path(start, holdings_of, totals, [PATH_BUDGET])
    return totals


def shares_held_path_by_path(
    start: Node,
    holdings_of: HoldingsOf,
    totals: dict[str, float],
    budget: list[int],
) -> None:
    """``shares_held`` path by path, where holdings run in a circle: depth first in holding
    order, each path stopping where it would come round again. An explicit stack, not
    recursion: a path can be longer than Python's recursion limit."""
    on_path = {start}
    stack: list[tuple[Node, float, Iterator[Holding]]] = [(start, 1.0, iter(holdings_of(start)))]
    while stack:
        node, share, pending = stack[-1]
        for owner, owner_share, _controls, is_identity in pending:
            if owner_share is None or owner in on_path:
                continue
            spend_path(budget, start)
            held = share * owner_share
            if owner[0] == "entity" and not (is_identity and node == start):
                totals[owner[1]] = totals.get(owner[1], 0.0) + held
            on_path.add(owner)
            stack.append((owner, held, iter(holdings_of(owner))))
            break
        else:
            stack.pop()
            on_path.discard(node)
