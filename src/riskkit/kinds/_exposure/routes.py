"""Routes to a deployment's data: who can reach it, and how.

Every flow reaches its destination's operator; a device reaches whoever has remote access to
it, whoever updates its firmware, and, when its remote access is not declared, its maker (and
the makers curated data knows of: :mod:`riskkit.kinds._exposure.makers`). The routes depend on
the procurement alone (and on the day, when curated makers matter), so they are listed once,
by party, and the searches of every law of the assessment read that one listing
(:class:`Ways`), which also keeps what the searches work out from it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Literal, NamedTuple

import attr

from riskkit.kinds._exposure.makers import makers, makers_matter
from riskkit.kinds._exposure.subjects import curated_id
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence
from riskkit.model import Component, DataFlow

if TYPE_CHECKING:
    from riskkit.kinds._exposure.spec import LawSpec
    from riskkit.kinds._exposure.written import RouteSummary

How = Literal["flow", "remote_access", "undeclared", "maker", "firmware", "provider", "stored"]
"""How a party reaches the data: it operates or hosts a flow's destination; has remote access
to a device; is a device's manufacturer with remote access not declared; makes a device with
remote access not declared, as curated data says (the owner of the brand on it, an OEM maker
behind its brand or manufacturer); updates a device's firmware; provides a cloud service no one
else is said to update (it runs it); or (for laws that bind by data location) operates where
the data is stored.

A maker known from curated data alone, not a party of the procurement, is filed under the key
``entities[<id>]``, which is also its findings' subject."""


class Route(NamedTuple):
    """A route to the data. A named tuple, and nothing read that the listing does not need:
    every procurement has dozens of routes, and most lead to parties no law binds."""

    position: int
    """Its position among every route (input order: flows, then components; -1 for a route
    to data stored in a law's territory, made for that law)."""
    how: How
    flow: DataFlow | None
    """The flow, for a route of a flow (``flow`` or ``stored``)."""
    component: Component | None
    """The device, for every other route."""
    entry: int
    """The ``remote_access`` entry; for a curated maker, its chain among ``producer_chains``."""
    categories: frozenset[str]
    """The data categories it reaches (a flow its own, a device those of the flows leaving
    it)."""


class Written(NamedTuple):
    """What a route says, written only for routes to parties some rule reports. The evidence
    is under ``data_flows[...]`` or ``components[...]`` (a curated maker's route adds the
    curated links behind the component's field) and never shared by two routes: each names its
    own flow, or its own field of a component."""

    likelihood: int
    confidence: str
    concerns: tuple[str, ...]
    """The ids of the flows, components and parties it concerns."""
    evidence: tuple[Evidence, ...]


KeptCategories = frozenset[frozenset[str]]
"""The data-category sets a data filter keeps, among those of one party's routes."""


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class Ways:
    """Every route to the data, by the party on it (listed once per assessment), and what the
    searches work out from them, kept as long as the listing."""

    by_party: dict[str, list[Route]]
    carried: dict[str, KeptCategories]
    """For each party, the distinct category sets of its routes: a data filter keeps or drops
    routes by these."""
    sent: dict[str, frozenset[str]]
    """For each device that sends data, the categories of the flows leaving it."""
    stored_at: dict[str, list[tuple[str, Route]]]
    """The flows' routes by where their data is stored, each with the destination's operator,
    in flow order: the laws of a place look there rather than at every flow."""
    said: dict[int, Written] = attr.ib(factory=dict)
    """What each route says, by position (:func:`~riskkit.kinds._exposure.written.written`)."""
    summed: dict[tuple[str, KeptCategories], RouteSummary] = attr.ib(factory=dict)
    """Each party's routes under a data filter, summed up
    (:func:`~riskkit.kinds._exposure.written.summary`)."""
    placed: dict[str, dict[frozenset[str], set[str]]] = attr.ib(factory=dict)
    """Where each party's routes reach, by category set
    (:func:`~riskkit.kinds._exposure.written.places_by_categories`)."""
    filtered: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, KeptCategories]]] = (
        attr.ib(factory=dict)
    )
    """The parties a data filter and roles keep (:meth:`reaching`), by the two."""

    def kept(self, party_id: str, wanted: frozenset[str]) -> KeptCategories:
        """The category sets of the party's routes that hold one of ``wanted`` (all when
        ``wanted`` is empty)."""
        carried = self.carried[party_id]
        if not wanted:
            return carried
        return frozenset(categories for categories in carried if not wanted.isdisjoint(categories))

    def routes(self, party_id: str, kept: KeptCategories) -> list[Route]:
        return [route for route in self.by_party[party_id] if route.categories in kept]

    def reaching(self, ctx: Context, spec: LawSpec) -> list[tuple[str, KeptCategories]]:
        """The parties with a route the law's data filter keeps, and of the roles it binds,
        each with the category sets it keeps (in listing order): worked out once for every
        law that filters the same data and roles, as most laws of an assessment do."""
        key = (spec.data, spec.roles)
        found = self.filtered.get(key)
        if found is None:
            wanted = frozenset(spec.data)
            roles = spec.roles
            found = self.filtered[key] = []
            for party_id in self.carried:
                if roles and not has_role(ctx, party_id, spec):
                    continue
                kept = self.kept(party_id, wanted)
                if kept:
                    found.append((party_id, kept))
        return found


