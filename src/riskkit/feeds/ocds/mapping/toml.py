"""A small, exact TOML writer for the documents the mapping emits, with comments in place.

It writes what a procurement document holds (tables, arrays of tables, strings, integers,
floats, booleans, dates, arrays, inline tables) and nothing else; ``tomllib`` reads back
exactly the document written (tests/feeds/test_ocds_mapping_toml.py). Strings are TOML basic
strings, escaped as the TOML 1.0 specification requires. There is no TOML writer among
riskkit's dependencies, and this one needs only what it writes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_CONTROL = re.compile(r'["\\\x00-\x1f\x7f]')
_COMMENT_UNSAFE = re.compile(r"[\x00-\x1f\x7f]+")


def string(value: str) -> str:
    """``value`` as a TOML basic string."""
    return '"' + _CONTROL.sub(lambda m: _ESCAPES.get(m[0]) or f"\\u{ord(m[0]):04X}", value) + '"'


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else string(name)


def scalar(value: Any) -> str:
    """A TOML value: a scalar, an array or an inline table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return string(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        inner = ", ".join(f"{key(k)} = {scalar(v)}" for k, v in value.items())
        return f"{{ {inner} }}" if inner else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def comment(text: str) -> str:
    """One comment line (control characters, newlines included, become spaces)."""
    return "# " + _COMMENT_UNSAFE.sub(" ", text).rstrip()


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def table_name(array: str, entry: Mapping[str, Any], index: int) -> str:
    """How an entry of an array of tables is named in notes: ``components[item-1]`` by its id,
    else by its position."""
    entry_id = entry.get("id")
    return f"{array}[{entry_id if isinstance(entry_id, str) else index}]"


def dumps(
    document: Mapping[str, Any],
    *,
    header: Sequence[str] = (),
    notes: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """``document`` as TOML: ``header`` comment lines first, then each table with the comment
    lines ``notes`` gives for it (``""`` for the top level, ``buyer``,
    ``components[item-1]``). Top-level values come first, then tables, in document order."""
    notes = notes or {}
    lines = [comment(h) if h else "#" for h in header]
    if lines:
        lines.append("")
    sections: list[tuple[str, str, Mapping[str, Any]]] = []
    for name, value in document.items():
        if isinstance(value, Mapping):
            sections.append((f"[{key(name)}]", name, value))
        elif _is_table_array(value):
            for index, entry in enumerate(value):
                sections.append((f"[[{key(name)}]]", table_name(name, entry, index), entry))
        else:
            lines.append(f"{key(name)} = {scalar(value)}")
    lines += [comment(n) for n in notes.get("", ())]
    for heading, name, table in sections:
        lines += ["", heading]
        lines += [f"{key(k)} = {scalar(v)}" for k, v in table.items()]
        lines += [comment(n) for n in notes.get(name, ())]
    return "\n".join(lines) + "\n"
