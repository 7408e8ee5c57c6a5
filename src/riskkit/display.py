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

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats import csv as csv_format
from riskkit.formats import decisions as decisions_format
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
    """Markdown text: what ``riskkit assess``, ``compare`` or ``diff`` prints for the object."""
    if isinstance(obj, Report):
        return markdown_format.render(obj)
    if isinstance(obj, Comparison):
        return decisions_format.render_comparison(obj)
    return decisions_format.render_diff(obj)


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
