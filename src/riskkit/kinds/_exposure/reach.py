"""Whom a state's law reaches: every party it binds that can reach the deployment's data, and
through which reaching parties and stored data (:func:`law_reaches`).

The search is kept for the assessment and day, so a law written in several rules (the CLOUD
Act alone and in each of its conflicts) is searched once. A law that holds where the data is
(a conflict's blocking law) narrows it: the parties reaching data there are looked at first,
and the others only to see whether they bring in one of those already bound.
"""

from __future__ import annotations

import attr

from riskkit.kinds._exposure.bonds import Bond, BondTable, bond_table, data_location_routes
from riskkit.kinds._exposure.exposure import Exposure, Via, combined, through_one
from riskkit.kinds._exposure.makers import makers
from riskkit.kinds._exposure.routes import KeptCategories, Route, has_role, ways
from riskkit.kinds._exposure.spec import LawSpec
from riskkit.kinds._exposure.written import location, reached_places, summary
from riskkit.kinds._shared.sites import places_within, sites_within
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence
from riskkit.model import BUYER, Component


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, slots=True)
class LawReach:
    """A party a law binds on a day, and what brings it in: the reaching parties it is bound
    through, and the data stored in the law's territory. The exposure is put together on first
    use."""

    party: str
    via: list[Via] = attr.ib(factory=list)
    stored: list[Route] = attr.ib(factory=list)
    _exposure: Exposure | None = None
    _places: set[str] | None = None

    def places(self, ctx: Context) -> set[str]:
        """Where the data the party reaches sits, as codes: enough to tell whether a law of
        the data's location applies, without writing any evidence (shared: not to be changed)."""
        if self._places is None:
            found: set[str] = set()
            for reaching, kept, _ in self.via:
                found.update(reached_places(ctx, reaching, kept))
            found.update(route.flow.to.location for route in self.stored if route.flow)
            self._places = found
        return self._places

    def locations(self, ctx: Context) -> tuple[Evidence, ...]:
        """Where the data the party reaches sits, as evidence, each place once, in route order
        (the reaching parties' routes, then the data-location routes): written only for a law
        of the data's location."""
        via = self.via
        if len(via) == 1:
            # one party's routes are listed in route order already
            routes = summary(ctx, via[0].reaching, via[0].kept).routes
        else:
            listed = ways(ctx)
            routes = sorted(
                [route for reaching, kept, _ in via for route in listed.routes(reaching, kept)],
                key=_position,
            )
        found: dict[Evidence, None] = {}
        for route in (*routes, *self.stored):
            for item in location(ctx, route):
                found[item] = None
        return tuple(found)

    def exposure(self, ctx: Context) -> Exposure:
        if self._exposure is None:
            if len(self.via) == 1 and not self.stored:
                reaching, kept, bond = self.via[0]
                self._exposure = through_one(summary(ctx, reaching, kept), bond)
            else:
                self._exposure = combined(ctx, self.via, self.stored)
        return self._exposure


def _position(route: Route) -> int:
    return route.position


SearchKey = tuple[tuple[str, ...], tuple[object, ...]]
"""A law's place and :attr:`~riskkit.kinds._exposure.spec.LawSpec.search_key`."""

_LAW_REACHES = Slot[SearchKey, dict[str, LawReach]]("exposure.law_reaches", per_day=True)
_LAW_REACHES_WHERE = Slot[tuple[SearchKey, tuple[str, ...]], dict[str, LawReach]](
    "exposure.law_reaches_where", per_day=True
)


def law_reaches(
    ctx: Context,
    scopes: tuple[str, ...],
    spec: LawSpec,
    where: tuple[str, ...] | None = None,
) -> dict[str, LawReach]:
    """Every party bound by the law of ``scopes`` (as ``spec`` says) that can reach the data,
    by party id, in id order. Ignores ``spec.foreign_only``: the caller decides whether a
    buyer inside the law's place counts. The buyer itself (``to.operator = "buyer"``) is never
    bound: it holds its own data (:func:`~riskkit.kinds._exposure.bonds.buyer_held` reports
    where that data sits).

    With ``where``, only the parties some of whose data sits inside those scopes (a law that
    holds where the data is decides which count). A party found either way is the same.
    """
    key = (scopes, spec.search_key)
    every = _LAW_REACHES.get(ctx, key)
    if where is None:
        if every is None:
            every = _LAW_REACHES.put(ctx, key, _find_reaches(ctx, scopes, spec, None))
        return every
    if every is not None:
        inside = places_within(ctx, where)
        return {
            party_id: reach
            for party_id, reach in every.items()
            if not inside.isdisjoint(reach.places(ctx))
        }
    narrowed = _LAW_REACHES_WHERE.get(ctx, (key, where))
    if narrowed is None:
        narrowed = _LAW_REACHES_WHERE.put(
            ctx, (key, where), _find_reaches(ctx, scopes, spec, where)
        )
    return narrowed


