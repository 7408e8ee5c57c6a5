"""``compelled_access``: a state's law can make a party hand over the deployment's data.

A law binds a party by incorporation, headquarters, operation in the country, control through
ownership, or because the data sits there. The kind finds every party that can reach the data
(data hosts and operators, parties with remote access, whoever pushes firmware) and climbs to
their controlling owners, and reports each bound party once, with every route as evidence.

:func:`exposures` is the reusable part: ``conflict_of_laws`` calls it with a compelling law's
spec carried inline in its own params.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Literal

import attrs
from pydantic import BaseModel, Field

from riskkit.context import Context, OwnerLink
from riskkit.kinds._common import Params, clamp, share_text, weakest
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.model import Component, DataCategory, PartyRole
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


@attrs.frozen
class Route:
    """How a party can reach the data."""

    party: str
    likelihood: int
    evidence: tuple[Evidence, ...]
    concerns: frozenset[str]
    confidence: str
    locations: tuple[Evidence, ...]
    """Where the data reached sits: a flow's destination, or the site of a device reached."""


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


def _routes(ctx: Context, data: tuple[DataCategory, ...]) -> tuple[Route, ...]:
    """Every route to the data, cached per procurement: routes do not depend on the day."""
    key = ("compelled_access.routes", data)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = tuple(_find_routes(ctx, set(data)))
        ctx.memo[key] = cached
    assert isinstance(cached, tuple)
    return cached


def _find_routes(ctx: Context, wanted: set[str]) -> Iterator[Route]:
    p = ctx.procurement
    for flow in p.data_flows:
        if wanted and not wanted.intersection(flow.data):
            continue
        keys = flow.encryption.keys_held_by if flow.encryption else None
        protected = keys == "buyer" and flow.encryption is not None and flow.encryption.at_rest
        hosted = flow.to.kind in {"vendor_cloud", "third_party_cloud", "partner"}
        likelihood = 2 if protected else (4 if hosted else 3)
        note = "keys held by the buyer" if protected else f"keys held by {keys or 'unknown'}"
        yield Route(
            party=flow.to.operator,
            likelihood=likelihood,
            evidence=(
                Evidence(
                    f"data_flows[{flow.id}].to.operator",
                    flow.to.operator,
                    f"{'hosts' if hosted else 'operates'} {', '.join(flow.data)} "
                    f"({flow.to.kind}, {note})",
                ),
            ),
            concerns=frozenset({flow.id, flow.source, flow.to.operator}),
            confidence="high",
            locations=(
                Evidence(f"data_flows[{flow.id}].to.location", flow.to.location, "data held here"),
            ),
        )
    for comp in p.components:
        if wanted and not _component_carries(ctx, comp.id, wanted):
            continue
        here = _site_location(ctx, comp)
        for i, who in enumerate(comp.remote_access or ()):
            yield Route(
                party=who,
                likelihood=4,
                evidence=(
                    Evidence(f"components[{comp.id}].remote_access[{i}]", who, "has remote access"),
                ),
                concerns=frozenset({comp.id, who}),
                confidence="high",
                locations=here,
            )
        if comp.remote_access is None and comp.manufacturer is not None:
            yield Route(
                party=comp.manufacturer,
                likelihood=3,
                evidence=(
                    Evidence(
                        f"components[{comp.id}].remote_access",
                        "not declared",
                        f"remote access by the manufacturer {comp.manufacturer!r} is unknown, "
                        "so it is assumed possible",
                    ),
                ),
                concerns=frozenset({comp.id, comp.manufacturer}),
                confidence="low",
                locations=here,
            )
        if comp.firmware_updates_by is not None:
            yield Route(
                party=comp.firmware_updates_by,
                likelihood=3,
                evidence=(
                    Evidence(
                        f"components[{comp.id}].firmware_updates_by",
                        comp.firmware_updates_by,
                        "controls the firmware, and so what the device does with its data",
                    ),
                ),
                concerns=frozenset({comp.id, comp.firmware_updates_by}),
                confidence="high",
                locations=here,
            )


def _component_carries(ctx: Context, component_id: str, wanted: set[str]) -> bool:
    return any(wanted.intersection(f.data) for f in ctx.flows_from.get(component_id, ()))


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


