"""CSV: one row per finding, fixed columns, RFC 4180 (comma, double quotes, CRLF).

The rows are :func:`records`, the same flat dicts as ``Report.to_records()``. A text cell that
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so that a
spreadsheet shows it as text instead of running it as a formula: the procurement file's text
reaches these cells, and that file may come from a bidder.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff, ReportSide
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


def report_context(report: Report | ReportSide) -> Record:
    """The report columns of a record."""
    as_of = report.as_of if isinstance(report, ReportSide) else report.provenance.as_of
    return {
        "procurement_id": report.procurement_id,
        "as_of": as_of.isoformat(),
        "verdict": report.verdict,
        "term_verdict": report.term_verdict,
    }


def finding_record(context: Record, number: int, f: Finding) -> Record:
    """The flat, JSON-safe record of one finding (``number`` is its 1-based place in its list)."""
    w = f.waiver
    return {
        **context,
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
    context = report_context(report)
    return [finding_record(context, i, f) for i, f in enumerate(report.findings, 1)]


def comparison_records(comparison: Comparison) -> list[Record]:
    """Every candidate's records, in candidate order, each led by the candidate's label."""
    out: list[Record] = []
    for candidate in comparison.candidates:
        out += [{"candidate": candidate.label, **r} for r in records(candidate.report)]
    return out


def diff_records(diff: ReportDiff) -> list[Record]:
    """One record per finding of either report, led by its change.

    ``change`` is new, resolved, changed or unchanged. Resolved findings are described as in the
    old report, the others as in the new one; ``changes`` says what differs.
    """
    before, after = report_context(diff.before), report_context(diff.after)
    out: list[Record] = []
    groups = (
        ("new", diff.new),
        ("resolved", diff.resolved),
        ("changed", diff.changed),
        ("unchanged", diff.unchanged),
    )
    number = 0
    for change, entries in groups:
        for entry in entries:
            number += 1
            finding = entry.after or entry.before
            assert finding is not None  # a change always has one side
            context = after if entry.after is not None else before
            out.append(
                {
                    "change": change,
                    "changes": SEPARATOR.join(entry.changes),
                    **finding_record(context, number, finding),
                }
            )
    return out


def _safe(value: RecordValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _write(columns: Sequence[str], rows: Iterable[Record]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_safe(row.get(c)) for c in columns])
    return buffer.getvalue()


def render(report: Report) -> str:
    return _write(COLUMNS, records(report))


def render_reports(reports: Sequence[Report]) -> str:
    """Several reports in one table: one header, then each report's rows in order."""
    return _write(COLUMNS, (r for report in reports for r in records(report)))


def render_comparison(comparison: Comparison) -> str:
    return _write(("candidate", *COLUMNS), comparison_records(comparison))


def render_diff(diff: ReportDiff) -> str:
    return _write(("change", "changes", *COLUMNS), diff_records(diff))
