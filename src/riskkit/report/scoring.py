"""Likelihood x impact per finding, mitigations, the combined score and the verdict.

See docs/scoring.md for the formula; this module is its only implementation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import cast

import attr
import attrs

from riskkit.model.vocabulary import GATE_OUTCOMES, SEVERITY_IMPACT
from riskkit.report import VERDICT_ORDER, Finding, Verdict


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md).
@attr.s(auto_attribs=True, frozen=True, slots=True)
class ScoringConfig:
    """The weights of the formula; every field is recorded in the report's provenance."""

    mitigation_step: int = 1
    """Likelihood levels each applicable mitigation removes."""
    max_mitigation: int = 2
    """At most this many levels come off by mitigation, whatever is declared."""
    elevated_threshold: int = 6
    """A finding whose residual score reaches this makes the verdict elevated_risk."""

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in attrs.asdict(self).items()}


def impact_of(severity: str) -> int:
    return SEVERITY_IMPACT[severity]


def residual_likelihood(likelihood: int, mitigations: int, config: ScoringConfig) -> int:
    reduction = min(mitigations * config.mitigation_step, config.max_mitigation)
    return max(1, likelihood - reduction)


def combined(scores: Iterable[int]) -> float:
    """0-100: one minus the chance that no finding's risk materialises, each taken as score/25.

    Adding a finding, or raising any score, never lowers the result.
    """
    remaining = math.prod(1.0 - s / 25.0 for s in scores)
    return round(100.0 * (1.0 - remaining), 1)


_GATES: dict[str, Verdict] = {gate: cast(Verdict, gate) for gate in GATE_OUTCOMES}
"""Binding outcomes that decide the verdict by themselves, and the verdict each gives."""


NOTHING_BOUGHT = (
    "the procurement lists no component, so no rule had anything bought to decide on: "
    "this is not a clearance; list what is bought in [[components]]"
)
"""The reason given when a procurement lists no component and nothing else decides."""


def verdict(
    findings: Sequence[Finding],
    unknowns: int,
    config: ScoringConfig,
    uncovered: Sequence[str] = (),
    *,
    nothing_bought: bool = False,
) -> tuple[Verdict, tuple[str, ...]]:
    """The verdict with the reasons that decide it. Binding legal outcomes gate; scores don't.

    With nothing found and nothing open, a deployment in a place no rule takes in
    (``uncovered``) is ``no_rules_in_scope``, never ``acceptable``: riskkit cannot say what that
    place's law requires. So is a procurement that lists no component (``nothing_bought``):
    most rules decide on what is bought, and a file that forgot it must not read as cleared."""
    threshold = config.elevated_threshold
    candidates: list[tuple[Finding, Verdict]] = []
    for f in findings:
        if f.binding and f.outcome in _GATES:
            candidates.append((f, _GATES[f.outcome]))
        elif f.outcome != "info" and f.residual_score >= threshold:
            candidates.append((f, "elevated_risk"))
    if not candidates:
        no_rules = tuple(
            f"no rule loaded takes in {place}: riskkit cannot say what its law requires"
            for place in uncovered
        )
        if nothing_bought:
            no_rules = (NOTHING_BOUGHT, *no_rules)
        if unknowns:
            return "needs_review", (
                f"{unknowns} question(s) the input leaves open; see unknowns",
                *no_rules,
            )
        if no_rules:
            return "no_rules_in_scope", no_rules
        return "acceptable", ()
    worst = max({c for _, c in candidates}, key=VERDICT_ORDER.__getitem__)
    return worst, tuple(
        [
            f"{f.rule_id} on {f.subjects_text}: {f.outcome}"
            + (" (binding)" if f.binding else f", residual {f.residual_score}")
            for f, candidate in candidates
            if candidate == worst
        ]
    )
