"""The HTML output of ``riskkit batch``: one page people can sort and filter, each row linking
to its process's full report.

The page is self-contained (inline styles and one small inline script, no request of any
kind) and holds its rows as table rows, so it works from a file, offline, and prints. Above
:data:`MAX_ROWS` rows the page holds the first :data:`MAX_ROWS` in the order given and says so
(``riskkit batch`` gives it the rows that rank highest; ``chosen`` says how they were chosen).
The full reports go in a folder beside the page, ``<page stem>_reports/``, one file per linked
process, named by :func:`~riskkit.feeds.batch_html._names.report_file_name`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.feeds.batch_html._cells import cell_text
from riskkit.feeds.batch_html._names import report_file_name
from riskkit.feeds.batch_html._page import render_page

__all__ = ["FIRST_ROWS", "MAX_ROWS", "report_path", "reports_folder", "write_html", "write_report"]

MAX_ROWS = 20_000
"""The most rows one page holds: a browser sorts and filters this many at once without a wait
a reader notices; a bigger feed's whole table is in the CSV or Parquet output."""

FIRST_ROWS = "the first in the order given"
"""Which rows a page over :data:`MAX_ROWS` holds, unless the caller chose them otherwise."""


def write_html(
    rows: Sequence[Mapping[str, object]],
    path: Path,
    reports: Mapping[str, str] | None = None,
    *,
    title: str = "riskkit batch",
    summary: Sequence[str] = (),
    written: bool = False,
    left_out: int = 0,
    chosen: str = FIRST_ROWS,
) -> None:
    """Write the page of ``rows`` to ``path``, and each report of ``reports`` (ocid -> a whole
    HTML page) whose ocid has a row on the page to ``<path stem>_reports/``, linked from that
    row's ocid. With ``written``, the reports are in that folder already (written where the
    processes were assessed, :func:`report_path`) and each row whose ocid is in ``reports``
    links to its file. ``summary`` lines are shown above the table. ``left_out``: rows after
    ``rows`` that the caller did not keep, counted among those the page leaves out; ``chosen``
    says on the page which rows it holds when it leaves some out. The same inputs give the
    same bytes. A file or folder that cannot be written is an
    :class:`~riskkit.errors.InvalidInput` naming it."""
    shown = rows[:MAX_ROWS]
    folder = reports_folder(path)
    links: dict[str, str] = {}
    for row in shown:
        ocid = cell_text(row.get("ocid"))
        if reports and ocid in reports and ocid not in links:
            name = report_file_name(ocid)
            if not written:
                _write(folder / name, reports[ocid])
            links[ocid] = f"{folder.name}/{name}"
    left_out += len(rows) - len(shown)
    page = render_page(shown, links, title=title, summary=summary, left_out=left_out, chosen=chosen)
    _write(path, page)


def reports_folder(page: Path) -> Path:
    """The folder of the full reports linked from the page at ``page``."""
    return page.with_name(f"{page.stem}_reports")


def report_path(folder: Path, ocid: str) -> Path:
    """Where the full report of the process ``ocid`` goes in ``folder``."""
    return folder / report_file_name(ocid)


def write_report(path: Path, html: str) -> None:
    """Write one full report (a whole HTML page) to ``path``; a located error if it cannot."""
    _write(path, html)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # newline="": the bytes written are the text's, on every platform.
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(text)
    except OSError as exc:
        raise InvalidInput.one(str(path), "", f"cannot write: {exc.strerror}") from None
