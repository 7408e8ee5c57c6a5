"""Likelihood x impact per finding, mitigations, the combined score and the verdict.

See docs/scoring.md for the formula; this module is its only implementation.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import attrs

from riskkit.report import VERDICT_ORDER, Finding, Verdict
from riskkit.rules import SEVERITY_IMPACT


@attrs.frozen
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


def verdict(
    findings: Sequence[Finding], unknowns: int, config: ScoringConfig
) -> tuple[Verdict, tuple[str, ...]]:
    """The verdict with the reasons that decide it. Binding legal outcomes gate; scores don't."""
    worst: Verdict = "acceptable"
    reasons: list[str] = []
    gates: dict[str, Verdict] = {
        "prohibited": "prohibited",
        "prohibited_unless_exception": "prohibited_unless_exception",
        "restricted": "restricted",
    }
    for f in findings:
        candidate: Verdict | None = None
        if f.binding and f.outcome in gates:
            candidate = gates[f.outcome]
        elif f.outcome != "info" and f.residual_score >= config.elevated_threshold:
            candidate = "elevated_risk"
        if candidate is None:
            continue
        if VERDICT_ORDER[candidate] > VERDICT_ORDER[worst]:
            worst, reasons = candidate, []
        if candidate == worst:
            reasons.append(
                f"{f.rule_id} on {f.subject}: {f.outcome}"
                + (" (binding)" if f.binding else f", residual {f.residual_score}")
            )
    if worst == "acceptable" and unknowns:
        return "needs_review", (f"{unknowns} question(s) the input leaves open; see unknowns",)
    return worst, tuple(reasons)
