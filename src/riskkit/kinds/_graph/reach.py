"""Which listed ids a node is, or is affiliated with under a list's own affiliate rule, with the
chain of steps that shows how: the reference walk, whose chains are a finding's evidence.

Many rules ask the same question of the same node on the same day, so every answer is kept for
the day. ``fast_path`` answers the same question without the chains, and must agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

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
from riskkit.kinds._graph.shares import (
    PATH_BUDGET,
    ShareEdge,
    ShareFlow,
    spend_path,
)
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


def reach(
    ctx: Context, start: Node, listed: frozenset[str], rule: AffiliateRule, threshold: float
) -> dict[str, Link]:
    """Listed entity ids that ``start`` is, or is affiliated with under ``rule``."""
    key = (start, listed, rule, threshold)
    cached = _REACH.get(ctx, key)
    if cached is None:
        cached = _REACH.put(ctx, key, reach_uncached(ctx, start, listed, rule, threshold))
    return cached


def reach_any(ctx: Context, start: Node, rule: AffiliateRule, threshold: float) -> dict[str, Link]:
    """What ``start`` reaches among every curated entity and screened list entry.

    Whether a node reaches one listed id does not depend on which other ids are listed, so
    one answer per node, affiliate rule and day serves every rule, which then keeps the ids
    it lists.
    """
    return reach(ctx, start, every_listable(ctx), rule, threshold)


def reach_links(
    ctx: Context, start: Node, wanted: frozenset[str], rule: AffiliateRule, threshold: float
) -> Mapping[str, Link]:
    """Links from ``start`` to at least the ``wanted`` ids (which it must reach).

    A node is most often listed itself: then its identities answer, without walking the
    ownership graph for the chains of every affiliation.
    """
    same = same_links(ctx, start)
    if wanted <= same.keys():
        return same
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
    # majority_owned: aggregate indirect share held by listed entities.
    totals = aggregate_listed_share(ctx, start, listed, threshold)
    for listed_id, (share, steps) in totals.items():
        if listed_id not in found and share >= 0.5 - 1e-9:
            # The same holding may be written both in the procurement and in curated data.
            shown = min(share, 1.0) * 100
            found[listed_id] = Link(steps, f"is {shown:.2f} % owned in aggregate by")
    return found


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


class _StepEdgesOf:
    """The holdings with a known share in a node, with their steps, as ``ShareFlow`` follows
    them. (A class, not a closure: the compiled build compiles no function inside a
    function.)"""

    __slots__ = ("ctx", "threshold")

    def __init__(self, ctx: Context, threshold: float) -> None:
        self.ctx = ctx
        self.threshold = threshold

    def __call__(self, node: Node) -> list[ShareEdge[Step]]:
        return [
            ShareEdge(edge.owner, edge.step.share, edge.step.identity, edge.step)
            for edge in owner_edges(self.ctx, node, self.threshold)
            if edge.step.share is not None
        ]


def aggregate_listed_share(
    ctx: Context, start: Node, listed: frozenset[str], threshold: float
) -> dict[str, tuple[float, tuple[Step, ...]]]:
    """Indirect share of ``start`` held by each listed entity (products of shares along
    every acyclic path), with the first path found as evidence."""
    flow = ShareFlow(start, _StepEdgesOf(ctx, threshold))
    if flow.order is not None:
        return {
            listed_id: (share, flow.path(listed_id))
            for listed_id, share in flow.totals(listed.__contains__).items()
        }
    totals: dict[str, tuple[float, tuple[Step, ...]]] = {}
    _walk_listed_share(ctx, start, listed, threshold, totals, [PATH_BUDGET])
    return totals


def _walk_listed_share(
    ctx: Context,
    start: Node,
    listed: frozenset[str],
    threshold: float,
    totals: dict[str, tuple[float, tuple[Step, ...]]],
    budget: list[int],
) -> None:
    """``aggregate_listed_share`` path by path, where holdings run in a circle, as
    ``shares.shares_held_path_by_path`` walks (with the steps of each path, for the evidence).

    A module function given everything it needs, not a closure over ``aggregate_listed_share``:
    the compiled build compiles no function inside a function. An explicit stack, not
    recursion: a path can be longer than Python's recursion limit.
    """
    on_path = {start}
    steps: list[Step] = []
    stack = [(start, 1.0, iter(owner_edges(ctx, start, threshold)))]
    while stack:
        node, share, pending = stack[-1]
        for owner, step, _controls in pending:
            if owner in on_path or step.share is None:
                continue
            spend_path(budget, start)
            held = share * step.share
            steps.append(step)
            # The subject's own identity is an "is" match, not a holding; an owner's identity
            # means the owner is the listed entity and holds what it holds.
            counts = not (step.identity and node == start)
            if owner[0] == "entity" and owner[1] in listed and counts:
                total, best = totals.get(owner[1], (0.0, tuple(steps)))
                totals[owner[1]] = (total + held, best)
            on_path.add(owner)
            stack.append((owner, held, iter(owner_edges(ctx, owner, threshold))))
            break
        else:
            stack.pop()
            on_path.discard(node)
            if steps:
                steps.pop()
