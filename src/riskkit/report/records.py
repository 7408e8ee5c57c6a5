"""Records: a report as flat, JSON-safe dicts, one per finding, for tables and DataFrames.

A data view, not a rendering: the CSV format writes these rows, and ``riskkit.display.records``
hands them to a notebook. Every field of a :class:`~riskkit.report.Finding` is flattened into
one column; list fields are joined with ``SEPARATOR``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the report's own method uses this module: no import back at run time
    from riskkit.report import Finding, Report

RecordValue = str | int | float | bool | None
Record = dict[str, RecordValue]

REPORT_COLUMNS = ("procurement_id", "as_of", "verdict", "term_verdict")
"""The report each row comes from, so rows of several reports can share one table."""
FINDING_COLUMNS = (
    "number",
    "fingerprint",
    "rule_id",
    "rule_title",
    "kind",
    "pack",
    "pack_version",
    "outcome",
    "severity",
    "binding",
    "status",
    "applies_from",
    "applies_until",
    "subject",
    "subjects",
    "likelihood",
    "impact",
    "inherent_score",
    "residual_likelihood",
    "residual_score",
    "confidence",
    "mitigations_applied",
    "exception",
    "explanation",
    "evidence",
    "citation_url",
    "citations",
    "remediation",
    "notes",
    "waiver_id",
    "waiver_state",
    "waiver_approver",
    "waiver_expires",
    "waiver_justification",
    "waiver_note",
    "vector",
)
"""One finding; every field of :class:`~riskkit.report.Finding`, flattened."""
COLUMNS = REPORT_COLUMNS + FINDING_COLUMNS
SEPARATOR = "\n"
"""Joins the items of a list field (evidence, citations, remediation) inside one cell."""


def _evidence(f: Finding) -> str:
    return SEPARATOR.join(
        f"{e.path} = {e.value}" + (f" ({e.note})" if e.note else "") for e in f.evidence
    )


def _citations(f: Finding) -> str:
    out = []
    for c in f.citations:
        article = f", {c.article}" if c.article else ""
        when = f" ({c.date})" if c.date else ""
        out.append(f"{c.title}{article}{when} <{c.url}>")
    return SEPARATOR.join(out)


def context(procurement_id: str, as_of: date, verdict: str, term_verdict: str) -> Record:
    """The report columns of a record: which report, on which day, with which verdicts."""
    return {
        "procurement_id": procurement_id,
        "as_of": as_of.isoformat(),
        "verdict": verdict,
        "term_verdict": term_verdict,
    }


def report_context(report: Report) -> Record:
    """The report columns of every record of ``report``."""
    return context(
        report.procurement_id, report.provenance.as_of, report.verdict, report.term_verdict
    )


def finding_record(report_columns: Record, number: int, f: Finding) -> Record:
    """The flat, JSON-safe record of one finding (``number`` is its 1-based place in its list)."""
    w = f.waiver
    return {
        **report_columns,
        "number": number,
        "fingerprint": f.fingerprint,
        "rule_id": f.rule_id,
        "rule_title": f.rule_title,
        "kind": f.kind,
        "pack": f.pack,
        "pack_version": f.pack_version,
        "outcome": f.outcome,
        "severity": f.severity,
        "binding": f.binding,
        "status": f.status,
        "applies_from": f.applies_from.isoformat(),
        "applies_until": f.applies_until.isoformat() if f.applies_until else None,
        "subject": f.subject,
        "subjects": SEPARATOR.join(f.all_subjects),
        "likelihood": f.likelihood,
        "impact": f.impact,
        "inherent_score": f.inherent_score,
        "residual_likelihood": f.residual_likelihood,
        "residual_score": f.residual_score,
        "confidence": f.confidence,
        "mitigations_applied": SEPARATOR.join(f.mitigations_applied),
        "exception": f.exception,
        "explanation": f.explanation,
        "evidence": _evidence(f),
        "citation_url": f.citations[0].url if f.citations else None,
        "citations": _citations(f),
        "remediation": SEPARATOR.join(f.remediation),
        "notes": f.notes,
        "waiver_id": w.id if w else None,
        "waiver_state": w.state if w else None,
        "waiver_approver": w.approver if w else None,
        "waiver_expires": w.expires.isoformat() if w else None,
        "waiver_justification": w.justification if w else None,
        "waiver_note": w.note if w else None,
        "vector": f.vector,
    }


def records(report: Report) -> list[Record]:
    """One record per finding, in the report's order."""
    columns = report_context(report)
    return [finding_record(columns, i, f) for i, f in enumerate(report.findings, 1)]
