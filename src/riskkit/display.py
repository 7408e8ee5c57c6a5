"""Notebook display: reports, comparisons and diffs as rich HTML, Markdown, records and tables.

``Report`` shows itself in Jupyter through ``_repr_html_`` (HTML) and ``_repr_markdown_``
(elsewhere); these helpers do the same for comparisons and diffs, and turn any of them into
records or a pandas DataFrame when pandas is installed (riskkit does not depend on it).

>>> from riskkit import display
>>> display.html(report)  # doctest: +SKIP
>>> display.dataframe(comparison)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from riskkit.compare import Comparison
from riskkit.diff import ReportDiff
from riskkit.formats import csv as csv_format
from riskkit.formats import html as html_format
from riskkit.formats import markdown as markdown_format
from riskkit.formats.csv import Record
from riskkit.report import Report

Displayable = Report | Comparison | ReportDiff


class HTML:
    """HTML that Jupyter renders as it is; ``str()`` gives the markup."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def html_fragment(obj: Displayable) -> str:
    """The body of the HTML rendering with its scoped styles, without a page around it."""
    if isinstance(obj, Report):
        return html_format.report_fragment(obj)
    if isinstance(obj, Comparison):
        return html_format.comparison_fragment(obj)
    return html_format.diff_fragment(obj)


def html(obj: Displayable) -> HTML:
    """An object Jupyter shows as rich HTML: put it last in a cell, or pass it to display()."""
    return HTML(html_fragment(obj))


def markdown(obj: Displayable) -> str:
    """Markdown text: the Markdown report, or a short table for a comparison or a diff."""
    if isinstance(obj, Report):
        return markdown_format.render(obj)
    if isinstance(obj, Comparison):
        return comparison_markdown(obj)
    return diff_markdown(obj)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def comparison_markdown(comparison: Comparison) -> str:
    """The ranking and the rule-by-candidate matrix as Markdown tables."""
    by_label = {c.label: c for c in comparison.candidates}
    out = [
        f"## riskkit comparison as of {comparison.as_of}",
        "",
        "| Rank | Candidate | Verdict | Over the term | Inherent | Residual |",
        "|---|---|---|---|---|---|",
    ]
    for rank, label in enumerate(comparison.ranking, 1):
        c = by_label[label]
        out.append(
            f"| {rank} | {_cell(label)} | {html_format.VERDICT_TEXT[c.verdict]} | "
            f"{html_format.VERDICT_TEXT[c.term_verdict]} | {c.scores.inherent:g} | "
            f"{c.scores.residual:g} |"
        )
    if comparison.matrix:
        labels = [c.label for c in comparison.candidates]
        out += ["", "| Rule | " + " | ".join(_cell(x) for x in labels) + " |"]
        out.append("|---|" + "---|" * len(labels))
        for row in comparison.matrix:
            cells: list[str] = []
            for cell in row.cells:
                if cell.state in ("clear", "unknown"):
                    cells.append(cell.state)
                else:
                    extra = " (upcoming)" if cell.state == "upcoming" else ""
                    binding = ", binding" if cell.binding else ""
                    cells.append(f"{cell.outcome}{binding}{extra}")
            mark = " *separates*" if row.separates else ""
            out.append(f"| `{_cell(row.rule_id)}`{mark} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def diff_markdown(diff: ReportDiff) -> str:
    """The verdict change and the new, resolved and changed findings as Markdown."""
    v = diff.verdict
    out = [
        f"## riskkit re-assessment: {diff.after.title}",
        "",
        f"**Verdict: {html_format.VERDICT_TEXT[v.before]} → {html_format.VERDICT_TEXT[v.after]}**"
        f" ({v.direction}; as of {diff.before.as_of} → {diff.after.as_of})",
        "",
    ]
    for title, entries in (
        ("New", diff.new),
        ("Resolved", diff.resolved),
        ("Changed", diff.changed),
    ):
        out.append(f"- {title}: {len(entries)}")
        for e in entries:
            detail = f" ({'; '.join(e.changes)})" if e.changes else ""
            out.append(f"  - `{e.rule_id}` on `{e.subject}`{detail}")
    out.append(f"- Unchanged: {len(diff.unchanged)}")
    return "\n".join(out) + "\n"


def records(obj: Displayable) -> list[Record]:
    """Flat, JSON-safe dicts, one per finding (a comparison adds ``candidate``, a diff
    ``change``), for ``pandas.DataFrame`` or any table library."""
    if isinstance(obj, Report):
        return csv_format.records(obj)
    if isinstance(obj, Comparison):
        return csv_format.comparison_records(obj)
    return csv_format.diff_records(obj)


def dataframe(obj: Displayable) -> Any:
    """A pandas DataFrame of :func:`records`, with the CSV columns in order.

    Raises ImportError naming what to install when pandas is missing.
    """
    try:
        pandas = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "riskkit.display.dataframe needs pandas: pip install pandas "
            "(or use riskkit.display.records, which needs nothing)"
        ) from None
    columns = list(csv_format.COLUMNS)
    if isinstance(obj, Comparison):
        columns.insert(0, "candidate")
    elif isinstance(obj, ReportDiff):
        columns[:0] = ["change", "changes"]
    return pandas.DataFrame(records(obj), columns=columns)
