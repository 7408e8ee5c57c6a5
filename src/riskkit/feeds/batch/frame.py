"""Rows as a pandas DataFrame and back, with one fixed set of column types.

Every engine builds its frames here, so a local frame, a Dask partition and the Dask ``meta``
have the same columns and types: text as pandas' ``string``, numbers as ``Float64`` and counts
as ``Int64``, each holding ``<NA>`` where the row is empty. pandas is optional (the ``dask``
extra brings it); nothing here is imported without it being asked for.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from riskkit.feeds.batch.row import COLUMNS, COUNT, NUMBER, TEXT, Row, Value

if TYPE_CHECKING:
    import pandas

DTYPES = {TEXT: "string", NUMBER: "Float64", COUNT: "Int64"}
"""The pandas type of each kind of column."""


def has_pandas() -> bool:
    """Whether pandas can be imported here."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def frame_of(rows: Sequence[Row], columns: Sequence[str] = tuple(COLUMNS)) -> pandas.DataFrame:
    """The rows as a DataFrame with the fixed column types (an empty one for no rows)."""
    import pandas

    kinds = {**COLUMNS, "change": TEXT}
    data = {name: [row.get(name) for row in rows] for name in columns}
    return pandas.DataFrame(
        {name: pandas.array(values, dtype=DTYPES[kinds[name]]) for name, values in data.items()}
    )


def rows_of(frame: pandas.DataFrame) -> list[Row]:
    """The frame's rows as plain values (``str``, ``float``, ``int``, or None where empty)."""
    kinds = {**COLUMNS, "change": TEXT}
    convert = {name: _PLAIN[kinds[name]] for name in frame.columns}
    columns = [
        [convert[name](v) for v in frame[name].astype(object).tolist()] for name in frame.columns
    ]
    return [dict(zip(frame.columns, values, strict=True)) for values in zip(*columns, strict=True)]


def _text(value: Any) -> Value:
    return None if _missing(value) else str(value)


def _number(value: Any) -> Value:
    return None if _missing(value) else float(value)


def _count(value: Any) -> Value:
    return None if _missing(value) else int(value)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    import pandas

    return value is pandas.NA


_PLAIN = {TEXT: _text, NUMBER: _number, COUNT: _count}
