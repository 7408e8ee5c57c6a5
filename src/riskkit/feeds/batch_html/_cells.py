"""The table's columns and its cells' text, from the rows ``riskkit batch`` writes.

A cell's text is what a reader sees, what the filter box matches and what a text column sorts
by. A numeric column (every value given is a number) sorts by the number its text reads as,
so a number's text is exact: an int as written, a float as Python's shortest repr. A value the
feed did not give (None) is an empty cell, never 0: it sorts last either way. So
is a float NaN, pandas' mark for a missing number.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence

import attrs


@attrs.frozen
class Column:
    """One column of the table."""

    name: str
    """The row key, shown as the header."""
    numeric: bool
    """The column holds a number and every value given is one (not a bool): it sorts
    numerically."""


def columns(rows: Sequence[Mapping[str, object]]) -> tuple[Column, ...]:
    """Every key of the rows in the order first met (the first row's order, then any key only
    later rows have), each numeric when it holds a number and every value given is one."""
    numbers: dict[str, int] = {}
    texts: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            numbers.setdefault(name, 0)
            texts.setdefault(name, 0)
            if _is_number(value):
                numbers[name] += 1
            elif value is not None:
                texts[name] += 1
    return tuple(Column(name, numbers[name] > 0 and texts[name] == 0) for name in numbers)


def cell_text(value: object) -> str:
    """``value`` as the text of its cell (not yet escaped)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            # pandas' mark for a missing number: as unknown as None.
            return ""
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.date):
        # A date or a datetime: ISO text sorts in time order.
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable):
        return "; ".join(cell_text(v) for v in value)
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
