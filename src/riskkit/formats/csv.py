"""CSV: one row per finding, fixed columns, RFC 4180 (comma, double quotes, CRLF).

The rows are :mod:`riskkit.report.records`, the same flat dicts ``riskkit.display.records``
gives a notebook. A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'`` so that a spreadsheet shows it as text instead of running it as a
formula: the procurement file's text reaches these cells, and that file may come from a bidder.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff, ReportSide
from riskkit.formats._source import Source
from riskkit.formats.interface import Format
from riskkit.report import Report
from riskkit.report.records import (
    COLUMNS,
    SEPARATOR,
    Record,
    RecordValue,
    context,
    finding_record,
    records,
)


def comparison_records(comparison: Comparison) -> list[Record]:
    """Every candidate's records, in candidate order, each led by the candidate's label."""
    out: list[Record] = []
    for candidate in comparison.candidates:
        out += [{"candidate": candidate.label, **r} for r in records(candidate.report)]
    return out


def _side_context(side: ReportSide) -> Record:
    return context(side.procurement_id, side.as_of, side.verdict, side.term_verdict)


def diff_records(diff: ReportDiff) -> list[Record]:
    """One record per finding of either report, led by its change.

    ``change`` is new, resolved, changed or unchanged. Resolved findings are described as in the
    old report, the others as in the new one; ``changes`` says what differs.
    """
    before, after = _side_context(diff.before), _side_context(diff.after)
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
            columns = after if entry.after is not None else before
            out.append(
                {
                    "change": change,
                    "changes": SEPARATOR.join(entry.changes),
                    **finding_record(columns, number, finding),
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


class CsvFormat:
    """One table per document; the procurement files are not needed."""

    name = "csv"
    extension = ".csv"

    def render_report(self, report: Report, source: Source | None = None) -> str:
        return _write(COLUMNS, records(report))

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        """Several reports in one table: one header, then each report's rows in order."""
        return _write(COLUMNS, (r for report in reports for r in records(report)))

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        return _write(("candidate", *COLUMNS), comparison_records(comparison))

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        return _write(("change", "changes", *COLUMNS), diff_records(diff))


FORMAT: Format = CsvFormat()
