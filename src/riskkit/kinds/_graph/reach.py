"""Which listed ids a node is, or is affiliated with under a list's own affiliate rule, with the
chain of steps that shows how: the reference walk, whose chains are a finding's evidence.

Many rules ask the same question of the same node on the same day, so every answer is kept for
the day. ``fast_path`` answers the same question without the chains, and must agree (under the
"majority owned" rule it gives the ids that may count, and this walk decides for a listing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from riskkit.kinds._graph.aggregate import AggregateCount, Blocked
from riskkit.kinds._graph.edges import (
    AffiliateRule,
    Link,
    Node,
    Step,
    every_listable,
    identity,
    owner_edges,
    same_links,
)
from riskkit.kinds._graph.fast_path import DealHoldings
from riskkit.kinds.context import Context, Slot

Rooted = tuple[Node, tuple[Step, ...]]
"""A node with the steps that lead to it from where a walk started."""


class Controlled(NamedTuple):
    """A listed id a node controls, and how."""

    listed_id: str
    rank: int
    """The node's place among the listed id's controlling ancestors (nearest first)."""
    steps: tuple[Step, ...]
    """The chain from the listed id up to the node."""


class _Affiliation(NamedTuple):
    """A common controlling ancestor through which the subject is an affiliate of a listed id."""

    their_rank: int
    """The ancestor's place among the listed id's controlling ancestors (nearer wins first)."""
    our_rank: int
    """Its place among the subject's (nearer wins next)."""
    our_steps: tuple[Step, ...]
    their_steps: tuple[Step, ...]


_REACH: Slot[tuple[Node, frozenset[str], AffiliateRule, float], dict[str, Link]] = Slot(
    "graph.reach", per_day=True
)
_CONTROLLED_BY: Slot[tuple[Node, frozenset[str], float], tuple[Controlled, ...]] = Slot(
    "graph.controlled_by", per_day=True
)
_ANCESTORS: Slot[tuple[tuple[Rooted, ...], float], list[Rooted]] = Slot(
    "graph.ancestors", per_day=True
)
_COUNT: Slot[tuple[frozenset[str], float], AggregateCount] = Slot(
    "graph.aggregate_count", per_day=True
)


def reach(
    ctx: Context, start: Node, listed: frozenset[str], rule: AffiliateRule, threshold: float
) -> dict[str, Link]:
    """Listed entity ids that ``start`` is, or is affiliated with under ``rule``.

    Under the "majority owned" rule the answer depends on every id of ``listed`` (what they own
    adds up): pass the rule's own listing."""
    key = (start, listed, rule, threshold)
    cached = _REACH.get(ctx, key)
    if cached is None:
        cached = _REACH.put(ctx, key, reach_uncached(ctx, start, listed, rule, threshold))
    return cached


def reach_any(ctx: Context, start: Node, rule: AffiliateRule, threshold: float) -> dict[str, Link]:
    """What ``start`` reaches among every curated entity and screened list entry, under a
    control rule (``named_only`` or ``subsidiaries_and_affiliates``).

    Whether a node reaches one listed id under those does not depend on which other ids are
    listed, so one answer per node, affiliate rule and day serves every rule, which then keeps
    the ids it lists.
    """
    if rule == "majority_owned":
        raise ValueError("what is owned in the aggregate depends on the listing: use reach")
    return reach(ctx, start, every_listable(ctx), rule, threshold)


def reach_links(
    ctx: Context,
    start: Node,
    wanted: frozenset[str],
    listed: frozenset[str],
    rule: AffiliateRule,
    threshold: float,
) -> Mapping[str, Link]:
    """Links from ``start`` to the ``wanted`` ids of ``listed`` that it reaches (under a
    control rule, every one of them).

    A node is most often listed itself: then its identities answer, without walking the
    ownership graph for the chains of every affiliation.
    """
    same = same_links(ctx, start)
    if wanted <= same.keys():
        return same
    if rule == "majority_owned":
        return reach(ctx, start, listed, rule, threshold)
    return reach_any(ctx, start, rule, threshold)


def reach_uncached(
    ctx: Context, start: Node, listed: frozenset[str], rule: AffiliateRule, threshold: float
) -> dict[str, Link]:
    """``reach`` worked out."""
    found: dict[str, Link] = {}
    # The node itself and its identities are always checked.
    same: list[Rooted] = [(start, ())]
    same.extend((n, (s,)) for n, s in identity(ctx, start))
    for node, steps in same:
        if node[0] == "entity" and node[1] in listed:
            found.setdefault(node[1], Link(steps, "is"))
    if rule == "named_only":
        return found
    if rule == "subsidiaries_and_affiliates":
        ancestors = controlling_ancestors(ctx, same, threshold)
        for node, steps in ancestors:
            if node[0] == "entity" and node[1] in listed:
                found.setdefault(node[1], Link(steps, "is controlled by"))
        # Affiliates under common control: a listed entity controlled by one of our ancestors.
        # For each listed id the nearest common ancestor on its side wins, then on ours.
        best: dict[str, _Affiliation] = {}
        for j, (ancestor, our_steps) in enumerate(ancestors):
            for listed_id, i, steps in controlled_by(ctx, ancestor, listed, threshold):
                if listed_id in found:
                    continue
                known = best.get(listed_id)
                if known is None or (i, j) < (known.their_rank, known.our_rank):
                    best[listed_id] = _Affiliation(i, j, our_steps, steps)
        for listed_id in sorted(best):
            via = best[listed_id]
            found[listed_id] = Link(
                (*via.our_steps, *reverse(via.their_steps)), "is an affiliate of"
            )
        return found
    # majority_owned: owned half or more in the aggregate by the listed persons together.
    count = aggregate_count(ctx, listed, threshold)
    blocked = count.of(start)
    if blocked is not None:
        link = Link(blocked_steps(ctx, start, count, threshold), _owned_by(blocked, found))
        for listed_id in sorted(blocked.ids):
            found.setdefault(listed_id, link)
    return found


