"""Parties the listing may cover through a holding whose control is not known: unknowns.

A deal's own holdings often say who owns a party but not how much (nine in ten ownership
register entries do), or give a band ("25 % to 50 %") with one end on each side of the rule's
threshold. The graph walks follow only holdings known to control; this module finds the deal's
parties that would reach a listed id if such an open holding did control (or, under the
"majority owned" rule, if every open share were as large as it may be), so the rule reports an
unknown for them, never a pass. Only the deal's own holdings are open here: curated holdings of
unknown share keep counting as they always have (they are reviewed data).

An owner whose identity is not known (``Party.undisclosed``: a register's anonymous or unknown
person) may be anyone, so a holding of it that may count makes the owned party an unknown for
every id the rule lists (:data:`ANYONE`): under a control rule, a holding that controls or may
control; under the "majority owned" rule, undisclosed holdings whose largest shares, added up
with what the listed persons may hold, may reach half (they may all be listed). A holding that
cannot count (a share or whole band under the threshold, control stated false under a control
rule) changes nothing.

Under the control rules the answer depends on the day, the affiliate rule and the threshold,
not on the rule's listing, so it is worked out once per day for all of them and each rule keeps
the ids it lists. Under the "majority owned" rule what the listed own adds up
(``_graph.aggregate``), so it is worked out for the rule's listing: a party is open when the
listed persons own half or more of it with every open share as large as it may be and every
owner who is not known counted as listed, and do not with the least shares.
"""

from __future__ import annotations

from riskkit.kinds._graph import AffiliateRule, Node, reach_ids
from riskkit.kinds._graph.aggregate import AggregateCount
from riskkit.kinds._graph.edges import Holding, identity
from riskkit.kinds._graph.holders import OpenHolding, may_control
from riskkit.kinds._graph.ownership import ownership
from riskkit.kinds._graph.reach import aggregate_count
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence, Hit
from riskkit.kinds.listed_entity._deal import Deal
from riskkit.kinds.listed_entity._listing import Listing
from riskkit.kinds.listed_entity._run import Run, unknown_hit
from riskkit.model import Ownership, Party

Open = dict[str, dict[str, tuple[Evidence, ...]]]
"""For each party id, the listed ids it may reach through an open holding, with the holdings
that leave it open; :data:`ANYONE` for every id the rule lists."""

ANYONE = ""
"""The key of ``Open`` for "any id the rule lists": an owner who is not known holds a share
that may count, and may be anyone (no listed id is empty)."""

_OPEN: Slot[tuple[AffiliateRule, float], Open] = Slot("listed_entity.open", per_day=True)

_EXCLUSIVE_MARGIN = 1e-6
"""How far under its maximum an exclusive band's largest share is taken to be, when shares are
added up (the walks compare sums with a tolerance of 1e-9)."""


def open_reach(
    ctx: Context, mode: AffiliateRule, threshold: float, listing: Listing, screening: bool
) -> Open:
    """The deal's parties that may reach an id of ``listing`` through an open holding, and do
    not reach it for certain. An owner who is not known may be any id the rule lists: any,
    when it lists some on the day or screens list files (``screening``: whose every entry it
    lists, not only those the procurement's names match)."""
    anyone_listed = screening or bool(listing.ids)
    if mode == "majority_owned":
        return _maybe_blocked(ctx, threshold, listing.ids) if anyone_listed else {}
    found: Open = {}
    for party_id, reached in _open_all(ctx, mode, threshold).items():
        kept = {listed: why for listed, why in reached.items() if listed in listing.ids}
        if anyone_listed and ANYONE in reached:
            kept[ANYONE] = reached[ANYONE]
        if kept:
            found[party_id] = kept
    return found


def _open_all(ctx: Context, mode: AffiliateRule, threshold: float) -> Open:
    """``open_reach`` under a control rule, for every id any rule may list."""
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
            maybe = _maybe_controlled(ctx, party, mode, threshold)
            maybe = {listed: why for listed, why in maybe.items() if listed not in sure}
            if maybe:
                found[party.id] = maybe
    return _OPEN.put(ctx, key, found)


