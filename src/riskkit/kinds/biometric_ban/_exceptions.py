"""Which exception of a ban a deployment meets: by a declared authorisation, or by a stated
use alone where the law asks for none, and what the exception met leaves of the ban.

An exception only ever lowers what the rule gives (``EFFECT_OUTCOME``); where several are met,
the most permissive decides for each stated use, and the least permissive of those for all.
"""

from __future__ import annotations

from collections.abc import Sequence

from riskkit.kinds.biometric_ban._routes import Route, purposes_of
from riskkit.kinds.biometric_ban.params import BiometricBanParams, ExceptionClause
from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence
from riskkit.model import Authorisation, Component
from riskkit.model.vocabulary import OUTCOME_ORDER

EFFECT_OUTCOME = {
    "permits": "info",
    "restricts": "restricted",
    "conditional": "prohibited_unless_exception",
}
"""What an exception's effect leaves of the ban, as an outcome."""

Declared = tuple[Authorisation | None, ExceptionClause]
"""A declared authorisation, valid on the day, and the exception of the rule it invokes (no
authorisation for an exception a stated use meets alone, ``met_by_use``)."""


def met_by_use(
    params: BiometricBanParams, ctx: Context, route: Route, uses: tuple[str, ...]
) -> list[Declared]:
    """The exceptions a stated use meets with no authorisation (``met_by_use``), available on
    the day, open to the buyer and reaching data from the route's origin. An exception limited
    to purposes is left to a declared authorisation."""
    buyer_kind = ctx.procurement.buyer.kind
    origin = route[0]
    found: list[Declared] = []
    for exception in params.exceptions:
        if not exception.met_by_use or exception.purposes:
            continue
        if not any(u in exception.uses for u in uses):
            continue
        if not exception.open_to(ctx.day, origin.kind, buyer_kind):
            continue
        found.append((None, exception))
    return found


def declared_exceptions(
    rule_id: str,
    params: BiometricBanParams,
    ctx: Context,
    comp: Component,
    route: Route,
    evidence: list[Evidence],
    unknown: list[str],
) -> list[Declared]:
    """The authorisations declared for rule ``rule_id`` that hold on the day, cover the
    component and invoke an exception available that day, open to the buyer, reaching data
    from the route's origin and allowing the use's purposes; each is added to ``evidence``. An
    exception limited to purposes, where none is stated, adds to ``unknown``."""
    component_id = comp.id
    origin = route[0]
    buyer_kind = ctx.procurement.buyer.kind
    by_id = {e.id: e for e in params.exceptions}
    found: list[Declared] = []
    for auth in ctx.procurement.authorisations:
        if auth.rule != rule_id or auth.exception not in by_id or not auth.holds_on(ctx.day):
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


def _effect_rank(exception: ExceptionClause) -> int:
    """How strong what the exception leaves is (lower: more permissive)."""
    return OUTCOME_ORDER[EFFECT_OUTCOME[exception.effect]]


def restricting_for(
    exceptions: Sequence[ExceptionClause], uses: tuple[str, ...]
) -> ExceptionClause | None:
    """The exception that allows every stated use only under its own conditions (effect
    ``restricts``), when there is one and some use is stated; None otherwise."""
    if not uses:
        return None
    for exception in exceptions:
        if exception.effect == "restricts" and all(u in exception.uses for u in uses):
            return exception
    return None


def allowed_by(declared: list[Declared]) -> set[str]:
    return {u for _, e in declared for u in e.uses}


def exception_met(
    declared: list[Declared], uses: tuple[str, ...]
) -> tuple[ExceptionClause | None, set[str]]:
    """The exception the declared authorisations meet for the stated ``uses`` (None: none),
    and the use-limited exceptions declared that the uses fall outside.

    An exception with no uses is met by its authorisation alone; a use-limited one, for each
    stated use it lists. Every stated use must be met; where several exceptions meet a use, the
    most permissive decides for it, and the least permissive of those decides for all."""
    unlimited = [e for _, e in declared if not e.uses]
    best_unlimited = min(unlimited, key=_effect_rank, default=None)
    if not uses:
        return best_unlimited, set()
    deciding: ExceptionClause | None = None
    for use in uses:
        candidates = [e for _, e in declared if not e.uses or use in e.uses]
        if not candidates:
            return None, {e.id for _, e in declared if e.uses}
        best = min(candidates, key=_effect_rank)
        if deciding is None or _effect_rank(best) > _effect_rank(deciding):
            deciding = best
    return deciding, set()
