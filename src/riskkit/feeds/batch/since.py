"""What changed since an earlier run: each process's verdict against the one it had then.

The earlier run is read back from its CSV or Parquet output by ``ocid`` (an ``ocid`` that
appears more than once keeps its worst verdict). Each row gets a ``change``: ``new`` (not in the
earlier run), ``worse``, ``better`` or ``same``; empty when either run has no verdict for it (a
skipped process), since then the two cannot be compared.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path

from riskkit.errors import InvalidInput
from riskkit.feeds.batch.context import BatchUnavailable
from riskkit.feeds.batch.row import Row
from riskkit.report import VERDICT_ORDER

Previous = Mapping[str, str | None]
"""An earlier run's verdict by ocid (None for a process it skipped)."""


def read_previous(path: Path) -> dict[str, str | None]:
    """The verdict by ocid of the run written to ``path`` (.csv or .parquet)."""
    if not path.exists():
        raise InvalidInput.one(str(path), "", "no such file or folder")
    if path.name.endswith(".parquet"):
        pairs = _parquet(path)
    elif path.name.endswith(".csv"):
        pairs = _csv(path)
    else:
        raise InvalidInput.one(str(path), "", "an earlier run is read from .csv or .parquet")
    verdicts: dict[str, str | None] = {}
    for ocid, verdict in pairs:
        before = verdicts.get(ocid)
        if ocid not in verdicts or _rank(verdict) > _rank(before):
            verdicts[ocid] = verdict
    return verdicts


def change(row: Row, previous: Previous) -> str:
    """How the row's verdict compares with the earlier run's for its ocid."""
    ocid = str(row["ocid"])
    if ocid not in previous:
        return "new"
    before, now = previous[ocid], row["verdict"]
    if before is None or now is None:
        return "same" if before is None and now is None else ""
    difference = _rank(str(now)) - _rank(before)
    return "worse" if difference > 0 else "better" if difference < 0 else "same"


def add_changes(rows: Iterable[Row], previous: Previous) -> None:
    """Give every row its ``change`` column."""
    for row in rows:
        row["change"] = change(row, previous)


def _rank(verdict: str | None) -> int:
    return -1 if verdict is None else VERDICT_ORDER.get(verdict, -1)


def _csv(path: Path) -> list[tuple[str, str | None]]:
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream)
            if reader.fieldnames is None or not {"ocid", "verdict"} <= set(reader.fieldnames):
                raise InvalidInput.one(str(path), "line 1", "no ocid and verdict columns")
            return [(row["ocid"], row["verdict"] or None) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InvalidInput.one(str(path), "", f"cannot read: {exc}") from None


def _parquet(path: Path) -> list[tuple[str, str | None]]:
    try:
        import pyarrow.parquet
    except ImportError:
        raise BatchUnavailable(
            f"{path}: reading Parquet needs pyarrow: pip install riskkit[feeds]"
        ) from None
    try:
        table = pyarrow.parquet.read_table(path, columns=["ocid", "verdict"])
    except (OSError, ValueError, KeyError) as exc:
        raise InvalidInput.one(str(path), "", f"cannot read: {exc}") from None
    columns = table.to_pydict()
    return list(zip(columns["ocid"], columns["verdict"], strict=True))
