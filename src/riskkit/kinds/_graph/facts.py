"""The effective facts of a party: what the procurement declares, else what riskkit's curated
entity data says, each with where it is written and how sure it is.

A party is a curated entity when one of its identifiers, or its exact normalised name or an
alias, names it (``edges.entities_of_party``, as the listed-entity kind matches). Then
the entity's country counts as where the party is incorporated, and the entity's controlling
owners up the curated chain count as the party's controlling parents. A declared fact wins; a
declared fact that contradicts the curated one is kept, and the contradiction is stated as an
unknown naming both values (:func:`doubts`), never silently resolved either way. A party that
names several curated entities incorporated in different places has no curated incorporation
(riskkit cannot tell which it is) and the same kind of unknown.

Every kind that reads a party's incorporation asks here, so that all of them agree.
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit._support.identity_cache import IdentityCache
from riskkit.kinds._graph.edges import entities_of_party
from riskkit.kinds._graph.reach import controlling_ancestors
from riskkit.kinds._shared.common import share_text
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence
from riskkit.model import BUYER
from riskkit.model.entities import Entity, EntityIndex
from riskkit.model.vocabulary import weakest


class Fact(NamedTuple):
    """A fact about a party, with the evidence it rests on (the identity match first, for a
    curated fact) and its confidence."""

    value: str
    evidence: tuple[Evidence, ...]
    confidence: str
    curated: bool


class Parent(NamedTuple):
    """A curated entity controlling the party up the curated ownership chain, and where it is
    incorporated."""

    entity: str
    country: str
    evidence: tuple[Evidence, ...]
    """The identity match, each ownership link, then the parent's country."""
    confidence: str
    """The weakest of the links'."""
    steps: int
    """Ownership links between the party and the parent."""


class StateHolding(NamedTuple):
    """A state holding a controlling share of a party or curated entity, as curated data
    says."""

    state: str
    evidence: tuple[Evidence, ...]
    """The identity match (for a party), then where curated data writes the holding."""
    confidence: str


class _Known(NamedTuple):
    incorporation: Fact | None
    matched: tuple[tuple[str, Evidence], ...]
    """The curated entities the party is, whose data riskkit uses (none when a declared
    incorporation contradicts them)."""
    doubts: tuple[str, ...]


def _source(entity: Entity) -> str:
    return f"; source: {entity.sources[0]}" if entity.sources else ""


def curated_country_evidence(entity: Entity) -> Evidence:
    return Evidence(
        f"entities[{entity.id}].country",
        entity.country or "",
        f"incorporated there (riskkit's curated entity data on {entity.name}{_source(entity)})",
    )


_KNOWN: Slot[str, _Known] = Slot("graph.facts.known")
_PARENTS: Slot[tuple[str, float], tuple[Parent, ...]] = Slot("graph.facts.parents", per_day=True)
_ENTITY_PARENTS: Slot[tuple[str, float], tuple[Parent, ...]] = Slot(
    "graph.facts.entity_parents", per_day=True
)


def _no_state_holdings(
    _entities: EntityIndex,
) -> dict[tuple[str, float], tuple[StateHolding, ...]]:
    return {}


_state_holdings_by_index: IdentityCache[
    EntityIndex, dict[tuple[str, float], tuple[StateHolding, ...]]
] = IdentityCache(_no_state_holdings)
"""Each entity index's ``entity_state_holdings`` by (entity id, control threshold): they
follow from the loaded data alone, so they live as long as the index does."""


def _known(ctx: Context, party_id: str) -> _Known:
    cached = _KNOWN.get(ctx, party_id)
    if cached is None:
        cached = _KNOWN.put(ctx, party_id, _find_known(ctx, party_id))
    return cached


def _find_known(ctx: Context, party_id: str) -> _Known:
    party = ctx.parties.get(party_id)
    if party is None:
        return _Known(None, (), ())
    declared = party.incorporated_in
    if party_id == BUYER:
        # the buyer is the buyer: never matched to curated data by its name
        assert declared is not None
        return _Known(Fact(declared, (), "high", False), (), ())
    matched = entities_of_party(ctx, party_id) if len(ctx.entities) else ()
    entities = ctx.entities.entities
    countries: dict[str, str] = {}
    for entity_id, _ in matched:
        country = entities[entity_id].country
        if country is not None:
            countries[entity_id] = country
    if declared is not None:
        fact = Fact(
            declared,
            (Evidence(f"parties[{party_id}].incorporated_in", declared, "incorporated there"),),
            "high",
            False,
        )
        against = {e: c for e, c in countries.items() if c != declared}
        if not against:
            return _Known(fact, matched, ())
        said = ", ".join(f"{entities[e].name} (entities[{e}]) in {c}" for e, c in against.items())
        doubt = (
            f"{party.name} is declared incorporated in {declared}, but riskkit's curated data "
            f"matches it to {said}. riskkit used the declared {declared}; if the party is the "
            "curated entity, the laws of that country may bind it too. Check which is right."
        )
        return _Known(fact, (), (doubt,))
    if not countries:
        return _Known(None, matched, ())
    if len(set(countries.values())) > 1:
        said = ", ".join(f"{entities[e].name} (entities[{e}]) in {c}" for e, c in countries.items())
        doubt = (
            f"{party.name} matches several curated entities incorporated in different "
            f"countries: {said}. riskkit cannot tell which it is; declare incorporated_in."
        )
        return _Known(None, (), (doubt,))
    entity_id, country = next(iter(countries.items()))
    found = dict(matched)
    fact = Fact(
        country,
        (found[entity_id], curated_country_evidence(entities[entity_id])),
        "high",
        True,
    )
    return _Known(fact, matched, ())


