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

from riskkit.context import Context
from riskkit.jurisdictions import parse
from riskkit.kinds._sites import sites_within
from riskkit.kinds.interface import CompiledRule, Evidence, Hit
from riskkit.kinds.params.biometric_ban import BiometricBanParams, GovernmentLevel
from riskkit.model import (
    Component,
    Site,
)
from riskkit.rules import OUTCOME_ORDER, Rule

_EFFECT_OUTCOME = {
    "permits": "info",
    "restricts": "restricted",
    "conditional": "prohibited_unless_exception",
}


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
        return problems

    def change_dates(self, params: BaseModel) -> Iterable[date]:
        assert isinstance(params, BiometricBanParams)
        return sorted({e.available_from for e in params.exceptions if e.available_from})

    def evaluate(self, rule: CompiledRule, ctx: Context) -> Iterator[Hit]:
        params = rule.params
        assert isinstance(params, BiometricBanParams)
        p = ctx.procurement
        scopes = rule.rule.scope
        if params.bound_buyers and p.buyer.kind not in params.bound_buyers:
            return
        if (
            params.buyer_levels
            and government_level(p.buyer.jurisdiction) not in params.buyer_levels
        ):
            return
        by_site = params.applies_by == "site"
        if not by_site and not ctx.buyer_within(scopes):
            return
        # a ban on use in a place looks only at the components at its sites (or at none)
        sites = sites_within(ctx, scopes) if by_site else None
        for _, comp, used in _components_using(ctx, params.capabilities, sites):
            if params.component_kinds and comp.kind not in params.component_kinds:
                continue
            site = ctx.site_of(comp)
            evidence = [
                Evidence(
                    f"components[{comp.id}].capabilities", ", ".join(used), "covered capability"
                ),
            ]
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
                unknown.append("the component has no site, so where it is used is unknown")
            else:
                evidence.append(
                    Evidence(
                        f"sites[{site.id}].jurisdiction",
                        site.jurisdiction,
                        "inside the law's scope",
                    )
                )
            decided = self._scope_match(params, ctx, site, evidence, unknown)
            if decided is False:
                continue
            yield self._hit(rule, ctx, comp.id, evidence, unknown)

    @staticmethod
    def _scope_match(
        params: BiometricBanParams,
        ctx: Context,
        site: Site | None,
        evidence: list[Evidence],
        unknown: list[str],
    ) -> bool | None:
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
            purposes: list[str] = list(site.purposes) if site is not None else []
            if (
                ctx.procurement.buyer.kind == "law_enforcement"
                and "law_enforcement" not in purposes
            ):
                purposes.append("law_enforcement")
            if not purposes:
                unknown.append("the site's purposes are not given")
            else:
                covered = [x for x in purposes if x in params.purposes]
                if not covered:
                    return False
                where = (
                    f"sites[{site.id}].purposes"
                    if site is not None and set(covered) & set(site.purposes)
                    else "buyer.kind"
                )
                evidence.append(Evidence(where, ", ".join(covered), "covered purpose"))
        return None if unknown else True

    @staticmethod
    def _hit(
        rule: CompiledRule,
        ctx: Context,
        component_id: str,
        evidence: list[Evidence],
        unknown: list[str],
    ) -> Hit:
        params = rule.params
        assert isinstance(params, BiometricBanParams)
        outcome: str = rule.rule.outcome
        explanation = f"Component {component_id!r} uses what {rule.rule.title} covers."
        met = None
        by_id = {e.id: e for e in params.exceptions}
        for auth in ctx.procurement.authorisations:
            if auth.rule != rule.id or auth.exception not in by_id or not auth.holds_on(ctx.day):
                continue
            if auth.applies_to and component_id not in auth.applies_to:
                continue
            exception = by_id[auth.exception]
            if exception.available_from is not None and ctx.day < exception.available_from:
                continue
            evidence.append(
                Evidence(
                    f"authorisations[{auth.id}]",
                    auth.exception,
                    f"declared authorisation meeting exception: {exception.description}",
                )
            )
            # Where several are declared, the most permissive one the law offers decides.
            if (
                met is None
                or OUTCOME_ORDER[_EFFECT_OUTCOME[exception.effect]]
                < OUTCOME_ORDER[_EFFECT_OUTCOME[met.effect]]
            ):
                met = exception
        if met is not None:
            # An exception can only lower what the rule gives, never raise it.
            outcome = min(outcome, _EFFECT_OUTCOME[met.effect], key=OUTCOME_ORDER.__getitem__)
            explanation += {
                "permits": f" A declared authorisation meets the exception {met.id!r}, which "
                "permits it.",
                "restricts": f" A declared authorisation meets the exception {met.id!r}, which "
                "allows the use only under that exception's own conditions.",
                "conditional": f" A declared authorisation invokes the exception {met.id!r}; the "
                "use stays prohibited unless every condition of that exception holds.",
            }[met.effect]
        elif params.exceptions:
            explanation += " No declared authorisation meets any of its exceptions."
        if unknown:
            explanation += " Whether it applies is unknown: " + "; ".join(unknown) + "."
        return Hit(
            subject=f"components[{component_id}]",
            outcome="unknown" if unknown else outcome,  # type: ignore[arg-type]
            binding=not unknown
            and outcome in {"prohibited", "prohibited_unless_exception", "restricted"},
            likelihood=5 if not unknown else 3,
            explanation=explanation,
            evidence=tuple(evidence),
            concerns=frozenset({component_id}),
            exception=met.id if met else None,
        )


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
