"""The words every stage shares: outcomes, severities, confidences and the legal gates.

One definition each, imported by the model, the rule packs, the kinds, scoring and the formats.
The optional compiled build compiles this module (docs/compiled-build.md): the confidence
helpers are asked of every ownership chain a finding may show.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final, Literal

Outcome = Literal["prohibited", "prohibited_unless_exception", "restricted", "elevated", "info"]
"""What a rule says of a deployment it reaches, strongest first."""
Severity = Literal["info", "low", "medium", "high", "critical"]
Confidence = Literal["high", "medium", "low"]
"""How sure a fact, a rule or a finding is."""

OUTCOME_ORDER: Final[dict[str, int]] = {
    "info": 0,
    "elevated": 1,
    "restricted": 2,
    "prohibited_unless_exception": 3,
    "prohibited": 4,
}
SEVERITY_IMPACT: Final[dict[str, int]] = {
    "info": 1,
    "low": 2,
    "medium": 3,
    "high": 4,
    "critical": 5,
}

GATE_OUTCOMES: Final[tuple[str, ...]] = ("prohibited", "prohibited_unless_exception", "restricted")
"""The outcomes that, when they bind the buyer, decide the verdict by law: no score lowers
them and no waiver lifts them. A finding binds only with one of these (:func:`binds`)."""

CONFIDENCE_RANK: Final[dict[str, int]] = {"low": 0, "medium": 1, "high": 2}


def binds(outcome: str, bound: bool) -> bool:
    """Whether a finding with ``outcome`` binds the buyer: the rule's law reaches the buyer
    (``bound``) and the outcome is a legal gate."""
    return bound and outcome in GATE_OUTCOMES


def weakest(confidences: Collection[str]) -> str:
    """The lowest of the confidences given ('high' when none). Two membership tests rather
    than a keyed ``min``: it is asked of every ownership chain a finding may show."""
    if "low" in confidences:
        return "low"
    return "medium" if "medium" in confidences else "high"


def weaker(a: str, b: str) -> str:
    """The lower of two confidences (``a`` on a tie): ``weakest`` for the hot two-value case."""
    return a if CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] else b
