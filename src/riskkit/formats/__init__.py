"""Renderers: each turns a report into text. None of them opens a file; the caller decides.

``RENDERERS`` render one report. ``render_reports`` renders several reports (one or many)
into one document of a format, with the procurement files they came from when the caller has
them (SARIF points into those files; HTML and CSV name them). ``COMPARISON_RENDERERS`` and
``DIFF_RENDERERS`` render a :class:`~riskkit.decisions.compare.Comparison` and a
:class:`~riskkit.decisions.diff.ReportDiff`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats import csv as csv_format
from riskkit.formats import decisions as decisions_format
from riskkit.formats import html as html_format
from riskkit.formats import json as json_format
from riskkit.formats import markdown as markdown_format
from riskkit.formats import sarif as sarif_format
from riskkit.formats._source import Source
from riskkit.report import Report

__all__ = [
    "COMPARISON_RENDERERS",
    "DIFF_RENDERERS",
    "RENDERERS",
    "Renderer",
    "Source",
    "render_reports",
]

Renderer = Callable[[Report], str]

RENDERERS: Mapping[str, Renderer] = {
    "csv": csv_format.render,
    "html": html_format.render,
    "json": json_format.render,
    "markdown": markdown_format.render,
    "sarif": sarif_format.render,
}

COMPARISON_RENDERERS: Mapping[str, Callable[[Comparison], str]] = {
    "csv": csv_format.render_comparison,
    "html": html_format.render_comparison,
    "json": Comparison.to_json,
    "markdown": decisions_format.render_comparison,
    "sarif": sarif_format.render_comparison,
}

DIFF_RENDERERS: Mapping[str, Callable[[ReportDiff], str]] = {
    "csv": csv_format.render_diff,
    "html": html_format.render_diff,
    "json": ReportDiff.to_json,
    "markdown": decisions_format.render_diff,
    "sarif": sarif_format.render_diff,
}


def render_reports(
    format_name: str, reports: Sequence[Report], sources: Sequence[Source | None] = ()
) -> str:
    """One document of ``format_name`` holding every report, in order.

    ``sources[i]`` is where ``reports[i]`` came from (its file name and text), or None. A single
    report renders as ``RENDERERS`` does, plus its source where the format uses one.
    """
    given = list(sources) + [None] * (len(reports) - len(sources))
    if len(reports) == 1:
        report, source = reports[0], given[0]
        if format_name == "html":
            return html_format.render(report, source=source)
        if format_name == "sarif":
            return sarif_format.render(report, source=source)
        return RENDERERS[format_name](report)
    if format_name == "json":
        return "[\n" + ",\n".join(r.to_json().rstrip("\n") for r in reports) + "\n]\n"
    if format_name == "csv":
        return csv_format.render_reports(reports)
    if format_name == "html":
        return html_format.render_reports(reports, given)
    if format_name == "sarif":
        return sarif_format.render_reports(reports, given)
    return "\n---\n\n".join(RENDERERS[format_name](r) for r in reports)
