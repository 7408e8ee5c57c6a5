"""What a bound party can reach, put together only when a rule reports it: the strongest
route, all the evidence, and how sure it all is.

A party brought in by one reaching party alone (the usual case) takes that party's route
summary as a whole (:func:`through_one`); one brought in by several, or by data stored in the
law's territory, takes their routes one by one (:func:`combined`).
"""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds._exposure.bonds import Bond
from riskkit.kinds._exposure.routes import KeptCategories, Route, Written, ways
from riskkit.kinds._exposure.written import RouteSummary, write, written
from riskkit.kinds._shared.common import clamp
from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence
from riskkit.model.vocabulary import weaker


class Exposure(NamedTuple):
    """What one bound party can reach: the strongest route, all evidence, where the data is."""

    likelihood: int
    evidence: tuple[Evidence, ...]
    """Each route's evidence in route order, the evidence of how the law binds the party
    following the first route that brings it in."""
    concerns: frozenset[str]
    confidence: str


class Via(NamedTuple):
    """A reaching party a bound party is brought in through."""

    reaching: str
    """The party on the routes."""
    kept: KeptCategories
    """The category sets of its routes the law counts."""
    bond: Bond
    """How the law binds the bound party through it."""


def through_one(summary: RouteSummary, bond: Bond) -> Exposure:
    """A party brought in by one reaching party alone (the usual case): that party's routes
    taken as a whole, with the bond's evidence after the first route's."""
    return Exposure(
        likelihood=clamp(summary.likelihood - bond.steps),
        evidence=(
            *summary.evidence[: summary.lead],
            *bond.evidence,
            *summary.evidence[summary.lead :],
        ),
        concerns=summary.concerns | bond.owned,
        # an ownership link's confidence weakens what the routes prove about the owner
        confidence=weaker(summary.confidence, bond.confidence),
    )


def combined(ctx: Context, via: list[Via], stored: list[Route]) -> Exposure:
    """A party brought in by several reaching parties, or where the data is stored: their
    routes taken one by one in route order, then the data-location routes."""
    listed = ways(ctx)
    through = [
        (route, bond) for reaching, kept, bond in via for route in listed.routes(reaching, kept)
    ]
    if len(via) > 1:
        through.sort(key=_route_position)
    sequence: list[tuple[Written, Bond | None]] = [
        (written(ctx, listed, route), bond) for route, bond in through
    ]
    sequence += [(write(ctx, route), None) for route in stored]
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


def _route_position(step: tuple[Route, Bond]) -> int:
    return step[0].position
