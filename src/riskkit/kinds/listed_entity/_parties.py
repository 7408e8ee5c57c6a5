"""Findings on the deal's parties: a party that reaches the listing itself, a contractor that
uses a covered product for the deal, and a party whose names only resemble a list entry."""

from __future__ import annotations

from riskkit.kinds.interface import Evidence, Hit, HitOutcome
from riskkit.kinds.listed_entity._applies import contracts
from riskkit.kinds.listed_entity._listing import to_review
from riskkit.kinds.listed_entity._matcher import coverage_of
from riskkit.kinds.listed_entity._run import Run, covered_hit, unknown_hit
from riskkit.kinds.listed_entity._wording import CONTRACT_UNKNOWN, resembles, said
from riskkit.model import BUYER, Party


def party_hits(run: Run, parties: list[Party]) -> list[Hit]:
    """Findings on ``parties`` that reach the listing and no component's finding covers; for a
    rule on contractors, only those the buyer may contract with."""
    ctx, params, covered_parties = run.ctx, run.params, run.covered_parties
    hits: list[Hit] = []
    for party in parties:
        if party.id in covered_parties:
            continue
        own = run.matcher.best(("party", party.id))
        if own is None:
            continue
        contracted: bool | None = True
        if params.contractors:
            contracted = contracts(ctx, party)
            if contracted is False:
                continue  # a maker or owner only: not whom the agency contracts with
        coverage = coverage_of(ctx, run.listing, params.list, own, (), own.confidence)
        covered_parties.add(party.id)
        told = said(run.outcome, run.bound, run.bound_evidence, coverage)
        outcome: HitOutcome = told.outcome
        tail = told.tail
        if contracted is None:
            outcome = "unknown"
            tail += CONTRACT_UNKNOWN
        hits.append(
            covered_hit(
                f"parties[{party.id}]",
                told,
                outcome,
                run.bound,
                party.name + tail,
                told.evidence,
                frozenset((party.id,)),
            )
        )
    return hits


def contractor_hits(run: Run) -> list[Hit]:
    """Findings on the operators of the deal's flows that use a covered component for the
    deal, for a rule on contractors (a contractor's use of such equipment is what it binds)."""
    ctx, covered_parties = run.ctx, run.covered_parties
    hits: list[Hit] = []
    for flow in ctx.procurement.data_flows:
        operator, used = flow.to.operator, flow.to.component
        if used is None or operator == BUYER or operator in covered_parties:
            continue
        comp = ctx.components[used]
        best = run.matcher.group(comp.manufacturer, comp.brand)
        if best is None:
            continue
        origin, candidate, steps, confidence = best
        steps = (origin.step(comp.id), *steps)
        coverage = coverage_of(ctx, run.listing, run.params.list, candidate, steps, confidence)
        covered_parties.add(operator)
        told = said(run.outcome, run.bound, run.bound_evidence, coverage)
        operated = Evidence(
            f"data_flows[{flow.id}].to.component", comp.id, "operated by the contractor"
        )
        hits.append(
            covered_hit(
                f"parties[{operator}]",
                told,
                told.outcome,
                run.bound,
                f"{ctx.parties[operator].name} uses, for the deal, "
                f"{comp.kind.replace('_', ' ')} {comp.id!r}, which is produced by "
                f"a party that{told.tail}",
                (operated, *told.evidence),
                frozenset((operator, comp.id)),
            )
        )
    return hits


def review_hits(run: Run) -> list[Hit]:
    """Unknowns for the parties no finding covers whose names resemble an entry of the lists
    the rule screens, short of a match: a person must look."""
    ctx, params, covered_parties = run.ctx, run.params, run.covered_parties
    hits: list[Hit] = []
    for party in ctx.procurement.parties:
        if party.id in covered_parties:
            continue
        review = to_review(ctx, params, party.id)
        if review:
            hits.append(
                unknown_hit(
                    f"parties[{party.id}]",
                    resembles(party.name, params.list),
                    tuple(review),
                    frozenset({party.id}),
                )
            )
    return hits
