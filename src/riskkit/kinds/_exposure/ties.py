"""A party's ties to a law's place: incorporation, headquarters, operation there, a state's
holding in it, or (failing every one) a curated parent incorporated there.

The ties depend on the place and the day, not on the law: they are worked out once for every
law of a place (China's intelligence law and its cybersecurity law count different ties of the
same parties), and each law counts those it binds by.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from riskkit.kinds._exposure.spec import BindsBy
from riskkit.kinds._exposure.subjects import curated_id
from riskkit.kinds._graph.facts import (
    Parent,
    curated_country_evidence,
    curated_parents,
    curated_state_holdings,
    entity_parents,
    entity_state_holdings,
    incorporation,
)
from riskkit.kinds._shared.common import share_text
from riskkit.kinds.context import Context, Slot
from riskkit.kinds.interface import Evidence


class Tie(NamedTuple):
    """One tie of a party to a law's place."""

    how: BindsBy
    evidence: tuple[Evidence, ...]
    """The evidence it rests on."""
    confidence: str
    steps: int
    """The ownership links it climbs (to a curated parent)."""
    through: str | None
    """The name of the curated parent it climbs to (a curated parent's tie is ``control``;
    ``None`` for the party's own ties)."""


class Ties:
    """Every tie of each party to the jurisdiction of ``scopes`` that some law could count, in
    the order evidence lists them, by party: worked out once for the laws of one place and day,
    filled in as parties are asked about."""

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


_TIES = Slot[tuple[tuple[str, ...], float], Ties]("exposure.ties", per_day=True)


def ties_to(ctx: Context, scopes: tuple[str, ...], threshold: float) -> Ties:
    """The :class:`Ties` to the place of ``scopes`` at a control threshold, on the day."""
    found = _TIES.get(ctx, (scopes, threshold))
    if found is None:
        found = _TIES.put(ctx, (scopes, threshold), Ties(scopes, threshold))
    return found


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
        yield Tie("incorporation", incorporated.evidence, incorporated.confidence, 0, None)
    if headquarters and ctx.within(scopes, headquarters):
        tied = True
        path = f"parties[{party_id}].headquarters"
        yield Tie(
            "headquarters", (Evidence(path, headquarters, "headquartered there"),), "high", 0, None
        )
    for i, place in enumerate(party.operates_in):
        if ctx.within(scopes, place):
            tied = True
            path = f"parties[{party_id}].operates_in[{i}]"
            yield Tie("operation", (Evidence(path, place, "operates there"),), "high", 0, None)
            break
    for i, state in enumerate(party.state_ownership):
        if ctx.within(scopes, state.state) and (state.share is None or state.share >= threshold):
            tied = True
            path = f"parties[{party_id}].state_ownership[{i}]"
            held = Evidence(path, state.state, f"state holds {share_text(state.share)}")
            yield Tie("control", (held,), "high", 0, None)
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
            yield Tie("control", evidence, confidence, 0, None)
    if tied:
        return
    for parent in parents(ctx, subject_id, threshold):
        if ctx.within(scopes, parent.country):
            name = ctx.entities.entities[parent.entity].name
            yield Tie("control", parent.evidence, parent.confidence, parent.steps, name)
            return


def _entity_ties(
    ctx: Context, entity_id: str, scopes: tuple[str, ...], threshold: float
) -> Iterator[Tie]:
    """A curated maker's ties: its country, else its nearest curated parent's."""
    entity = ctx.entities.entities[entity_id]
    tied = False
    if entity.country is not None and ctx.within(scopes, entity.country):
        tied = True
        yield Tie("incorporation", (curated_country_evidence(entity),), "high", 0, None)
    holdings = entity_state_holdings(ctx, entity_id, threshold)
    yield from _held_or_parent(ctx, scopes, tied, holdings, entity_parents, entity_id, threshold)
