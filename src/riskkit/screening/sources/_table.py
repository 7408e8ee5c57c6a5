"""CSV and tab-separated list files read as records under their header row.

The CSL, the DPL and OpenSanctions' targets.simple.csv share one loop: find the header and check
its columns, count the rows after it, and skip (with a warning naming the line) a row of the
wrong length; each reader then builds its entries from the records. OFAC's files have no header
and read ``csv_rows`` directly.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.screening.sources._common import Warnings, read_lines


def csv_rows(
    path: Path, warnings: Warnings, *, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, fields) for each CSV record.

    A malformed record (for example a field over the csv module's size limit) raises
    InvalidInput naming the line.
    """
    source = str(path)
    reader = csv.reader(read_lines(path, warnings), delimiter=delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput.one(source, f"line {reader.line_num}", f"bad CSV: {exc}") from None
        yield start, row
        start = reader.line_num + 1


class Table:
    """The records of a CSV (or tab-separated) file under its header row, as
    ``(line, {column: stripped text})``, with the counts a reader reports: ``rows`` read after
    the header and ``skipped`` (each skip warned about, naming the line).

    Blank lines are passed over. InvalidInput when the file holds no header (``empty file``) or
    the header lacks a ``required`` column (``not_header``, a template that may name the
    ``{missing}`` columns and the first eight ``{found}``).
    """

    def __init__(
        self,
        path: Path,
        warnings: Warnings,
        *,
        required: Sequence[str],
        not_header: str,
        delimiter: str = ",",
        column: Callable[[str], str] = str.strip,
        repeated_header: bool = False,
        cut_off_hint: str = "",
    ) -> None:
        """``column`` reads a header cell as a column name; ``repeated_header`` skips a row
        equal to the header with a warning (real CSL copies repeat it); ``cut_off_hint`` is
        added to the warning for a row of the wrong length."""
        self.path = path
        self.source = str(path)
        self.warnings = warnings
        self.required = tuple(required)
        self.not_header = not_header
        self.delimiter = delimiter
        self.column = column
        self.repeated_header = repeated_header
        self.cut_off_hint = cut_off_hint
        self.rows = 0
        """Rows after the header (a repeated header row not counted)."""
        self.skipped = 0
        """Rows counted but not read as an entry (see ``skip``)."""

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        source = self.source
        header: list[str] | None = None
        for line, fields in csv_rows(self.path, self.warnings, delimiter=self.delimiter):
            if not fields or not any(f.strip() for f in fields):
                continue
            if header is None:
                header = [self.column(f) for f in fields]
                missing = [c for c in self.required if c not in header]
                if missing:
                    raise InvalidInput.one(
                        source, "line 1",
                        self.not_header.format(
                            missing=", ".join(missing), found=", ".join(header[:8])
                        ),
                    )  # fmt: skip
                continue
            if self.repeated_header and [f.strip() for f in fields] == header:
                self.warnings.add(source, line, "the header row is repeated; skipped")
                continue
            self.rows += 1
            if len(fields) != len(header):
                self.skip(line, f"{len(fields)} fields, expected {len(header)}{self.cut_off_hint}")
                continue
            yield line, {k: v.strip() for k, v in zip(header, fields, strict=True)}
        if header is None:
            raise InvalidInput.one(source, "", "empty file")

    def skip(self, line: int, why: str) -> None:
        """Count a row as skipped and warn ``why``."""
        self.skipped += 1
        self.warnings.add(self.source, line, f"{why}; skipped")


__all__ = ["Table", "csv_rows"]
