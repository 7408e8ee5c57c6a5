"""What the deal is made of, and which listed ids it reaches on a day.

The components are grouped by maker and brand (a bid of a thousand cameras has a handful of
makers) and the parties with a part in the deal are found once per assessment (:class:`Deal`);
what they reach under each affiliate rule is found once per day (:class:`DealReach`), so that
a rule whose ids nothing in the deal reaches (most of them) stops on one set operation.
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter

import attr

from riskkit.kinds._graph import AffiliateRule, Node, Origin, producer_chains, reach_ids, same_ids
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence

_MANUFACTURER = attrgetter("manufacturer")
_BRAND = attrgetter("brand")
_SUPPLIED_BY = attrgetter("supplied_by")
_FIRMWARE_UPDATES_BY = attrgetter("firmware_updates_by")
_REMOTE_ACCESS = attrgetter("remote_access")
_OWNER_ONLY = frozenset({"owner"})

MakerBrand = tuple[str | None, str | None]
"""A component's manufacturer and brand, which decide its producers."""


class DealReach:
    """Which listed ids the deal's components and parties reach on one day, by one affiliate
    rule and control threshold. Built once per day, rule and threshold, it lets a rule whose
    ids nothing reaches (most of them) stop on one set operation."""

    __slots__ = ("deal", "groups", "ids", "parties")

    def __init__(
        self,
        deal: Deal,
        groups: tuple[tuple[frozenset[str], list[int]], ...],
        parties: tuple[tuple[frozenset[str], int], ...],
    ) -> None:
        self.deal = deal
        """The deal of the assessment (``Deal.of``)."""
        self.groups = groups
        """The ids the producers of each maker and brand reach, with the positions of its
        components (in order); groups that reach nothing are left out."""
        self.parties = parties
        """The ids each party in the deal reaches, with its position; likewise."""
        self.ids: frozenset[str] = frozenset().union(
            *[ids for ids, _ in groups], *[ids for ids, _ in parties]
        )
        """Every id some component or party reaches."""

    @staticmethod
    def of(ctx: Context, mode: AffiliateRule, threshold: float) -> DealReach:
        key = (mode, threshold)
        cached = _DEAL_REACH.get(ctx, key)
        if cached is not None:
            return cached
        deal = Deal.of(ctx)
        groups = []
        for producers, positions in deal.producers(ctx):
            if len(producers) == 1:  # most often the maker alone
                ids = reach_ids(ctx, producers[0], mode, threshold)
            else:
                ids = frozenset().union(
                    *[reach_ids(ctx, node, mode, threshold) for node in producers]
                )
            if ids:
                groups.append((ids, positions))
        parties = []
        for position, node in deal.reaching_parties(ctx):
            ids = reach_ids(ctx, node, mode, threshold)
            if ids:
                parties.append((ids, position))
        return _DEAL_REACH.put(ctx, key, DealReach(deal, tuple(groups), tuple(parties)))

    def components_reaching(self, listed: frozenset[str]) -> list[int]:
        """Positions, in order, of the components whose producers reach any of ``listed``."""
        found = [positions for ids, positions in self.groups if not listed.isdisjoint(ids)]
        if len(found) <= 1:
            return found[0] if found else []
        return sorted([position for positions in found for position in positions])

    def parties_reaching(self, listed: frozenset[str]) -> list[int]:
        """Positions, in order, of the deal's parties that reach any of ``listed``."""
        return [position for ids, position in self.parties if not listed.isdisjoint(ids)]


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, slots=True)
class Deal:
    """The components by manufacturer and brand (which decide their producers), and the
    parties with a part in the deal (not those that only appear as an owner), found in one
    pass for the assessment; with what the rules of the assessment ask of them, worked out
    once."""

    groups: dict[MakerBrand, list[int]]
    parties: tuple[tuple[int, Node], ...]
    """Positions and nodes of the parties in the deal."""
    _producers: dict[date, list[tuple[tuple[Node, ...], list[int]]]] = attr.ib(
        factory=dict, init=False
    )
    _leads: dict[tuple[Origin, str], Evidence] = attr.ib(factory=dict, init=False)
    _produced: dict[str, str] = attr.ib(factory=dict, init=False)
    _reaching: list[tuple[int, Node]] | None = attr.ib(default=None, init=False)
    _site_uses: dict[str | None, tuple[frozenset[str], frozenset[str]]] = attr.ib(
        factory=dict, init=False
    )

    def producers(self, ctx: Context) -> list[tuple[tuple[Node, ...], list[int]]]:
        """Who makes the components of each maker and brand on the day (``producer_chains``)
        and may reach a listed id (``_may_reach``), with the components' positions; groups
        without such a producer are left out. Every affiliate rule asks."""
        found = self._producers.get(ctx.day)
        if found is None:
            found = self._producers[ctx.day] = []
            for (maker, brand), positions in self.groups.items():
                chains = producer_chains(ctx, maker, brand)
                if len(chains) == 1:  # most often the maker alone
                    node, _origin, _steps = chains[0]
                    if _may_reach(ctx, node):
                        found.append(((node,), positions))
                    continue
                nodes = tuple(node for node, _, _ in chains if _may_reach(ctx, node))
                if nodes:
                    found.append((nodes, positions))
        return found

    def reaching_parties(self, ctx: Context) -> list[tuple[int, Node]]:
        """``parties`` that may reach a listed id (``_may_reach``)."""
        if self._reaching is None:
            self._reaching = [
                (position, node) for position, node in self.parties if _may_reach(ctx, node)
            ]
        return self._reaching

    def lead(self, origin: Origin, component_id: str) -> Evidence:
        """``origin.evidence(component_id)``, made once for every rule that finds the
        component (the rules that find one component mostly find it through one producer)."""
        key = (origin, component_id)
        found = self._leads.get(key)
        if found is None:
            found = self._leads[key] = origin.evidence(component_id)
        return found

    def produced(self, comp_id: str, kind: str) -> str:
        """How a finding on the component with this id and kind through its producer begins,
        the same for every rule."""
        found = self._produced.get(comp_id)
        if found is None:
            found = self._produced[comp_id] = (
                f"{kind.replace('_', ' ')} {comp_id!r} is produced by a party that"
            )
        return found

    def site_uses(self, ctx: Context, site_id: str | None) -> tuple[frozenset[str], frozenset[str]]:
        """The purposes (law enforcement for such a buyer) and settings of a component's site:
        every product restriction asks of every component."""
        found = self._site_uses.get(site_id)
        if found is None:
            site = ctx.sites.get(site_id) if site_id else None
            purposes = set(site.purposes) if site else set()
            settings = frozenset(site.settings) if site else frozenset()
            if ctx.procurement.buyer.kind == "law_enforcement":
                purposes.add("law_enforcement")
            found = self._site_uses[site_id] = (frozenset(purposes), settings)
        return found

    @staticmethod
    def of(ctx: Context) -> Deal:
        cached = _DEAL.get(ctx, None)
        if cached is not None:
            return cached
        p = ctx.procurement
        comps = p.components
        makers = list(map(_MANUFACTURER, comps))
        groups: dict[MakerBrand, list[int]] = {}
        for position, group in enumerate(zip(makers, map(_BRAND, comps), strict=True)):
            groups.setdefault(group, []).append(position)
        found: set[str | None] = {
            party.id for party in p.parties if not _OWNER_ONLY.issuperset(party.roles)
        }
        found.update(makers)
        found.update(_serving_ids(ctx))
        parties = tuple(
            (position, ("party", party.id))
            for position, party in enumerate(p.parties)
            if party.id in found  # None, where a component leaves a field out, is no party id
        )
        return _DEAL.put(ctx, None, Deal(groups, parties))


