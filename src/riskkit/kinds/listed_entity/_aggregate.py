"""OFAC's count of "50 percent or more in the aggregate", which the ownership walk misses.

OFAC's Revised Guidance on Entities Owned by Blocked Persons (2014-08-13) and its FAQ 401 block
an entity "owned in the aggregate, directly or indirectly, 50 percent or more by one or more
blocked persons", where "indirectly" means through entities that are themselves 50 percent or
more so owned: the holdings of different blocked persons add up, and a blocked intermediary's
holding counts whole (FAQ 401, example 1: X owns 50 % of A, A owns 50 % of B: B is blocked).
BIS's Affiliates Rule (2025-09-29) uses the same words.

The ``majority_owned`` walk (``kinds._graph.reach``) multiplies shares down each chain and
weighs each listed id alone, so it finds neither case. Until it counts as OFAC does, this module
counts as OFAC does, with the rule's own listing, and makes each deal party the walk leaves
uncovered but that count blocks an **unknown** ("may be covered"), never a pass. Only known
shares count here (a band's least); unknown shares stay the open-share logic's
(:mod:`._undecided`).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from riskkit.kinds._graph import Node
from riskkit.kinds._graph.fast_path import holdings
from riskkit.kinds._graph.shares import Holding
from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence
from riskkit.kinds.listed_entity._deal import Deal

_HALF = 0.5 - 1e-9
AGGREGATE = "counted as OFAC counts it: "
"""How the evidence of a holding this module counts begins."""

Counted = tuple[float, frozenset[str]]
"""The share of a node held by listed persons as OFAC counts it, and the listed ids behind it."""


def blocked_in_aggregate(
    ctx: Context, listed: frozenset[str], threshold: float
) -> dict[str, dict[str, tuple[Evidence, ...]]]:
    """The deal's parties that listed persons own 50 % or more of as OFAC counts it, each with
    the listed ids behind that and the holdings that make it up."""
    found: dict[str, dict[str, tuple[Evidence, ...]]] = {}
    if not listed:
        return found
    counter = _Counter(ctx, listed, threshold)
    parties = ctx.procurement.parties
    for position, _node in Deal.of(ctx).parties:
        party = parties[position]
        if not party.owners:
            continue
        share, ids = counter.count(("party", party.id))
        if share < _HALF or not ids:
            continue
        why: list[Evidence] = []
        for i, owner in enumerate(party.owners):
            held, behind = counter.count(("party", owner.party))
            if owner.holds_on(ctx.day) and held >= _HALF and behind:
                why.append(
                    Evidence(
                        f"parties[{party.id}].owners[{i}]",
                        owner.party,
                        f"{AGGREGATE}owns {owner.bounds().said()} of {party.id!r} and is "
                        f"listed or owned 50 % or more by listed persons "
                        f"({', '.join(sorted(behind))})",
                    )
                )
        if not why:  # what it is in curated data is so owned, not its owners in the deal
            why.append(
                Evidence(
                    f"parties[{party.id}]",
                    party.name,
                    f"{AGGREGATE}is an entity of riskkit's curated data that listed persons "
                    f"own 50 % or more of ({', '.join(sorted(ids))})",
                )
            )
        found[party.id] = dict.fromkeys(sorted(ids), tuple(why))
    return found


class _Counter:
    """Counts node by node, each once (a holding that comes round again counts nothing). An
    explicit stack, not recursion: a chain of owners can be longer than Python's recursion
    limit (the ``ownership_depth`` limit is 2,000)."""

    def __init__(self, ctx: Context, listed: frozenset[str], threshold: float) -> None:
        self.ctx = ctx
        self.listed = listed
        self.threshold = threshold
        self.counted: dict[Node, Counted] = {}

    def count(self, start: Node) -> Counted:
        """The share of ``start`` held by listed persons: 1 for a listed node (or one that is
        a listed entity), else the known shares of the owners that are listed or themselves so
        held at 50 % or more, added up; an identity's count when it is more. Every owner is
        counted before the node it holds (depth first, up the holdings)."""
        known = self._known(start, frozenset())
        if known is not None:
            return known
        on_path = {start}
        stack = [(start, iter(self._holdings(start)))]
        while stack:
            node, pending = stack[-1]
            for holding in pending:
                owner = holding.owner
                if self._known(owner, on_path) is None:
                    on_path.add(owner)
                    stack.append((owner, iter(self._holdings(owner))))
                    break
            else:
                stack.pop()
                on_path.discard(node)
                self.counted[node] = self._of(node, on_path)
        return self.counted[start]

    def _holdings(self, node: Node) -> tuple[Holding, ...]:
        return holdings(self.ctx, node, self.threshold)

    def _known(self, node: Node, on_path: AbstractSet[Node]) -> Counted | None:
        """The count of ``node`` when it needs no walk: listed, counted already, or on the
        path being walked (a holding that comes round again counts nothing)."""
        if node[0] == "entity" and node[1] in self.listed:
            return (1.0, frozenset((node[1],)))
        if node in on_path:
            return _NONE
        return self.counted.get(node)

    def _of(self, node: Node, on_path: AbstractSet[Node]) -> Counted:
        """The count of ``node`` from its owners' counts (each known by now)."""
        total, ids, best = 0.0, set[str](), _NONE
        for owner, share, _controls, is_identity in self._holdings(node):
            held = self._known(owner, on_path) or _NONE
            if is_identity:  # the node is that entity: its count is the node's too
                best = _larger(best, held)
            elif share is not None and held[0] >= _HALF:
                total += share
                ids |= held[1]
        return _larger((min(total, 1.0), frozenset(ids)), best)


_NONE: Counted = (0.0, frozenset())


def _larger(a: Counted, b: Counted) -> Counted:
    return b if b[0] > a[0] else a
