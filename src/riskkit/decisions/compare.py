"""Comparing candidate deployments: a rule-by-candidate matrix and the findings that separate them.

A :class:`Comparison` is built from reports assessed on the same day. It keeps each candidate's
full report, so every renderer can show as much or as little as it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import Field

from riskkit.model.vocabulary import OUTCOME_ORDER, Outcome, Severity
from riskkit.report import VERDICT_ORDER, Finding, Report, ReportModel, Scores, Verdict

CellState = Literal["active", "upcoming", "unknown", "clear"]
_STATE_ORDER: dict[str, int] = {"clear": 0, "unknown": 1, "upcoming": 2, "active": 3}
_SEVERITY_ORDER: dict[str, int] = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


class Candidate(ReportModel):
    """One deployment being compared."""

    label: str
    """Unique within the comparison: the procurement id, with ``#2``, ``#3`` ... on repeats."""
    procurement_id: str
    title: str
    buyer: str
    verdict: Verdict
    """On the as-of date, after waivers."""
    term_verdict: Verdict
    """The worst verdict on any day of the contract term."""
    scores: Scores
    vector: str = ""
    """The report's score vector (see docs/scoring.md, "Score vector")."""
    report: Report
    """The candidate's full assessment."""


class Cell(ReportModel):
    """What one rule says about one candidate."""

    candidate: str
    """The candidate's label."""
    state: CellState
    """``active``: a finding on the as-of date; ``upcoming``: only later in the term;
    ``unknown``: the rule could not be decided for want of facts; ``clear``: no finding."""
    outcome: Outcome | None = None
    """The strongest outcome among the rule's findings for this candidate; None when clear."""
    severity: Severity | None = None
    binding: bool = False
    """True when any of the findings legally binds the buyer."""
    residual_score: int = Field(default=0, ge=0, le=25)
    """The highest residual score among the findings; 0 when clear."""
    waived: bool = False
    """True when every finding in the cell is covered by a waiver in force."""
    subjects: tuple[str, ...] = ()
    fingerprints: tuple[str, ...] = ()


class MatrixRow(ReportModel):
    """One rule across every candidate, cells in candidate order."""

    rule_id: str
    rule_title: str
    kind: str
    pack: str
    cells: tuple[Cell, ...]
    separates: bool
    """True when the candidates do not all get the same state and outcome from this rule."""


class Separator(ReportModel):
    """A rule that some candidates trip and others do not (or trip differently)."""

    rule_id: str
    rule_title: str
    outcome: Outcome
    """The strongest outcome any candidate gets from the rule."""
    severity: Severity
    binding: bool
    """True when it binds at least one candidate."""
    decides_verdict: bool
    """True when it is among the verdict reasons of at least one candidate."""
    present_in: tuple[str, ...]
    """Labels of candidates with an active or upcoming finding from the rule."""
    absent_from: tuple[str, ...]
    """Labels of candidates with no finding from it (clear or unknown)."""
    explanation: str


class Comparison(ReportModel):
    """Several candidates assessed on one day against the same rules, side by side."""

    schema_version: Literal[1] = 1
    as_of: date
    candidates: tuple[Candidate, ...]
    """In the order given."""
    ranking: tuple[str, ...]
    """Candidate labels, best first: by verdict, term verdict, residual then inherent score."""
    matrix: tuple[MatrixRow, ...]
    """Every rule that produced a finding or an unknown for some candidate, sorted: rules that
    separate the candidates first, then by strongest outcome, then by rule id."""
    separators: tuple[Separator, ...]
    """The rows that separate the candidates, strongest first."""

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def _labels(reports: Sequence[Report], labels: Sequence[str] | None) -> list[str]:
    if labels is not None:
        if len(labels) != len(reports):
            raise ValueError(f"{len(labels)} labels for {len(reports)} reports")
        wanted = list(labels)
    else:
        wanted = [r.procurement_id for r in reports]
    seen: dict[str, int] = {}
    out: list[str] = []
    for label in wanted:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    return out


def _cell(label: str, rule_id: str, report: Report) -> Cell:
    findings = [f for f in report.findings if f.rule_id == rule_id]
    if not findings:
        unknown = any(u.rule_id == rule_id for u in report.unknowns)
        return Cell(candidate=label, state="unknown" if unknown else "clear")
    active = [f for f in findings if f.status == "active"]
    deciding = active or findings
    strongest = max(deciding, key=lambda f: (OUTCOME_ORDER[f.outcome], f.residual_score))
    return Cell(
        candidate=label,
        state="active" if active else "upcoming",
        outcome=strongest.outcome,
        severity=max((f.severity for f in deciding), key=_SEVERITY_ORDER.__getitem__),
        binding=any(f.binding for f in deciding),
        residual_score=max(f.residual_score for f in deciding),
        waived=all(f.waived for f in deciding),
        subjects=tuple(sorted({s for f in deciding for s in f.all_subjects})),
        fingerprints=tuple(sorted(f.fingerprint for f in deciding)),
    )


