"""Writing rows: CSV (the standard library), Parquet (pyarrow) and HTML (``batch_html``).

CSV is deterministic: the columns in their fixed order, rows in feed order, an empty cell for
an empty value, numbers as Python writes them. Parquet has one fixed schema for every engine.
:class:`RowWriter` writes CSV and Parquet as the rows come (the local engine hands them on a
part at a time), into a file beside the output that takes its name only once every row is
written, so a run that fails leaves no half output. For an HTML page it keeps the
:data:`~riskkit.feeds.batch_html.MAX_ROWS` rows that rank highest (:func:`.digest.rank_key`:
worst verdict, highest residual score, largest value), all that a page shows, in feed order, and
counts the rest: a feed too big for one page never leaves its worst processes off it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from riskkit.errors import InvalidInput
from riskkit.feeds.batch.context import BatchUnavailable
from riskkit.feeds.batch.digest import rank_key
from riskkit.feeds.batch.row import ASSESSED, COLUMNS, COUNT, NUMBER, Row
from riskkit.feeds.batch_html import FIRST_ROWS, MAX_ROWS, report_path, reports_folder
from riskkit.feeds.batch_html import write_html as write

SUFFIXES = (".csv", ".parquet", ".html")
"""The outputs a run writes, by file name suffix."""


def output_kind(path: Path) -> str:
    """``csv``, ``parquet`` or ``html``; a clear error for any other suffix."""
    for suffix in SUFFIXES:
        if path.name.endswith(suffix):
            return suffix[1:]
    raise InvalidInput.one(
        str(path), "", f"cannot tell what to write: name the output {', '.join(SUFFIXES)}"
    )


def csv_text(rows: Iterable[Row], columns: Sequence[str], header: bool = True) -> str:
    """The rows as CSV text (with the header line when ``header``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue()


def write_text(path: Path, parts: Iterable[str]) -> None:
    """Write text parts to ``path`` one after the other; a located error when it cannot."""
    try:
        with path.open("w", encoding="utf-8", newline="") as stream:
            for part in parts:
                stream.write(part)
    except OSError as exc:
        raise InvalidInput.one(str(path), "", f"cannot write: {exc.strerror}") from None


def arrow_schema(columns: Sequence[str]) -> Any:
    """The Parquet schema of the rows: strings, doubles for numbers, 64-bit ints for counts."""
    pyarrow = require_pyarrow()
    kinds = {NUMBER: pyarrow.float64(), COUNT: pyarrow.int64()}
    return pyarrow.schema([(c, kinds.get(COLUMNS.get(c, ""), pyarrow.string())) for c in columns])


def write_parquet(path: Path, rows: Sequence[Row], columns: Sequence[str]) -> None:
    """Write the rows to one Parquet file."""
    require_pyarrow()
    import pyarrow
    import pyarrow.parquet

    table = pyarrow.Table.from_pylist(
        [{c: row.get(c) for c in columns} for row in rows], schema=arrow_schema(columns)
    )
    try:
        pyarrow.parquet.write_table(table, path)
    except OSError as exc:
        raise InvalidInput.one(str(path), "", f"cannot write: {exc}") from None


RANKED_ROWS = (
    "those that rank highest: worst verdict, then highest residual score, then largest value;"
    " in feed order"
)
"""Which rows a ``riskkit batch`` page over :data:`MAX_ROWS` holds, as the page says it."""


def write_html(
    path: Path, rows: Sequence[Row], left_out: int = 0, *, chosen: str = FIRST_ROWS
) -> None:
    """Write the rows as a page to sort and filter (:mod:`riskkit.feeds.batch_html`), each
    assessed row linked to the full report its worker wrote beside the page (``reports_to``),
    when there is one (``left_out``: rows after these, not kept, that the page counts)."""
    folder = reports_folder(path)
    reports = {
        str(row["ocid"]): ""
        for row in rows
        if row.get("status") == ASSESSED and report_path(folder, str(row["ocid"])).is_file()
    }
    write(rows, path, reports, written=True, left_out=left_out, chosen=chosen)


def require_pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise BatchUnavailable(
            "writing or reading Parquet needs pyarrow: pip install riskkit[feeds]"
        ) from None
    return pyarrow


PAGE_HELD = 1.25
"""The rows a page's writer holds at most, in :data:`MAX_ROWS`: past it they are cut back to
the best ``MAX_ROWS`` (a sort of 25,000 rank keys, done once every 5,000 rows)."""

PARQUET_GROUP = 16_384
"""How many rows the streaming Parquet writer puts in each row group but the last: exactly
that many, so that the file's bytes do not depend on how the rows came (how the feed was cut
into parts, which changes with ``--workers``)."""


class RowWriter:
    """The rows of a run written to ``path`` (``kind``: csv, parquet or html) as they come, in
    order; :meth:`close` gives the file its name, :meth:`abort` removes what was written."""

    def __init__(self, path: Path, kind: str, columns: Sequence[str]) -> None:
        self.path, self.kind, self.columns = path, kind, tuple(columns)
        self.partial = path.with_name(f".{path.name}.partial")
        self.kept: list[Row] = []
        self._ranked: list[tuple[tuple[Any, ...], int, Row]] = []
        """A page's rows so far as (rank, position in the feed, row): cut back to the best
        :data:`MAX_ROWS` whenever they reach :data:`PAGE_HELD` (memory stays bounded)."""
        self._seen = 0
        self._text: io.TextIOWrapper | None = None
        self._parquet: Any = None
        if kind == "csv":
            self._text = self._guard(lambda: self.partial.open("w", encoding="utf-8", newline=""))
            self._guard(lambda: self._write_csv([], header=True))
        elif kind == "parquet":
            require_pyarrow()
            import pyarrow.parquet

            schema = arrow_schema(self.columns)
            self._parquet = self._guard(lambda: pyarrow.parquet.ParquetWriter(self.partial, schema))

    def write(self, rows: Sequence[Row]) -> None:
        """Write (or, for a page, keep) the next rows."""
        if self.kind == "csv":
            self._guard(lambda: self._write_csv(rows))
            return
        if self.kind == "html":
            for row in rows:
                self._ranked.append((rank_key(row), self._seen, row))
                self._seen += 1
            if len(self._ranked) >= PAGE_HELD * MAX_ROWS:
                self._cut()
            return
        self.kept.extend(rows)
        while self.kind == "parquet" and len(self.kept) >= PARQUET_GROUP:
            self._flush(PARQUET_GROUP)

    def _cut(self) -> None:
        """Keep the page's best :data:`MAX_ROWS` rows (rank, then feed order, decides)."""
        if len(self._ranked) > MAX_ROWS:
            self._ranked.sort(key=lambda ranked: (ranked[0], ranked[1]))
            del self._ranked[MAX_ROWS:]

    def text(self, text: str) -> None:
        """Write the next rows of a CSV output, as CSV text (:func:`csv_text` without the
        header)."""
        stream = self._text
        assert stream is not None
        self._guard(lambda: stream.write(text))

    def close(self) -> None:
        """Finish the output and give it its name."""
        if self.kind == "html":
            self._cut()
            self._ranked.sort(key=lambda ranked: ranked[1])
            rows = [row for _rank, _position, row in self._ranked]
            write_html(self.path, rows, self._seen - len(rows), chosen=RANKED_ROWS)
            return
        if self.kind == "parquet":
            self._flush()
            self._guard(self._parquet.close)
        elif self._text is not None:
            self._guard(self._text.close)
        self._guard(lambda: self.partial.replace(self.path))

    def abort(self) -> None:
        """Stop writing and remove the unfinished file."""
        try:
            if self._text is not None:
                self._text.close()
            if self._parquet is not None:
                self._parquet.close()
        except OSError:
            pass
        self.partial.unlink(missing_ok=True)

    def _write_csv(self, rows: Sequence[Row], header: bool = False) -> None:
        assert self._text is not None
        self._text.write(csv_text(rows, self.columns, header=header))

    def _flush(self, count: int | None = None) -> None:
        """Write the first ``count`` rows kept (all for ``None``) as one row group."""
        import pyarrow

        if not self.kept:
            return
        group, self.kept = (
            (self.kept, []) if count is None else (self.kept[:count], self.kept[count:])
        )
        table = pyarrow.Table.from_pylist(
            [{c: row.get(c) for c in self.columns} for row in group],
            schema=arrow_schema(self.columns),
        )
        self._guard(lambda: self._parquet.write_table(table))

    def _guard(self, step: Any) -> Any:
        """``step()``, a located error naming the output when it cannot write."""
        try:
            return step()
        except OSError as exc:
            detail = exc.strerror if exc.strerror else str(exc)
            raise InvalidInput.one(str(self.path), "", f"cannot write: {detail}") from None


@contextmanager
def finished(writer: RowWriter | None) -> Iterator[None]:
    """Close ``writer`` (the output takes its name) when the block ends, or abort it (the
    unfinished file removed, an earlier output left in place) when the block raises; nothing
    without a writer."""
    try:
        yield
        if writer is not None:
            writer.close()
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
