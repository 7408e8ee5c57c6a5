"""``biometric_ban``: bans, moratoria and duties on face recognition and biometric identification.

A rule says whom it binds (buyers of some kinds and levels of government, in its scope by the
buyer's seat or by where the deployment is), which capabilities, component kinds, settings and
purposes it covers, and which exceptions a declared authorisation can meet. An exception permits
the use outright, makes it lawful under the exception's own conditions (restricted), or leaves it
prohibited unless those conditions hold; it never makes the outcome stronger than the rule's own.
An exception added later by an amendment carries the day it became available.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

import attr
from pydantic import BaseModel

from riskkit.kinds._shared.sites import sites_within
from riskkit.kinds.biometric_ban.params import BiometricBanParams, Exception_, GovernmentLevel
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.model import (
    Authorisation,
    Component,
    DataFlow,
    Site,
    buyer_kind_in,
)
from riskkit.model.jurisdictions import parse
from riskkit.model.rule import Rule
from riskkit.model.vocabulary import OUTCOME_ORDER, binds

_EFFECT_OUTCOME = {
    "permits": "info",
    "restricts": "restricted",
    "conditional": "prohibited_unless_exception",
}

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
    name: str = "biometric_ban"
    params_model: type[BaseModel] = BiometricBanParams

    def check(self, params: BaseModel, rule: Rule) -> list[str]:
        assert isinstance(params, BiometricBanParams)
        ids = [e.id for e in params.exceptions]
        problems = [f"duplicate exception id {i!r}" for i in sorted(set(ids)) if ids.count(i) > 1]
        window = rule.effective
        for e in params.exceptions:
            if e.available_from is not None and not window.contains(e.available_from):
                problems.append(
                    f"exceptions[{e.id}].available_from {e.available_from} is outside the "
                    f"rule's window; leave it out if the exception was there from the start"
                )
            if OUTCOME_ORDER[_EFFECT_OUTCOME[e.effect]] >= OUTCOME_ORDER[rule.outcome] and (
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
        assert isinstance(params, BiometricBanParams)
        return sorted({e.available_from for e in params.exceptions if e.available_from})

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, BiometricBanParams)
        p = ctx.procurement
        scopes = rule.rule.scope
        if params.bound_buyers and not buyer_kind_in(p.buyer.kind, params.bound_buyers):
            return
        if (
            params.buyer_levels
            and government_level(p.buyer.jurisdiction) not in params.buyer_levels
        ):
            return
        by_site = params.applies_by == "site"
        if not by_site and not ctx.buyer_within(scopes):
            return
        # a ban on use in a place looks only at the data collected at its sites (or at none)
        sites = sites_within(ctx, scopes) if by_site else None
        if sites is not None and not sites and not _any_unsited(ctx):
            return
        follows = _has_component_flows(ctx)
        for _, comp, used in _components_using(
            ctx, params.capabilities, None if follows else sites
        ):
            # the capability is applied to the data the component collects or receives: of
            # the routes the rule covers, the one with the strongest result counts
            chosen: Hit | None = None
            for route in _routes_to(ctx, comp) if follows else [(comp, ())]:
                found = self._route_match(params, ctx, comp, used, route, by_site, sites)
                if found is None:
                    continue
                hit = self._hit(rule, ctx, comp, route, found[0], found[1])
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
        route: _Route,
        by_site: bool,
        sites: frozenset[str] | None,
    ) -> tuple[list[Evidence], list[str]] | None:
        """What the rule rests on when ``comp`` applies ``used`` to the data of ``route``'s
        origin: the evidence and what is unknown; None when the rule does not cover it."""
        origin, flows = route
        if params.component_kinds and origin.kind not in params.component_kinds:
            return None
        site = ctx.site_of(origin)
        if by_site and site is not None and sites is not None and site.id not in sites:
            return None
        p = ctx.procurement
        evidence = [
            Evidence(f"components[{comp.id}].capabilities", ", ".join(used), "covered capability"),
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
        if params.bound_buyers:
            evidence.append(Evidence("buyer.kind", p.buyer.kind, "a buyer the law binds"))
        if params.buyer_levels:
            evidence.append(
                Evidence(
                    "buyer.jurisdiction",
                    p.buyer.jurisdiction,
                    f"a {government_level(p.buyer.jurisdiction)} buyer, a level the law binds",
                )
            )
        unknown: list[str] = []
        if not by_site:
            evidence.append(
                Evidence("buyer.jurisdiction", p.buyer.jurisdiction, "inside the law's scope")
            )
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
        route: _Route,
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

    @staticmethod
    def _hit(
        rule: CompiledRule,
        ctx: Context,
        comp: Component,
        route: _Route,
        evidence: list[Evidence],
        unknown: list[str],
    ) -> Hit:
        params = rule.params
        assert isinstance(params, BiometricBanParams)
        component_id = comp.id
        origin, flows = route
        # prohibited_unless_exception is what a declared exception leaves (docs/scoring.md):
        # with no exception met, the ban is a ban
        base: str = rule.rule.outcome
        if base == "prohibited_unless_exception":
            base = "prohibited"
        outcome = base
        explanation = f"Component {component_id!r} uses what {rule.rule.title} covers"
        if flows:
            explanation += (
                f", on data from {origin.kind} {origin.id!r} that reaches it through "
                + ", ".join(f"data flow {f.id!r}" for f in flows)
            )
        explanation += "."
        if params.status_unconfirmed is not None:
            unknown.append(params.status_unconfirmed)
        declared = _declared_exceptions(rule, ctx, comp, route, evidence, unknown)
        uses, uses_at = authorised_uses_of(ctx, comp, route)
        if uses and uses_at is not None and any(e.uses for e in params.exceptions):
            evidence.append(Evidence(uses_at, ", ".join(uses), "stated authorised uses"))
        by_use = _met_by_use(rule, ctx, route, uses) if uses_at is not None else []
        met, outside = _met([*declared, *by_use], uses)
        implicit = met is not None and all(e.id != met.id for _, e in declared)
        allowed = {u for e in params.exceptions for u in e.uses}
        unlisted = [u for u in uses if u not in allowed]
        if met is not None and implicit:
            outcome = min(base, _EFFECT_OUTCOME[met.effect], key=OUTCOME_ORDER.__getitem__)
            explanation += (
                f" The stated uses ({', '.join(uses)}) meet the exception {met.id!r} "
                f"({met.description}), for which the law asks no authorisation; it "
                + {
                    "permits": "permits the use.",
                    "restricts": "allows the use only under its own conditions.",
                    "conditional": "leaves the use prohibited unless its conditions hold.",
                }[met.effect]
            )
        elif met is not None:
            # An exception can only lower what the rule gives, never raise it.
            outcome = min(base, _EFFECT_OUTCOME[met.effect], key=OUTCOME_ORDER.__getitem__)
            explanation += {
                "permits": f" A declared authorisation meets the exception {met.id!r}, which "
                "permits it.",
                "restricts": f" A declared authorisation meets the exception {met.id!r}, which "
                "allows the use only under that exception's own conditions.",
                "conditional": f" A declared authorisation invokes the exception {met.id!r}; the "
                "use stays prohibited unless every condition of that exception holds.",
            }[met.effect]
            if met.uses:
                explanation += f" The stated uses ({', '.join(uses)}) are among those it allows."
            if met.conditions:
                explanation += " The authorisation attests: " + "; ".join(met.conditions) + "."
        elif unlisted and not any(not e.uses for _, e in declared):
            explanation += (
                f" The stated use {', '.join(unlisted)} is outside every use its exceptions "
                "allow, so no exception can meet it."
            )
        elif outside:
            explanation += (
                f" A declared authorisation invokes {', '.join(sorted(outside))}, but the stated "
                f"use {', '.join(u for u in uses if u not in _allowed_by(declared))} is outside "
                "what it allows."
            )
        elif declared:
            ids = ", ".join(sorted({e.id for _, e in declared}))
            unknown.append(
                f"an authorisation for {ids} is declared, but the component's authorised uses "
                "are not stated (the exception allows only "
                + ", ".join(sorted({u for _, e in declared for u in e.uses}))
                + ")"
            )
        elif params.without_exception == "unknown" and (
            listed := _restricting_for(params.exceptions, uses)
        ):
            # A stated use the law lists, under conditions not declared met: the law allows it
            # only under them, which is what a restriction is (docs/scoring.md)
            outcome = min(base, "restricted", key=OUTCOME_ORDER.__getitem__)
            explanation += (
                f" The stated uses ({', '.join(uses)}) are among those the exception "
                f"{listed.id!r} allows, and only under its conditions, which the procurement "
                "does not declare met"
                + (": " + "; ".join(listed.conditions) if listed.conditions else "")
                + f". Declare an authorisation for {listed.id} once they hold; a use that fails "
                "them is not authorised."
            )
        elif params.exceptions and params.without_exception == "unknown":
            unknown.append(
                "whether the use meets the conditions the law sets is not stated (declare an "
                "authorisation for "
                + " or ".join(
                    e.id + (f" ({'; '.join(e.conditions)})" if e.conditions else "")
                    for e in params.exceptions
                )
                + (", and the authorised uses" if not uses else "")
                + ")"
            )
        elif params.exceptions:
            explanation += " No declared authorisation meets any of its exceptions."
        if unknown:
            explanation += " Whether it applies is unknown: " + "; ".join(unknown) + "."
        return Hit(
            subject=f"components[{component_id}]",
            outcome="unknown" if unknown else outcome,  # type: ignore[arg-type]
            binding=binds(outcome, not unknown),
            likelihood=5 if not unknown else 3,
            explanation=explanation,
            evidence=tuple(evidence),
            concerns=frozenset(
                [component_id, origin.id, *[f.id for f in flows], *[f.source for f in flows]]
            ),
            exception=met.id if met else None,
        )


_Declared = tuple[Authorisation | None, Exception_]
"""A declared authorisation, valid on the day, and the exception of the rule it invokes (no
authorisation for an exception a stated use meets alone, ``met_by_use``)."""


def _met_by_use(
    rule: CompiledRule, ctx: Context, route: _Route, uses: tuple[str, ...]
) -> list[_Declared]:
    """The exceptions a stated use meets with no authorisation (``met_by_use``), available on
    the day, open to the buyer and reaching data from the route's origin. An exception limited
    to purposes is left to a declared authorisation."""
    params = rule.params
    assert isinstance(params, BiometricBanParams)
    buyer_kind = ctx.procurement.buyer.kind
    origin = route[0]
    found: list[_Declared] = []
    for exception in params.exceptions:
        if not exception.met_by_use or exception.purposes:
            continue
        if not any(u in exception.uses for u in uses):
            continue
        if not exception.open_to(ctx.day, origin.kind, buyer_kind):
            continue
        found.append((None, exception))
    return found


def _declared_exceptions(
    rule: CompiledRule,
    ctx: Context,
    comp: Component,
    route: _Route,
    evidence: list[Evidence],
    unknown: list[str],
) -> list[_Declared]:
    """The authorisations declared for ``rule`` that hold on the day, cover the component and
    invoke an exception available that day, open to the buyer, reaching data from the route's
    origin and allowing the use's purposes; each is added to ``evidence``. An exception limited
    to purposes, where none is stated, adds to ``unknown``."""
    component_id = comp.id
    origin = route[0]
    buyer_kind = ctx.procurement.buyer.kind
    params = rule.params
    assert isinstance(params, BiometricBanParams)
    by_id = {e.id: e for e in params.exceptions}
    found: list[_Declared] = []
    for auth in ctx.procurement.authorisations:
        if auth.rule != rule.id or auth.exception not in by_id or not auth.holds_on(ctx.day):
            continue
        if auth.applies_to and component_id not in auth.applies_to:
            continue
        exception = by_id[auth.exception]
        if not exception.open_to(ctx.day, origin.kind, buyer_kind):
            continue
        if exception.purposes:
            purposes, where = purposes_of(ctx, comp, route)
            if not purposes or where is None:
                unknown.append(
                    f"an authorisation for {exception.id} is declared, but the purposes of the "
                    "use are not stated (the exception allows only "
                    + ", ".join(exception.purposes)
                    + ")"
                )
                continue
            if any(x not in exception.purposes for x in purposes):
                continue
            evidence.append(Evidence(where, ", ".join(purposes), "stated purposes"))
        evidence.append(
            Evidence(
                f"authorisations[{auth.id}]",
                auth.exception,
                f"declared authorisation invoking exception: {exception.description}",
            )
        )
        found.append((auth, exception))
    return found


def _effect_rank(exception: Exception_) -> int:
    """How strong what the exception leaves is (lower: more permissive)."""
    return OUTCOME_ORDER[_EFFECT_OUTCOME[exception.effect]]


def _restricting_for(exceptions: Sequence[Exception_], uses: tuple[str, ...]) -> Exception_ | None:
    """The exception that allows every stated use only under its own conditions (effect
    ``restricts``), when there is one and some use is stated; None otherwise."""
    if not uses:
        return None
    for exception in exceptions:
        if exception.effect == "restricts" and all(u in exception.uses for u in uses):
            return exception
    return None


def _allowed_by(declared: list[_Declared]) -> set[str]:
    return {u for _, e in declared for u in e.uses}


def _met(declared: list[_Declared], uses: tuple[str, ...]) -> tuple[Exception_ | None, set[str]]:
    """The exception the declared authorisations meet for the stated ``uses`` (None: none),
    and the use-limited exceptions declared that the uses fall outside.

    An exception with no uses is met by its authorisation alone; a use-limited one, for each
    stated use it lists. Every stated use must be met; where several exceptions meet a use, the
    most permissive decides for it, and the least permissive of those decides for all."""
    unlimited = [e for _, e in declared if not e.uses]
    best_unlimited = min(unlimited, key=_effect_rank, default=None)
    if not uses:
        return best_unlimited, set()
    deciding: Exception_ | None = None
    for use in uses:
        candidates = [e for _, e in declared if not e.uses or use in e.uses]
        if not candidates:
            return None, {e.id for _, e in declared if e.uses}
        best = min(candidates, key=_effect_rank)
        if deciding is None or _effect_rank(best) > _effect_rank(deciding):
            deciding = best
    return deciding, set()


_Route = tuple[Component, tuple[DataFlow, ...]]
"""Whose data a component processes: the component the data comes from (the origin), and the
data flows that carry it, in order, from the origin to the processing component (none when the
component processes its own data)."""


def _has_component_flows(ctx: Context) -> bool:
    """Whether some data flow goes to a component (once per assessment)."""
    key = ("biometric_ban.component_flows",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = any(f.to.component is not None for f in ctx.procurement.data_flows)
    assert isinstance(cached, bool)
    return cached


_COLLECTS = frozenset(
    {
        "ip_camera",
        "body_camera",
        "alpr_camera",
        "drone",
        "sensor",
        "mobile_device",
        "access_control",
    }
)
"""Component kinds that collect data of their own (capture devices), whatever flows reach them."""


def _routes_to(ctx: Context, comp: Component) -> list[_Route]:
    """Whose data ``comp`` processes, each with the flows that carry it there.

    Its own, when no flow reaches it or it is a capture device (a camera collects footage of
    its own whatever else reaches it). Then that of each component upstream of it, nearest
    first, by the flows that go to a component, that collects data: a capture device, or a
    component no flow reaches. A cycle of flows is followed once round; where only components
    that relay data feed it, each of them counts."""
    key = ("biometric_ban.routes", comp.id)
    cached = ctx.memo.get(key)
    if cached is None:
        into = _flows_into(ctx)
        upstream: list[_Route] = []
        seen = {comp.id}
        queue: list[_Route] = [(comp, ())]
        while queue:
            head, flows = queue.pop(0)
            for flow in into.get(head.id, []):
                source = ctx.components.get(flow.source)
                if source is None or source.id in seen:
                    continue
                seen.add(source.id)
                found: _Route = (source, (flow, *flows))
                upstream.append(found)
                queue.append(found)
        collecting = [r for r in upstream if r[0].id not in into or r[0].kind in _COLLECTS]
        own: list[_Route] = [(comp, ())] if comp.id not in into or comp.kind in _COLLECTS else []
        cached = ctx.memo[key] = own + collecting if own or collecting else upstream
    assert isinstance(cached, list)
    return cached


def _flows_into(ctx: Context) -> dict[str, list[DataFlow]]:
    """The flows that go to each component, by its id, in input order (once per assessment)."""
    key = ("biometric_ban.flows_into",)
    cached = ctx.memo.get(key)
    if cached is None:
        found: dict[str, list[DataFlow]] = {}
        for flow in ctx.procurement.data_flows:
            if flow.to.component is not None and flow.to.component != flow.source:
                found.setdefault(flow.to.component, []).append(flow)
        cached = ctx.memo[key] = found
    assert isinstance(cached, dict)
    return cached


def _chain(ctx: Context, comp: Component, route: _Route) -> list[Component | DataFlow]:
    """The processing component, then back along the route: each flow, then the component it
    comes from, down to the origin."""
    chain: list[Component | DataFlow] = [comp]
    for flow in reversed(route[1]):
        chain.append(flow)
        source = ctx.components.get(flow.source)
        if source is not None:
            chain.append(source)
    return chain


def _path(item: Component | DataFlow) -> str:
    return f"components[{item.id}]" if isinstance(item, Component) else f"data_flows[{item.id}]"


def purposes_of(ctx: Context, comp: Component, route: _Route) -> tuple[tuple[str, ...], str | None]:
    """What ``comp``'s use of the route's data is for, and where that is written: the first
    purposes stated on the component, then back along the flows and the components the data
    passed through, then at the origin's site, then at the component's own site. A
    component's purposes override its site's."""
    for item in _chain(ctx, comp, route):
        if item.purposes:
            return item.purposes, f"{_path(item)}.purposes"
    for component in (route[0], comp):
        site = ctx.site_of(component)
        if site is not None and site.purposes:
            return site.purposes, f"sites[{site.id}].purposes"
    return (), None


def authorised_uses_of(
    ctx: Context, comp: Component, route: _Route
) -> tuple[tuple[str, ...], str | None]:
    """The uses ``comp``'s biometric processing of the route's data is restricted to, and
    where that is written: the first stated on the component, then back along the flows and
    the components the data passed through; empty when none is stated."""
    for item in _chain(ctx, comp, route):
        if item.authorised_uses:
            return item.authorised_uses, f"{_path(item)}.authorised_uses"
    return (), None


_Using = tuple[int, Component, tuple[str, ...]]
"""An enabled component with some of a rule's capabilities: its place in the input, the
component, and those capabilities."""


def _components_using(
    ctx: Context, capabilities: tuple[str, ...], sites: frozenset[str] | None
) -> list[_Using]:
    """The enabled components with any of ``capabilities``, in input order; with ``sites``,
    only those at one of these sites or at none (where they are used is then unknown).

    Every rule asks, most of them of places the deployment is not: the components are grouped
    by site once per assessment, so a rule looks at the groups of its own sites alone, and each
    group is searched once per set of capabilities. A ban in a place where no site is, and
    no component without a site, looks at no component at all (the usual case).
    """
    if sites is not None and not sites and not _any_unsited(ctx):
        return []
    by_site = _enabled_by_site(ctx)
    chosen = [site for site in by_site if sites is None or site is None or site in sites]
    if len(chosen) == 1:
        return _using_at(ctx, capabilities, chosen[0], by_site[chosen[0]])
    found = [
        using for site in chosen for using in _using_at(ctx, capabilities, site, by_site[site])
    ]
    return sorted(found, key=lambda using: using[0])


def _any_unsited(ctx: Context) -> bool:
    """Whether some component has no site (once per assessment)."""
    key = ("biometric_ban.any_unsited",)
    cached = ctx.memo.get(key)
    if cached is None:
        cached = ctx.memo[key] = any(comp.site is None for comp in ctx.procurement.components)
    assert isinstance(cached, bool)
    return cached


def _enabled_by_site(ctx: Context) -> dict[str | None, list[tuple[int, Component]]]:
    """The enabled components by site (None: no site), each with its place in the input."""
    key = ("biometric_ban.enabled_by_site",)
    cached = ctx.memo.get(key)
    if cached is None:
        found: dict[str | None, list[tuple[int, Component]]] = {}
        for i, comp in enumerate(ctx.procurement.components):
            if comp.enabled and comp.capabilities:
                found.setdefault(comp.site, []).append((i, comp))
        cached = ctx.memo[key] = found
    assert isinstance(cached, dict)
    return cached


def _using_at(
    ctx: Context,
    capabilities: tuple[str, ...],
    site: str | None,
    components: list[tuple[int, Component]],
) -> list[_Using]:
    key = ("biometric_ban.using", capabilities, site)
    cached = ctx.memo.get(key)
    if cached is None:
        wanted = set(capabilities)
        cached = ctx.memo[key] = [
            (i, comp, tuple(c for c in comp.capabilities if c in wanted))
            for i, comp in components
            if not wanted.isdisjoint(comp.capabilities)
        ]
    assert isinstance(cached, list)
    return cached


def government_level(jurisdiction: str) -> GovernmentLevel:
    """The level of government a buyer seated in ``jurisdiction`` is taken to be."""
    code = parse(jurisdiction)
    if code.locality is not None:
        return "local"
    return "state" if code.subdivision is not None else "national"


KIND = BiometricBan()
