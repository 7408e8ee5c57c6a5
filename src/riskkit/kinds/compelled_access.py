"""``compelled_access``: a state's law can make a party hand over the deployment's data.

A law binds a party by incorporation, headquarters, operation in the country, control through
ownership, or because the data sits there. The kind finds every party that can reach the data
(data hosts and operators, parties with remote access, whoever pushes firmware) and climbs to
their controlling owners, and reports each bound party once, with every route as evidence.

The search is split by what each part depends on, so that the rules of one assessment share it:

- the routes to the data depend on the procurement alone: they are listed once, by party;
- whom a law binds among a reaching party and its owners (a :class:`Bond`) depends on the law
  and the day, not on the data a rule counts: worked out once per party, law and day;
- a party's routes under a data filter are summed up (:class:`_Reached`) once, and a route's
  evidence is written once, only for parties some law binds and some rule reports;
- a bound party's :class:`Exposure` is put together from those summaries, only when a rule
  reports it (a conflict of laws first asks where the data reached sits, which is cheap).

:func:`bindings` and :func:`exposures` are the reusable part: ``conflict_of_laws`` calls them
with a compelling law's spec carried inline in its own params.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Literal, NamedTuple

import attrs
from pydantic import BaseModel, Field

from riskkit.context import Context, OwnerLink
from riskkit.kinds._common import CONFIDENCE_RANK, Params, clamp, share_text, weakest
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.model import Component, DataCategory, DataFlow, PartyRole
from riskkit.rules import Rule

BindsBy = Literal["incorporation", "headquarters", "operation", "control", "data_location"]
Compels = Literal[
    "intelligence_cooperation",
    "disclosure",
    "disclosure_abroad",
    "technical_assistance",
    "decryption",
    "localisation",
    "data_retention",
    "interception",
]


class CompelledAccessParams(Params):
    binds_by: tuple[BindsBy, ...] = Field(min_length=1)
    """How the law reaches a party."""
    compels: tuple[Compels, ...] = Field(min_length=1)
    """What the law can make a bound party do (``disclosure``: hand over data held in the
    country on demand; ``disclosure_abroad``: also data held elsewhere)."""
    foreign_only: bool = True
    """Skip buyers inside the law's own jurisdiction: their own state's access is not the risk
    this rule measures."""
    control_threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    """Share at or above which an owner is taken to control a party (unless ``control`` says)."""
    data: tuple[DataCategory, ...] = ()
    """Only flows carrying one of these categories count; empty means any."""
    roles: tuple[PartyRole, ...] = ()
    """Only a party reaching the data with one of these roles is bound (Russia's Yarovaya law
    binds telecom operators and communication services, not every firm); empty means any."""


# --- routes: who can reach the data, and how ------------------------------------------------


class Route(NamedTuple):
    """How a party can reach the data. Its evidence is written (:func:`_write`) only when a
    rule reports a party the route brings under a law."""

    position: int
    """Its place among every route, in input order (flows, then components)."""
    party: str
    likelihood: int
    confidence: str
    concerns: tuple[str, ...]
    carries: frozenset[str]
    """The categories it reaches: a flow its own, a device those of the flows leaving it."""
    how: Literal["flow", "remote_access", "undeclared", "firmware", "stored"]
    """Operates or hosts a flow's destination; has remote access to a device; is a device's
    manufacturer with remote access not declared; updates its firmware; or (for laws that bind
    by data location) operates where the data is stored."""
    flow: DataFlow | None = None
    component: Component | None = None
    entry: int = 0
    """The ``remote_access`` entry, for remote access."""


Written = tuple[Evidence, tuple[Evidence, ...]]
"""A route's evidence, and where the data it reaches sits (a flow's destination, or the site
of the device). The evidence is under ``data_flows[...]`` or ``components[...]`` and never
shared by two routes: each names its own flow, or its own field of a component."""

KeptKinds = frozenset[frozenset[str]]
"""The ``carries`` values a data filter keeps, among those of one party's routes."""


@attrs.frozen
class _Ways:
    """Every route to the data, by the party on it (listed once per assessment)."""

    by_party: dict[str, list[Route]]
    carried: dict[str, KeptKinds]
    """For each party, the distinct ``carries`` of its routes: a data filter keeps or drops
    routes by these."""
    _written: dict[int, Written] = attrs.field(factory=dict)

    def written(self, ctx: Context, route: Route) -> Written:
        """The route's evidence, written once however many laws and filters use it."""
        done = self._written.get(route.position)
        if done is None:
            done = self._written[route.position] = _write(ctx, route)
        return done

    def kept(self, party_id: str, wanted: frozenset[str]) -> KeptKinds:
        """The kinds of the party's routes that reach one of ``wanted`` (all when empty)."""
        carried = self.carried[party_id]
        if not wanted:
            return carried
        return frozenset(kind for kind in carried if not wanted.isdisjoint(kind))


