"""Markdown: reports, comparisons, diffs, what-ifs and suggestions a person reads.

One module per thing rendered (``report``, ``comparison``, ``diff``, ``whatif``,
``suggestions``); ``text`` holds the escaping they share. The same input gives the same text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats._source import Source
from riskkit.formats.interface import Format
from riskkit.formats.markdown.comparison import render_comparison
from riskkit.formats.markdown.diff import render_diff
from riskkit.formats.markdown.report import render_report
from riskkit.formats.markdown.suggestions import render_suggestions
from riskkit.formats.markdown.whatif import render_what_if
from riskkit.report import Report

__all__ = ["FORMAT", "MarkdownFormat", "render_suggestions", "render_what_if"]


class MarkdownFormat:
    """Markdown documents; the procurement files are not needed."""

    name = "markdown"
    extension = ".md"

    def render_report(self, report: Report, source: Source | None = None) -> str:
        return render_report(report)

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        """The reports one after another, separated by a rule."""
        return "\n---\n\n".join(render_report(r) for r in reports)

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        return render_comparison(comparison)

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        return render_diff(diff)


FORMAT: Format = MarkdownFormat()
