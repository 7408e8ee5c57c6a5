"""``biometric_ban``: bans, moratoria and duties on face recognition and biometric identification.

A rule says whom it binds (buyers of some kinds and levels of government, in its scope by the
buyer's seat or by where the deployment is), which capabilities, component kinds, settings and
purposes it covers, and which exceptions a declared authorisation can meet. An exception permits
the use outright, makes it lawful under the exception's own conditions (restricted), or leaves it
prohibited unless those conditions hold; it never makes the outcome stronger than the rule's own.
An exception added later by an amendment carries the day it became available.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

import attr
from pydantic import BaseModel

from riskkit.kinds._shared.sites import sites_within
from riskkit.kinds.biometric_ban._components import any_unsited, components_using
from riskkit.kinds.biometric_ban._exceptions import EFFECT_OUTCOME
from riskkit.kinds.biometric_ban._hit import route_hit
from riskkit.kinds.biometric_ban._routes import (
    Route,
    has_component_flows,
    purposes_of,
    routes_to,
)
from riskkit.kinds.biometric_ban.params import BiometricBanParams, GovernmentLevel
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, params_of
from riskkit.kinds.scope import in_scope_by
from riskkit.model import Component, Site, buyer_kind_in
from riskkit.model.jurisdictions import parse
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import OUTCOME_ORDER

__all__ = ["KIND", "BiometricBan", "government_level"]

_HIT_RANK = {
    "info": 0,
    "elevated": 1,
    "restricted": 2,
    "prohibited_unless_exception": 3,
    "unknown": 4,
    "prohibited": 5,
}
"""Which of a component's routes counts: the strongest result, an unknown above all but a
prohibition (it may hide one)."""


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class BiometricBan:
    """Whether the deployment's components use what a ban covers, on data collected where the
    ban holds: which components (``_components``), whose data (``_routes``), and what the
    exceptions met leave of the ban (``_exceptions``, ``_hit``)."""

    name: str = "biometric_ban"
    params_model: type[BaseModel] = BiometricBanParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        params = params_of(params, BiometricBanParams)
        ids = [e.id for e in params.exceptions]
        problems = [f"duplicate exception id {i!r}" for i in sorted(set(ids)) if ids.count(i) > 1]
        window = rule.effective
        for e in params.exceptions:
            if e.available_from is not None and not window.contains(e.available_from):
                problems.append(
                    f"exceptions[{e.id}].available_from {e.available_from} is outside the "
                    f"rule's window; leave it out if the exception was there from the start"
                )
            if OUTCOME_ORDER[EFFECT_OUTCOME[e.effect]] >= OUTCOME_ORDER[rule.outcome] and (
                e.effect != "conditional" or rule.outcome != "prohibited_unless_exception"
            ):
                problems.append(
                    f"exceptions[{e.id}].effect {e.effect!r} does not lower the rule's "
                    f"outcome {rule.outcome!r}"
                )
            if e.met_by_use and not e.uses:
                problems.append(
                    f"exceptions[{e.id}].met_by_use needs the uses that meet it: give uses, "
                    "or leave met_by_use out"
                )
        return problems

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        params = params_of(params, BiometricBanParams)
        return sorted({e.available_from for e in params.exceptions if e.available_from})

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = params_of(rule, BiometricBanParams)
        p = ctx.procurement
        scopes = rule.rule.scope
        undecided = _undecided_buyer(params, p.buyer.kind, p.buyer.jurisdiction)
        if undecided is None:
            return  # the law does not bind this kind of buyer, or this level of government
        by_site = params.applies_by == "site"
        if not by_site and in_scope_by(rule, ctx, ("buyer",)) is None:
            return  # a ban on a government's own agencies reaches buyers seated in its scope
        # a ban on use in a place looks only at the data collected at its sites (or at none)
        sites = sites_within(ctx, scopes) if by_site else None
        if sites is not None and not sites and not any_unsited(ctx):
            return
        follows = has_component_flows(ctx)
        for _, comp, used in components_using(ctx, params.capabilities, None if follows else sites):
            # the capability is applied to the data the component collects or receives: of
            # the routes the rule covers, the one with the strongest result counts
            chosen: Hit | None = None
            for route in routes_to(ctx, comp) if follows else [(comp, ())]:
                found = self._route_match(params, ctx, comp, used, route, by_site, sites, undecided)
                if found is None:
                    continue
                hit = route_hit(rule, params, ctx, comp, route, found[0], found[1])
                if chosen is None or _HIT_RANK[hit.outcome] > _HIT_RANK[chosen.outcome]:
                    chosen = hit
            if chosen is not None:
                yield chosen

    def _route_match(
        self,
        params: BiometricBanParams,
        ctx: Context,
        comp: Component,
        used: tuple[str, ...],
        route: Route,
        by_site: bool,
        sites: frozenset[str] | None,
        undecided: list[str],
    ) -> tuple[list[Evidence], list[str]] | None:
        """What the rule rests on when ``comp`` applies ``used`` to the data of ``route``'s
        origin: the evidence and what is unknown (starting with ``undecided``, what is unknown
        of the buyer); None when the rule does not cover it."""
        origin, flows = route
        if params.component_kinds and origin.kind not in params.component_kinds:
            return None
        site = ctx.site_of(origin)
        if by_site and site is not None and sites is not None and site.id not in sites:
            return None
        p = ctx.procurement
        unknown: list[str] = list(undecided)
        if comp.capabilities is None:
            evidence = [
                Evidence(
                    f"components[{comp.id}].capabilities",
                    "not given",
                    f"whether it has {' or '.join(used)} is not known",
                )
            ]
            unknown.append(
                f"what {comp.id!r} can do is not given (its capabilities are left out), so "
                f"whether it has {' or '.join(c.replace('_', ' ') for c in used)} is unknown"
            )
        else:
            evidence = [
                Evidence(
                    f"components[{comp.id}].capabilities", ", ".join(used), "covered capability"
                ),
            ]
        for flow in flows:
            evidence.append(
                Evidence(
                    f"data_flows[{flow.id}]",
                    f"{flow.source} -> {flow.to.component}",
                    f"data from a {origin.kind} ({origin.id}) reaches the component",
                )
            )
        if params.component_kinds:
            evidence.append(
                Evidence(f"components[{origin.id}].kind", origin.kind, "covered component kind")
            )
        kind, seat = p.buyer.kind, p.buyer.jurisdiction
        if params.bound_buyers and kind is not None:
            evidence.append(Evidence("buyer.kind", kind, "a buyer the law binds"))
        if params.buyer_levels and seat is not None:
            evidence.append(
                Evidence(
                    "buyer.jurisdiction",
                    seat,
                    f"a {government_level(seat)} buyer, a level the law binds",
                )
            )
        if not by_site and seat is not None:  # in scope by the buyer's seat, so it is known
            evidence.append(Evidence("buyer.jurisdiction", seat, "inside the law's scope"))
        elif site is None:
            unknown.append(
                "the component has no site, so where it is used is unknown"
                if origin is comp
                else f"component {origin.id!r}, whose data it uses, has no site, so where "
                "the data comes from is unknown"
            )
        else:
            evidence.append(
                Evidence(
                    f"sites[{site.id}].jurisdiction", site.jurisdiction, "inside the law's scope"
                )
            )
        if self._scope_match(params, ctx, comp, route, site, evidence, unknown) is False:
            return None
        return evidence, unknown

    @staticmethod
    def _scope_match(
        params: BiometricBanParams,
        ctx: Context,
        comp: Component,
        route: Route,
        site: Site | None,
        evidence: list[Evidence],
        unknown: list[str],
    ) -> bool | None:
        """Whether the route's setting and purpose are covered (None: unknown). ``site`` is
        the site of the route's origin, where the data is collected."""
        if params.settings:
            if site is None or not site.settings:
                unknown.append("the site's settings are not given")
            else:
                hit = [s for s in site.settings if s in params.settings]
                if not hit:
                    return False
                evidence.append(
                    Evidence(f"sites[{site.id}].settings", ", ".join(hit), "covered setting")
                )
        if params.purposes:
            stated, where = purposes_of(ctx, comp, route)
            purposes: list[str] = list(stated)
            if (
                ctx.procurement.buyer.kind == "law_enforcement"
                and "law_enforcement" not in purposes
            ):
                purposes.append("law_enforcement")
            if not purposes:
                unknown.append("the purposes of the use are not given")
            else:
                covered = [x for x in purposes if x in params.purposes]
                if not covered:
                    return False
                path = where if where is not None and set(covered) & set(stated) else "buyer.kind"
                evidence.append(Evidence(path, ", ".join(covered), "covered purpose"))
        return None if unknown else True


def _undecided_buyer(
    params: BiometricBanParams, kind: str | None, seat: str | None
) -> list[str] | None:
    """Whether the law binds the buyer, by its kind and level of government: None when it
    does not; else what is unknown of it (empty when it binds). A buyer of unknown kind or
    seat is never taken to be outside the law: its findings are unknowns."""
    undecided: list[str] = []
    if params.bound_buyers:
        if kind is None:
            undecided.append(
                "the buyer's kind is not given, and the law binds only "
                + ", ".join(k.replace("_", " ") for k in params.bound_buyers)
            )
        elif not buyer_kind_in(kind, params.bound_buyers):
            return None
    if params.buyer_levels:
        if seat is None:
            undecided.append(
                "where the buyer is seated is not given, so its level of government is "
                "unknown, and the law binds only "
                + ", ".join(f"{level} government" for level in params.buyer_levels)
            )
        elif government_level(seat) not in params.buyer_levels:
            return None
    return undecided


def government_level(jurisdiction: str) -> GovernmentLevel:
    """The level of government a buyer seated in ``jurisdiction`` is taken to be."""
    code = parse(jurisdiction)
    if code.locality is not None:
        return "local"
    return "state" if code.subdivision is not None else "national"


KIND = BiometricBan()
