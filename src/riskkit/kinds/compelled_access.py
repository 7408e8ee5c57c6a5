"""``compelled_access``: a state's law can make a party hand over the deployment's data.

A law binds a party by incorporation, headquarters, operation in the country, control through
ownership, or because the data sits there. The kind finds every party that can reach the data
(data hosts and operators, parties with remote access, whoever pushes firmware) and climbs to
their controlling owners, and reports each bound party once, with every route as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Literal

import attrs
from pydantic import BaseModel, Field

from riskkit.context import Context, OwnerLink
from riskkit.jurisdictions import within_any
from riskkit.kinds._common import Params, clamp, share_text, weakest
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.model import DataCategory
from riskkit.rules import Rule

BindsBy = Literal["incorporation", "headquarters", "operation", "control", "data_location"]
Compels = Literal[
    "intelligence_cooperation",
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
    """What the law can make a bound party do."""
    foreign_only: bool = True
    """Skip buyers inside the law's own jurisdiction: their own state's access is not the risk
    this rule measures."""
    control_threshold: float = Field(default=0.5, gt=0.0, le=1.0)
    """Share at or above which an owner is taken to control a party (unless ``control`` says)."""
    data: tuple[DataCategory, ...] = ()
    """Only flows carrying one of these categories count; empty means any."""


@attrs.frozen
class Route:
    """How a party can reach the data."""

    party: str
    likelihood: int
    evidence: tuple[Evidence, ...]
    concerns: frozenset[str]
    confidence: str


def _routes(ctx: Context, params: CompelledAccessParams) -> Iterator[Route]:
    p = ctx.procurement
    wanted: set[str] = set(params.data)
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
        )
    for comp in p.components:
        if wanted and not _component_carries(ctx, comp.id, wanted):
            continue
        for i, who in enumerate(comp.remote_access or ()):
            yield Route(
                party=who,
                likelihood=4,
                evidence=(
                    Evidence(f"components[{comp.id}].remote_access[{i}]", who, "has remote access"),
                ),
                concerns=frozenset({comp.id, who}),
                confidence="high",
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
            )


def _component_carries(ctx: Context, component_id: str, wanted: set[str]) -> bool:
    return any(wanted.intersection(f.data) for f in ctx.flows_from.get(component_id, ()))


def _ties(
    ctx: Context, party_id: str, scopes: tuple[str, ...], params: CompelledAccessParams
) -> list[Evidence]:
    """How the party itself is tied to the law's jurisdiction."""
    party = ctx.parties[party_id]
    ties: list[Evidence] = []
    day = ctx.day
    if (
        "incorporation" in params.binds_by
        and party.incorporated_in
        and within_any(scopes, party.incorporated_in, day)
    ):
        ties.append(
            Evidence(
                f"parties[{party_id}].incorporated_in", party.incorporated_in, "incorporated there"
            )
        )
    if (
        "headquarters" in params.binds_by
        and party.headquarters
        and within_any(scopes, party.headquarters, day)
    ):
        ties.append(
            Evidence(f"parties[{party_id}].headquarters", party.headquarters, "headquartered there")
        )
    if "operation" in params.binds_by:
        for i, place in enumerate(party.operates_in):
            if within_any(scopes, place, day):
                ties.append(
                    Evidence(f"parties[{party_id}].operates_in[{i}]", place, "operates there")
                )
                break
    if "control" in params.binds_by:
        for i, state in enumerate(party.state_ownership):
            if within_any(scopes, state.state, day) and (
                state.share is None or state.share >= params.control_threshold
            ):
                ties.append(
                    Evidence(
                        f"parties[{party_id}].state_ownership[{i}]",
                        state.state,
                        f"state holds {share_text(state.share)}",
                    )
                )
    return ties


def _data_location_routes(
    ctx: Context, scopes: tuple[str, ...], params: CompelledAccessParams
) -> Iterator[Route]:
    wanted = set(params.data)
    for flow in ctx.procurement.data_flows:
        if wanted and not wanted.intersection(flow.data):
            continue
        if not within_any(scopes, flow.to.location, ctx.day):
            continue
        keys = flow.encryption.keys_held_by if flow.encryption else None
        protected = keys == "buyer" and flow.encryption is not None and flow.encryption.at_rest
        yield Route(
            party=flow.to.operator,
            likelihood=3 if protected else 5,
            evidence=(
                Evidence(
                    f"data_flows[{flow.id}].to.location",
                    flow.to.location,
                    "the data is stored there"
                    + ("; encrypted with keys the buyer holds" if protected else ""),
                ),
            ),
            concerns=frozenset({flow.id, flow.source, flow.to.operator}),
            confidence="high",
        )


@attrs.define
class _Exposure:
    likelihood: int = 0
    evidence: list[Evidence] = attrs.field(factory=list)
    concerns: set[str] = attrs.field(factory=set)
    confidences: list[str] = attrs.field(factory=list)

    def add(
        self,
        likelihood: int,
        evidence: Iterable[Evidence],
        concerns: Iterable[str],
        confidence: str,
    ) -> None:
        self.likelihood = max(self.likelihood, likelihood)
        for item in evidence:
            if item not in self.evidence:
                self.evidence.append(item)
        self.concerns.update(concerns)
        self.confidences.append(confidence)


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
        exposures: dict[str, _Exposure] = {}
        routes = list(_routes(ctx, params))
        for route in routes:
            if route.party not in ctx.parties:
                continue
            candidates: list[tuple[str, tuple[OwnerLink, ...]]] = [(route.party, ())]
            if "control" in params.binds_by:
                candidates.extend(ctx.controllers(route.party, params.control_threshold))
            for bound, chain in candidates:
                ties = _ties(ctx, bound, scopes, params)
                if not ties:
                    continue
                confidence = weakest([route.confidence, *(link.confidence for link in chain)])
                exposure = exposures.setdefault(bound, _Exposure())
                exposure.add(
                    clamp(route.likelihood - len(chain)),
                    (*route.evidence, *_chain_evidence(chain), *ties),
                    route.concerns | {bound} | {link.owned for link in chain},
                    confidence,
                )
        if "data_location" in params.binds_by:
            for route in _data_location_routes(ctx, scopes, params):
                exposure = exposures.setdefault(route.party, _Exposure())
                exposure.add(route.likelihood, route.evidence, route.concerns, route.confidence)
        compels = ", ".join(c.replace("_", " ") for c in params.compels)
        for party_id in sorted(exposures):
            exposure = exposures[party_id]
            party = ctx.parties.get(party_id)
            name = party.name if party else party_id
            yield Hit(
                subject=f"parties[{party_id}]",
                outcome=rule.rule.outcome,
                binding=False,
                likelihood=exposure.likelihood,
                explanation=(
                    f"{name} can reach this deployment's data and is bound by "
                    f"{rule.rule.title}, which can compel {compels}."
                ),
                evidence=tuple(exposure.evidence),
                concerns=frozenset(exposure.concerns),
                confidence=weakest(exposure.confidences),
            )


KIND = CompelledAccess()
