"""Day arithmetic at the edges of the calendar."""

from __future__ import annotations

from datetime import date, timedelta

_ONE_DAY = timedelta(days=1)


def day_after(day: date) -> date | None:
    """The day after ``day``; None after 9999-12-31, the last day a date can hold, so a window
    that ends then has no day on which it stops holding."""
    return day + _ONE_DAY if day < date.max else None


def day_before(day: date) -> date:
    """The day before ``day``; 0001-01-01, the first day a date can hold, has none and stands
    for itself."""
    return day - _ONE_DAY if day > date.min else day