def incorporation(ctx: Context, party_id: str) -> Fact | None:
    """Where the party is incorporated: declared, else curated; ``None`` when unknown."""
    return _known(ctx, party_id).incorporation


def curated_entities(ctx: Context, party_id: str) -> tuple[tuple[str, Evidence], ...]:
    """The curated entities the party is whose data counts, each with the evidence of the
    match (none when a declared fact contradicts them)."""
    return _known(ctx, party_id).matched


def doubts(ctx: Context, party_id: str) -> tuple[str, ...]:
    """Contradictions between the declared and the curated facts of the party, in words."""
    return _known(ctx, party_id).doubts


def curated_state_holdings(
    ctx: Context, party_id: str, threshold: float
) -> tuple[StateHolding, ...]:
    """States holding a controlling share of the party (a share left out counts) as curated
    data says, when the party declares no ``state_ownership`` of its own, each with the
    identity match first in its evidence."""
    party = ctx.parties.get(party_id)
    if party is None or party.state_ownership:
        return ()
    found = []
    for entity_id, match in curated_entities(ctx, party_id):
        for state, evidence, confidence in entity_state_holdings(ctx, entity_id, threshold):
            found.append(StateHolding(state, (match, *evidence), confidence))
    return tuple(found)


def entity_state_holdings(
    ctx: Context, entity_id: str, threshold: float
) -> tuple[StateHolding, ...]:
    """States holding a controlling share of a curated entity (a share left out counts):
    it follows from the loaded data alone, so it is kept as long as the entity index."""
    kept = _state_holdings_by_index(ctx.entities)
    key = (entity_id, threshold)
    cached = kept.get(key)
    if cached is None:
        cached = kept[key] = _state_holdings(ctx.entities, entity_id, threshold)
    return cached


def _state_holdings(
    entities: EntityIndex, entity_id: str, threshold: float
) -> tuple[StateHolding, ...]:
    entity = entities.entities[entity_id]
    return tuple(
        StateHolding(
            held.state,
            (
                Evidence(
                    f"entities[{entity_id}].state_ownership[{i}]",
                    held.state,
                    f"state holds {share_text(held.share)}"
                    + (f" through {held.via}" if held.via else "")
                    + f" (riskkit's curated entity data; source: {held.source})",
                ),
            ),
            held.confidence,
        )
        for i, held in enumerate(entity.state_ownership)
        if held.share is None or held.share >= threshold
    )


def curated_parents(ctx: Context, party_id: str, threshold: float) -> tuple[Parent, ...]:
    """The curated entities that control the party on the day, nearest first, each with the
    country it is incorporated in (those with no country are left out)."""
    key = (party_id, threshold)
    cached = _PARENTS.get(ctx, key)
    if cached is None:
        cached = _PARENTS.put(
            ctx, key, _parents_of(ctx, curated_entities(ctx, party_id), threshold)
        )
    return cached


def entity_parents(ctx: Context, entity_id: str, threshold: float) -> tuple[Parent, ...]:
    """The curated entities that control a curated entity on the day, as
    :func:`curated_parents` gives them for a party (no identity match in front)."""
    key = (entity_id, threshold)
    cached = _ENTITY_PARENTS.get(ctx, key)
    if cached is None:
        cached = _ENTITY_PARENTS.put(ctx, key, _parents_of(ctx, ((entity_id, None),), threshold))
    return cached


def _parents_of(
    ctx: Context, starts: tuple[tuple[str, Evidence | None], ...], threshold: float
) -> tuple[Parent, ...]:
    found: list[Parent] = []
    entities = ctx.entities.entities
    seen: set[str] = set()
    for entity_id, match in starts:
        lead = () if match is None else (match,)
        for node, steps in controlling_ancestors(ctx, [(("entity", entity_id), ())], threshold):
            owner = node[1]
            if node[0] != "entity" or owner in seen or owner not in entities:
                continue
            seen.add(owner)
            parent = entities[owner]
            if parent.country is None:
                continue
            found.append(
                Parent(
                    entity=owner,
                    country=parent.country,
                    evidence=(
                        *lead,
                        *[step.evidence for step in steps],
                        curated_country_evidence(parent),
                    ),
                    confidence=weakest([step.confidence for step in steps]),
                    steps=len(steps),
                )
            )
    found.sort(key=_nearest)
    return tuple(found)


def _nearest(parent: Parent) -> tuple[int, str]:
    return parent.steps, parent.entity
