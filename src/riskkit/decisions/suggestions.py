"""Suggestions: the smallest listed changes that would clear each finding behind a bad verdict.

For a report whose verdict is prohibited, restricted or elevated risk, every finding that drives
the verdict gets the rule's own remediation text and the smallest sets of what-if changes (one
change, else two, ...) that clear it, found by applying each candidate change to the procurement
and assessing again. The candidates are derived from the procurement alone, in a fixed order, so
the suggestions are deterministic.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from riskkit.decisions.whatif import Patch, PatchChange, WhatIf, apply_patch
from riskkit.decisions.whatif.ops import candidates
from riskkit.errors import InvalidInput
from riskkit.model import Procurement
from riskkit.report import Finding, Report, Verdict
from riskkit.report.scoring import ScoringConfig
from riskkit.report.vector import config_from

Assess = Callable[[Procurement], Report]
HIGH_RISK: frozenset[str] = frozenset(
    {"prohibited", "prohibited_unless_exception", "restricted", "elevated_risk"}
)


class Option(BaseModel):
    """A set of changes that clears a finding, and what the whole deployment's verdict becomes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    changes: tuple[PatchChange, ...]
    summary: tuple[str, ...]
    """One plain sentence per change."""
    verdict_after: Verdict
    clears: tuple[str, ...]
    """Fingerprints of every deciding finding this option clears, not only the one it is for."""


class FindingSuggestion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fingerprint: str
    rule_id: str
    subject: str
    outcome: str
    remediation: tuple[str, ...]
    """The rule's own remediation advice."""
    options: tuple[Option, ...]
    """The smallest sets of listed changes that clear the finding; empty when none does."""
    note: str = ""


class Suggestions(BaseModel):
    """What would clear the findings behind a prohibited or high-risk verdict."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    procurement_id: str
    verdict: Verdict
    findings: tuple[FindingSuggestion, ...]
    plan: tuple[PatchChange, ...]
    """The first option of each finding, merged: one patch that clears every finding that can
    be cleared by listed changes."""
    plan_verdict: Verdict
    tried: int
    """How many change sets were assessed."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


class SuggestedReport(BaseModel):
    """A report and its suggestions: ``riskkit assess --suggest --format json``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    report: Report
    suggestions: Suggestions


class SuggestedWhatIf(WhatIf):
    """A what-if and the suggestions for the patched deployment (what would still have to
    change): ``riskkit assess --what-if PATCH --suggest --format json``."""

    suggestions: Suggestions


def _drives_verdict(f: Finding, config: ScoringConfig) -> bool:
    """True when the finding alone makes the verdict worse than acceptable: a binding legal
    gate, or a risk at or above the elevated threshold."""
    return f.legal_gate or (f.outcome != "info" and f.residual_score >= config.elevated_threshold)


def deciding(report: Report) -> list[Finding]:
    """The findings that make the verdict (or the term verdict) worse than acceptable."""
    config = config_from(report.provenance)
    return [f for f in report.findings if not f.waived and _drives_verdict(f, config)]


def _cleared(target: Finding, after: Report) -> bool:
    config = config_from(after.provenance)
    subjects = set(target.all_subjects)
    return not any(
        _drives_verdict(f, config)
        for f in after.findings
        if f.rule_id == target.rule_id and not subjects.isdisjoint(f.all_subjects)
    )


def _combos(n: int, size: int) -> Iterator[tuple[int, ...]]:
    return itertools.combinations(range(n), size)


def suggest(
    procurement: Procurement,
    report: Report,
    assess: Assess,
    *,
    max_changes: int = 2,
    max_tries: int = 400,
    max_options: int = 3,
) -> Suggestions:
    """Suggestions for ``report`` (the assessment of ``procurement`` by ``assess``)."""
    targets = deciding(report) if report.term_verdict in HIGH_RISK else []
    singles = candidates(procurement)
    found: dict[str, list[Option]] = {f.fingerprint: [] for f in targets}
    open_ = set(found)
    tried = 0
    for size in range(1, max_changes + 1):
        if not open_:
            break
        cleared_at_size: set[str] = set()
        for combo in _combos(len(singles), size):
            if tried >= max_tries or not open_:
                break
            changes = tuple(singles[i] for i in combo)
            try:
                patched = apply_patch(procurement, Patch(title="suggestion", changes=changes))
            except InvalidInput:
                continue
            tried += 1
            after = assess(patched)
            clears = tuple(sorted(f.fingerprint for f in targets if _cleared(f, after)))
            option = Option(
                changes=changes,
                summary=tuple(c.describe() for c in changes),
                verdict_after=after.verdict,
                clears=clears,
            )
            for fp in clears:
                if fp in open_ and len(found[fp]) < max_options:
                    found[fp].append(option)
                    cleared_at_size.add(fp)
        open_ -= cleared_at_size
    suggestions = tuple(
        FindingSuggestion(
            fingerprint=f.fingerprint,
            rule_id=f.rule_id,
            subject=f.subject,
            outcome=f.outcome,
            remediation=f.remediation,
            options=tuple(found[f.fingerprint]),
            note=""
            if found[f.fingerprint]
            else f"no set of up to {max_changes} listed changes clears it; see the remediation",
        )
        for f in targets
    )
    plan = _merge([s.options[0].changes for s in suggestions if s.options])
    plan_verdict = report.verdict
    if plan:
        plan_verdict = assess(
            apply_patch(procurement, Patch(title="suggestion", changes=plan))
        ).verdict
    return Suggestions(
        procurement_id=report.procurement_id,
        verdict=report.verdict,
        findings=suggestions,
        plan=plan,
        plan_verdict=plan_verdict,
        tried=tried,
    )


def _merge(groups: Sequence[tuple[PatchChange, ...]]) -> tuple[PatchChange, ...]:
    seen: list[PatchChange] = []
    for group in groups:
        for change in group:
            if change not in seen:
                seen.append(change)
    return tuple(seen)
