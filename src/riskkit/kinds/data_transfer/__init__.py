"""``data_transfer``: personal data leaving a jurisdiction whose law restricts its export.

The exporter is the buyer (when it sits in the rule's scope) or the site where a component
collects the data. A flow whose destination lies outside the scope (and outside ``free_flow``)
is a transfer. An adequacy entry (a destination, its dates, and a certification the importer
must hold, such as ``eu_us_dpf``) makes the transfer lawful without further safeguards on the
days it holds. Findings are about flows, never about parties: adequacy lowers transfer risk and
says nothing about whether a state can compel the importer, which ``compelled_access`` reports.

``fires_on = "adequacy"`` turns the rule round: it reports transfers that rely on an adequacy
entry (an adequacy under legal challenge is a risk of its own). ``local_copy_satisfies`` models
localisation laws that require a copy at home rather than forbidding export.

``routes`` are the other lawful ways out the law offers (consent, contract clauses, a regulator's
approval or a notification to it). The buyer declares the one it relies on as an authorisation
naming the rule and the route, or, for a route a safeguard meets, as a mitigation of the route's
kind covering the flow; the transfer is then reported as resting on that route (outcome info),
never silently dropped. ``purposes`` limits a localisation mandate to deployments for some
purposes (Kenya's list of processing for the state's strategic interest); a site whose purposes
are not given makes the rule's result unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Literal

import attrs
from pydantic import BaseModel, Field, model_validator

from riskkit._support.dates import day_after
from riskkit.kinds._shared.sites import sites_within
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, Missing, Params
from riskkit.model import (
    BuyerKind,
    DataCategory,
    DataFlow,
    MitigationKind,
    Purpose,
    buyer_kind_in,
)
from riskkit.model.jurisdictions import Jurisdiction, contains
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import OUTCOME_ORDER, Confidence, binds, weakest


class AdequacyEntry(Params):
    """A decision that a destination protects the data well enough for it to flow freely."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")
    destination: Jurisdiction
    """Where the data may go (``JP``; a whole country covers its subdivisions)."""
    decision: str = Field(min_length=1)
    """The instrument, in words: ``Commission Implementing Decision (EU) 2019/419``."""
    since: date | None = None
    """First day it holds; left out when it held before the rule took effect."""
    until: date | None = None
    """Last day it holds (a court annulled it, a sunset passed); left out while it holds."""
    requires_certification: str | None = None
    """The importer must list this in ``parties[].certifications`` (``eu_us_dpf``)."""
    condition: str | None = None
    """A limit of the decision that riskkit cannot check, in words (Canada: commercial
    organisations under PIPEDA only)."""
    confidence: Confidence = "high"
    """How sure the dates and scope are; a finding that turns on this entry takes it."""

    @model_validator(mode="after")
    def _ordered(self) -> AdequacyEntry:
        if self.since and self.until and self.until < self.since:
            raise ValueError(f"until {self.until} is before since {self.since}")
        return self

    def holds_on(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


class Route(Params):
    """A lawful way out the law offers besides adequacy, which the buyer can declare it uses."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    """What an authorisation's ``exception`` names to declare the route (``consent``)."""
    description: str = Field(min_length=1)
    """The route and its conditions, in words, as the law states them."""
    mitigation: MitigationKind | None = None
    """A declared mitigation of this kind covering the flow also meets the route (contract
    clauses: ``contractual_safeguards``); without it only an authorisation meets it."""
    available_from: date | None = None
    """First day the route exists, when an amendment added it later than the rule's start."""


class DataTransferParams(Params):
    data: tuple[DataCategory, ...] = Field(min_length=1)
    """Categories the law protects; a flow carrying none of them is not a transfer under it."""
    exporter_by: tuple[Literal["buyer", "site"], ...] = Field(
        default=("buyer", "site"), min_length=1
    )
    """What makes the deployment an exporter under the law: the buyer sits in the rule's
    scope, or the component sending the data is at a site there."""
    exporter_kinds: tuple[BuyerKind, ...] = ()
    """Only buyers of these kinds are bound (critical-infrastructure operators, state organs);
    empty means every buyer. Naming either central-government kind (``federal_agency``,
    ``national_government``) binds both (``model.buyer_kind_in``)."""
    free_flow: tuple[Jurisdiction, ...] = ()
    """Destinations besides the rule's scope to which data flows freely (``EEA`` for the EU)."""
    destinations: tuple[Jurisdiction, ...] = ()
    """Only transfers to these destinations count; empty means anywhere outside."""
    adequacy: tuple[AdequacyEntry, ...] = ()
    fires_on: Literal["no_adequacy", "adequacy"] = "no_adequacy"
    """``no_adequacy``: report transfers no entry covers; ``adequacy``: report transfers that
    rely on an entry."""
    local_copy_satisfies: bool = False
    """The law requires a copy at home, not that the data stays: a component that also sends
    the same data to a destination inside the scope complies."""
    routes: tuple[Route, ...] = ()
    """Other lawful ways out (consent, clauses, approval); a declared one makes a finding info."""
    purposes: tuple[Purpose, ...] = ()
    """Only data collected at sites for one of these purposes counts; empty means any."""
    likelihood: int = Field(default=4, ge=1, le=5)


@attrs.frozen
class _Cover:
    """What the adequacy list says about one flow on one day."""

    covering: tuple[AdequacyEntry, ...]
    uncovered: tuple[AdequacyEntry, ...]
    """Entries for the destination that do not cover the flow on the day (dates, certification)."""

    @property
    def confidence(self) -> str:
        return weakest([e.confidence for e in (*self.covering, *self.uncovered)])


def _cover(params: DataTransferParams, ctx: Context, flow: DataFlow) -> _Cover:
    covering: list[AdequacyEntry] = []
    uncovered: list[AdequacyEntry] = []
    importer = ctx.parties.get(flow.to.operator)
    certified = set(importer.certifications) if importer else set()
    for entry in params.adequacy:
        if not contains(entry.destination, flow.to.location, ctx.day):
            continue
        if entry.holds_on(ctx.day) and (
            entry.requires_certification is None or entry.requires_certification in certified
        ):
            covering.append(entry)
        else:
            uncovered.append(entry)
    return _Cover(tuple(covering), tuple(uncovered))


def _entry_evidence(entry: AdequacyEntry, ctx: Context, flow: DataFlow, covers: bool) -> Evidence:
    if covers:
        note = "covers this transfer"
        if entry.requires_certification:
            note += f"; the importer is certified under {entry.requires_certification}"
        if entry.condition:
            note += f" (limited to: {entry.condition})"
    elif not entry.holds_on(ctx.day):
        since = entry.since.isoformat() if entry.since else "the start"
        until = entry.until.isoformat() if entry.until else "now"
        note = f"holds only from {since} to {until}"
    else:
        note = (
            f"covers only importers certified under {entry.requires_certification}; "
            f"{flow.to.operator!r} declares no such certification"
        )
    return Evidence(f"adequacy[{entry.id}]", entry.decision, note)


@attrs.frozen
class DataTransfer:
    name: str = "data_transfer"
    params_model: type[BaseModel] = DataTransferParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        assert isinstance(params, DataTransferParams)
        problems = []
        ids = [e.id for e in params.adequacy]
        problems += [f"duplicate adequacy id {i!r}" for i in sorted(set(ids)) if ids.count(i) > 1]
        if params.fires_on == "adequacy" and not params.adequacy:
            problems.append('fires_on "adequacy" needs at least one adequacy entry')
        if params.fires_on == "adequacy" and params.local_copy_satisfies:
            problems.append('local_copy_satisfies has no meaning with fires_on "adequacy"')
        routes = [r.id for r in params.routes]
        problems += [
            f"duplicate route id {i!r}" for i in sorted(set(routes)) if routes.count(i) > 1
        ]
        if params.routes and params.fires_on == "adequacy":
            problems.append('routes have no meaning with fires_on "adequacy"')
        if params.routes and OUTCOME_ORDER[rule.outcome] <= OUTCOME_ORDER["info"]:
            problems.append("routes lower a finding to info; the rule's outcome must be stronger")
        for route in params.routes:
            if route.available_from is not None and not rule.effective.contains(
                route.available_from
            ):
                problems.append(
                    f"routes[{route.id}].available_from {route.available_from} is outside the "
                    "rule's window; leave it out if the route was there from the start"
                )
        return problems

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        assert isinstance(params, DataTransferParams)
        days: set[date] = set()
        for entry in params.adequacy:
            if entry.since is not None:
                days.add(entry.since)
            after = day_after(entry.until) if entry.until is not None else None
            if after is not None:
                days.add(after)
        days.update(r.available_from for r in params.routes if r.available_from is not None)
        return sorted(days)

    def prerequisites(
        self, loaded: Sequence[CompiledRule], in_scope: Sequence[CompiledRule], ctx: Context
    ) -> Iterator[Missing]:
        """Where a component collects the data it sends abroad, when a law in scope makes the
        collecting site the exporter and the buyer does not make it one: a component with no
        site may be collecting inside the law's scope."""
        p = ctx.procurement
        if all(comp.site is not None for comp in p.components):
            return  # the usual case: every device has its site
        asked: set[str] = set()
        for rule in in_scope:
            params = rule.params
            assert isinstance(params, DataTransferParams)
            scopes = rule.rule.scope
            if "site" not in params.exporter_by or not rule.rule.effective.contains(ctx.day):
                continue
            if params.exporter_kinds and p.buyer.kind not in params.exporter_kinds:
                continue
            if "buyer" in params.exporter_by and ctx.buyer_within(scopes):
                continue  # the buyer exports: where the data is collected does not matter
            wanted = set(params.data)
            inside = (*scopes, *params.free_flow)
            for flow in p.data_flows:
                comp = ctx.components.get(flow.source)
                if comp is None or comp.site is not None or comp.id in asked:
                    continue
                if not wanted.intersection(flow.data) or ctx.within(inside, flow.to.location):
                    continue
                asked.add(comp.id)
                yield Missing(
                    f"components[{comp.id}]",
                    "site",
                    f"Where {comp.id!r} collects its data is not given (it has no site), and it "
                    f"sends {', '.join(flow.data)} to {flow.to.location}. If it collects the "
                    f"data inside the scope of {rule.rule.title}, sending it there is a transfer "
                    "that law restricts. Give the component its site.",
                    (Evidence(f"components[{comp.id}].site", "not given"),),
                )

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, DataTransferParams)
        p = ctx.procurement
        scopes = rule.rule.scope
        if params.exporter_kinds and not buyer_kind_in(p.buyer.kind, params.exporter_kinds):
            return
        by_buyer = "buyer" in params.exporter_by and ctx.buyer_within(scopes)
        if not by_buyer and ("site" not in params.exporter_by or not sites_within(ctx, scopes)):
            return  # nothing is exported from inside the law's scope
        wanted: set[str] = set(params.data)
        inside = (*scopes, *params.free_flow)
        for flow in p.data_flows:
            carried = [c for c in flow.data if c in wanted]
            if not carried or ctx.within(inside, flow.to.location):
                continue
            if params.destinations and not ctx.within(params.destinations, flow.to.location):
                continue
            exporter = self._exporter(params, ctx, flow, by_buyer, scopes)
            if exporter is None:
                continue
            purpose = _purpose(params, ctx, flow)
            if purpose is False:
                continue
            if params.local_copy_satisfies and self._copied_home(ctx, flow, wanted, scopes):
                continue
            cover = _cover(params, ctx, flow)
            relies = bool(cover.covering)
            if relies != (params.fires_on == "adequacy"):
                continue
            hit = self._hit(rule, ctx, flow, carried, exporter, cover)
            if purpose is None:
                yield hit._replace(
                    outcome="unknown",
                    binding=False,
                    likelihood=3,
                    explanation=hit.explanation
                    + " Whether it applies is unknown: the law binds only processing for "
                    + ", ".join(params.purposes)
                    + ", and the purposes of the site the data comes from are not given.",
                )
            else:
                yield _on_route(rule, ctx, flow, hit)

    @staticmethod
    def _exporter(
        params: DataTransferParams,
        ctx: Context,
        flow: DataFlow,
        by_buyer: bool,
        scopes: tuple[str, ...],
    ) -> Evidence | None:
        if by_buyer:
            return Evidence(
                "buyer.jurisdiction",
                ctx.procurement.buyer.jurisdiction,
                "the buyer exports the data from inside the law's scope",
            )
        comp = ctx.components.get(flow.source)
        site = ctx.site_of(comp) if comp else None
        if (
            "site" in params.exporter_by
            and site is not None
            and ctx.within(scopes, site.jurisdiction)
        ):
            return Evidence(
                f"sites[{site.id}].jurisdiction",
                site.jurisdiction,
                "the data is collected inside the law's scope",
            )
        return None

    @staticmethod
    def _copied_home(
        ctx: Context, flow: DataFlow, wanted: set[str], scopes: tuple[str, ...]
    ) -> bool:
        return any(
            other.id != flow.id
            and wanted.intersection(other.data)
            and ctx.within(scopes, other.to.location)
            for other in ctx.flows_from.get(flow.source, ())
        )

    @staticmethod
    def _hit(
        rule: CompiledRule,
        ctx: Context,
        flow: DataFlow,
        carried: Sequence[str],
        exporter: Evidence,
        cover: _Cover,
    ) -> Hit:
        params = rule.params
        assert isinstance(params, DataTransferParams)
        importer = ctx.parties.get(flow.to.operator)
        name = importer.name if importer else flow.to.operator
        what = ", ".join(carried)
        evidence = [
            exporter,
            Evidence(
                f"data_flows[{flow.id}].to.location",
                flow.to.location,
                f"{what} sent to {name} outside the law's scope",
            ),
        ]
        if params.fires_on == "adequacy":
            evidence += [_entry_evidence(e, ctx, flow, True) for e in cover.covering]
            decisions = "; ".join(e.decision for e in cover.covering)
            explanation = (
                f"{what} goes to {name} in {flow.to.location} on the strength of {decisions}. "
                f"{rule.rule.title} applies: the transfer stands only while that decision does. "
                "Adequacy does not stop a state compelling the importer; that risk is reported "
                "separately."
            )
        else:
            evidence += [_entry_evidence(e, ctx, flow, False) for e in cover.uncovered]
            gap = (
                "no adequacy decision covers it on this day"
                if params.adequacy
                else "the law allows export only through its own approval routes"
            )
            explanation = (
                f"{what} goes to {name} in {flow.to.location}, outside the scope of "
                f"{rule.rule.title}; {gap}."
            )
            if params.local_copy_satisfies:
                explanation += " No copy of the data is kept inside the scope."
        return Hit(
            subject=f"data_flows[{flow.id}]",
            outcome=rule.rule.outcome,
            binding=binds(rule.rule.outcome, True),
            likelihood=params.likelihood,
            explanation=explanation,
            evidence=tuple(evidence),
            concerns=frozenset({flow.id, flow.source, flow.to.operator}),
            confidence=cover.confidence,
        )


