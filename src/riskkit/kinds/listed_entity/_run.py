"""One evaluation of one rule on one day, past the early exits (:class:`Run`), and the shape
of a finding on a covered subject (:func:`covered_hit`)."""

from __future__ import annotations

import attr

from riskkit.kinds.context import Context
from riskkit.kinds.interface import Evidence, Hit, HitOutcome
from riskkit.kinds.listed_entity._deal import Deal
from riskkit.kinds.listed_entity._listing import Listing, Spans
from riskkit.kinds.listed_entity._matcher import Matcher
from riskkit.kinds.listed_entity._wording import Said
from riskkit.kinds.listed_entity.params import ListedEntityParams
from riskkit.model.vocabulary import binds


# attr.s(auto_attribs=True, ...) is the spelling of an attrs class that mypyc compiles to a
# native class, in the optional compiled build (docs/compiled-build.md). Not frozen: one is made
# for every rule that reaches the deal, and a frozen attrs class takes three times as long to
# make in pure Python; nothing assigns to its fields.
@attr.s(auto_attribs=True, slots=True)
class Run:
    """What every finding of one rule on one day shares."""

    ctx: Context
    params: ListedEntityParams
    spans: Spans
    listing: Listing
    matcher: Matcher
    deal: Deal
    outcome: HitOutcome
    """What the rule tells this buyer: its outcome if it binds the buyer, else the lesser one."""
    bound: bool
    """The rule's consequence binds the buyer."""
    bound_evidence: list[Evidence]
    """Why it binds the buyer."""
    covered_parties: set[str] = attr.ib(factory=set)
    """Parties a finding already covers, filled as findings are made: components first, so a
    party is not reported again for what its product already says."""


def covered_hit(
    subject: str,
    told: Said,
    outcome: HitOutcome,
    binds_buyer: bool,
    explanation: str,
    evidence: tuple[Evidence, ...],
    concerns: frozenset[str],
) -> Hit:
    """A finding on a subject the rule covers, as ``told`` says of its coverage but for the
    ``outcome``, ``explanation`` and ``evidence`` the subject's own facts make of it; it binds
    the buyer when the rule does (``binds_buyer``) and ``outcome`` is a legal gate."""
    coverage = told.coverage
    return Hit(
        subject=subject,
        outcome=outcome,
        binding=binds(outcome, binds_buyer),
        likelihood=told.likelihood,
        explanation=explanation,
        evidence=evidence,
        concerns=concerns,
        confidence=coverage.confidence,
        since=coverage.since,
    )


def unknown_hit(
    subject: str, explanation: str, evidence: tuple[Evidence, ...], concerns: frozenset[str]
) -> Hit:
    """A finding that whether the rule covers ``subject`` is unknown: a deciding fact is not
    given, or a name resembles a list entry short of a match."""
    return Hit(
        subject=subject,
        outcome="unknown",
        binding=False,
        likelihood=3,
        explanation=explanation,
        evidence=evidence,
        concerns=concerns,
    )