def aggregate_count(ctx: Context, listed: frozenset[str], threshold: float) -> AggregateCount:
    """The count of what ``listed`` owns in the aggregate on the day, kept for the day."""
    key = (listed, threshold)
    found = _COUNT.get(ctx, key)
    if found is None:
        found = _COUNT.put(ctx, key, AggregateCount(DealHoldings(ctx, threshold), _In(listed)))
    return found


class _In:
    """The listed id a node is, among ``listed`` (a class, not a closure: the compiled build
    compiles no function inside a function)."""

    __slots__ = ("listed",)

    def __init__(self, listed: frozenset[str]) -> None:
        self.listed = listed

    def __call__(self, node: Node) -> str | None:
        kind, ident = node
        return ident if kind == "entity" and ident in self.listed else None


def blocked_steps(
    ctx: Context, start: Node, count: AggregateCount, threshold: float
) -> tuple[Step, ...]:
    """The holdings that make ``start`` blocked, nearest first: each holding of a known share
    (or identity) by a blocked owner, up to the listed persons."""
    steps: list[Step] = []
    seen = {start}
    queue = [start]
    for node in queue:  # grows as blocked owners are found: breadth first
        for owner, step, _controls in owner_edges(ctx, node, threshold):
            if step.share is None or count.of(owner) is None:
                continue
            steps.append(step)
            if owner not in seen and count.listed_id(owner) is None:
                seen.add(owner)
                queue.append(owner)
    return tuple(steps)


def _owned_by(blocked: Blocked, same: dict[str, Link]) -> str:
    """How a node listed persons own half or more of in the aggregate relates to each of them."""
    shown = f"{blocked.share * 100:.2f} %"
    if len(blocked.ids.difference(same)) <= 1:
        return f"is {shown} owned in aggregate by"
    return (
        f"is {shown} owned in aggregate by listed persons (their holdings added up, as "
        "OFAC's 50 % rule counts them), among them"
    )


def controlled_by(
    ctx: Context, node: Node, listed: frozenset[str], threshold: float
) -> tuple[Controlled, ...]:
    """The listed ids ``node`` controls, in id order.

    Only curated entities control curated entities, and only the few ids found below
    ``node`` by following control downwards have their ancestors enumerated.
    """
    if node[0] != "entity":
        return ()
    key = (node, listed, threshold)
    cached = _CONTROLLED_BY.get(ctx, key)
    if cached is None:
        found = []
        for listed_id in sorted(listed.intersection(controlled_below(ctx, node[1], threshold))):
            ancestors = controlling_ancestors(ctx, [(("entity", listed_id), ())], threshold)
            for i, (ancestor, steps) in enumerate(ancestors):
                if ancestor == node:
                    found.append(Controlled(listed_id, i, steps))
                    break
        cached = _CONTROLLED_BY.put(ctx, key, tuple(found))
    return cached


def controlled_below(ctx: Context, entity_id: str, threshold: float) -> frozenset[str]:
    """Curated entities that ``entity_id`` controls on the day, directly or down a chain."""
    return ctx.entities.controlled_below(entity_id, threshold, ctx.day)


def reverse(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    return tuple(reversed(steps))


def controlling_ancestors(ctx: Context, roots: list[Rooted], threshold: float) -> list[Rooted]:
    """Every node that controls one of ``roots`` on the day, directly or up a chain, each once
    with the steps from its root (which lead the way), in the order a depth-first walk finds
    them."""
    key = (tuple(roots), threshold)
    cached = _ANCESTORS.get(ctx, key)
    if cached is None:
        cached = _ANCESTORS.put(ctx, key, controlling_ancestors_uncached(ctx, roots, threshold))
    return cached


def controlling_ancestors_uncached(
    ctx: Context, roots: list[Rooted], threshold: float
) -> list[Rooted]:
    """``controlling_ancestors`` worked out."""
    seen = {node for node, _ in roots}
    out: list[Rooted] = []
    stack = list(roots)
    while stack:
        node, steps = stack.pop()
        for owner, step, controls in owner_edges(ctx, node, threshold):
            if controls and owner not in seen:
                seen.add(owner)
                out.append((owner, (*steps, step)))
                stack.append((owner, (*steps, step)))
    return out
