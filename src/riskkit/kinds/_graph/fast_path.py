"""The chain-free fast path: which listed ids a node reaches, without the chains that show how.

Most rules list nothing a deal reaches; telling them so needs only the ids, and the chains
(``reach``) are built for the few nodes behind a finding. Under the control rules the two must
agree exactly, id for id; under the "majority owned" rule, where whether a node is owned half
or more in the aggregate depends on the whole listing, the fast path gives every id that may
count (each entity up the holdings of known share) and ``reach`` decides for the rule's listing.
``tests/kinds/test_entity_graph_reach_ids.py`` checks both.
"""

from __future__ import annotations

from riskkit.kinds._graph.edges import AffiliateRule, Holding, Node, identity, same_ids
from riskkit.kinds._graph.ownership import ownership
from riskkit.kinds._shared.screened import is_list_key
from riskkit.kinds.context import Context, Slot

_REACH_IDS: Slot[tuple[Node, AffiliateRule, float], frozenset[str]] = Slot(
    "graph.reach_ids", per_day=True
)
_HOLDINGS: Slot[tuple[Node, float], tuple[Holding, ...]] = Slot("graph.holdings", per_day=True)


def reach_ids(ctx: Context, start: Node, rule: AffiliateRule, threshold: float) -> frozenset[str]:
    """The listed ids ``reach.reach_any`` finds for ``start``, without building the chains;
    under the "majority owned" rule, every id that may count toward an aggregate.

    What a curated entity reaches follows from the loaded data alone and is kept there
    (``Ownership``); a party's answer is put together from its identities, the deal's own
    holdings and that.
    """
    if rule == "named_only":  # the same under every rule and on every day
        return same_ids(ctx, start)
    kind, ident = start
    if kind == "entity":
        if is_list_key(ident):  # a list entry holds nothing and is held by nothing
            return frozenset((ident,))
        return ownership(ctx, threshold).reach_ids(ident, rule)
    key = (start, rule, threshold)
    cached = _REACH_IDS.get(ctx, key)
    if cached is not None:
        return cached
    ids = set(same_ids(ctx, start))
    held = holdings(ctx, start, threshold)
    if not held:
        pass  # no owner in the deal and no identity: the party reaches what it is
    elif len(held) == 1 and held[0].identity:
        # No owner in the deal and one identity (the common case): the party reaches what it
        # is and what that entity reaches, known from the loaded data. (A second identity
        # would shut the first out of the walk, so that case takes the walk.)
        entity_id = held[0].owner[1]
        if not is_list_key(entity_id):  # a list entry holds nothing and is held by nothing
            ids.update(ownership(ctx, threshold).reach_ids(entity_id, rule))
    elif rule == "subsidiaries_and_affiliates":
        _add_affiliates(ctx, start, threshold, ids)
    elif rule == "majority_owned":
        _add_holders(ctx, start, threshold, ids)
    return _REACH_IDS.put(ctx, key, frozenset(ids))


def _add_affiliates(ctx: Context, start: Node, threshold: float, ids: set[str]) -> None:
    """Add to ``ids`` the controlling ancestors of party ``start`` (not the party itself nor
    what it is), and whatever each of them controls.

    Parties control parties only by the deal's own holdings, whose identities lead to curated
    entities, whose controlling ancestors are known.
    """
    owned = ownership(ctx, threshold)
    own_ids: set[str] = set()
    reached: set[str] = set()
    seen = {start}
    stack = [start]
    while stack:
        node = stack.pop()
        for owner, _share, controls, _identity in holdings(ctx, node, threshold):
            if owner[0] == "entity":  # an identity, which controls
                (own_ids if node == start else reached).add(owner[1])
            elif controls and owner not in seen:
                seen.add(owner)
                stack.append(owner)
    for entity_id in (*own_ids, *reached):
        reached.update(owned.above(entity_id))
    reached -= own_ids
    for entity_id in reached:
        ids.add(entity_id)
        ids.update(owned.below(entity_id))


def _add_holders(ctx: Context, start: Node, threshold: float, ids: set[str]) -> None:
    """Add to ``ids`` every entity and list entry up the holdings of known share from party
    ``start``: the ids whose holdings may count toward what listed persons own of it."""
    owned = ownership(ctx, threshold)
    seen = {start}
    stack = [start]
    while stack:
        for owner, share, _controls, _identity in holdings(ctx, stack.pop(), threshold):
            if share is None or owner in seen:
                continue
            seen.add(owner)
            kind, ident = owner
            if kind == "party":
                stack.append(owner)
            elif is_list_key(ident):
                ids.add(ident)
            else:
                ids.update(owned.reach_ids(ident, "majority_owned"))


def holdings(ctx: Context, node: Node, threshold: float) -> tuple[Holding, ...]:
    """The holdings in ``node`` on the day, in ``edges.owner_edges`` order, without the
    evidence."""
    kind, ident = node
    if kind == "entity":
        return ownership(ctx, threshold).holdings.get(ident, ())
    key = (node, threshold)
    cached = _HOLDINGS.get(ctx, key)
    if cached is not None:
        return cached
    day = ctx.day
    found: list[Holding] = []
    owners = ctx.parties[ident].owners
    if owners:
        found.extend(
            Holding(("party", owner.party), owner.least_share, owner.controls(threshold), False)
            for owner in owners
            if owner.holds_on(day)
        )
    found.extend(Holding(owner, 1.0, True, True) for owner, _step in identity(ctx, node))
    return _HOLDINGS.put(ctx, key, tuple(found))


class DealHoldings:
    """``holdings`` at one threshold on the context's day, as ``aggregate.AggregateCount``
    asks for them. (A class, not a closure: the compiled build compiles no function inside a
    function.)"""

    __slots__ = ("ctx", "threshold")

    def __init__(self, ctx: Context, threshold: float) -> None:
        self.ctx = ctx
        self.threshold = threshold

    def __call__(self, node: Node) -> tuple[Holding, ...]:
        return holdings(self.ctx, node, self.threshold)