def _data_location_routes(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> Iterator[Route]:
    wanted = set(spec.data)
    for flow in ctx.procurement.data_flows:
        if wanted and not wanted.intersection(flow.data):
            continue
        if not ctx.within(scopes, flow.to.location):
            continue
        keys = flow.encryption.keys_held_by if flow.encryption else None
        protected = keys == "buyer" and flow.encryption is not None and flow.encryption.at_rest
        where = Evidence(
            f"data_flows[{flow.id}].to.location",
            flow.to.location,
            "the data is stored there"
            + ("; encrypted with keys the buyer holds" if protected else ""),
        )
        yield Route(
            party=flow.to.operator,
            likelihood=3 if protected else 5,
            evidence=(where,),
            concerns=frozenset({flow.id, flow.source, flow.to.operator}),
            confidence="high",
            locations=(where,),
        )


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
    """The ownership chain's links, then the party's ties to the law."""
    owned: frozenset[str]
    """The party and every party on the chain below it."""
    confidence: str
    """The weakest confidence of the chain's links ('high' for no chain)."""
    steps: int
    """Links on the chain: each one lowers the likelihood by a level."""


@attrs.define
class Exposure:
    """What one bound party can reach: the strongest route, all evidence, where the data is."""

    likelihood: int = 0
    evidence: list[Evidence] = attrs.field(factory=list)
    concerns: set[str] = attrs.field(factory=set)
    confidences: list[str] = attrs.field(factory=list)
    locations: list[Evidence] = attrs.field(factory=list)
    _seen: set[Evidence] = attrs.field(factory=set, repr=False)
    _seen_places: set[Evidence] = attrs.field(factory=set, repr=False)
    """Evidence and locations already recorded: a set, so a party reached through a thousand
    devices costs a thousand lookups, not a million comparisons."""
    _bonds_seen: set[int] = attrs.field(factory=set, repr=False)
    """Bonds already recorded (by identity): their evidence and parties are in already."""

    def add(self, likelihood: int, route: Route, bond: Bond | None = None) -> None:
        """Record a route, reached through ``bond`` when the law binds a party on the route or
        an owner of it (None: the route alone brings the party under the law)."""
        self.likelihood = max(self.likelihood, likelihood)
        new_bond = bond is not None and id(bond) not in self._bonds_seen
        for item in (*route.evidence, *(bond.evidence if bond and new_bond else ())):
            if item not in self._seen:
                self._seen.add(item)
                self.evidence.append(item)
        for place in route.locations:
            if place not in self._seen_places:
                self._seen_places.add(place)
                self.locations.append(place)
        self.concerns.update(route.concerns)
        if bond is None:
            self.confidences.append(route.confidence)
            return
        if new_bond:
            self._bonds_seen.add(id(bond))
            self.concerns.update(bond.owned)
        # an ownership link's confidence weakens what the route proves about the owner
        self.confidences.append(weakest([route.confidence, bond.confidence]))

    @property
    def confidence(self) -> str:
        return weakest(self.confidences)


def exposures(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> dict[str, Exposure]:
    """Every party bound by the law of ``scopes`` (as ``spec`` says) that can reach the data,
    by party id. Ignores ``spec.foreign_only``: the caller decides whether the buyer counts.

    Cached per procurement and day, so a law written in several rules (the CLOUD Act alone and
    in each of its conflicts) is searched once; callers must not change what it returns.
    """
    key = (
        "compelled_access.exposures",
        tuple(scopes),
        spec.binds_by,
        spec.data,
        spec.roles,
        spec.control_threshold,
        ctx.day,
    )
    cached = ctx.memo.get(key)
    if cached is None:
        cached = _find_exposures(ctx, scopes, spec)
        ctx.memo[key] = cached
    assert isinstance(cached, dict)
    return cached


def _bonds(
    ctx: Context, party_id: str, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> list[Bond]:
    """The parties the law binds among one that reaches the data and its controlling owners."""
    if party_id not in ctx.parties:
        return []
    if spec.roles and not set(spec.roles).intersection(ctx.parties[party_id].roles):
        return []
    candidates: list[tuple[str, tuple[OwnerLink, ...]]] = [(party_id, ())]
    if "control" in spec.binds_by:
        candidates.extend(_controllers(ctx, party_id, spec.control_threshold))
    out = []
    for bound, chain in candidates:
        ties = _ties(ctx, bound, scopes, spec)
        if ties:
            out.append(
                Bond(
                    party=bound,
                    evidence=(*_chain_evidence(chain), *ties),
                    owned=frozenset({bound, *(link.owned for link in chain)}),
                    confidence=weakest(link.confidence for link in chain),
                    steps=len(chain),
                )
            )
    return out


def _find_exposures(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> dict[str, Exposure]:
    found: dict[str, Exposure] = {}
    # Many routes lead to the same few parties: whom each brings under the law, and how, is
    # worked out once per party.
    bonds: dict[str, list[Bond]] = {}
    for route in _routes(ctx, spec.data):
        through = bonds.get(route.party)
        if through is None:
            through = bonds[route.party] = _bonds(ctx, route.party, scopes, spec)
        for bond in through:
            exposure = found.get(bond.party)
            if exposure is None:
                exposure = found[bond.party] = Exposure()
            exposure.add(clamp(route.likelihood - bond.steps), route, bond)
    if "data_location" in spec.binds_by:
        for route in _data_location_routes(ctx, scopes, spec):
            if spec.roles and (
                route.party not in ctx.parties
                or not set(spec.roles).intersection(ctx.parties[route.party].roles)
            ):
                continue
            found.setdefault(route.party, Exposure()).add(route.likelihood, route)
    return found


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
        found = exposures(ctx, scopes, params)
        compels = compels_text(params)
        for party_id in sorted(found):
            exposure = found[party_id]
            yield Hit(
                subject=f"parties[{party_id}]",
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=exposure.likelihood,
                explanation=(
                    f"{party_name(ctx, party_id)} can reach this deployment's data and is bound "
                    f"by {rule.rule.title}, which can compel {compels}."
                ),
                evidence=tuple(exposure.evidence),
                concerns=frozenset(exposure.concerns),
                confidence=exposure.confidence,
            )


KIND = CompelledAccess()