_CONTROL_OPEN = "whether that gives control is unknown"
_SHARE_OPEN = "whether the holdings in it reach half is unknown"


def open_evidence(
    ctx: Context, owned: str, owner_index: int, question: str = _CONTROL_OPEN
) -> Evidence:
    owner = ctx.parties[owned].owners[owner_index]
    return Evidence(
        f"parties[{owned}].owners[{owner_index}]",
        owner.party,
        f"owns {owner.bounds().said()} of {owned!r}; {question}",
    )


_UNNAMED = "who holds "
"""How the evidence of a holding by an owner who is not known begins."""


def unnamed_evidence(ctx: Context, owned: str, owner_index: int) -> Evidence:
    """The holding of an owner who is not known: who holds that share is the open fact."""
    owner = ctx.parties[owned].owners[owner_index]
    party = ctx.parties[owner.party]
    source = owner.source or party.source or party.name
    return Evidence(
        f"parties[{owned}].owners[{owner_index}]",
        owner.party,
        f"{_UNNAMED}{owner.bounds().said()} of {owned!r} is not known ({source})",
    )


def _open_holdings(ctx: Context, party: Party) -> tuple[Evidence, ...]:
    """The holdings on the day up the deal's holdings from ``party`` whose share is open or
    whose owner is not known, nearest first."""
    found: list[Evidence] = []
    seen = {party.id}
    queue = [party.id]
    for owned in queue:  # grows as owners are found: breadth first
        for i, owner in enumerate(ctx.parties[owned].owners):
            if not owner.holds_on(ctx.day):
                continue
            if ctx.parties[owner.party].undisclosed:
                found.append(unnamed_evidence(ctx, owned, i))
            elif _open_share(owner):
                found.append(open_evidence(ctx, owned, i, _SHARE_OPEN))
            if owner.party not in seen:
                seen.add(owner.party)
                queue.append(owner.party)
    return tuple(found)


def _maybe_controlled(
    ctx: Context, party: Party, mode: AffiliateRule, threshold: float
) -> dict[str, tuple[Evidence, ...]]:
    """Up the deal's holdings that control or may control, from ``party``: what each owner
    reached through at least one open holding reaches."""
    found: dict[str, tuple[Evidence, ...]] = {}
    for held in may_control(ctx, party.id, threshold):
        if ctx.parties[held.owner].undisclosed:
            # It may be anyone: a listed id, or one that controls a listed id.
            why = open_chain(ctx, held.before)
            found.setdefault(ANYONE, (*why, unnamed_evidence(ctx, held.owned, held.position)))
        if held.path:
            chain = open_chain(ctx, held.path)
            for listed in sorted(reach_ids(ctx, ("party", held.owner), mode, threshold)):
                found.setdefault(listed, chain)
    return found


def open_chain(ctx: Context, holdings: tuple[OpenHolding, ...]) -> tuple[Evidence, ...]:
    """The evidence of holdings whose control is not known, in order."""
    return tuple(open_evidence(ctx, owned, index) for owned, index in holdings)


def _open_share(owner: Ownership) -> bool:
    """Whether the share of a holding is open: not known exactly. Stated control does not close
    it: a 50 % rule counts what is owned, not who controls (OFAC: control alone does not block),
    so a controller of unknown share may own half or more, and one stated not to control may
    still own it."""
    low, high, _exclusive = owner.bounds()
    return low is None or low != high


