"""What a procurement reaches, beyond what it declares: the places it touches and the days on
which the curated links it rests on change.

A procurement declares places (buyer, sites, parties, owners, data locations); the curated
entities its parties and brands are, and their curated owners and makers, add their own. Both
are kept per procurement and entity index: every assessment of the procurement asks again.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from riskkit._support.dates import day_after
from riskkit._support.identity_cache import IdentityCache
from riskkit.model import Procurement
from riskkit.model.entities import EntityIndex


def _declared(p: Procurement) -> frozenset[str]:
    codes = {site.jurisdiction for site in p.sites}
    if p.buyer.jurisdiction is not None:
        codes.add(p.buyer.jurisdiction)
    for party in p.parties:
        codes.update(j for j in (party.incorporated_in, party.headquarters) if j)
        codes.update(party.operates_in)
        codes.update(s.state for s in party.state_ownership)
    codes.update(flow.to.location for flow in p.data_flows)
    return frozenset(codes)


_declared_places = IdentityCache(_declared)
"""Places the procurement declares: buyer, sites, parties, owners, data locations."""


def _curated_reach(p: Procurement, entities: EntityIndex) -> set[str]:
    """The curated entities the parties are (by identifier or exact name), those behind the
    components' brands, and every owner and OEM maker up their curated chains, on any day."""
    if not len(entities):
        return set()
    start: set[str] = set()
    for party in p.parties:
        for ident in party.identifiers:
            found = entities.by_identifier(ident.scheme, ident.value)
            if found is not None:
                start.add(found)
        for name in (party.name, *party.aliases):
            start.update(entities.by_name(name))
    for comp in p.components:
        brands = [comp.brand, *[part.brand for part in comp.contains]]
        for brand in brands:
            if brand:
                start.update(entities.by_name(brand))
                start.update(entities.brand_holders(brand))
    known = entities.entities
    seen = set(start)
    stack = list(start)
    while stack:
        entity = known[stack.pop()]
        for linked in (*[o.entity for o in entity.owners], *[m.entity for m in entity.made_by]):
            if linked not in seen and linked in known:
                seen.add(linked)
                stack.append(linked)
    return seen


class _Curated(NamedTuple):
    entities: EntityIndex
    places: frozenset[str]
    """The places the procurement declares, and the countries (and holding states) of the
    curated entities the deployment reaches."""
    days: frozenset[date]
    """The days on which one of their curated links (holdings, brands, OEM links) starts, or
    the day after one ends."""


def _curated(p: Procurement, entities: EntityIndex) -> _Curated:
    per_index = _curated_by_index(p)
    found = per_index.get(id(entities))
    if found is None or found.entities is not entities:
        reached = _curated_reach(p, entities)
        known = entities.entities
        places = (
            _declared_places(p)
            .union(c for c in (known[e].country for e in reached) if c is not None)
            .union(held.state for e in reached for held in known[e].state_ownership)
        )
        days: set[date] = set()
        for entity_id in reached:
            entity = known[entity_id]
            for link in (*entity.owners, *entity.brands, *entity.made_by):
                if link.start is not None:
                    days.add(link.start)
                after = day_after(link.until) if link.until is not None else None
                if after is not None:
                    days.add(after)
        found = per_index[id(entities)] = _Curated(entities, places, frozenset(days))
    return found


_curated_by_index: IdentityCache[Procurement, dict[int, _Curated]] = IdentityCache(lambda p: {})
"""What curated data adds to a procurement, by entity index (kept per procurement)."""


def touched_places(p: Procurement, entities: EntityIndex) -> frozenset[str]:
    """Places the deployment touches: buyer, sites, parties, owners, data locations, and the
    countries of the curated entities its parties and brands are and of their curated owners
    and makers (a superset: the rules' kinds decide what holds on the day)."""
    return _curated(p, entities).places


def curated_change_days(p: Procurement, entities: EntityIndex) -> frozenset[date]:
    """Days on which a curated link of an entity the deployment reaches starts or stops
    holding: a finding resting on it may start or end then."""
    return _curated(p, entities).days
