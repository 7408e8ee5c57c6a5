"""The engine: evaluate every rule in scope over the as-of date and the contract term.

Pure and deterministic: the same procurement, rule set, date and scoring config give the same
report, byte for byte. A rule is evaluated on the as-of date and again on each day inside the
term on which its result may change (its window's edges, listing dates), which is how upcoming
findings and findings that stop applying are found (``timeline``). The hits become findings
(``findings``, ``grouping``); facts the input lacks become unknowns (``completeness``); the
report says how it was made and what it covered (``provenance``).
"""

from __future__ import annotations

import gc
from datetime import date
from itertools import repeat
from typing import TYPE_CHECKING

from riskkit.engine.assemble import assemble
from riskkit.engine.completeness import missing_facts
from riskkit.engine.findings import (
    EvidenceItems,
    Mitigations,
    finding,
    finding_order,
    fingerprint_text_of,
    fingerprints,
    rule_facts,
    unknown,
    unknown_order,
)
from riskkit.engine.grouping import Groups
from riskkit.engine.provenance import coverage, place_coverage, provenance
from riskkit.engine.timeline import Days, input_days, kind_days, timeline
from riskkit.kinds.context import Context
from riskkit.model import Procurement
from riskkit.packs import RuleSet
from riskkit.report import Finding, Report, Scores
from riskkit.report.scoring import ScoringConfig, combined, verdict
from riskkit.report.vector import FindingVectors, report_vector_of

if TYPE_CHECKING:
    from riskkit.packs.lists import ListSet


def evaluate(
    procurement: Procurement,
    rules: RuleSet,
    as_of: date,
    config: ScoringConfig | None = None,
    lists: ListSet | None = None,
) -> Report:
    """Assess ``procurement`` on ``as_of`` and over its term against ``rules``."""
    # The cycle collector is paused while a procurement is assessed: each of its full passes
    # walks every object alive, so on a large input (70,000 components) it took more than half
    # the time, growing faster than the input. The assessment drops what could form cycles
    # itself (the context's memo), and collection resumes as before when it returns.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _evaluate(procurement, rules, as_of, config, lists)
    finally:
        if collecting:
            gc.enable()