class _MostHoldings:
    """The holdings in a node with every open share of the deal as large as it may be (an
    unknown share as the whole), as ``AggregateCount`` asks for them. (A class, not a closure:
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
        party = self.ctx.parties[ident]
        if party.undisclosed:  # it may be anyone: all it holds counts for ``ANYONE``
            found.append(Holding(("entity", ANYONE), 1.0, False, True))
        for owner in party.owners:
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


class _ListedOrAnyone:
    """The listed id a node is, among ``listed``, or ``ANYONE`` for an owner who is not known
    (``_MostHoldings`` makes it that), when ``anyone`` counts. (A class, not a closure: the
    compiled build compiles no function inside a function.)"""

    __slots__ = ("anyone", "listed")

    def __init__(self, listed: frozenset[str], anyone: bool) -> None:
        self.listed = listed
        self.anyone = anyone

    def __call__(self, node: Node) -> str | None:
        kind, ident = node
        if kind != "entity":
            return None
        if ident == ANYONE:
            return ANYONE if self.anyone else None
        return ident if ident in self.listed else None


def _maybe_blocked(ctx: Context, threshold: float, listed: frozenset[str]) -> Open:
    """The deal's parties the ``listed`` persons may own half or more of in the aggregate, and
    do not for certain: with the least shares they do not; with every open share as large as it
    may be and every owner who is not known counted as listed, they do. ``ANYONE`` is among the
    ids when the owners who are not known may reach half by themselves."""
    found: Open = {}
    least = aggregate_count(ctx, listed, threshold)
    most: AggregateCount | None = None
    unnamed: AggregateCount | None = None
    parties = ctx.procurement.parties
    for position, node in Deal.of(ctx).parties:  # those with a part in the deal
        party = parties[position]
        if not party.owners or least.of(node) is not None:
            continue
        if most is None:
            most = AggregateCount(_MostHoldings(ctx, threshold), _ListedOrAnyone(listed, True))
        maybe = most.of(node)
        if maybe is None:
            continue
        ids = set(maybe.ids)
        if ANYONE in ids:
            if unnamed is None:
                unnamed = AggregateCount(
                    _MostHoldings(ctx, threshold), _ListedOrAnyone(frozenset(), True)
                )
            if unnamed.of(node) is None:  # they reach half only with listed persons
                ids.discard(ANYONE)
        why = _open_holdings(ctx, party)
        found[party.id] = dict.fromkeys(sorted(ids), why)
    return found


def open_hits(run: Run, opened: Open) -> list[Hit]:
    """Unknowns for the parties no finding covers that may reach the listing through an open
    holding."""
    hits: list[Hit] = []
    for party in run.ctx.procurement.parties:
        reached = opened.get(party.id)
        if reached is None or party.id in run.covered_parties:
            continue
        run.covered_parties.add(party.id)
        evidence = tuple(dict.fromkeys(e for why in reached.values() for e in why))
        hits.append(
            unknown_hit(
                f"parties[{party.id}]",
                f"{party.name} may be covered by {run.params.list}: "
                f"{why_open(reached, listed_names(run, reached))}, so whether the rule applies is "
                "unknown.",
                evidence,
                frozenset((party.id,)),
            )
        )
    return hits


def listed_names(run: Run, reached: dict[str, tuple[Evidence, ...]]) -> str:
    """The listed ids of ``reached`` by name, as the listing describes them."""
    names = []
    for listed in sorted(reached):
        screened = run.listing.screened.get(listed)
        if screened is not None:
            names.append(screened.describe())
        elif listed in run.ctx.entities.entities:
            names.append(f"{run.ctx.entities.entities[listed].name} ({listed!r})")
        elif listed != ANYONE:
            names.append(repr(listed))
    return "; ".join(names)


def why_open(reached: dict[str, tuple[Evidence, ...]], names: str) -> str:
    """Why a party may reach the listing, in words: owners tied to listed ids (``names``)
    with open shares or control, owners who are not known, or both."""
    unnamed = any(e.note.startswith(_UNNAMED) for why in reached.values() for e in why)
    if not unnamed:
        return (
            f"it is held by an owner that is or is tied to {names}, with a share or control "
            "not known to be below the rule's threshold"
        )
    if not names:
        return (
            "who holds a share of it that may reach the rule's threshold is not known, and may "
            "be anyone the list names"
        )
    if ANYONE in reached:
        return (
            f"it is held by an owner that is or is tied to {names}, and who holds a share of it "
            "that may reach the rule's threshold is not known (anyone the list names)"
        )
    return (
        f"it is held by an owner that is or is tied to {names}, and by owners who are not "
        "known and may be listed too, with shares that together may reach half"
    )