def _signature(cell: Cell) -> tuple[str, str | None, bool]:
    return (cell.state, cell.outcome, cell.binding)


def _strength(row: MatrixRow) -> tuple[int, int, int]:
    return (
        max(OUTCOME_ORDER[c.outcome] if c.outcome else -1 for c in row.cells),
        max(_STATE_ORDER[c.state] for c in row.cells),
        max(c.residual_score for c in row.cells),
    )


def _rank_key(candidate: Candidate) -> tuple[int, int, float, float, str]:
    return (
        VERDICT_ORDER[candidate.verdict],
        VERDICT_ORDER[candidate.term_verdict],
        candidate.scores.residual,
        candidate.scores.inherent,
        candidate.label,
    )


def _separator(row: MatrixRow, reports: dict[str, Report]) -> Separator:
    tripped = [c for c in row.cells if c.state in ("active", "upcoming")]
    strongest = max(tripped, key=lambda c: OUTCOME_ORDER[c.outcome or "info"])
    severity = max((c.severity or "info" for c in tripped), key=_SEVERITY_ORDER.__getitem__)
    deciding = any(
        reason.startswith(f"{row.rule_id} on ")
        for c in tripped
        for reason in reports[c.candidate].verdict_reasons
    )
    present = tuple(c.candidate for c in tripped)
    absent = tuple(c.candidate for c in row.cells if c.state not in ("active", "upcoming"))
    parts = [f"{c.candidate}: {c.outcome} ({c.state})" for c in tripped]
    if absent:
        parts.append(f"no finding for {', '.join(absent)}")
    return Separator(
        rule_id=row.rule_id,
        rule_title=row.rule_title,
        outcome=strongest.outcome or "info",
        severity=severity,
        binding=any(c.binding for c in tripped),
        decides_verdict=deciding,
        present_in=present,
        absent_from=absent,
        explanation="; ".join(parts),
    )


def compare_reports(
    reports: Sequence[Report], *, labels: Sequence[str] | None = None
) -> Comparison:
    """Compare reports of several candidates; they must share an as-of date.

    ``labels`` name the candidates (default: their procurement ids); repeats get ``#2``, ...
    """
    if not reports:
        raise ValueError("nothing to compare: give at least one report")
    days = sorted({r.provenance.as_of for r in reports})
    if len(days) > 1:
        raise ValueError(
            "the reports were assessed on different days ("
            + ", ".join(str(d) for d in days)
            + "); assess every candidate as of the same day"
        )
    names = _labels(reports, labels)
    by_label = dict(zip(names, reports, strict=True))
    candidates = tuple(
        Candidate(
            label=label,
            procurement_id=r.procurement_id,
            title=r.title,
            buyer=r.buyer,
            verdict=r.verdict,
            term_verdict=r.term_verdict,
            scores=r.scores,
            vector=r.vector,
            report=r,
        )
        for label, r in by_label.items()
    )
    rules: dict[str, Finding | None] = {}
    for r in reports:
        for f in r.findings:
            rules.setdefault(f.rule_id, f)
        for u in r.unknowns:
            if u.rule_id is not None:
                rules.setdefault(u.rule_id, None)
    rows: list[MatrixRow] = []
    for rule_id, example in rules.items():
        cells = tuple(_cell(label, rule_id, r) for label, r in by_label.items())
        rows.append(
            MatrixRow(
                rule_id=rule_id,
                rule_title=example.rule_title if example else rule_id,
                kind=example.kind if example else "",
                pack=example.pack if example else "",
                cells=cells,
                separates=len({_signature(c) for c in cells}) > 1,
            )
        )
    rows.sort(key=lambda row: (not row.separates, *(-x for x in _strength(row)), row.rule_id))
    return Comparison(
        as_of=days[0],
        candidates=candidates,
        ranking=tuple(c.label for c in sorted(candidates, key=_rank_key)),
        matrix=tuple(rows),
        separators=tuple(
            _separator(row, by_label)
            for row in rows
            if row.separates and any(c.state in ("active", "upcoming") for c in row.cells)
        ),
    )