_DEAL_REACH = Slot[tuple[AffiliateRule, float], DealReach]("listed_entity.deal_reach", per_day=True)
_DEAL = Slot[None, Deal]("listed_entity.deal")
_SERVING = Slot[None, frozenset[str]]("listed_entity.serving")
_ANY_CONTAINS = Slot[None, bool]("listed_entity.any_contains")


def _may_reach(ctx: Context, node: Node) -> bool:
    """Whether ``node`` may reach a listed id under some affiliate rule and on some day: a
    curated entity or list entry is one itself; a party reaches only through what it is or
    through its owners in the deal. Most parties of a deal are neither, and every affiliate
    rule's ``DealReach`` can pass them by."""
    kind, ident = node
    return kind == "entity" or bool(same_ids(ctx, node)) or bool(ctx.parties[ident].owners)


def _serving_ids(ctx: Context) -> set[str | None]:
    """The ids the components and flows name as supplier, firmware updater, remote access or
    a flow's operator (None where a component leaves a field out)."""
    p = ctx.procurement
    found: set[str | None] = set(map(_SUPPLIED_BY, p.components))
    found.update(map(_FIRMWARE_UPDATES_BY, p.components))
    for remote in map(_REMOTE_ACCESS, p.components):
        if remote:
            found.update(remote)
    found.update(flow.to.operator for flow in p.data_flows)
    return found


def serving(ctx: Context) -> frozenset[str]:
    """Ids of the parties that serve the buyer in the deal: they supply a component, update
    its firmware, reach it remotely or operate where a flow's data goes."""
    cached = _SERVING.get(ctx, None)
    if cached is None:
        found = _serving_ids(ctx)
        found.discard(None)
        cached = _SERVING.put(ctx, None, frozenset(str(x) for x in found))
    return cached


def any_contains(ctx: Context) -> bool:
    """Whether any component of the deal lists parts inside it."""
    cached = _ANY_CONTAINS.get(ctx, None)
    if cached is None:
        cached = _ANY_CONTAINS.put(ctx, None, any(c.contains for c in ctx.procurement.components))
    return cached
