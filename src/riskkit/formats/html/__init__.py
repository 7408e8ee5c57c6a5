"""HTML: one self-contained page a committee reads, verdict first.

The page has no scripts and loads nothing (a Content-Security-Policy says so to the browser);
its styles are inline and scoped under ``.riskkit``, the risk matrix and the term timeline are
inline SVG. Every colour has text beside it, so the page reads the same printed in black and
white. The markup is also well-formed XML, and every text is escaped. The same report gives the
same bytes.

One module per thing rendered (``report``, ``comparison``, ``diff``), each giving a whole page
and a fragment: the body without the page around it, for notebooks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats._source import Source
from riskkit.formats.html.comparison import comparison_fragment, comparison_page
from riskkit.formats.html.diff import diff_fragment, diff_page
from riskkit.formats.html.report import report_fragment, report_page, reports_page
from riskkit.formats.interface import Format
from riskkit.report import Report

__all__ = ["FORMAT", "HtmlFormat", "comparison_fragment", "diff_fragment", "report_fragment"]


class HtmlFormat:
    """Self-contained HTML pages; a report's procurement file is named when given."""

    name = "html"
    extension = ".html"

    def render_report(self, report: Report, source: Source | None = None) -> str:
        return report_page(report, source)

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        """One report as its own page; several on one page after a table of their verdicts."""
        if len(reports) == 1:
            return report_page(reports[0], sources[0] if sources else None)
        return reports_page(reports, sources)

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        return comparison_page(comparison, sources)

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        return diff_page(diff)


FORMAT: Format = HtmlFormat()
