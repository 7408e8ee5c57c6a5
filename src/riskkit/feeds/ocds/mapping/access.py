"""Reading fields of a compiled release that may hold anything: the accessors every mapping
step uses.

A real release breaks the schema in every way (``awards`` an object in Taiwan's feed,
``additionalIdentifiers`` an object in INAI's, ids that are numbers); each accessor returns what
the schema promises or nothing, so no shape of input can raise.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_EMPTY: dict[str, Any] = {}

EARLIEST_YEAR = 1901
"""Dates before this year are placeholders (``1900-01-01T00:00:00-06:00``), not dates."""
LATEST_YEAR = 2099
"""Dates after this year are placeholders too (``9999-12-31``)."""

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_REMEMBERED = 20_000
"""How many texts and dates each accessor remembers before its memory starts afresh: a feed
repeats the same names, statuses and dates on every line."""
_LONGEST_REMEMBERED = 200
"""Longer texts (descriptions) are not remembered, so the memory stays small."""
_UNSEEN = object()
_texts: dict[str, str | None] = {}
_days: dict[str, date | None] = {}


def obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (never to be written to)."""
    return value if isinstance(value, dict) else _EMPTY


def objs(value: Any) -> list[dict[str, Any]]:
    """The objects of ``value`` if it is a JSON array; anything else in it is skipped."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def has_role(party: dict[str, Any], role: str) -> bool:
    """Whether the party's ``roles`` (an array, as the schema has it) hold ``role``; roles of
    any other shape (``true``, a bare string) hold none."""
    roles = party.get("roles")
    return isinstance(roles, list) and role in roles


def text(value: Any) -> str | None:
    """``value`` as text without surrounding or repeated space, or None when it is not text or
    is empty. A number is text too (Uganda's party ids are numbers); a lone surrogate becomes
    "?"."""
    if isinstance(value, str):
        found = _texts.get(value, _UNSEEN)
        if found is not _UNSEEN:
            return found  # type: ignore[return-value]
        stripped = " ".join(value.split())
        if not stripped.isascii():
            # JSON may escape a lone surrogate ("\ud800"), which no UTF-8 file can hold.
            stripped = stripped.encode("utf-8", "replace").decode("utf-8")
        if len(value) <= _LONGEST_REMEMBERED:
            if len(_texts) >= _REMEMBERED:
                _texts.clear()
            _texts[value] = stripped or None
        return stripped or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def number(value: Any) -> float | None:
    """``value`` if it is a finite JSON number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    as_float = float(value)
    return as_float if as_float == as_float and abs(as_float) != float("inf") else None


def day(value: Any) -> date | None:
    """The calendar day an OCDS date-time names (its date part, as published), or None when
    it is not a date or is a placeholder (see :func:`is_placeholder`)."""
    if not isinstance(value, str):
        return None
    if value in _days:
        return _days[value]
    found = _day(value)
    if len(value) <= _LONGEST_REMEMBERED:
        if len(_days) >= _REMEMBERED:
            _days.clear()
        _days[value] = found
    return found


def _day(value: str) -> date | None:
    """What ``_DAY.match`` on the stripped text reads, by slices: most dates of a feed are
    distinct timestamps, each parsed once. ``isdecimal`` is ``\\d`` (Unicode category Nd)."""
    stripped = value.strip()
    year, month, number = stripped[:4], stripped[5:7], stripped[8:10]
    if not (
        len(stripped) >= 10
        and stripped[4] == "-"
        and stripped[7] == "-"
        and year.isdecimal()
        and month.isdecimal()
        and number.isdecimal()
    ):
        return None
    try:
        parsed = date(int(year), int(month), int(number))
    except ValueError:
        return None
    return None if is_placeholder(parsed) else parsed


def is_placeholder(value: date) -> bool:
    """Whether a date is a placeholder a publisher wrote for "no date"."""
    return not EARLIEST_YEAR <= value.year <= LATEST_YEAR


def placeholder_text(value: Any) -> bool:
    """Whether ``value`` is a date string whose date is a placeholder."""
    if not isinstance(value, str):
        return False
    if value[:2] in ("19", "20") and value[:4] != "1900":
        return False  # whatever it is, it names no placeholder year: the common case, fast
    found = _DAY.match(value.strip())
    return found is not None and not EARLIEST_YEAR <= int(found[1]) <= LATEST_YEAR
