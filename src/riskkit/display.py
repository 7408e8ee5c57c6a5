"""Notebook display: reports, comparisons and diffs as rich HTML, Markdown, records and tables.

The models know nothing of their renderings; this module shows them. When IPython is running,
``import riskkit`` registers HTML and Markdown formatters for ``Report``, ``Comparison`` and
``ReportDiff`` (:func:`register`), so the last line of a cell shows the object as the HTML
renderer's body, and as Markdown where HTML is not shown. ``%load_ext riskkit.display`` does the
same in a shell started after riskkit was imported. The helpers below give the same renderings
by hand, and records or a pandas DataFrame when pandas is installed (riskkit does not depend on
it).

>>> from riskkit import display
>>> display.html(report)  # doctest: +SKIP
>>> display.dataframe(comparison)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats import csv as csv_format
from riskkit.formats import html as html_format
from riskkit.formats import markdown as markdown_format
from riskkit.report import Report
from riskkit.report.records import COLUMNS, Record
from riskkit.report.records import records as report_records

Displayable = Report | Comparison | ReportDiff
DISPLAYED = (Report, Comparison, ReportDiff)
"""The types a notebook shows through :func:`html_fragment` and :func:`markdown`."""


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
        return markdown_format.FORMAT.render_report(obj)
    if isinstance(obj, Comparison):
        return markdown_format.FORMAT.render_comparison(obj)
    return markdown_format.FORMAT.render_diff(obj)


def records(obj: Displayable) -> list[Record]:
    """Flat, JSON-safe dicts, one per finding (a comparison adds ``candidate``, a diff
    ``change``), for ``pandas.DataFrame`` or any table library; the columns are those of
    ``riskkit assess --format csv``."""
    if isinstance(obj, Report):
        return report_records(obj)
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
    columns = list(COLUMNS)
    if isinstance(obj, Comparison):
        columns.insert(0, "candidate")
    elif isinstance(obj, ReportDiff):
        columns[:0] = ["change", "changes"]
    return pandas.DataFrame(records(obj), columns=columns)


def register(shell: Any) -> None:
    """Show reports, comparisons and diffs in the IPython ``shell`` as HTML (``text/html``)
    and Markdown (``text/markdown``); the front end picks the richest it can show."""
    formatters = shell.display_formatter.formatters
    for kind in DISPLAYED:
        formatters["text/html"].for_type(kind, html_fragment)
        formatters["text/markdown"].for_type(kind, markdown)


def register_if_ipython() -> bool:
    """:func:`register` with the running IPython shell, if there is one; True if registered.

    Never imports IPython: a running shell has already imported it.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    register(shell)
    return True


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext riskkit.display``."""
    register(shell)