def _find_reaches(
    ctx: Context,
    scopes: tuple[str, ...],
    spec: LawSpec,
    where: tuple[str, ...] | None,
) -> dict[str, LawReach]:
    table = bond_table(ctx, scopes, spec)
    stored = (
        list(data_location_routes(ctx, scopes, spec)) if "data_location" in spec.binds_by else []
    )
    # with ``where``: the parties bound through data inside it, and whom else to look for
    among: set[str] | None = None
    if where is None:
        reaching = [
            (party_id, kept, table.of(ctx, party_id))
            for party_id, kept in ways(ctx).reaching(ctx, spec)
        ]
    else:
        among = _bound_inside(ctx, table, spec, stored, where)
        if not among:
            return {}
        reaching = _reaching_among(ctx, table, spec, among)
    found: dict[str, LawReach] = {}
    for party_id, kept, bonds in reaching:
        for bond in bonds:
            reach = found.get(bond.party)
            if reach is None:
                reach = found[bond.party] = LawReach(bond.party)
            reach.via.append(Via(party_id, kept, bond))
    for operator, route in stored:
        if operator == BUYER:
            continue  # the buyer's own copy: reported about the flow (``buyer_held``)
        if among is None or operator in among:
            reach = found.get(operator)
            if reach is None:
                reach = found[operator] = LawReach(operator)
            reach.stored.append(route)
    return {party_id: found[party_id] for party_id in sorted(found)}


def _bound_inside(
    ctx: Context,
    table: BondTable,
    spec: LawSpec,
    stored: list[tuple[str, Route]],
    where: tuple[str, ...],
) -> set[str]:
    """The parties the law binds through data inside ``where`` that it counts: operators of
    the data stored there, and the bonds of the parties reaching data there (found from the
    few parties reaching data inside, not by filtering every party's routes first)."""
    among: set[str] = set()
    if stored:
        inside = places_within(ctx, where)
        among.update(
            operator
            for operator, route in stored
            if operator != BUYER and route.flow is not None and route.flow.to.location in inside
        )
    wanted = frozenset(spec.data)
    for party_id, categories in _reaching_in(ctx, where).items():
        # the law counts the party if a route of it to data inside carries data it counts
        if wanted and all(map(wanted.isdisjoint, categories)):
            continue
        if spec.roles and not has_role(ctx, party_id, spec):
            continue
        among.update(bond.party for bond in table.of(ctx, party_id))
    return among


_REACHING_IN = Slot[tuple[str, ...], dict[str, set[frozenset[str]]]](
    "exposure.reaching_in", per_day=True
)


def _reaching_in(ctx: Context, where: tuple[str, ...]) -> dict[str, set[frozenset[str]]]:
    """The parties with a route to data that sits inside ``where``, each with the category
    sets of those routes (once per scope and day)."""
    found = _REACHING_IN.get(ctx, where)
    if found is None:
        found = {}
        listed = ways(ctx)
        inside = places_within(ctx, where)
        if inside:
            for place, stored in listed.stored_at.items():
                if place in inside:
                    for operator, route in stored:
                        found.setdefault(operator, set()).add(route.categories)
        sites = sites_within(ctx, where)
        if sites:
            sent = listed.sent
            nothing: frozenset[str] = frozenset()
            for comp in ctx.procurement.components:
                if comp.site in sites:
                    carries = sent.get(comp.id, nothing)
                    for who in _reaching_device(ctx, comp):
                        found.setdefault(who, set()).add(carries)
        _REACHING_IN.put(ctx, where, found)
    return found


def _reaching_device(ctx: Context, comp: Component) -> tuple[str, ...]:
    """Whoever has a route to the device's data (as the routes are listed)."""
    remote = comp.remote_access
    if remote is None:
        reaching: tuple[str, ...] = () if comp.manufacturer is None else (comp.manufacturer,)
        reaching += tuple([who for who, _ in makers(ctx, comp)])
    else:
        reaching = remote
    firmware = comp.firmware_updates_by
    if firmware is None and comp.kind == "cloud_service":
        firmware = comp.manufacturer  # its provider runs it (``routes``: "provider")
    return reaching if firmware is None else (*reaching, firmware)


def _reaching_among(
    ctx: Context, table: BondTable, spec: LawSpec, among: set[str]
) -> list[tuple[str, KeptCategories, tuple[Bond, ...]]]:
    """The parties with a route the law counts that bring in one of ``among``, with the data
    categories their counted routes reach and those bonds, in listing order (as
    :meth:`~riskkit.kinds._exposure.routes.Ways.reaching` lists them): a party's routes are
    filtered only when it brings one in, as few do."""
    listed = ways(ctx)
    wanted = frozenset(spec.data)
    owning = _listing_owners(ctx)
    found = []
    for party_id in listed.carried:
        # a party listing no owners can bring in itself alone: no need to ask the table
        if party_id not in among and party_id not in owning:
            continue
        bonds = table.among(ctx, party_id, among)
        if not bonds or (spec.roles and not has_role(ctx, party_id, spec)):
            continue
        kept = listed.kept(party_id, wanted)
        if kept:
            found.append((party_id, kept, bonds))
    return found


_LISTING_OWNERS = Slot[None, frozenset[str]]("exposure.listing_owners")


def _listing_owners(ctx: Context) -> frozenset[str]:
    """The parties that list owners (once per assessment): only they can bring in a party
    other than themselves."""
    found = _LISTING_OWNERS.get(ctx, None)
    if found is None:
        found = _LISTING_OWNERS.put(
            ctx, None, frozenset([party.id for party in ctx.procurement.parties if party.owners])
        )
    return found
