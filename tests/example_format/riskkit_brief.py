"""``brief``: one line per finding, for a terminal or a chat message.

The example of docs/architecture.md ("an output format"): a package adds a format with this one
module and one entry point (``[project.entry-points."riskkit.formats"] brief =
"riskkit_brief:FORMAT"``), and ``riskkit assess --format brief`` uses it. A format returns text
and opens no file; it reads only riskkit's report, comparison and diff models.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from riskkit import Comparison, Report, ReportDiff
from riskkit.formats import Format, Source


def _report(report: Report) -> str:
    lines = [f"{report.procurement_id}: {report.verdict} (as of {report.provenance.as_of})"]
    lines += [f"  {f.outcome:<28} {f.rule_id}  {f.subject}" for f in report.findings]
    return "\n".join(lines) + "\n"


class BriefFormat:
    """A report's verdict, then each finding's outcome, rule and subject."""

    name = "brief"
    extension = ".txt"

    def render_report(self, report: Report, source: Source | None = None) -> str:
        return _report(report)

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        return "".join(_report(r) for r in reports)

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        return "".join(f"{c.label}: {c.verdict}\n" for c in comparison.candidates)

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        return f"{diff.verdict.before} -> {diff.verdict.after} ({diff.verdict.direction})\n"


FORMAT: Format = BriefFormat()