def _ways(ctx: Context) -> _Ways:
    key = ("compelled_access.ways",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = _list_ways(ctx)
    assert isinstance(cached, _Ways)
    return cached


def _list_ways(ctx: Context) -> _Ways:
    routes: list[Route] = []
    for flow in ctx.procurement.data_flows:
        likelihood = 2 if _protected(flow) else (4 if flow.to.kind in _HOSTED else 3)
        concerns = (flow.id, flow.source, flow.to.operator)
        carries: frozenset[str] = frozenset(flow.data)
        routes.append(
            Route(len(routes), flow.to.operator, likelihood, "high", concerns, carries, "flow",
                  flow)
        )  # fmt: skip
    # a device reaches the data of the flows leaving it
    sent: dict[str, frozenset[str]] = {
        source: frozenset(c for flow in flows for c in flow.data)
        for source, flows in ctx.flows_from.items()
    }
    nothing: frozenset[str] = frozenset()
    for comp in ctx.procurement.components:
        carries = sent.get(comp.id, nothing)
        for i, who in enumerate(comp.remote_access or ()):
            routes.append(
                Route(len(routes), who, 4, "high", (comp.id, who), carries, "remote_access",
                      None, comp, i)
            )  # fmt: skip
        if comp.remote_access is None and comp.manufacturer is not None:
            who = comp.manufacturer
            routes.append(
                Route(len(routes), who, 3, "low", (comp.id, who), carries, "undeclared",
                      None, comp)
            )  # fmt: skip
        if comp.firmware_updates_by is not None:
            who = comp.firmware_updates_by
            routes.append(
                Route(len(routes), who, 3, "high", (comp.id, who), carries, "firmware",
                      None, comp)
            )  # fmt: skip
    by_party: dict[str, list[Route]] = {}
    for route in routes:
        by_party.setdefault(route.party, []).append(route)
    carried = {
        party: frozenset(route.carries for route in party_routes)
        for party, party_routes in by_party.items()
    }
    return _Ways(by_party, carried)


_HOSTED = frozenset({"vendor_cloud", "third_party_cloud", "partner"})


def _protected(flow: DataFlow) -> bool:
    """Encrypted at rest with keys the buyer holds."""
    encryption = flow.encryption
    return (
        encryption is not None and encryption.keys_held_by == "buyer" and bool(encryption.at_rest)
    )


def _write(ctx: Context, route: Route) -> Written:
    flow, comp = route.flow, route.component
    if flow is not None:
        if route.how == "stored":
            where = Evidence(
                f"data_flows[{flow.id}].to.location",
                flow.to.location,
                "the data is stored there"
                + ("; encrypted with keys the buyer holds" if _protected(flow) else ""),
            )
            return where, (where,)
        keys = flow.encryption.keys_held_by if flow.encryption else None
        note = "keys held by the buyer" if _protected(flow) else f"keys held by {keys or 'unknown'}"
        return (
            Evidence(
                f"data_flows[{flow.id}].to.operator",
                flow.to.operator,
                f"{'hosts' if flow.to.kind in _HOSTED else 'operates'} {', '.join(flow.data)} "
                f"({flow.to.kind}, {note})",
            ),
            (Evidence(f"data_flows[{flow.id}].to.location", flow.to.location, "data held here"),),
        )
    assert comp is not None
    who = route.party
    if route.how == "remote_access":
        evidence = Evidence(
            f"components[{comp.id}].remote_access[{route.entry}]", who, "has remote access"
        )
    elif route.how == "undeclared":
        evidence = Evidence(
            f"components[{comp.id}].remote_access",
            "not declared",
            f"remote access by the manufacturer {who!r} is unknown, so it is assumed possible",
        )
    else:
        evidence = Evidence(
            f"components[{comp.id}].firmware_updates_by",
            who,
            "controls the firmware, and so what the device does with its data",
        )
    return evidence, _site_location(ctx, comp)


def _site_location(ctx: Context, comp: Component) -> tuple[Evidence, ...]:
    site = ctx.site_of(comp)
    if site is None:
        return ()
    key = ("compelled_access.site_location", site.id)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = (
            Evidence(f"sites[{site.id}].jurisdiction", site.jurisdiction, "the device is here"),
        )
    assert isinstance(cached, tuple)
    return cached


def _place(ctx: Context, route: Route) -> str | None:
    """Where the data the route reaches sits, as a jurisdiction code."""
    if route.flow is not None:
        return route.flow.to.location
    assert route.component is not None
    site = ctx.site_of(route.component)
    return site.jurisdiction if site is not None else None


@attrs.frozen
class _Reached:
    """One party's routes to the data that a data filter keeps, summed up once for every law
    that binds the party (or its owners) and counts the same data."""

    routes: tuple[Route, ...]
    likelihood: int
    """The strongest route's."""
    evidence: tuple[Evidence, ...]
    """Every route's evidence, in route order."""
    locations: tuple[Evidence, ...]
    """Where the data reached sits, each place once, in route order."""
    concerns: frozenset[str]
    confidence: str
    """The weakest route's."""


def _routes(ways: _Ways, party_id: str, kept: KeptKinds) -> Iterator[Route]:
    return (route for route in ways.by_party[party_id] if route.carries in kept)


def _reached(ctx: Context, party_id: str, kept: KeptKinds) -> _Reached:
    """The party's routes that reach data of the ``kept`` kinds, summed up."""
    key = ("compelled_access.reached", party_id, kept)
    cached = ctx.memo.get(key)
    if cached is None:
        ways = _ways(ctx)
        routes = tuple(_routes(ways, party_id, kept))
        evidence: list[Evidence] = []
        locations: dict[Evidence, None] = {}
        concerns: set[str] = set()
        for route in routes:
            item, places = ways.written(ctx, route)
            evidence.append(item)
            locations.update(dict.fromkeys(places))
            concerns.update(route.concerns)
        cached = ctx.memo[key] = _Reached(
            routes=routes,
            likelihood=max(route.likelihood for route in routes),
            evidence=tuple(evidence),
            locations=tuple(locations),
            concerns=frozenset(concerns),
            confidence=weakest(route.confidence for route in routes),
        )
    assert isinstance(cached, _Reached)
    return cached


def _places(ctx: Context, party_id: str, kept: KeptKinds) -> frozenset[str]:
    """Where the data the party's kept routes reach sits, as codes (no evidence written)."""
    key = ("compelled_access.places", party_id, kept)
    cached = ctx.memo.get(key)
    if cached is None:
        found = {_place(ctx, route) for route in _routes(_ways(ctx), party_id, kept)}
        found.discard(None)
        cached = ctx.memo[key] = frozenset(found)
    assert isinstance(cached, frozenset)
    return cached


# --- bonds: whom a law binds ------------------------------------------------------------------


def _ties(
    ctx: Context, party_id: str, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> list[Evidence]:
    """How the party itself is tied to the law's jurisdiction."""
    party = ctx.parties[party_id]
    ties: list[Evidence] = []
    if (
        "incorporation" in spec.binds_by
        and party.incorporated_in
        and ctx.within(scopes, party.incorporated_in)
    ):
        ties.append(
            Evidence(
                f"parties[{party_id}].incorporated_in", party.incorporated_in, "incorporated there"
            )
        )
    if (
        "headquarters" in spec.binds_by
        and party.headquarters
        and ctx.within(scopes, party.headquarters)
    ):
        ties.append(
            Evidence(f"parties[{party_id}].headquarters", party.headquarters, "headquartered there")
        )
    if "operation" in spec.binds_by:
        for i, place in enumerate(party.operates_in):
            if ctx.within(scopes, place):
                ties.append(
                    Evidence(f"parties[{party_id}].operates_in[{i}]", place, "operates there")
                )
                break
    if "control" in spec.binds_by:
        for i, state in enumerate(party.state_ownership):
            if ctx.within(scopes, state.state) and (
                state.share is None or state.share >= spec.control_threshold
            ):
                ties.append(
                    Evidence(
                        f"parties[{party_id}].state_ownership[{i}]",
                        state.state,
                        f"state holds {share_text(state.share)}",
                    )
                )
    return ties


def _controllers(
    ctx: Context, party_id: str, threshold: float
) -> tuple[tuple[str, tuple[OwnerLink, ...]], ...]:
    key = ("compelled_access.controllers", party_id, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = tuple(ctx.controllers(party_id, threshold))
        ctx.memo[key] = cached
    assert isinstance(cached, tuple)
    return cached


def _has_role(ctx: Context, party_id: str, spec: CompelledAccessParams) -> bool:
    party = ctx.parties.get(party_id)
    return party is not None and not set(spec.roles).isdisjoint(party.roles)


def _chain_evidence(chain: tuple[OwnerLink, ...]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(
            link.path,
            link.owner,
            f"owns {share_text(link.share)} of {link.owned!r} and controls it",
        )
        for link in chain
    )


@attrs.frozen
class Bond:
    """A party the law binds, reached from a party on a route directly or up an ownership
    chain: worked out once per party, then used for every route through it."""

    party: str
    evidence: tuple[Evidence, ...]
    """The ownership chain's links, then the party's ties to the law, each once. All under
    ``parties[...]``, so never the same as a route's evidence."""
    owned: frozenset[str]
    """The party and every party on the chain below it."""
    confidence: str
    """The weakest confidence of the chain's links ('high' for no chain)."""
    steps: int
    """Links on the chain: each one lowers the likelihood by a level."""


def _bonds(
    ctx: Context, party_id: str, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> tuple[Bond, ...]:
    """The parties the law binds among one that reaches the data and its controlling owners.

    They do not depend on the data a rule counts, so rules that write the same law with
    different data filters share them.
    """
    key = (
        "compelled_access.bonds",
        party_id,
        scopes,
        spec.binds_by,
        spec.control_threshold,
        ctx.day,
    )
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = tuple(_find_bonds(ctx, party_id, scopes, spec))
    assert isinstance(cached, tuple)
    return cached


def _find_bonds(
    ctx: Context, party_id: str, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> Iterator[Bond]:
    if party_id not in ctx.parties:
        return
    candidates: list[tuple[str, tuple[OwnerLink, ...]]] = [(party_id, ())]
    if "control" in spec.binds_by:
        candidates.extend(_controllers(ctx, party_id, spec.control_threshold))
    for bound, chain in candidates:
        ties = _ties(ctx, bound, scopes, spec)
        if ties:
            yield Bond(
                party=bound,
                evidence=tuple(dict.fromkeys((*_chain_evidence(chain), *ties))),
                owned=frozenset({bound, *(link.owned for link in chain)}),
                confidence=weakest(link.confidence for link in chain),
                steps=len(chain),
            )


def _data_location_routes(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> Iterator[Route]:
    wanted = set(spec.data)
    for flow in ctx.procurement.data_flows:
        if wanted and wanted.isdisjoint(flow.data):
            continue
        if not ctx.within(scopes, flow.to.location):
            continue
        if spec.roles and not _has_role(ctx, flow.to.operator, spec):
            continue
        yield Route(
            -1,
            flow.to.operator,
            3 if _protected(flow) else 5,
            "high",
            (flow.id, flow.source, flow.to.operator),
            frozenset(flow.data),
            "stored",
            flow,
        )


# --- exposures: what a bound party can reach ---------------------------------------------------


@attrs.frozen
class Exposure:
    """What one bound party can reach: the strongest route, all evidence, where the data is."""

    likelihood: int
    evidence: tuple[Evidence, ...]
    """Each route's evidence in route order, the evidence of how the law binds the party
    following the first route that brings it in."""
    concerns: frozenset[str]
    confidence: str
    locations: tuple[Evidence, ...]


@attrs.define
class Binding:
    """A party a law binds on a day, and what brings it in: the reaching parties it is bound
    through (with the data kinds their kept routes reach, and the bond), and the data stored in
    the law's territory. The exposure is put together on first use."""

    party: str
    via: list[tuple[str, KeptKinds, Bond]] = attrs.field(factory=list)
    stored: list[Route] = attrs.field(factory=list)
    _exposure: Exposure | None = None

    def places(self, ctx: Context) -> frozenset[str]:
        """Where the data the party reaches sits, as codes: enough to tell whether a law of
        the data's location applies, without writing any evidence."""
        found: set[str] = set()
        for reaching, kept, _ in self.via:
            found.update(_places(ctx, reaching, kept))
        found.update(route.flow.to.location for route in self.stored if route.flow is not None)
        return frozenset(found)

    def exposure(self, ctx: Context) -> Exposure:
        if self._exposure is None:
            if len(self.via) == 1 and not self.stored:
                reaching, kept, bond = self.via[0]
                self._exposure = _through_one(_reached(ctx, reaching, kept), bond)
            else:
                self._exposure = _combined(ctx, self.via, self.stored)
        return self._exposure


def bindings(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> dict[str, Binding]:
    """Every party bound by the law of ``scopes`` (as ``spec`` says) that can reach the data,
    by party id, in id order. Ignores ``spec.foreign_only``: the caller decides whether the
    buyer counts.

    Kept for the assessment and day, so a law written in several rules (the CLOUD Act alone
    and in each of its conflicts) is searched once.
    """
    key = (
        "compelled_access.bindings",
        scopes,
        spec.binds_by,
        spec.data,
        spec.roles,
        spec.control_threshold,
        ctx.day,
    )
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = _find_bindings(ctx, scopes, spec)
    assert isinstance(cached, dict)
    return cached


def exposures(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> dict[str, Exposure]:
    """The exposure of every party :func:`bindings` finds, by party id, in id order."""
    return {
        party_id: binding.exposure(ctx) for party_id, binding in bindings(ctx, scopes, spec).items()
    }


def _find_bindings(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> dict[str, Binding]:
    ways = _ways(ctx)
    wanted = frozenset(spec.data)
    found: dict[str, Binding] = {}
    for party_id in ways.carried:
        if spec.roles and not _has_role(ctx, party_id, spec):
            continue
        kept = ways.kept(party_id, wanted)
        if not kept:
            continue
        for bond in _bonds(ctx, party_id, scopes, spec):
            binding = found.get(bond.party)
            if binding is None:
                binding = found[bond.party] = Binding(bond.party)
            binding.via.append((party_id, kept, bond))
    if "data_location" in spec.binds_by:
        for route in _data_location_routes(ctx, scopes, spec):
            binding = found.get(route.party)
            if binding is None:
                binding = found[route.party] = Binding(route.party)
            binding.stored.append(route)
    return {party_id: found[party_id] for party_id in sorted(found)}


def _through_one(reached: _Reached, bond: Bond) -> Exposure:
    """A party brought in by one reaching party alone (the usual case): that party's routes
    taken as a whole, with the bond's evidence after the first route's."""
    return Exposure(
        likelihood=clamp(reached.likelihood - bond.steps),
        evidence=(reached.evidence[0], *bond.evidence, *reached.evidence[1:]),
        concerns=reached.concerns | bond.owned,
        # an ownership link's confidence weakens what the routes prove about the owner
        confidence=_weaker(reached.confidence, bond.confidence),
        locations=reached.locations,
    )


def _combined(
    ctx: Context, via: list[tuple[str, KeptKinds, Bond]], stored: list[Route]
) -> Exposure:
    """A party brought in by several reaching parties, or where the data is stored: their
    routes taken one by one in route order, then the data-location routes."""
    ways = _ways(ctx)
    sequence: list[tuple[Route, Bond | None, Written]] = sorted(
        (
            (route, bond, ways.written(ctx, route))
            for party_id, kept, bond in via
            for route in _routes(ways, party_id, kept)
        ),
        key=lambda step: step[0].position,
    )
    sequence += [(route, None, _write(ctx, route)) for route in stored]
    likelihood = 0
    evidence: dict[Evidence, None] = {}
    locations: dict[Evidence, None] = {}
    concerns: set[str] = set()
    confidence = "high"
    bonds_seen: set[int] = set()
    for route, bond, (item, places) in sequence:
        evidence[item] = None
        locations.update(dict.fromkeys(places))
        concerns.update(route.concerns)
        confidence = _weaker(confidence, route.confidence)
        if bond is None:
            likelihood = max(likelihood, route.likelihood)
            continue
        likelihood = max(likelihood, clamp(route.likelihood - bond.steps))
        if id(bond) not in bonds_seen:
            bonds_seen.add(id(bond))
            evidence.update(dict.fromkeys(bond.evidence))
            concerns.update(bond.owned)
        confidence = _weaker(confidence, bond.confidence)
    return Exposure(likelihood, tuple(evidence), frozenset(concerns), confidence, tuple(locations))


def _weaker(a: str, b: str) -> str:
    return a if CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] else b


# --- the kind ----------------------------------------------------------------------------------


def compels_text(spec: CompelledAccessParams) -> str:
    """What the law compels, in words (``technical assistance, decryption``)."""
    return ", ".join(c.replace("_", " ") for c in spec.compels)


def party_name(ctx: Context, party_id: str) -> str:
    party = ctx.parties.get(party_id)
    return party.name if party else party_id


@attrs.frozen
class CompelledAccess:
    name: str = "compelled_access"
    params_model: type[BaseModel] = CompelledAccessParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        return []

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        return ()

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, CompelledAccessParams)
        scopes = rule.rule.scope
        if params.foreign_only and ctx.buyer_within(scopes):
            return
        compels = compels_text(params)
        for party_id, binding in bindings(ctx, scopes, params).items():
            exposure = binding.exposure(ctx)
            yield Hit(
                subject=f"parties[{party_id}]",
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=exposure.likelihood,
                explanation=(
                    f"{party_name(ctx, party_id)} can reach this deployment's data and is bound "
                    f"by {rule.rule.title}, which can compel {compels}."
                ),
                evidence=exposure.evidence,
                concerns=exposure.concerns,
                confidence=exposure.confidence,
            )


KIND = CompelledAccess()
