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

import attrs
from pydantic import BaseModel

from riskkit._support.dates import day_after
from riskkit.kinds._shared.undecided import unknown_because
from riskkit.kinds.context import Context
from riskkit.kinds.data_transfer._grounds import Cover, cover_of, entry_evidence, on_route
from riskkit.kinds.data_transfer.params import DataTransferParams
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, Missing, binds, params_of
from riskkit.kinds.scope import in_scope_by
from riskkit.model import DataFlow, buyer_kind_in
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import OUTCOME_ORDER


@attrs.frozen
class DataTransfer:
    name: str = "data_transfer"
    params_model: type[BaseModel] = DataTransferParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        params = params_of(params, DataTransferParams)
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
        params = params_of(params, DataTransferParams)
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
            params = params_of(rule, DataTransferParams)
            scopes = rule.rule.scope
            if "site" not in params.exporter_by or not rule.rule.effective.contains(ctx.day):
                continue
            kind = p.buyer.kind
            if params.exporter_kinds and kind is not None and kind not in params.exporter_kinds:
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
        params = params_of(rule, DataTransferParams)
        p = ctx.procurement
        scopes = rule.rule.scope
        kind_unknown = bool(params.exporter_kinds) and p.buyer.kind is None
        if (
            params.exporter_kinds
            and not kind_unknown
            and not buyer_kind_in(p.buyer.kind, params.exporter_kinds)
        ):
            return
        exporter_by = in_scope_by(rule, ctx, params.exporter_by)
        if exporter_by is None:
            return  # nothing is exported from inside the law's scope
        by_buyer = exporter_by == "buyer"
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
            cover = cover_of(params, ctx, flow)
            relies = bool(cover.covering)
            if relies != (params.fires_on == "adequacy"):
                continue
            hit = self._hit(rule, ctx, flow, carried, exporter, cover)
            if kind_unknown:
                kinds = ", ".join(k.replace("_", " ") for k in params.exporter_kinds)
                yield unknown_because(
                    hit,
                    f"Whether it applies is unknown: the law binds only exporters that are "
                    f"{kinds}, and the buyer's kind is not given.",
                )
            elif purpose is None:
                yield unknown_because(
                    hit,
                    "Whether it applies is unknown: the law binds only processing for "
                    f"{', '.join(params.purposes)}, and the purposes of the site the data "
                    "comes from are not given.",
                )
            else:
                yield on_route(rule, ctx, flow, hit)

    @staticmethod
    def _exporter(
        params: DataTransferParams,
        ctx: Context,
        flow: DataFlow,
        by_buyer: bool,
        scopes: tuple[str, ...],
    ) -> Evidence | None:
        seat = ctx.procurement.buyer.jurisdiction
        if by_buyer and seat is not None:  # in scope by the buyer's seat, so it is known
            return Evidence(
                "buyer.jurisdiction",
                seat,
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
        cover: Cover,
    ) -> Hit:
        params = params_of(rule, DataTransferParams)
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
            evidence += [entry_evidence(e, ctx, flow, True) for e in cover.covering]
            decisions = "; ".join(e.decision for e in cover.covering)
            explanation = (
                f"{what} goes to {name} in {flow.to.location} on the strength of {decisions}. "
                f"{rule.rule.title} applies: the transfer stands only while that decision does. "
                "Adequacy does not stop a state compelling the importer; that risk is reported "
                "separately."
            )
        else:
            evidence += [entry_evidence(e, ctx, flow, False) for e in cover.uncovered]
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


KIND = DataTransfer()
