"""Coverage by where a product's producer is incorporated, or where the product is made.

For measures that name no company but key on a state's hold over the maker (the UK's 2022
direction on companies subject to the PRC National Intelligence Law), or on production outside
a set of countries.
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds._graph import Node, Step, controlling_ancestors, entities_of_party
from riskkit.kinds._graph.holders import may_control
from riskkit.kinds._shared.screened import is_list_key
from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence
from riskkit.kinds.listed_entity._coverage import Coverage
from riskkit.kinds.listed_entity._undecided import open_chain, unnamed_evidence
from riskkit.kinds.listed_entity.params import ListedEntityParams
from riskkit.model import Component
from riskkit.model.vocabulary import weakest


def _incorporated(path: str, country: str) -> Evidence:
    return Evidence(path, country, "incorporated in")


class _Seat(NamedTuple):
    """Where a party or entity is incorporated."""

    country: str
    evidence: Evidence
    """Where that is written."""


def _seat(ctx: Context, node: Node) -> _Seat | None:
    """Where the party or entity at ``node`` is incorporated."""
    kind, ident = node
    if kind == "party":
        # Declared, else the first curated entity the party names that has a country. (The
        # shared kinds/_graph/facts.incorporation calls a party naming curated entities in two
        # countries unknown; this kind takes the first, which keeps its outcome the stricter.)
        party = ctx.parties[ident]
        if party.incorporated_in is not None:
            path = f"parties[{ident}].incorporated_in"
            return _Seat(party.incorporated_in, _incorporated(path, party.incorporated_in))
        for entity_id, _evidence in entities_of_party(ctx, ident):
            country = ctx.entities.entities[entity_id].country
            if country is not None:
                return _Seat(country, _incorporated(f"entities[{entity_id}].country", country))
        return None
    if is_list_key(ident):
        return None
    country = ctx.entities.entities[ident].country
    if country is None:
        return None
    return _Seat(country, _incorporated(f"entities[{ident}].country", country))


def _seated(steps: tuple[Step, ...], covered: str, confidence: str, note: str = "") -> Coverage:
    """A coverage of the subject itself by where it is made or incorporated."""
    return Coverage(
        steps=steps,
        covered=covered,
        relation="is",
        direct=True,
        since=None,
        confidence=confidence,
        note=note,
    )


def produced_outside(
    ctx: Context, params: ListedEntityParams, comp: Component
) -> tuple[list[Coverage], bool]:
    """A coverage when the component is produced outside ``params.producers_outside``, read
    from its ``produced_in``; and whether where it is produced is known at all."""
    produced = comp.produced_in
    if produced is None:
        return [], False
    outside = params.producers_outside
    if ctx.within(outside, produced):
        return [], True
    where = ", ".join(outside)
    evidence = Evidence(f"components[{comp.id}].produced_in", produced, "produced in")
    covered = f"a product produced in {produced}, outside {where}, which the {params.list} covers"
    return [_seated((Step(evidence, "high"),), covered, "high")], True


def seat_coverages(
    ctx: Context,
    params: ListedEntityParams,
    starts: list[tuple[Node, tuple[Step, ...]]],
) -> tuple[list[Coverage], bool]:
    """Coverages by the producer's seat, and whether any producer's seat was known at all."""
    scopes = params.producers_incorporated_in
    outside = params.producers_outside
    where = ", ".join(scopes or outside)
    known = False
    out = []
    for node, steps in starts:
        found = _seat(ctx, node)
        if outside:
            if found is not None:
                known = True
                country, evidence = found
                if not ctx.within(outside, country):
                    out.append(
                        _seated(
                            (*steps, Step(evidence, "high")),
                            f"a company incorporated in {country}, outside {where}, "
                            f"whose products the {params.list} covers when produced there",
                            "low",
                            " Where the product is produced is not given; the producer's "
                            "seat stands in for it, so treat this as a risk to verify.",
                        )
                    )
            continue
        if found is not None:
            known = True
            country, evidence = found
            if ctx.within(scopes, country):
                out.append(
                    _seated(
                        (*steps, Step(evidence, "high")),
                        f"a company incorporated in {country}, which the {params.list} "
                        f"covers ({where})",
                        weakest([s.confidence for s in steps]),
                    )
                )
                continue
        for owner, owner_steps in controlling_ancestors(
            ctx, [(node, ())], params.control_threshold
        ):
            owner_seat = _seat(ctx, owner)
            if owner_seat is None or not ctx.within(scopes, owner_seat.country):
                continue
            out.append(
                Coverage(
                    steps=(*steps, *owner_steps, Step(owner_seat.evidence, "high")),
                    covered=f"a company incorporated in {owner_seat.country}, which the "
                    f"{params.list} covers ({where})",
                    relation="is controlled by",
                    direct=False,
                    since=None,
                    # Whether such measures reach a foreign subsidiary is rarely settled.
                    confidence="low",
                    note=" Whether the measure reaches a subsidiary incorporated elsewhere is "
                    "not settled; treat this as a risk to verify.",
                )
            )
            break
    return out, known


def open_control(
    ctx: Context, params: ListedEntityParams, starts: list[tuple[Node, tuple[Step, ...]]]
) -> tuple[Evidence, ...]:
    """The holdings that leave open whether a producer is controlled from a country the rule
    covers: up the deal's holdings that control or may control, with at least one whose
    control is not known, to a party seated there or controlled from there; or to an owner the
    register does not name (seated anywhere). Empty when no holding leaves it open."""
    scopes = params.producers_incorporated_in
    threshold = params.control_threshold
    for node, _steps in starts:
        if node[0] != "party":
            continue
        for held in may_control(ctx, node[1], threshold):
            if ctx.parties[held.owner].undisclosed:
                return (
                    *open_chain(ctx, held.before),
                    unnamed_evidence(ctx, held.owned, held.position),
                )
            if held.path:
                seat = _seat_in(ctx, ("party", held.owner), scopes, threshold)
                if seat is not None:
                    return (*open_chain(ctx, held.path), seat)
    return ()


def _seat_in(
    ctx: Context, node: Node, scopes: tuple[str, ...], threshold: float
) -> Evidence | None:
    """Where ``node``, or a party or entity that controls it, is incorporated within
    ``scopes``; None when neither is."""
    for candidate, _steps in [(node, ()), *controlling_ancestors(ctx, [(node, ())], threshold)]:
        seat = _seat(ctx, candidate)
        if seat is not None and ctx.within(scopes, seat.country):
            return seat.evidence
    return None
