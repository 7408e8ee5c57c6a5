"""JSON: the models as they are, indented, one trailing newline; several reports as a list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats._source import Source
from riskkit.formats.interface import Format
from riskkit.report import Report


class JsonFormat:
    """The report, comparison and diff models dumped as they are (their JSON Schema holds)."""

    name = "json"
    extension = ".json"

    def render_report(self, report: Report, source: Source | None = None) -> str:
        return report.to_json()

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        """One report as it is; several as a JSON list of reports."""
        if len(reports) == 1:
            return reports[0].to_json()
        return "[\n" + ",\n".join(r.to_json().rstrip("\n") for r in reports) + "\n]\n"

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        return comparison.to_json()

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        return diff.to_json()


FORMAT: Format = JsonFormat()
