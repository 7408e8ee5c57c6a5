"""Bonds: whom a law binds among a party that reaches the data and its controlling owners.

A bond does not depend on the data a rule counts, so rules that write the same law with
different data filters share one table of them; the ties and ownership chains bonds are made of
are shared by every law of the same place (:class:`~riskkit.kinds._exposure.ties.Ties`) and
control threshold (:class:`Chains`). A law that binds by where the data is stored binds the
operators of the flows stored in its territory (:func:`data_location_routes`).
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from riskkit.kinds._exposure.routes import Route, has_role, ways
from riskkit.kinds._exposure.spec import BindsBy, LawSpec
from riskkit.kinds._exposure.subjects import curated_id
from riskkit.kinds._exposure.ties import Ties, ties_to
from riskkit.kinds._shared.sites import places_within
from riskkit.kinds.context import Context, OwnerLink, Slot
from riskkit.kinds.interface import Evidence
from riskkit.model import BUYER
from riskkit.model.vocabulary import weakest

Candidates = tuple[tuple[str, tuple[OwnerLink, ...]], ...]
"""A reaching party and every party controlling it, each with the ownership chain up to it
(the party itself first, with none)."""


class Chains:
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


_CHAINS = Slot[float, Chains]("exposure.chains", per_day=True)


def _chains(ctx: Context, threshold: float) -> Chains:
    found = _CHAINS.get(ctx, threshold)
    if found is None:
        found = _CHAINS.put(ctx, threshold, Chains(threshold))
    return found


def _chain_evidence(chain: tuple[OwnerLink, ...]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(
            link.path,
            link.owner,
            f"owns {link.share_said} of {link.owned!r} and controls it",
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


class BondTable:
    """Whom one law binds among each party that reaches the data and its controlling owners,
    by reaching party, filled in as parties are asked about (once per law and day)."""

    def __init__(self, ties: Ties, chains: Chains | None, binds_by: tuple[BindsBy, ...]) -> None:
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
            counted = [tie for tie in table if tie.how in binds_by]
            if not counted:
                continue
            evidence = [item for tie in counted for item in tie.evidence]
            sure = weakest([tie.confidence for tie in counted])
            climbs = min([tie.steps for tie in counted])
            through = next((tie.through for tie in counted if tie.through is not None), None)
            if chain:
                bond = Bond(
                    party=candidate,
                    evidence=tuple(dict.fromkeys((*_chain_evidence(chain), *evidence))),
                    owned=frozenset({candidate, *[link.owned for link in chain]}),
                    confidence=weakest([*[link.confidence for link in chain], sure]),
                    steps=len(chain) + climbs,
                    through=through,
                )
            else:
                # the reaching party itself, the usual bond: its ties are under distinct paths
                bond = Bond(
                    candidate,
                    tuple(dict.fromkeys(evidence)),
                    frozenset((candidate,)),
                    sure,
                    climbs,
                    through,
                )
            bonds.append(bond)
        return tuple(bonds)


_BONDS = Slot[tuple[tuple[str, ...], tuple[BindsBy, ...], float], BondTable](
    "exposure.bonds", per_day=True
)


def bond_table(ctx: Context, scopes: tuple[str, ...], spec: LawSpec) -> BondTable:
    """The law's :class:`BondTable` for the context's day."""
    key = (scopes, spec.binds_by, spec.control_threshold)
    found = _BONDS.get(ctx, key)
    if found is None:
        threshold = spec.control_threshold
        chains = _chains(ctx, threshold) if "control" in spec.binds_by else None
        table = BondTable(ties_to(ctx, scopes, threshold), chains, spec.binds_by)
        found = _BONDS.put(ctx, key, table)
    return found


def data_location_routes(
    ctx: Context, scopes: tuple[str, ...], spec: LawSpec
) -> Iterator[tuple[str, Route]]:
    """The flows stored in the law's territory, each with its destination's operator."""
    inside = places_within(ctx, scopes)
    if not inside:
        return
    found = [
        item for place, stored in ways(ctx).stored_at.items() if place in inside for item in stored
    ]
    if len(inside) > 1:
        # the flows of several places, back in flow order
        found.sort(key=_stored_position)
    wanted = frozenset(spec.data)
    roles = spec.roles
    for operator, route in found:
        categories = route.categories
        if wanted and wanted.isdisjoint(categories):
            continue
        if roles and not has_role(ctx, operator, spec):
            continue
        yield operator, Route(-1, "stored", route.flow, None, 0, categories)


def _stored_position(found: tuple[str, Route]) -> int:
    return found[1].position


def buyer_held(ctx: Context, scopes: tuple[str, ...], spec: LawSpec) -> list[Route]:
    """The flows to the buyer's own premises stored in the territory of a law that binds by
    where the data is: the buyer is no third party the law makes hand over someone else's
    data, but the data sits within the state's reach all the same."""
    if "data_location" not in spec.binds_by or BUYER not in ways(ctx).by_party:
        return []  # the usual case: no flow goes to the buyer's own premises
    return [
        route for operator, route in data_location_routes(ctx, scopes, spec) if operator == BUYER
    ]
