"""What a ban gives for one component and one route of its data: the outcome once the
exceptions met are taken into account, and the explanation a buyer reads.

``prohibited_unless_exception`` is what a declared exception leaves (docs/scoring.md): with no
exception met, the ban is a ban.
"""

from __future__ import annotations

from riskkit.kinds.biometric_ban._exceptions import (
    EFFECT_OUTCOME,
    allowed_by,
    declared_exceptions,
    exception_met,
    met_by_use,
    restricting_for,
)
from riskkit.kinds.biometric_ban._routes import Route, authorised_uses_of
from riskkit.kinds.biometric_ban.params import BiometricBanParams
from riskkit.kinds.context import Context
from riskkit.kinds.interface import CompiledRule, Evidence, Hit, binds
from riskkit.model import Component
from riskkit.model.vocabulary import OUTCOME_ORDER


def route_hit(
    rule: CompiledRule,
    params: BiometricBanParams,
    ctx: Context,
    comp: Component,
    route: Route,
    evidence: list[Evidence],
    unknown: list[str],
) -> Hit:
    """The rule's hit for ``comp`` applying what it covers to the data of ``route``, resting
    on ``evidence``: its outcome after any exception met, and why; an unknown when ``unknown``
    (or what the exceptions need) leaves the outcome open."""
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
    declared = declared_exceptions(rule.id, params, ctx, comp, route, evidence, unknown)
    uses, uses_at = authorised_uses_of(ctx, comp, route)
    if uses and uses_at is not None and any(e.uses for e in params.exceptions):
        evidence.append(Evidence(uses_at, ", ".join(uses), "stated authorised uses"))
    by_use = met_by_use(params, ctx, route, uses) if uses_at is not None else []
    met, outside = exception_met([*declared, *by_use], uses)
    implicit = met is not None and all(e.id != met.id for _, e in declared)
    allowed = {u for e in params.exceptions for u in e.uses}
    unlisted = [u for u in uses if u not in allowed]
    if met is not None and implicit:
        outcome = min(base, EFFECT_OUTCOME[met.effect], key=OUTCOME_ORDER.__getitem__)
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
        outcome = min(base, EFFECT_OUTCOME[met.effect], key=OUTCOME_ORDER.__getitem__)
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
            f"use {', '.join(u for u in uses if u not in allowed_by(declared))} is outside "
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
        listed := restricting_for(params.exceptions, uses)
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
