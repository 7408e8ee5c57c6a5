"""``compelled_access``: a state's law can make a party hand over the deployment's data.

A law binds a party by incorporation, headquarters, operation in the country, control through
ownership, or because the data sits there. The kind finds every party that can reach the data
(data hosts and operators, parties with remote access, whoever pushes firmware, the makers of
a device whose remote access is not declared) and climbs to their controlling owners, and
reports each bound party once, with every route as evidence.

What curated data knows counts as fact (:mod:`riskkit.kinds._graph.facts`): a party that is a
curated entity takes its country, state holdings and controlling curated parents where it
declares none, and a device's maker behind its brand or an OEM link reaches it like its
manufacturer. The buyer holding its own data (``to.operator = "buyer"``) is never a bound
party; a law of the place its data sits still counts, about the flow (:func:`buyer_held`).
What the kind reads and the input does not give is asked for by ``prerequisites``.

The search is split by what each part depends on, so that the rules of one assessment share it:

- the routes to the data depend on the procurement alone (and on the day, when curated makers
  matter): they are listed once, by party;
- a party's ties to a place depend on the place and the day: worked out once for every law of
  that place; whom a law binds among a reaching party and its owners (a :class:`Bond`) does
  not depend on the data a rule counts: worked out once per party, law and day;
- a party's routes under a data filter are summed up (:class:`_Reached`) once, and a route's
  evidence is written once, only for parties some law binds and some rule reports;
- a bound party's :class:`Exposure` is put together from those summaries, only when a rule
  reports it; where the data it reaches sits is written as evidence only for a law that holds
  where the data is (a conflict of laws looks first at the parties reaching data there).

:func:`bindings` is the reusable part: ``conflict_of_laws`` calls it with a compelling law's
spec carried inline in its own params. Where the data a bound party reaches sits is written
only on demand (:meth:`Binding.locations`): a law of the data's location asks, most do not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from datetime import date
from operator import itemgetter
from typing import Literal, NamedTuple, get_args

import attr
from pydantic import BaseModel

from riskkit.kinds._graph import producer_chains
from riskkit.kinds._graph.facts import (
    Parent,
    curated_country_evidence,
    curated_entities,
    curated_parents,
    curated_state_holdings,
    doubts,
    entity_parents,
    entity_state_holdings,
    incorporation,
)
from riskkit.kinds._shared.common import clamp, share_text
from riskkit.kinds._shared.sites import places_within, sites_within
from riskkit.kinds.compelled_access.params import BindsBy, CompelledAccessParams
from riskkit.kinds.context import Context, OwnerLink
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, Missing
from riskkit.model import BUYER, Component, ComponentKind, DataFlow
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import weaker, weakest

# --- routes: who can reach the data, and how ------------------------------------------------

How = Literal["flow", "remote_access", "undeclared", "maker", "firmware", "stored"]
"""How a party reaches the data: it operates or hosts a flow's destination; has remote access
to a device; is a device's manufacturer with remote access not declared; makes a device with
remote access not declared, as curated data says (the owner of the brand on it, an OEM maker
behind its brand or manufacturer); updates a device's firmware; or (for laws that bind by data
location) operates where the data is stored.

A maker known from curated data alone, not a party of the procurement, is filed under the key
``entities[<id>]``, which is also its findings' subject."""

Route = tuple[int, How, DataFlow | None, Component | None, int, frozenset[str]]
"""A route to the data: its position among every route (input order: flows, then
components), how, the flow or the component, the ``remote_access`` entry (for a curated
maker: its chain among ``producer_chains``), and the data
categories it reaches (a flow its own, a device those of the flows leaving it).

Plain tuples, and nothing read that the listing does not need: every procurement has dozens
of routes, and most lead to parties no law binds."""

Written = tuple[int, str, tuple[str, ...], tuple[Evidence, ...]]
"""What a route says, written only for routes to parties some rule reports: likelihood,
confidence, the ids it concerns, and its evidence. The evidence is under ``data_flows[...]``
or ``components[...]`` (a curated maker's route adds the curated links behind the component's
field) and never shared by two routes: each names its own flow, or its own field of a
component. Where the data sits is written apart (:func:`_location`), only for a law that holds
there."""

KeptKinds = frozenset[frozenset[str]]
"""The data-category sets a data filter keeps, among those of one party's routes."""


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class _Ways:
    """Every route to the data, by the party on it (listed once per assessment)."""

    by_party: dict[str, list[Route]]
    carried: dict[str, KeptKinds]
    """For each party, the distinct category sets of its routes: a data filter keeps or drops
    routes by these."""
    sent: dict[str, frozenset[str]]
    """For each device that sends data, the categories of the flows leaving it."""
    stored_at: dict[str, list[tuple[str, Route]]]
    """The flows' routes by where their data is stored, each with the destination's operator,
    in flow order: the laws of a place look there rather than at every flow."""
    _written: dict[int, Written] = attr.ib(factory=dict)
    summed: dict[tuple[str, KeptKinds], _Reached] = attr.ib(factory=dict)
    """Each party's routes under a data filter, summed up (:func:`_reached`)."""
    placed: dict[str, dict[frozenset[str], set[str]]] = attr.ib(factory=dict)
    """Where each party's routes reach, by category set (:func:`_places_by_kinds`)."""
    _reaching: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[str, KeptKinds]]] = attr.ib(
        factory=dict
    )

    def written(self, ctx: Context, route: Route) -> Written:
        """What the route says, written once however many laws and filters use it."""
        done = self._written.get(route[0])
        if done is None:
            done = self._written[route[0]] = _write(ctx, route)
        return done

    def kept(self, party_id: str, wanted: frozenset[str]) -> KeptKinds:
        """The category sets of the party's routes that hold one of ``wanted`` (all when
        ``wanted`` is empty)."""
        carried = self.carried[party_id]
        if not wanted:
            return carried
        return frozenset(kinds for kinds in carried if not wanted.isdisjoint(kinds))

    def routes(self, party_id: str, kept: KeptKinds) -> list[Route]:
        return [route for route in self.by_party[party_id] if route[5] in kept]

    def reaching(self, ctx: Context, spec: CompelledAccessParams) -> list[tuple[str, KeptKinds]]:
        """The parties with a route the law's data filter keeps, and of the roles it binds,
        each with the category sets it keeps (in listing order): worked out once for every
        law that filters the same data and roles, as most laws of an assessment do."""
        key = (spec.data, spec.roles)
        found = self._reaching.get(key)
        if found is None:
            wanted = frozenset(spec.data)
            roles = spec.roles
            found = self._reaching[key] = []
            for party_id in self.carried:
                if roles and not _has_role(ctx, party_id, spec):
                    continue
                kept = self.kept(party_id, wanted)
                if kept:
                    found.append((party_id, kept))
        return found


