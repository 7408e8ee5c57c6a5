"""What a finding says of its coverage: the outcome (capped for a weak chain), the explanation
after the subject, the evidence and the likelihood (:class:`Said`), and the fixed texts."""

from __future__ import annotations

from typing import NamedTuple

from riskkit.kinds.interface import Evidence, HitOutcome
from riskkit.kinds.listed_entity._coverage import Coverage
from riskkit.model.vocabulary import OUTCOME_ORDER

UNBOUND = (
    " The listing's legal consequence does not bind this buyer; the finding records the risk "
    "that remains."
)

USE_UNKNOWN = (
    " The rule covers only some uses, and the site's purposes and settings are "
    "not given, so whether it applies is unknown."
)

CONTRACT_UNKNOWN = (
    " The rule binds the buyer's contracts with such a party; this party's roles are not "
    "given, so whether the buyer contracts with it (as seller, integrator, operator, "
    "maintainer, ...) or it only makes a product is unknown."
)


class Said(NamedTuple):
    """What a finding says of its coverage, the same for every subject with that coverage."""

    coverage: Coverage
    outcome: HitOutcome
    """The rule's outcome, capped for a low-confidence chain."""
    tail: str
    """The explanation after the subject's description."""
    evidence: tuple[Evidence, ...]
    """The coverage's evidence followed by that of whom the rule binds."""
    likelihood: int


def _capped(outcome: HitOutcome, confidence: str) -> tuple[HitOutcome, str]:
    """A low-confidence chain gives at most an elevated risk; (outcome, note)."""
    if confidence == "low" and OUTCOME_ORDER.get(outcome, 0) > OUTCOME_ORDER["elevated"]:
        return "elevated", (
            f" The link rests on low-confidence evidence, so riskkit reports an elevated risk "
            f"to verify rather than {outcome.replace('_', ' ')}."
        )
    return outcome, ""


def said(
    outcome: HitOutcome, bound: bool, bound_evidence: list[Evidence], coverage: Coverage
) -> Said:
    """What a finding on ``coverage`` says beyond its subject, for a rule with ``outcome``,
    that binds the buyer or not (``bound``, and the evidence of whom it binds)."""
    hit_outcome, cap_note = _capped(outcome, coverage.confidence)
    return Said(
        coverage,
        hit_outcome,
        f" {coverage.relation} {coverage.covered}."
        + ("" if bound else UNBOUND)
        + coverage.note
        + cap_note,
        (*[s.evidence for s in coverage.steps], *bound_evidence),
        coverage.likelihood(),
    )


def capabilities_unknown(comp_id: str, capabilities: frozenset[str]) -> str:
    """After a finding on a component whose capabilities are left out, when the rule covers
    only components with some."""
    named = " or ".join(sorted(c.replace("_", " ") for c in capabilities))
    return (
        f" The rule covers only components with {named}, and what {comp_id!r} can do is not "
        "given (its capabilities are left out), so whether it applies is unknown."
    )


def seat_unknown(list_name: str, where: str, outside: bool) -> str:
    """After a component's description, when where it is produced, or where its producer is
    incorporated, is not given and the rule covers products by it."""
    if outside:
        return (
            f"the {list_name} covers products produced outside {where}, and where it is "
            "produced (produced_in) is not given; where its maker is incorporated does not say "
            "where it is made."
        )
    return (
        f"the {list_name} covers products of companies incorporated in {where}, and where its "
        "producer is incorporated is not given."
    )


def resembles(party_name: str, list_name: str) -> str:
    """A finding on a party whose names resemble an entry of the list, short of a match."""
    return (
        f"{party_name} resembles an entry of the {list_name} but not closely enough to call it "
        "a match; a person must review it."
    )