def _purpose(params: DataTransferParams, ctx: Context, flow: DataFlow) -> bool | None:
    """Whether the flow's data is collected for a purpose the rule covers (None: unknown)."""
    if not params.purposes:
        return True
    comp = ctx.components.get(flow.source)
    site = ctx.site_of(comp) if comp else None
    if site is None or not site.purposes:
        return None
    return not set(params.purposes).isdisjoint(site.purposes)


def _on_route(rule: CompiledRule, ctx: Context, flow: DataFlow, hit: Hit) -> Hit:
    """The hit, lowered to info when the buyer declares a route the law offers."""
    params = rule.params
    assert isinstance(params, DataTransferParams)
    if not params.routes or params.fires_on == "adequacy":
        return hit
    by_id = {
        r.id: r for r in params.routes if r.available_from is None or r.available_from <= ctx.day
    }
    covers = {flow.id, flow.source, flow.to.operator}
    for auth in ctx.procurement.authorisations:
        if auth.rule != rule.id or auth.exception not in by_id or not auth.holds_on(ctx.day):
            continue
        if auth.applies_to and flow.source not in auth.applies_to:
            continue
        return _relies(rule, hit, by_id[auth.exception], f"authorisations[{auth.id}]")
    for route in by_id.values():
        for m in ctx.procurement.mitigations:
            if route.mitigation == m.kind and (not m.applies_to or covers & set(m.applies_to)):
                return _relies(rule, hit, route, f"mitigations[{m.id}]")
    offered = "; ".join(
        f"{r.id} ({r.description}"
        + (
            f"; a declared {r.mitigation} mitigation covering the flow meets it"
            if r.mitigation
            else ""
        )
        + ")"
        for r in by_id.values()
    )
    if not offered:
        return hit
    return hit._replace(
        explanation=hit.explanation
        + f" The law's routes are: {offered}. None is declared: declare the one relied on as an "
        f"authorisation naming rule {rule.id!r} and the route's id."
    )


def _relies(rule: CompiledRule, hit: Hit, route: Route, where: str) -> Hit:
    return hit._replace(
        outcome="info",
        binding=False,
        explanation=hit.explanation
        + f" The buyer declares that the transfer rests on the route {route.id!r} "
        f"({route.description}); it stands only while that route's conditions hold.",
        evidence=(*hit.evidence, Evidence(where, route.id, "declared route for the transfer")),
        exception=route.id,
    )


KIND = DataTransfer()