_WAYS_ANY_DAY = ("compelled_access.ways", None)


def _ways(ctx: Context) -> _Ways:
    """The routes, listed once per assessment; once per day when a device's makers come from
    curated data (brands and OEM links hold on some days only)."""
    cached = ctx.memo.get(_WAYS_ANY_DAY)
    if cached is not None:
        assert isinstance(cached, _Ways)
        return cached
    key = ("compelled_access.ways", ctx.day) if _makers_matter(ctx) else _WAYS_ANY_DAY
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = _list_ways(ctx)
    assert isinstance(cached, _Ways)
    return cached


def _list_ways(ctx: Context) -> _Ways:
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
        route: Route = (position, "flow", flow, None, 0, data)
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
                by_party[maker].append((position, "undeclared", None, comp, 0, carries))
                position += 1
            for who, chain in _makers(ctx, comp):
                by_party[who].append((position, "maker", None, comp, chain, carries))
                position += 1
        elif remote:
            for i, who in enumerate(remote):
                by_party[who].append((position, "remote_access", None, comp, i, carries))
                position += 1
        firmware = comp.firmware_updates_by
        if firmware is not None:
            by_party[firmware].append((position, "firmware", None, comp, 0, carries))
            position += 1
    carried = {party: frozenset(map(_kinds, routes)) for party, routes in by_party.items()}
    return _Ways(dict(by_party), carried, sent, dict(stored_at))


_kinds = itemgetter(5)
"""A route's data categories."""


def entity_key(entity_id: str) -> str:
    """The key a curated maker that is no party of the procurement is filed under."""
    return f"entities[{entity_id}]"


def curated_id(key: str) -> str | None:
    """The curated entity id of a key made by :func:`entity_key` (``None`` for a party)."""
    return key[9:-1] if key.startswith("entities[") else None


def subject_of(key: str) -> str:
    """A bound party's finding subject: ``parties[<id>]``, or a curated maker's own key."""
    return key if key.startswith("entities[") else f"parties[{key}]"


