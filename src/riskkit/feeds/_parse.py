"""Parsing one line or document of a feed: ``orjson`` when it is installed (about twice as fast
on a feed's lines), the standard library otherwise, with the same value and the same defects
either way.

The standard library is the reference; ``orjson`` is trusted only where it is known to agree:

* on anything ``orjson`` refuses (a byte order mark, bytes that are not UTF-8, a lone
  surrogate, ``NaN`` or ``Infinity``, a float too large for a double, nesting deeper than 1,024,
  any syntax error), the standard library parses the text again and decides: it reads some of
  these (``NaN``, a BOM, ``1e400``), counts ``not_utf8`` or reports the error as it always did;
* ``orjson`` reads an integer beyond 64 bits as a float, where the standard library keeps it
  exact (or refuses one past Python's digit limit), so a text with a run of 19 digits or more
  anywhere (in a string too: the test looks at bytes, not tokens) goes to the standard library;
* the standard library gives up nesting at Python's recursion limit (about 1,000 deep, less
  the caller's own depth), ``orjson`` at 1,024: a text with at most :data:`SHALLOW` opening
  brackets is never that deep; one with more is kept only when ``orjson`` can write it back
  (it refuses more than 254 levels), and otherwise goes to the standard library.

Everything else (whitespace, escapes, duplicate keys: the last value wins, in the first key's
place; floats, correctly rounded by both) agrees, which the tests check on generated JSON.
"""

from __future__ import annotations

import json
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from riskkit.feeds.ocds.defects import Origin


def _optional_orjson() -> ModuleType | None:
    try:
        import orjson
    except ImportError:  # the standard library path is complete on its own
        return None
    return orjson


orjson = _optional_orjson()
"""``orjson`` when installed (the ``feeds`` extra brings it), else None."""

SHALLOW = 512
"""Opening brackets a text may hold with no further check: half the depth at which the two
parsers start to disagree (for any caller less than about 480 frames deep), and more than
nearly every line of a feed holds (the synthetic feed's median is 35)."""

_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
"""Each digit a ``0``, every other byte a space: a run of digits becomes a run of ``0``."""
_OPENING = b"[{"
"""The opening brackets, counted by dropping them from the text (see :func:`text_shape`)."""
_LONG_RUN = b"0" * 19
"""The fewest digits of an integer that may not fit in 64 bits (the largest: 20 digits)."""


class Tally(Protocol):
    """Where a reader counts defects (each reader's ``ReadStats``)."""

    def add(self, kind: str, origin: Origin, detail: str = "", *, skipped: bool = False) -> None:
        """Count one defect of ``kind`` at ``origin``; ``skipped`` when it cost a unit."""


def parse_bytes(raw: bytes, origin: Origin, stats: Tally) -> tuple[bool, Any]:
    """``raw`` parsed as JSON: (True, the value), or (False, None) with the defect counted."""
    if orjson is not None:
        long_run, opening = text_shape(raw)
        if not long_run:
            try:
                value = orjson.loads(raw)
            except orjson.JSONDecodeError:
                pass  # the standard library decides, and says what was wrong as it always has
            else:
                if opening <= SHALLOW or canonical_json(value) is not None:
                    return True, value
    return parse_text(decode(raw, origin, stats), origin, stats)


def text_shape(raw: bytes) -> tuple[bool, int]:
    """Whether ``raw`` holds a run of 19 digits or more, and how many opening brackets it
    holds: the two facts that decide whether ``orjson`` may be trusted with it.

    One pass of ``translate`` gives both: it writes each digit as a ``0`` and drops the
    brackets, so the bytes it drops are the brackets counted. Dropping a byte never breaks
    a run of digits, but it may join two (``1[2``: in a string only), so a run found is
    confirmed on the text with nothing dropped: the answer is exactly the run test's."""
    digits = raw.translate(_DIGITS, _OPENING)
    long_run = _LONG_RUN in digits and _LONG_RUN in raw.translate(_DIGITS)
    return long_run, len(raw) - len(digits)


def canonical_json(value: Any) -> bytes | None:
    """``value`` written compactly by ``orjson`` (strings as UTF-8, escaping only ``"``, ``\\``
    and control characters), or None without ``orjson`` or when it cannot write it (nested
    more than 254 deep, an integer beyond 64 bits, a lone surrogate)."""
    if orjson is None:
        return None
    try:
        text: bytes = orjson.dumps(value)
    except orjson.JSONEncodeError:
        return None
    return text


def decode(raw: bytes, origin: Origin, stats: Tally) -> str:
    """``raw`` as text (a leading byte order mark dropped); bytes that are not UTF-8 are
    replaced and counted as ``not_utf8``."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        stats.add("not_utf8", origin, f"byte {exc.start}")
        return raw.decode("utf-8-sig", errors="replace")


def parse_text(text: str, origin: Origin, stats: Tally) -> tuple[bool, Any]:
    """``text`` parsed by the standard library: (True, the value), or (False, None) with the
    ``malformed_json`` defect counted."""
    try:
        return True, json.loads(text)
    except json.JSONDecodeError as exc:
        stats.add("malformed_json", origin, f"{exc.msg} at line {exc.lineno}", skipped=True)
    except RecursionError:
        stats.add("malformed_json", origin, "nested too deeply", skipped=True)
    except ValueError as exc:  # only an integer past Python's digit limit gets here
        stats.add("malformed_json", origin, f"a number too long to read ({exc})", skipped=True)
    return False, None
