"""Parties the listing may cover through a holding whose control is not known: unknowns.

A deal's own holdings often say who owns a party but not how much (nine in ten ownership
register entries do), or give a band ("25 % to 50 %") with one end on each side of the rule's
threshold. The graph walks follow only holdings known to control; this module finds the deal's
parties that would reach a listed id if such an open holding did control (or, under the
"majority owned" rule, if every open share were as large as it may be), so the rule reports an
unknown for them, never a pass. Only the deal's own holdings are open here: curated holdings of
unknown share keep counting as they always have (they are reviewed data).

The answer depends on the day, the affiliate rule and the threshold, not on the rule's listing,
so it is worked out once per day for all of them and each rule keeps the ids it lists.
"""

from __future__ import annotations

from riskkit.kinds._graph import AffiliateRule, Node, reach_ids
from riskkit.kinds._graph.edges import identity
from riskkit.kinds._graph.fast_path import aggregate_shares
from riskkit.kinds._graph.ownership import ownership
from riskkit.kinds._graph.shares import Holding, shares_held
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence, Hit
from riskkit.kinds.listed_entity._deal import Deal
from riskkit.kinds.listed_entity._listing import Listing
from riskkit.kinds.listed_entity._run import Run, unknown_hit
from riskkit.model import Ownership, Party

Open = dict[str, dict[str, tuple[Evidence, ...]]]
"""For each party id, the listed ids it may reach through an open holding, with the holdings
that leave it open."""

_OPEN: Slot[tuple[AffiliateRule, float], Open] = Slot("listed_entity.open", per_day=True)

_EXCLUSIVE_MARGIN = 1e-6
"""How far under its maximum an exclusive band's largest share is taken to be, when shares are
added up (the walks compare sums with a tolerance of 1e-9)."""


def open_reach(ctx: Context, mode: AffiliateRule, threshold: float, listing: Listing) -> Open:
    """The deal's parties that may reach an id of ``listing`` through an open holding, and do
    not reach it for certain."""
    found: Open = {}
    for party_id, reached in _open_all(ctx, mode, threshold).items():
        kept = {listed: why for listed, why in reached.items() if listed in listing.ids}
        if kept:
            found[party_id] = kept
    return found


def _open_all(ctx: Context, mode: AffiliateRule, threshold: float) -> Open:
    key = (mode, threshold)
    cached = _OPEN.get(ctx, key)
    if cached is not None:
        return cached
    found: Open = {}
    if mode != "named_only":
        parties = ctx.procurement.parties
        for position, node in Deal.of(ctx).parties:  # those with a part in the deal
            party = parties[position]
            if not party.owners:
                continue
            sure = reach_ids(ctx, node, mode, threshold)
            if mode == "majority_owned":
                maybe = _maybe_majority(ctx, party, threshold)
            else:
                maybe = _maybe_controlled(ctx, party, mode, threshold)
            maybe = {listed: why for listed, why in maybe.items() if listed not in sure}
            if maybe:
                found[party.id] = maybe
    return _OPEN.put(ctx, key, found)


_CONTROL_OPEN = "whether that gives control is unknown"
_SHARE_OPEN = "whether the holdings in it reach half is unknown"


def _open_evidence(
    ctx: Context, owned: str, owner_index: int, question: str = _CONTROL_OPEN
) -> Evidence:
    owner = ctx.parties[owned].owners[owner_index]
    return Evidence(
        f"parties[{owned}].owners[{owner_index}]",
        owner.party,
        f"owns {owner.bounds().said()} of {owned!r}; {question}",
    )


def _maybe_controlled(
    ctx: Context, party: Party, mode: AffiliateRule, threshold: float
) -> dict[str, tuple[Evidence, ...]]:
    """Up the deal's holdings that control or may control, from ``party``: what each owner
    reached through at least one open holding reaches."""
    found: dict[str, tuple[Evidence, ...]] = {}
    seen = {party.id}
    stack: list[tuple[str, tuple[Evidence, ...]]] = [(party.id, ())]
    while stack:
        owned, why = stack.pop()
        for i, owner in enumerate(ctx.parties[owned].owners):
            decided = owner.decides(threshold)
            if decided is False or not owner.holds_on(ctx.day) or owner.party in seen:
                continue
            seen.add(owner.party)
            chain = why if decided else (*why, _open_evidence(ctx, owned, i))
            if chain:
                for listed in sorted(reach_ids(ctx, ("party", owner.party), mode, threshold)):
                    found.setdefault(listed, chain)
            stack.append((owner.party, chain))
    return found


def _open_share(owner: Ownership) -> bool:
    """Whether the share of a holding is open: not known exactly. Stated control does not close
    it: a 50 % rule counts what is owned, not who controls (OFAC: control alone does not block),
    so a controller of unknown share may own half or more, and one stated not to control may
    still own it."""
    low, high, _exclusive = owner.bounds()
    return low is None or low != high


class _MostHoldings:
    """The holdings in a node with every open share of the deal as large as it may be (an
    unknown share as the whole), as ``shares_held`` asks for them. (A class, not a closure:
    the compiled build compiles no function inside a function.)"""

    __slots__ = ("ctx", "threshold")

    def __init__(self, ctx: Context, threshold: float) -> None:
        self.ctx = ctx
        self.threshold = threshold

    def __call__(self, node: Node) -> tuple[Holding, ...]:
        kind, ident = node
        if kind == "entity":
            return ownership(self.ctx, self.threshold).holdings.get(ident, ())
        found: list[Holding] = []
        for owner in self.ctx.parties[ident].owners:
            if owner.holds_on(self.ctx.day):
                low, high, exclusive = owner.bounds()
                if not _open_share(owner):
                    most = low
                elif high is None:
                    most = 1.0
                else:
                    most = high - (_EXCLUSIVE_MARGIN if exclusive else 0.0)
                found.append(Holding(("party", owner.party), most, False, False))
        found.extend(Holding(same, 1.0, True, True) for same, _step in identity(self.ctx, node))
        return tuple(found)


def _maybe_majority(
    ctx: Context, party: Party, threshold: float
) -> dict[str, tuple[Evidence, ...]]:
    """Listed ids whose aggregate share of ``party`` reaches half only when the open shares
    are taken as large as they may be: the least aggregate is below half, the most is not."""
    most = shares_held(("party", party.id), _MostHoldings(ctx, threshold))
    least = aggregate_shares(ctx, ("party", party.id), threshold)
    why = tuple(
        _open_evidence(ctx, party.id, i, _SHARE_OPEN)
        for i, owner in enumerate(party.owners)
        if owner.holds_on(ctx.day) and _open_share(owner)
    )
    return {
        listed: why
        for listed, share in most.items()
        if share >= 0.5 - 1e-9 and least.get(listed, 0.0) < 0.5 - 1e-9
    }


def open_hits(run: Run, opened: Open) -> list[Hit]:
    """Unknowns for the parties no finding covers that may reach the listing through an open
    holding."""
    hits: list[Hit] = []
    for party in run.ctx.procurement.parties:
        reached = opened.get(party.id)
        if reached is None or party.id in run.covered_parties:
            continue
        run.covered_parties.add(party.id)
        names = ", ".join(repr(listed) for listed in sorted(reached))
        evidence = tuple(dict.fromkeys(e for why in reached.values() for e in why))
        hits.append(
            unknown_hit(
                f"parties[{party.id}]",
                f"{party.name} may be covered by {run.params.list}: it is held by an owner "
                f"that is or is tied to {names}, with a share or control not known to be "
                "below the rule's threshold, so whether the rule applies is unknown.",
                evidence,
                frozenset((party.id,)),
            )
        )
    return hits