def _makers_matter(ctx: Context) -> bool:
    """Whether some device with remote access not declared may have a maker known from
    curated data (once per assessment)."""
    key = ("compelled_access.makers_matter",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = bool(len(ctx.entities)) and any(
            comp.remote_access is None
            and (
                comp.brand is not None
                or (
                    comp.manufacturer is not None and bool(curated_entities(ctx, comp.manufacturer))
                )
            )
            for comp in ctx.procurement.components
        )
    assert isinstance(cached, bool)
    return cached


def _holders(ctx: Context) -> dict[str, str]:
    """The procurement party each curated entity is, when one is (the first in input order)."""
    key = ("compelled_access.holders",)
    cached = ctx.memo.get(key)
    if cached is None:
        found: dict[str, str] = {}
        for party in ctx.procurement.parties:
            for entity_id, _ in curated_entities(ctx, party.id):
                found.setdefault(entity_id, party.id)
        cached = ctx.memo[key] = found
    assert isinstance(cached, dict)
    return cached


def _makers(ctx: Context, comp: Component) -> list[tuple[str, int]]:
    """Who else makes a device whose remote access is not declared, as curated data says on
    the day: the owner of its brand, an entity its brand names, and OEM makers behind either or
    behind its manufacturer, each once, with its chain's index among ``producer_chains``. Each
    is filed under the party that is it, or under its :func:`entity_key`; the manufacturer
    itself (and the entities it is) has its own route."""
    if not _makers_matter(ctx):
        return []
    maker, brand = comp.manufacturer, comp.brand
    key = ("compelled_access.makers", maker, brand, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        own = {entity_id for entity_id, _ in curated_entities(ctx, maker)} if maker else set()
        holders = _holders(ctx)
        found: list[tuple[str, int]] = []
        seen: set[str] = set()
        for i, (node, _, _) in enumerate(producer_chains(ctx, maker, brand)):
            entity_id = node[1]
            if node[0] != "entity" or entity_id in own or entity_id in seen:
                continue
            if entity_id not in ctx.entities.entities:
                continue  # an official list entry, not curated data
            seen.add(entity_id)
            who = holders.get(entity_id, entity_key(entity_id))
            if who != maker:
                found.append((who, i))
        cached = ctx.memo[key] = found
    assert isinstance(cached, list)
    return cached


_HOSTED = frozenset({"vendor_cloud", "third_party_cloud", "partner"})


def _write(ctx: Context, route: Route) -> Written:
    _, how, flow, comp, entry, _ = route
    if flow is not None:
        to = flow.to
        concerns = (flow.id, flow.source, to.operator)
        # each field read once: reading a model's field is slow, and this runs for every route
        # a finding reports
        encryption = flow.encryption
        if encryption is None:
            keys, protected = None, False
        else:
            keys = encryption.keys_held_by
            # encrypted at rest with keys the buyer holds
            protected = keys == "buyer" and bool(encryption.at_rest)
        if how == "stored":
            where = Evidence(
                f"data_flows[{flow.id}].to.location",
                to.location,
                "the data is stored there"
                + ("; encrypted with keys the buyer holds" if protected else ""),
            )
            return 3 if protected else 5, "high", concerns, (where,)
        hosted = to.kind in _HOSTED
        note = "keys held by the buyer" if protected else f"keys held by {keys or 'unknown'}"
        evidence = Evidence(
            f"data_flows[{flow.id}].to.operator",
            to.operator,
            f"{'hosts' if hosted else 'operates'} {', '.join(flow.data)} ({to.kind}, {note})",
        )
        return 2 if protected else (4 if hosted else 3), "high", concerns, (evidence,)
    assert comp is not None
    if how == "remote_access":
        who = (comp.remote_access or ())[entry]
        path = f"components[{comp.id}].remote_access[{entry}]"
        return 4, "high", (comp.id, who), (Evidence(path, who, "has remote access"),)
    if how == "undeclared":
        who = comp.manufacturer or ""
        note = f"remote access by the manufacturer {who!r} is unknown, so it is assumed possible"
        path = f"components[{comp.id}].remote_access"
        return 3, "low", (comp.id, who), (Evidence(path, "not declared", note),)
    if how == "maker":
        node, origin, steps = producer_chains(ctx, comp.manufacturer, comp.brand)[entry]
        note = (
            f"remote access by {node[1]!r}, which makes it as curated data says, is unknown, so "
            "it is assumed possible"
        )
        made = (
            origin.evidence(comp.id),
            *[step.evidence for step in steps],
            Evidence(f"components[{comp.id}].remote_access", "not declared", note),
        )
        ids = (comp.id,) if comp.manufacturer is None else (comp.id, comp.manufacturer)
        return 3, "low", ids, made
    who = comp.firmware_updates_by or ""
    note = "controls the firmware, and so what the device does with its data"
    path = f"components[{comp.id}].firmware_updates_by"
    return 3, "high", (comp.id, who), (Evidence(path, who, note),)


def _location(ctx: Context, route: Route) -> tuple[Evidence, ...]:
    """Where the data the route reaches sits, as evidence: a flow's destination, or the
    device's site (a data-location route's own evidence says it)."""
    flow, comp = route[2], route[3]
    if flow is not None:
        if route[1] == "stored":
            return _write(ctx, route)[3]
        path = f"data_flows[{flow.id}].to.location"
        return (Evidence(path, flow.to.location, "data held here"),)
    assert comp is not None
    return _site_location(ctx, comp)


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
    flow, comp = route[2], route[3]
    if flow is not None:
        return flow.to.location
    assert comp is not None
    site = ctx.site_of(comp)
    return site.jurisdiction if site is not None else None


class _Reached(NamedTuple):
    """One party's routes to the data that a data filter keeps, summed up once for every law
    that binds the party (or its owners) and counts the same data."""

    routes: list[Route]
    likelihood: int
    """The strongest route's."""
    evidence: tuple[Evidence, ...]
    """Every route's evidence, in route order."""
    concerns: frozenset[str]
    confidence: str
    """The weakest route's."""
    lead: int
    """How many of the evidence items are the first route's."""


def _reached(ctx: Context, party_id: str, kept: KeptKinds) -> _Reached:
    """The party's routes that reach data of the ``kept`` kinds, summed up."""
    ways = _ways(ctx)
    key = (party_id, kept)
    cached = ways.summed.get(key)
    if cached is None:
        routes = ways.routes(party_id, kept)
        likelihood, confidence = 0, "high"
        evidence: list[Evidence] = []
        concerns: set[str] = set()
        lead = 0
        for route in routes:
            level, sure, ids, items = ways.written(ctx, route)
            if level > likelihood:
                likelihood = level
            if sure != confidence:
                confidence = weaker(confidence, sure)
            concerns.update(ids)
            evidence.extend(items)
            if not lead:
                lead = len(items)
        cached = ways.summed[key] = _Reached(
            routes, likelihood, tuple(evidence), frozenset(concerns), confidence, lead
        )
    return cached


def _places(ctx: Context, party_id: str, kept: KeptKinds) -> set[str]:
    """Where the data the party's kept routes reach sits, as codes (nothing written)."""
    by_kinds = _places_by_kinds(ctx, party_id)
    return set().union(*(by_kinds[kinds] for kinds in kept))


def _places_by_kinds(ctx: Context, party_id: str) -> dict[frozenset[str], set[str]]:
    """Where the data the party's routes reach sits, by the categories the routes carry:
    worked out once per party, whatever data filters the laws use."""
    ways = _ways(ctx)
    cached = ways.placed.get(party_id)
    if cached is None:
        table: dict[frozenset[str], set[str]] = {}
        for route in ways.by_party[party_id]:
            found = table.setdefault(route[5], set())
            place = _place(ctx, route)
            if place is not None:
                found.add(place)
        cached = ways.placed[party_id] = table
    return cached


# --- bonds: whom a law binds ------------------------------------------------------------------


Tie = tuple[BindsBy, tuple[Evidence, ...], str, int, str | None]
"""One tie of a party to a law's place: how (``incorporation``, ...), the evidence it rests
on, its confidence, the ownership links it climbs, and the name of the curated parent it
climbs to (a curated parent's tie is ``control``; ``None`` for the party's own ties)."""


class _Ties:
    """Every tie of each party to the jurisdiction of ``scopes`` that some law could count, in
    the order evidence lists them, by party: worked out once for the laws of one place and day
    (China's intelligence law and its cybersecurity law count different ties of the same
    parties), filled in as parties are asked about."""

    def __init__(self, scopes: tuple[str, ...], threshold: float) -> None:
        self._scopes = scopes
        self._threshold = threshold
        self._by_party: dict[str, tuple[Tie, ...]] = {}

    def of(self, ctx: Context, party_id: str) -> tuple[Tie, ...]:
        found = self._by_party.get(party_id)
        if found is None:
            found = self._by_party[party_id] = tuple(
                _find_ties(ctx, party_id, self._scopes, self._threshold)
            )
        return found


def _ties(ctx: Context, scopes: tuple[str, ...], threshold: float) -> _Ties:
    key = ("compelled_access.ties", scopes, threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = _Ties(scopes, threshold)
    assert isinstance(cached, _Ties)
    return cached


def _find_ties(
    ctx: Context, party_id: str, scopes: tuple[str, ...], threshold: float
) -> Iterator[Tie]:
    entity_id = curated_id(party_id)
    if entity_id is not None:
        yield from _entity_ties(ctx, entity_id, scopes, threshold)
        return
    party = ctx.parties[party_id]
    # each field read once (reading a model's field is slow)
    headquarters = party.headquarters
    incorporated = incorporation(ctx, party_id)
    tied = False
    if incorporated is not None and ctx.within(scopes, incorporated.value):
        tied = True
        yield "incorporation", incorporated.evidence, incorporated.confidence, 0, None
    if headquarters and ctx.within(scopes, headquarters):
        tied = True
        yield (
            "headquarters",
            (Evidence(f"parties[{party_id}].headquarters", headquarters, "headquartered there"),),
            "high",
            0,
            None,
        )
    for i, place in enumerate(party.operates_in):
        if ctx.within(scopes, place):
            tied = True
            yield (
                "operation",
                (Evidence(f"parties[{party_id}].operates_in[{i}]", place, "operates there"),),
                "high",
                0,
                None,
            )
            break
    for i, state in enumerate(party.state_ownership):
        if ctx.within(scopes, state.state) and (state.share is None or state.share >= threshold):
            tied = True
            yield (
                "control",
                (
                    Evidence(
                        f"parties[{party_id}].state_ownership[{i}]",
                        state.state,
                        f"state holds {share_text(state.share)}",
                    ),
                ),
                "high",
                0,
                None,
            )
    holdings = curated_state_holdings(ctx, party_id, threshold)
    yield from _held_or_parent(ctx, scopes, tied, holdings, curated_parents, party_id, threshold)


def _held_or_parent(
    ctx: Context,
    scopes: tuple[str, ...],
    tied: bool,
    holdings: tuple[tuple[str, tuple[Evidence, ...], str], ...],
    parents: Callable[[Context, str, float], tuple[Parent, ...]],
    subject_id: str,
    threshold: float,
) -> Iterator[Tie]:
    """The ties a party or curated maker has through curated data: each state in ``scopes``
    holding it; failing every tie (``tied`` says whether it had one already), the nearest of
    its curated ``parents`` incorporated there, which are looked up only then."""
    for holder, evidence, confidence in holdings:
        if ctx.within(scopes, holder):
            tied = True
            yield "control", evidence, confidence, 0, None
    if tied:
        return
    for parent in parents(ctx, subject_id, threshold):
        if ctx.within(scopes, parent.country):
            name = ctx.entities.entities[parent.entity].name
            yield "control", parent.evidence, parent.confidence, parent.steps, name
            return


def _entity_ties(
    ctx: Context, entity_id: str, scopes: tuple[str, ...], threshold: float
) -> Iterator[Tie]:
    """A curated maker's ties: its country, else its nearest curated parent's."""
    entity = ctx.entities.entities[entity_id]
    tied = False
    if entity.country is not None and ctx.within(scopes, entity.country):
        tied = True
        yield "incorporation", (curated_country_evidence(entity),), "high", 0, None
    holdings = entity_state_holdings(ctx, entity_id, threshold)
    yield from _held_or_parent(ctx, scopes, tied, holdings, entity_parents, entity_id, threshold)


Candidates = tuple[tuple[str, tuple[OwnerLink, ...]], ...]
"""A reaching party and every party controlling it, each with the ownership chain up to it
(the party itself first, with none)."""


class _Chains:
    """Each party's :data:`Candidates` at one control threshold and day, filled in as parties
    are asked about: every law with that threshold climbs the same chains."""

    def __init__(self, threshold: float) -> None:
        self._threshold = threshold
        self._by_party: dict[str, Candidates] = {}

    def of(self, ctx: Context, party_id: str) -> Candidates:
        found = self._by_party.get(party_id)
        if found is None:
            alone: Candidates = ((party_id, ()),)
            party = ctx.parties.get(party_id)
            # most parties list no owners (a curated maker lists none here): no chain to climb
            found = self._by_party[party_id] = (
                (*alone, *ctx.controllers(party_id, self._threshold))
                if party is not None and party.owners
                else alone
            )
        return found


def _chains(ctx: Context, threshold: float) -> _Chains:
    key = ("compelled_access.chains", threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = _Chains(threshold)
    assert isinstance(cached, _Chains)
    return cached


def _has_role(ctx: Context, party_id: str, spec: CompelledAccessParams) -> bool:
    if curated_id(party_id) is not None:
        return "manufacturer" in spec.roles  # a curated maker: its role on the route
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


class Bond(NamedTuple):
    """A party the law binds, reached from a party on a route directly or up an ownership
    chain: worked out once per party, then used for every route through it (a named tuple:
    cheap to build, and bonds are many)."""

    party: str
    evidence: tuple[Evidence, ...]
    """The ownership chain's links, then the party's ties to the law, each once. All under
    ``parties[...]`` or ``entities[...]``, so never the same as a route's evidence."""
    owned: frozenset[str]
    """The party and every party on the chain below it."""
    confidence: str
    """The weakest confidence of the chain's links ('high' for no chain)."""
    steps: int
    """Links on the chain: each one lowers the likelihood by a level."""
    through: str | None = None
    """The curated parent that binds the party in its stead, by name (``None`` when the party
    is tied itself)."""


class _BondTable:
    """Whom one law binds among each party that reaches the data and its controlling owners,
    by reaching party, filled in as parties are asked about (once per law and day).

    Bonds do not depend on the data a rule counts, so rules that write the same law with
    different data filters share them; the ties and ownership chains they are made of are
    shared by every law of the same place (:class:`_Ties`) and threshold (:class:`_Chains`).
    """

    def __init__(self, ties: _Ties, chains: _Chains | None, binds_by: tuple[BindsBy, ...]) -> None:
        self._ties = ties
        self._chains = chains
        """``None`` for a law that does not bind by control: only the party itself counts."""
        self._binds_by = binds_by
        self._by_party: dict[str, tuple[Bond, ...]] = {}

    def of(self, ctx: Context, party_id: str) -> tuple[Bond, ...]:
        """The bonds through ``party_id``: itself first, then its controllers in chain order."""
        found = self._by_party.get(party_id)
        if found is None:
            found = self._by_party[party_id] = self.among(ctx, party_id, None)
        return found

    def among(
        self, ctx: Context, party_id: str, bound: AbstractSet[str] | None
    ) -> tuple[Bond, ...]:
        """The bonds through ``party_id`` to parties in ``bound`` (every one for ``None``): a
        party outside ``bound`` is passed over before its ties are looked at."""
        if bound is not None:
            known = self._by_party.get(party_id)
            if known is not None:
                return tuple([bond for bond in known if bond.party in bound])
        if party_id == BUYER or (party_id not in ctx.parties and curated_id(party_id) is None):
            # the buyer holding its own data is not a party a state makes hand over someone
            # else's: never bound (where its data sits still counts: ``buyer_held``)
            return ()
        binds_by = self._binds_by
        candidates: Candidates = (
            ((party_id, ()),) if self._chains is None else self._chains.of(ctx, party_id)
        )
        bonds = []
        for candidate, chain in candidates:
            if bound is not None and candidate not in bound:
                continue
            table = self._ties.of(ctx, candidate)
            if not table:
                continue
            counted = [tie for tie in table if tie[0] in binds_by]
            if not counted:
                continue
            ties = [item for tie in counted for item in tie[1]]
            sure = weakest([tie[2] for tie in counted])
            climbs = min([tie[3] for tie in counted])
            through = next((tie[4] for tie in counted if tie[4] is not None), None)
            if chain:
                bond = Bond(
                    party=candidate,
                    evidence=tuple(dict.fromkeys((*_chain_evidence(chain), *ties))),
                    owned=frozenset({candidate, *[link.owned for link in chain]}),
                    confidence=weakest([*[link.confidence for link in chain], sure]),
                    steps=len(chain) + climbs,
                    through=through,
                )
            else:
                # the reaching party itself, the usual bond: its ties are under distinct paths
                bond = Bond(
                    candidate,
                    tuple(dict.fromkeys(ties)),
                    frozenset((candidate,)),
                    sure,
                    climbs,
                    through,
                )
            bonds.append(bond)
        return tuple(bonds)


def _bonds(ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams) -> _BondTable:
    """The law's :class:`_BondTable` for the context's day."""
    key = ("compelled_access.bonds", scopes, spec.binds_by, spec.control_threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        threshold = spec.control_threshold
        chains = _chains(ctx, threshold) if "control" in spec.binds_by else None
        cached = ctx.memo[key] = _BondTable(_ties(ctx, scopes, threshold), chains, spec.binds_by)
    assert isinstance(cached, _BondTable)
    return cached


def _data_location_routes(
    ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams
) -> Iterator[tuple[str, Route]]:
    """The flows stored in the law's territory, each with its destination's operator."""
    inside = places_within(ctx, scopes)
    if not inside:
        return
    found = [
        item for place, stored in _ways(ctx).stored_at.items() if place in inside for item in stored
    ]
    if len(inside) > 1:
        # the flows of several places, back in flow order
        found.sort(key=_stored_position)
    wanted = frozenset(spec.data)
    roles = spec.roles
    for operator, (_, _, flow, _, _, kinds) in found:
        if wanted and wanted.isdisjoint(kinds):
            continue
        if roles and not _has_role(ctx, operator, spec):
            continue
        yield operator, (-1, "stored", flow, None, 0, kinds)


def _stored_position(found: tuple[str, Route]) -> int:
    return found[1][0]


def buyer_held(ctx: Context, scopes: tuple[str, ...], spec: CompelledAccessParams) -> list[Route]:
    """The flows to the buyer's own premises stored in the territory of a law that binds by
    where the data is: the buyer is no third party the law makes hand over someone else's
    data, but the data sits within the state's reach all the same."""
    if "data_location" not in spec.binds_by or BUYER not in _ways(ctx).by_party:
        return []  # the usual case: no flow goes to the buyer's own premises
    return [
        route for operator, route in _data_location_routes(ctx, scopes, spec) if operator == BUYER
    ]


# --- exposures: what a bound party can reach ---------------------------------------------------


class Exposure(NamedTuple):
    """What one bound party can reach: the strongest route, all evidence, where the data is."""

    likelihood: int
    evidence: tuple[Evidence, ...]
    """Each route's evidence in route order, the evidence of how the law binds the party
    following the first route that brings it in."""
    concerns: frozenset[str]
    confidence: str


@attr.s(auto_attribs=True, slots=True)
class Binding:
    """A party a law binds on a day, and what brings it in: the reaching parties it is bound
    through (with the data kinds their kept routes reach, and the bond), and the data stored in
    the law's territory. The exposure is put together on first use."""

    party: str
    via: list[tuple[str, KeptKinds, Bond]] = attr.ib(factory=list)
    stored: list[Route] = attr.ib(factory=list)
    _exposure: Exposure | None = None
    _places: set[str] | None = None

    def places(self, ctx: Context) -> set[str]:
        """Where the data the party reaches sits, as codes: enough to tell whether a law of
        the data's location applies, without writing any evidence (shared: not to be changed)."""
        if self._places is None:
            found: set[str] = set()
            for reaching, kept, _ in self.via:
                found.update(_places(ctx, reaching, kept))
            found.update(flow.to.location for _, _, flow, _, _, _ in self.stored if flow)
            self._places = found
        return self._places

    def locations(self, ctx: Context) -> tuple[Evidence, ...]:
        """Where the data the party reaches sits, as evidence, each place once, in route order
        (the reaching parties' routes, then the data-location routes): written only for a law
        of the data's location."""
        via = self.via
        if len(via) == 1:
            # one party's routes are listed in route order already
            routes = _reached(ctx, via[0][0], via[0][1]).routes
        else:
            ways = _ways(ctx)
            routes = sorted(
                [route for reaching, kept, _ in via for route in ways.routes(reaching, kept)],
                key=_position,
            )
        found: dict[Evidence, None] = {}
        for route in (*routes, *self.stored):
            for item in _location(ctx, route):
                found[item] = None
        return tuple(found)

    def exposure(self, ctx: Context) -> Exposure:
        if self._exposure is None:
            if len(self.via) == 1 and not self.stored:
                reaching, kept, bond = self.via[0]
                self._exposure = _through_one(_reached(ctx, reaching, kept), bond)
            else:
                self._exposure = _combined(ctx, self.via, self.stored)
        return self._exposure


def bindings(
    ctx: Context,
    scopes: tuple[str, ...],
    spec: CompelledAccessParams,
    where: tuple[str, ...] | None = None,
) -> dict[str, Binding]:
    """Every party bound by the law of ``scopes`` (as ``spec`` says) that can reach the data,
    by party id, in id order. Ignores ``spec.foreign_only``: the caller decides whether a
    buyer inside the law's place counts. The buyer itself (``to.operator = "buyer"``) is never
    bound: it holds its own data (:func:`buyer_held` reports where that data sits).

    With ``where``, only the parties some of whose data sits inside those scopes (a law that
    holds where the data is decides which count): the search then looks at the ties of the
    parties reaching such data first, and of other parties only to see whether they bring in
    one of those already bound. A binding found either way is the same.

    Kept for the assessment and day, so a law written in several rules (the CLOUD Act alone
    and in each of its conflicts) is searched once.
    """
    key = ("compelled_access.bindings", scopes, spec.search_key, ctx.day)
    cached = ctx.memo.get(key)
    if where is None:
        if cached is None:
            cached = ctx.memo[key] = _find_bindings(ctx, scopes, spec, None)
        assert isinstance(cached, dict)
        return cached
    if cached is not None:
        assert isinstance(cached, dict)
        inside = places_within(ctx, where)
        return {
            party_id: binding
            for party_id, binding in cached.items()
            if not inside.isdisjoint(binding.places(ctx))
        }
    narrowed_key = (*key, where)
    narrowed = ctx.memo.get(narrowed_key)
    if narrowed is None:
        narrowed = ctx.memo[narrowed_key] = _find_bindings(ctx, scopes, spec, where)
    assert isinstance(narrowed, dict)
    return narrowed


def _reaching_in(ctx: Context, where: tuple[str, ...]) -> dict[str, set[frozenset[str]]]:
    """The parties with a route to data that sits inside ``where``, each with the category
    sets of those routes (once per scope and day)."""
    key = ("compelled_access.reaching_in", where, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        found: dict[str, set[frozenset[str]]] = {}
        ways = _ways(ctx)
        inside = places_within(ctx, where)
        if inside:
            for place, stored in ways.stored_at.items():
                if place in inside:
                    for operator, route in stored:
                        found.setdefault(operator, set()).add(route[5])
        sites = sites_within(ctx, where)
        if sites:
            sent = ways.sent
            nothing: frozenset[str] = frozenset()
            for comp in ctx.procurement.components:
                if comp.site in sites:
                    carries = sent.get(comp.id, nothing)
                    for who in _reaching_device(ctx, comp):
                        found.setdefault(who, set()).add(carries)
        cached = ctx.memo[key] = found
    assert isinstance(cached, dict)
    return cached


def _reaching_device(ctx: Context, comp: Component) -> tuple[str, ...]:
    """Whoever has a route to the device's data (as :func:`_list_ways` lists them)."""
    remote = comp.remote_access
    if remote is None:
        reaching: tuple[str, ...] = () if comp.manufacturer is None else (comp.manufacturer,)
        reaching += tuple([who for who, _ in _makers(ctx, comp)])
    else:
        reaching = remote
    firmware = comp.firmware_updates_by
    return reaching if firmware is None else (*reaching, firmware)


def _find_bindings(
    ctx: Context,
    scopes: tuple[str, ...],
    spec: CompelledAccessParams,
    where: tuple[str, ...] | None,
) -> dict[str, Binding]:
    table = _bonds(ctx, scopes, spec)
    stored = (
        list(_data_location_routes(ctx, scopes, spec)) if "data_location" in spec.binds_by else []
    )
    # with ``where``: the parties bound through data inside it, and whom else to look for
    among: set[str] | None = None
    if where is None:
        reaching = [
            (party_id, kept, table.of(ctx, party_id))
            for party_id, kept in _ways(ctx).reaching(ctx, spec)
        ]
    else:
        among = _bound_inside(ctx, table, spec, stored, where)
        if not among:
            return {}
        reaching = _reaching_among(ctx, table, spec, among)
    found: dict[str, Binding] = {}
    for party_id, kept, bonds in reaching:
        for bond in bonds:
            binding = found.get(bond.party)
            if binding is None:
                binding = found[bond.party] = Binding(bond.party)
            binding.via.append((party_id, kept, bond))
    for operator, route in stored:
        if operator == BUYER:
            continue  # the buyer's own copy: reported about the flow (``buyer_held``)
        if among is None or operator in among:
            binding = found.get(operator)
            if binding is None:
                binding = found[operator] = Binding(operator)
            binding.stored.append(route)
    return {party_id: found[party_id] for party_id in sorted(found)}


def _bound_inside(
    ctx: Context,
    table: _BondTable,
    spec: CompelledAccessParams,
    stored: list[tuple[str, Route]],
    where: tuple[str, ...],
) -> set[str]:
    """The parties the law binds through data inside ``where`` that it counts: operators of
    the data stored there, and the bonds of the parties reaching data there (found from the
    few parties reaching data inside, not by filtering every party's routes first)."""
    among: set[str] = set()
    if stored:
        places = places_within(ctx, where)
        among.update(
            operator
            for operator, route in stored
            if operator != BUYER and route[2] is not None and route[2].to.location in places
        )
    wanted = frozenset(spec.data)
    for party_id, kinds in _reaching_in(ctx, where).items():
        # the law counts the party if a route of it to data inside carries data it counts
        if wanted and all(map(wanted.isdisjoint, kinds)):
            continue
        if spec.roles and not _has_role(ctx, party_id, spec):
            continue
        among.update(bond.party for bond in table.of(ctx, party_id))
    return among


def _reaching_among(
    ctx: Context, table: _BondTable, spec: CompelledAccessParams, among: set[str]
) -> list[tuple[str, KeptKinds, tuple[Bond, ...]]]:
    """The parties with a route the law counts that bring in one of ``among``, with the data
    kinds their counted routes reach and those bonds, in listing order (as
    :meth:`_Ways.reaching` lists them): a party's routes are filtered only when it brings one
    in, as few do."""
    ways = _ways(ctx)
    wanted = frozenset(spec.data)
    owning = _listing_owners(ctx)
    found = []
    for party_id in ways.carried:
        # a party listing no owners can bring in itself alone: no need to ask the table
        if party_id not in among and party_id not in owning:
            continue
        bonds = table.among(ctx, party_id, among)
        if not bonds or (spec.roles and not _has_role(ctx, party_id, spec)):
            continue
        kept = ways.kept(party_id, wanted)
        if kept:
            found.append((party_id, kept, bonds))
    return found


def _listing_owners(ctx: Context) -> frozenset[str]:
    """The parties that list owners (once per assessment): only they can bring in a party
    other than themselves."""
    key = ("compelled_access.listing_owners",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = frozenset(
            [party.id for party in ctx.procurement.parties if party.owners]
        )
    assert isinstance(cached, frozenset)
    return cached


def _through_one(reached: _Reached, bond: Bond) -> Exposure:
    """A party brought in by one reaching party alone (the usual case): that party's routes
    taken as a whole, with the bond's evidence after the first route's."""
    return Exposure(
        likelihood=clamp(reached.likelihood - bond.steps),
        evidence=(
            *reached.evidence[: reached.lead],
            *bond.evidence,
            *reached.evidence[reached.lead :],
        ),
        concerns=reached.concerns | bond.owned,
        # an ownership link's confidence weakens what the routes prove about the owner
        confidence=weaker(reached.confidence, bond.confidence),
    )


def _combined(
    ctx: Context, via: list[tuple[str, KeptKinds, Bond]], stored: list[Route]
) -> Exposure:
    """A party brought in by several reaching parties, or where the data is stored: their
    routes taken one by one in route order, then the data-location routes."""
    ways = _ways(ctx)
    through = [
        (route[0], ways.written(ctx, route), bond)
        for reaching, kept, bond in via
        for route in ways.routes(reaching, kept)
    ]
    if len(via) > 1:
        through.sort(key=_position)
    sequence: list[tuple[Written, Bond | None]] = [(said, bond) for _, said, bond in through]
    sequence += [(_write(ctx, route), None) for route in stored]
    likelihood = 0
    # a route's evidence is its own; only bonds to the same party share facts (its ties)
    evidence: list[Evidence] = []
    shared: set[Evidence] = set()
    concerns: set[str] = set()
    confidence = "high"
    bonds_seen: set[int] = set()
    for (level, sure, ids, items), bond in sequence:
        evidence.extend(items)
        concerns.update(ids)
        if sure != confidence:
            confidence = weaker(confidence, sure)
        if bond is None:
            likelihood = max(likelihood, level)
            continue
        likelihood = max(likelihood, clamp(level - bond.steps))
        if id(bond) not in bonds_seen:
            bonds_seen.add(id(bond))
            for fact in bond.evidence:
                if fact not in shared:
                    shared.add(fact)
                    evidence.append(fact)
            concerns.update(bond.owned)
        if bond.confidence != confidence:
            confidence = weaker(confidence, bond.confidence)
    return Exposure(likelihood, tuple(evidence), frozenset(concerns), confidence)


_position = itemgetter(0)
"""A route's position, or the position of the route a step takes."""


# --- the kind ----------------------------------------------------------------------------------


def _through_words(binding: Binding) -> str:
    """How a party the law binds only through a curated parent is bound, in words."""
    if binding.stored or not binding.via:
        return ""
    parents = {bond.through for _, _, bond in binding.via}
    if None in parents:
        return ""  # bound itself, or through an owner the procurement declares
    names = sorted(name for name in parents if name is not None)
    return f" through {' and '.join(names)}, which controls it as riskkit's curated data says"


def party_name(ctx: Context, party_id: str) -> str:
    entity_id = curated_id(party_id)
    if entity_id is not None:
        return ctx.entities.entities[entity_id].name
    party = ctx.parties.get(party_id)
    return party.name if party else party_id


# --- what the kind needs to know ---------------------------------------------------------------


def _route_words(ctx: Context, route: Route) -> str:
    """How a route reaches the data, in words."""
    _, how, flow, comp, _, _ = route
    if flow is not None:
        return f"it receives the data flow {flow.id!r}"
    assert comp is not None
    if how == "remote_access":
        return f"it has remote access to {comp.id!r}"
    if how == "undeclared":
        return f"it makes {comp.id!r}, whose remote access is not declared"
    return f"it updates the firmware of {comp.id!r}"


def _said(reasons: list[str]) -> str:
    shown = reasons[:3]
    more = len(reasons) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more else "")


def reaching_needs(ctx: Context, threshold: float) -> tuple[Missing, ...]:
    """Where each party that can reach the data, and each party controlling one up the
    declared ownership chain, is incorporated, when neither declared nor known from curated
    data; and every contradiction between declared and curated facts of those parties. Once
    per party, in listing order (the parties on the routes, each followed by its owners);
    worked out once per assessment (the kinds whose laws bind by incorporation all ask)."""
    key = ("compelled_access.reaching_needs", threshold, ctx.day)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = tuple(_reaching_needs(ctx, threshold))
    assert isinstance(cached, tuple)
    return cached


def _reaching_needs(ctx: Context, threshold: float) -> Iterator[Missing]:
    ways = _ways(ctx)
    parties = ctx.parties
    # each party once, with the party it controls that reaches the data (None: it reaches it)
    order: dict[str, str | None] = {}
    for party_id in ways.by_party:
        party = parties.get(party_id)
        if party_id == BUYER or party is None:
            continue
        order[party_id] = None
        if party.owners:
            for owner, _ in ctx.controllers(party_id, threshold):
                order.setdefault(owner, party_id)
    for party_id, below in order.items():
        subject = f"parties[{party_id}]"
        for doubt in doubts(ctx, party_id):
            yield Missing(subject, "incorporated_in.curated", doubt)
        if incorporation(ctx, party_id) is not None:
            continue
        if below is None:
            why = [_route_words(ctx, route) for route in ways.by_party[party_id]]
        else:
            why = [f"it controls {below!r}, which can reach the data"]
        yield Missing(
            subject,
            "incorporated_in",
            f"Where {party_name(ctx, party_id)} is incorporated is not given, and riskkit has "
            f"no curated data on it. It can reach this deployment's data ({_said(why)}), so "
            "riskkit cannot tell whether a foreign state's law can make it hand the data over. "
            "Declare its incorporated_in.",
            (Evidence(f"{subject}.incorporated_in", "not given"),),
        )
    for comp in ctx.procurement.components:
        if comp.remote_access is None and comp.manufacturer is None:
            yield Missing(
                f"components[{comp.id}]",
                "remote_access",
                f"Neither who makes {comp.id!r} (as a party) nor who can reach it remotely is "
                "given, so riskkit cannot tell which state's law could make its maker hand "
                "over its data. Declare its manufacturer, or its remote_access ([] for none).",
                (Evidence(f"components[{comp.id}].remote_access", "not declared"),),
            )
        elif comp.remote_access is None and comp.manufacturer is not None:
            yield Missing(
                f"components[{comp.id}]",
                "remote_access",
                f"Who can reach {comp.id!r} remotely is not stated. riskkit assumes its maker "
                f"{party_name(ctx, comp.manufacturer)} can, but any party that can reach it "
                "(a cloud or support service, an integrator, a maintenance contractor) may be "
                "one a foreign state's law can make hand over its data, and none is checked. "
                "Declare its remote_access: the parties that can reach it, or [] for none.",
                (Evidence(f"components[{comp.id}].remote_access", "not declared"),),
            )
        if comp.firmware_updates_by is None and comp.kind in UPDATED_KINDS:
            yield Missing(
                f"components[{comp.id}]",
                "firmware_updates_by",
                f"Who updates the firmware or software of {comp.id!r} is not stated. Whoever "
                "pushes updates can change what it does and reach its data, so a foreign "
                "state's law that binds that party reaches it too. Declare firmware_updates_by: "
                'the party that does it, or "buyer" when the buyer updates it itself.',
                (Evidence(f"components[{comp.id}].firmware_updates_by", "not declared"),),
            )


UPDATED_KINDS = frozenset(get_args(ComponentKind)) - {"cloud_service"}
"""Component kinds whose firmware or software someone updates: every kind but a cloud service,
which its provider runs (and reaches as a flow's operator)."""


def _key_needs(ctx: Context, in_scope: Sequence[CompiledRule]) -> Iterator[Missing]:
    """Flows to a bound party encrypted with keys the buyer holds, where whether the data is
    encrypted at rest is not given: the keys lower the likelihood only when it is."""
    if not any(
        flow.encryption is not None
        and flow.encryption.keys_held_by == "buyer"
        and flow.encryption.at_rest is None
        for flow in ctx.procurement.data_flows
    ):
        return  # the usual case: nothing to ask
    ways = _ways(ctx)
    flagged: dict[str, DataFlow] = {}
    for rule in in_scope:
        params = rule.params
        assert isinstance(params, CompelledAccessParams)
        scopes = rule.rule.scope
        if not rule.rule.effective.contains(ctx.day) or (
            params.foreign_only and ctx.buyer_within(scopes)
        ):
            continue
        for binding in bindings(ctx, scopes, params).values():
            routes = [r for party, kept, _ in binding.via for r in ways.routes(party, kept)]
            for _, _, flow, _, _, _ in (*routes, *binding.stored):
                encryption = flow.encryption if flow is not None else None
                if (
                    flow is not None
                    and encryption is not None
                    and encryption.keys_held_by == "buyer"
                    and encryption.at_rest is None
                ):
                    flagged.setdefault(flow.id, flow)
    for flow_id in sorted(flagged):
        yield Missing(
            f"data_flows[{flow_id}]",
            "encryption.at_rest",
            f"The buyer holds the keys for {flow_id!r}, but whether the data is encrypted at rest "
            "is not given. Keys the buyer holds keep the data from a compelled host only if it "
            "is stored encrypted, so riskkit did not lower the likelihood. Declare "
            "encryption.at_rest.",
            (Evidence(f"data_flows[{flow_id}].encryption.at_rest", "not given"),),
        )


def _role_needs(ctx: Context, in_scope: Sequence[CompiledRule]) -> Iterator[Missing]:
    """Parties with no roles declared that can reach the data and are tied to the place of a
    law in scope that binds only some roles (Russia's Yarovaya law: telecom, cloud and
    communication services): whether that law binds them turns on their roles."""
    ways = _ways(ctx)
    roleless = [
        party_id
        for party_id in ways.carried
        if party_id != BUYER and party_id in ctx.parties and not ctx.parties[party_id].roles
    ]
    if not roleless:
        return  # the usual case
    asked: set[str] = set()
    for rule in in_scope:
        params = rule.params
        assert isinstance(params, CompelledAccessParams)
        scopes = rule.rule.scope
        if not params.roles or not rule.rule.effective.contains(ctx.day):
            continue
        if params.foreign_only and ctx.buyer_within(scopes):
            continue
        ties = _ties(ctx, scopes, params.control_threshold)
        for party_id in roleless:
            if party_id in asked:
                continue
            if not any(tie[0] in params.binds_by for tie in ties.of(ctx, party_id)):
                continue
            asked.add(party_id)
            roles = ", ".join(role.replace("_", " ") for role in params.roles)
            yield Missing(
                f"parties[{party_id}]",
                "roles",
                f"{rule.rule.title} binds only some parties ({roles}); {party_name(ctx, party_id)} "
                "can reach this deployment's data and is tied to that law's country, but its "
                "roles are not given, so riskkit cannot tell whether the law binds it. Declare "
                "its roles.",
                (Evidence(f"parties[{party_id}].roles", "not given"),),
            )


def _reads_ties(rule: CompiledRule) -> bool:
    params = rule.params
    return isinstance(params, CompelledAccessParams) and any(
        how != "data_location" for how in params.binds_by
    )


def min_threshold(rules: Sequence[CompiledRule]) -> float:
    """The lowest control threshold among the rules' laws (0.5 when none says)."""
    found = [
        r.params.control_threshold for r in rules if isinstance(r.params, CompelledAccessParams)
    ]
    return min(found, default=0.5)


@attr.s(auto_attribs=True, frozen=True, slots=True)
class CompelledAccess:
    name: str = "compelled_access"
    params_model: type[BaseModel] = CompelledAccessParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        return []

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        return ()

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterator[Missing]:
        """Where every party that can reach the data is incorporated (any loaded law may be
        the one that binds it: its incorporation decides which laws are in scope), and, for
        the laws in scope, the roles of parties a law binding only some roles may bind, and
        whether data under buyer-held keys is encrypted at rest."""
        if any(map(_reads_ties, loaded)):
            yield from reaching_needs(ctx, min_threshold(loaded))
        yield from _role_needs(ctx, in_scope)
        yield from _key_needs(ctx, in_scope)

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, CompelledAccessParams)
        scopes = rule.rule.scope
        if params.foreign_only and ctx.buyer_within(scopes):
            return
        compels = params.compels_words
        for party_id, binding in bindings(ctx, scopes, params).items():
            exposure = binding.exposure(ctx)
            yield Hit(
                subject=subject_of(party_id),
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=exposure.likelihood,
                explanation=(
                    f"{party_name(ctx, party_id)} can reach this deployment's data and is bound "
                    f"by {rule.rule.title}{_through_words(binding)}, which can compel {compels}."
                ),
                evidence=exposure.evidence,
                concerns=exposure.concerns,
                confidence=exposure.confidence,
            )
        for route in buyer_held(ctx, scopes, params):
            flow = route[2]
            assert flow is not None
            likelihood, confidence, _, where = _write(ctx, route)
            yield Hit(
                subject=f"data_flows[{flow.id}]",
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=likelihood,
                explanation=(
                    f"The buyer keeps {', '.join(flow.data)} from {flow.source!r} on its own "
                    f"premises in {flow.to.location}, where {rule.rule.title} reaches data held "
                    f"in its territory and can compel {compels}."
                ),
                evidence=where,
                concerns=frozenset((flow.id, flow.source)),
                confidence=confidence,
            )


KIND = CompelledAccess()