def _evaluate(
    procurement: Procurement,
    rules: RuleSet,
    as_of: date,
    config: ScoringConfig | None,
    lists: ListSet | None,
) -> Report:
    config = config or ScoringConfig()
    term = procurement.term
    horizon = max(term.end, as_of) if term is not None else as_of
    # Kinds see the as-of date as ctx.day, and each later day of the timeline as the day of
    # ctx.on(day): the date goes down one way, under these two names.
    ctx = Context.build(
        procurement, as_of, rules.entities, lists.screener if lists is not None else None
    )
    candidates = rules.candidates(procurement)
    schedule = rules.schedule(procurement, as_of, horizon)
    inputs = Days.split(input_days(procurement, rules), as_of, horizon)
    own_days = {
        kind: Days.split(days, as_of, horizon) for kind, days in kind_days(rules, ctx).items()
    }
    later_own = {kind: days.later for kind, days in own_days.items() if days.later}
    # What each kind's rules are evaluated on besides their own change dates: the input's days,
    # and the kind's own (a rule's hit on the as-of date is followed back over the earlier).
    beside = {
        kind: Days(
            tuple(sorted({*inputs.earlier, *days.earlier})),
            tuple(sorted({*inputs.later, *days.later})),
        )
        for kind, days in own_days.items()
    }
    evidence = EvidenceItems()
    unknowns = list(
        missing_facts(procurement, rules, schedule, ctx, evidence, inputs.later, later_own)
    )
    vectors = FindingVectors.of(as_of, config)
    declared = [(m.kind, m.applies_to) for m in procurement.mitigations]
    mitigating: Mitigations = []
    applicable = 0
    unknown_rules: set[str] = set()
    # Every rule is evaluated first and the findings are built after, in one pass.
    groups = Groups()
    for rule, later in schedule:
        earlier, more = beside.get(rule.rule.kind, inputs)
        if more:
            later = tuple(sorted({*later, *more}))
        facts = None
        for timed in timeline(rule, ctx, later, earlier):
            hit = timed.hit
            if hit.outcome == "unknown":
                unknown_rules.add(rule.id)
                unknowns.append(
                    unknown(
                        rule.id,
                        hit.subject,
                        hit.explanation,
                        evidence.of(hit.evidence),
                        timed.start if timed.upcoming else None,
                    )
                )
                continue
            if facts is None:
                facts = rule_facts(rule)
                mitigating = [m for m in declared if m[0] in facts.mitigated_by] if declared else []
            groups.add((facts, mitigating, timed))
        applicable += facts is not None
    # What the kinds kept for the assessment may refer back to the context (a table holding
    # it, a closure over it): dropped now, it is freed at once, not left for the cycle
    # collector, which otherwise took up to a third of the time of a run of assessments.
    # This is the one place the memo is cleared; kinds read and write it through Slots only.
    ctx.memo.clear()
    # Findings of one rule on many subjects that differ only in the subject make one finding
    # with the list of subjects; its fingerprint is its first subject's.
    grouped = groups.items()
    del groups
    texts = [fingerprint_text_of(facts, timed.hit) for (facts, _, timed), _ in grouped]
    findings = [
        finding(facts, timed, fingerprint, mitigating, config, vectors, evidence, subjects)
        for ((facts, mitigating, timed), subjects), fingerprint in zip(
            grouped, fingerprints(texts), strict=True
        )
    ]
    del grouped, texts
    findings.sort(key=finding_order)
    unknowns.sort(key=unknown_order)
    active = [f for f in findings if f.status == "active"]
    places = place_coverage(procurement, schedule, ctx)
    uncovered = tuple(sorted({c.place for c in places if not c.rules}))
    open_now = sum(u.upcoming_from is None for u in unknowns)
    bought = bool(procurement.components)
    as_of_verdict, reasons = verdict(active, open_now, config, uncovered, nothing_bought=not bought)
    term_verdict, _ = verdict(findings, len(unknowns), config, uncovered, nothing_bought=not bought)
    scores = _scores(active, findings)
    made = provenance(procurement, rules, as_of, config, lists)
    covered = coverage(
        rules, len(candidates), schedule, applicable, len(unknown_rules), places, uncovered
    )
    vector = report_vector_of(
        provenance=made,
        scores=scores,
        findings=findings,
        unknowns=len(unknowns),
        verdict=as_of_verdict,
        term_verdict=term_verdict,
        config=config,
    )
    return assemble(
        Report,
        {
            "schema_version": 1,
            "procurement_id": procurement.id,
            "title": procurement.title,
            "buyer": procurement.buyer.name,
            "verdict": as_of_verdict,
            "term_verdict": term_verdict,
            "verdict_reasons": reasons,
            "scores": scores,
            "findings": tuple(findings),
            "unknowns": tuple(unknowns),
            "coverage": covered,
            "provenance": made,
            "waivers": None,
            "vector": vector,
        },
    )


def _scores(active: list[Finding], findings: list[Finding]) -> Scores:
    """The report's scores. They count every subject of a finding, as if each had its own."""
    active_count = sum(f.weight for f in active)
    return assemble(
        Scores,
        {
            "inherent": combined(s for f in active for s in repeat(f.inherent_score, f.weight)),
            "residual": combined(s for f in active for s in repeat(f.residual_score, f.weight)),
            "max_inherent": max((f.inherent_score for f in active), default=0),
            "max_residual": max((f.residual_score for f in active), default=0),
            "findings": active_count,
            "binding": sum(f.weight for f in active if f.binding),
            "upcoming": sum(f.weight for f in findings) - active_count,
            "waived": 0,
        },
    )
