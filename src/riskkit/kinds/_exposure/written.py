"""What routes say: each route's likelihood, confidence and evidence, written only for routes
to parties some rule reports, and one party's routes under a data filter summed up.

A route's evidence is written once however many laws and data filters use it, and a party's
routes are summed up (:class:`RouteSummary`) once for every law that binds it and counts the
same data. Where the data sits is written apart (:func:`location`), only for a law that holds
where the data is; most laws only ask whether it sits there (:func:`reached_places`).
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds._exposure.routes import KeptCategories, Route, Ways, Written, ways
from riskkit.kinds._graph import producer_chains
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence
from riskkit.model import Component
from riskkit.model.vocabulary import weaker

_HOSTED = frozenset({"vendor_cloud", "third_party_cloud", "partner"})


def write(ctx: Context, route: Route) -> Written:
    """What the route says (written anew: :func:`written` keeps it)."""
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
            return Written(3 if protected else 5, "high", concerns, (where,))
        hosted = to.kind in _HOSTED
        note = "keys held by the buyer" if protected else f"keys held by {keys or 'unknown'}"
        evidence = Evidence(
            f"data_flows[{flow.id}].to.operator",
            to.operator,
            f"{'hosts' if hosted else 'operates'} {', '.join(flow.data)} ({to.kind}, {note})",
        )
        return Written(2 if protected else (4 if hosted else 3), "high", concerns, (evidence,))
    assert comp is not None
    if how == "remote_access":
        who = (comp.remote_access or ())[entry]
        path = f"components[{comp.id}].remote_access[{entry}]"
        return Written(4, "high", (comp.id, who), (Evidence(path, who, "has remote access"),))
    if how == "undeclared":
        who = comp.manufacturer or ""
        note = f"remote access by the manufacturer {who!r} is unknown, so it is assumed possible"
        path = f"components[{comp.id}].remote_access"
        return Written(3, "low", (comp.id, who), (Evidence(path, "not declared", note),))
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
        return Written(3, "low", ids, made)
    if how == "provider":
        who = comp.manufacturer or ""
        note = "provides and runs the cloud service; no one else is said to update it"
        path = f"components[{comp.id}].manufacturer"
        return Written(3, "high", (comp.id, who), (Evidence(path, who, note),))
    who = comp.firmware_updates_by or ""
    note = "controls the firmware, and so what the device does with its data"
    path = f"components[{comp.id}].firmware_updates_by"
    return Written(3, "high", (comp.id, who), (Evidence(path, who, note),))


def written(ctx: Context, listed: Ways, route: Route) -> Written:
    """What the route says, written once however many laws and filters use it (kept with the
    routes ``listed``)."""
    said = listed.said
    done = said.get(route.position)
    if done is None:
        done = said[route.position] = write(ctx, route)
    return done


def location(ctx: Context, route: Route) -> tuple[Evidence, ...]:
    """Where the data the route reaches sits, as evidence: a flow's destination, or the
    device's site (a data-location route's own evidence says it)."""
    flow, comp = route.flow, route.component
    if flow is not None:
        if route.how == "stored":
            return write(ctx, route).evidence
        path = f"data_flows[{flow.id}].to.location"
        return (Evidence(path, flow.to.location, "data held here"),)
    assert comp is not None
    return _site_location(ctx, comp)


_SITE_LOCATION = Slot[str, tuple[Evidence, ...]]("exposure.site_location")


def _site_location(ctx: Context, comp: Component) -> tuple[Evidence, ...]:
    site = ctx.site_of(comp)
    if site is None:
        return ()
    found = _SITE_LOCATION.get(ctx, site.id)
    if found is None:
        found = _SITE_LOCATION.put(
            ctx,
            site.id,
            (Evidence(f"sites[{site.id}].jurisdiction", site.jurisdiction, "the device is here"),),
        )
    return found


def place(ctx: Context, route: Route) -> str | None:
    """Where the data the route reaches sits, as a jurisdiction code."""
    flow, comp = route.flow, route.component
    if flow is not None:
        return flow.to.location
    assert comp is not None
    site = ctx.site_of(comp)
    return site.jurisdiction if site is not None else None


class RouteSummary(NamedTuple):
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


def summary(ctx: Context, party_id: str, kept: KeptCategories) -> RouteSummary:
    """The party's routes that reach data of the ``kept`` categories, summed up."""
    listed = ways(ctx)
    key = (party_id, kept)
    found = listed.summed.get(key)
    if found is None:
        routes = listed.routes(party_id, kept)
        likelihood, confidence = 0, "high"
        evidence: list[Evidence] = []
        concerns: set[str] = set()
        lead = 0
        for route in routes:
            level, sure, ids, items = written(ctx, listed, route)
            if level > likelihood:
                likelihood = level
            if sure != confidence:
                confidence = weaker(confidence, sure)
            concerns.update(ids)
            evidence.extend(items)
            if not lead:
                lead = len(items)
        found = listed.summed[key] = RouteSummary(
            routes, likelihood, tuple(evidence), frozenset(concerns), confidence, lead
        )
    return found


def reached_places(ctx: Context, party_id: str, kept: KeptCategories) -> set[str]:
    """Where the data the party's kept routes reach sits, as codes (nothing written)."""
    by_categories = places_by_categories(ctx, party_id)
    return set().union(*(by_categories[categories] for categories in kept))


def places_by_categories(ctx: Context, party_id: str) -> dict[frozenset[str], set[str]]:
    """Where the data the party's routes reach sits, by the categories the routes carry:
    worked out once per party, whatever data filters the laws use."""
    listed = ways(ctx)
    found = listed.placed.get(party_id)
    if found is None:
        table: dict[frozenset[str], set[str]] = {}
        for route in listed.by_party[party_id]:
            at = table.setdefault(route.categories, set())
            where = place(ctx, route)
            if where is not None:
                at.add(where)
        found = listed.placed[party_id] = table
    return found