def has_role(ctx: Context, party_id: str, spec: LawSpec) -> bool:
    """Whether the party reaching the data has one of the roles the law binds."""
    if curated_id(party_id) is not None:
        return "manufacturer" in spec.roles  # a curated maker: its role on the route
    party = ctx.parties.get(party_id)
    return party is not None and not set(spec.roles).isdisjoint(party.roles)


_WAYS = Slot[None, Ways]("exposure.ways")
_WAYS_ON_DAY = Slot[None, Ways]("exposure.ways_on_day", per_day=True)


def ways(ctx: Context) -> Ways:
    """The routes, listed once per assessment; once per day when a device's makers come from
    curated data (brands and OEM links hold on some days only)."""
    found = _WAYS.get(ctx, None)
    if found is not None:
        return found
    if not makers_matter(ctx):
        return _WAYS.put(ctx, None, _list_ways(ctx))
    found = _WAYS_ON_DAY.get(ctx, None)
    if found is None:
        found = _WAYS_ON_DAY.put(ctx, None, _list_ways(ctx))
    return found


def _list_ways(ctx: Context) -> Ways:
    # lean on purpose: it walks every flow and component of every assessment
    by_party: defaultdict[str, list[Route]] = defaultdict(list)
    # a device reaches the data of the flows leaving it
    sent: dict[str, frozenset[str]] = {}
    stored_at: defaultdict[str, list[tuple[str, Route]]] = defaultdict(list)
    flows = ctx.procurement.data_flows
    for position, flow in enumerate(flows):
        data = frozenset(flow.data)
        to = flow.to
        operator = to.operator
        route = Route(position, "flow", flow, None, 0, data)
        by_party[operator].append(route)
        stored_at[to.location].append((operator, route))
        source = flow.source
        known = sent.get(source)
        sent[source] = data if known is None else known | data
    position = len(flows)
    nothing: frozenset[str] = frozenset()
    for comp in ctx.procurement.components:
        carries = sent.get(comp.id, nothing)
        remote = comp.remote_access
        if remote is None:
            maker = comp.manufacturer
            if maker is not None:
                by_party[maker].append(Route(position, "undeclared", None, comp, 0, carries))
                position += 1
            for who, chain in makers(ctx, comp):
                by_party[who].append(Route(position, "maker", None, comp, chain, carries))
                position += 1
        elif remote:
            for i, who in enumerate(remote):
                by_party[who].append(Route(position, "remote_access", None, comp, i, carries))
                position += 1
        firmware = comp.firmware_updates_by
        if firmware is not None:
            by_party[firmware].append(Route(position, "firmware", None, comp, 0, carries))
            position += 1
        elif comp.kind == "cloud_service" and comp.manufacturer is not None:
            # its provider runs it, and so updates it unless someone else is said to
            provider = comp.manufacturer
            by_party[provider].append(Route(position, "provider", None, comp, 0, carries))
            position += 1
    carried = {
        party: frozenset([route.categories for route in routes])
        for party, routes in by_party.items()
    }
    return Ways(dict(by_party), carried, sent, dict(stored_at))
