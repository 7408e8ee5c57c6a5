"""Located problems from pydantic errors: the one translator, for every input file riskkit reads
(procurements, rule packs, patches, waivers).

pydantic says where an error is as a tuple (``("components", 3, "manufacturer")``) and what is
wrong in its own words. A user needs the field path as they wrote it, and a message saying what
would be right: an unknown field points at the schema, a misspelt choice gets a "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import ValidationError

from riskkit._support.io import format_loc
from riskkit._support.spelling import did_you_mean
from riskkit.errors import Problem

Loc = tuple[str | int, ...]

InputShown = Literal["scalar", "value", "any"]
"""Which inputs a message quotes back as ``(got …)``, when the quote is 60 characters at most:
``scalar`` (patches, waivers) neither None nor a table or a list; ``value`` (procurements)
anything but None; ``any`` (rule packs) even None, but not the string of a literal error, which
the did-you-mean already answers. They differ by history alone, and are kept so that every
message reads as it did."""

_QUIET = frozenset({"extra_forbidden", "missing", "union_tag_invalid", "reference"})
"""Error types whose input is never quoted: the message names what is missing or unknown, and a
reference error quotes the id itself."""


def problems_from_validation(
    source: str,
    exc: ValidationError,
    *,
    tags: Sequence[str] = (),
    unknown_field: str | Callable[[Loc], str] = "unknown field",
    locate: Callable[[Loc], tuple[str, str]] | None = None,
    shown: InputShown = "scalar",
) -> list[Problem]:
    """One problem per pydantic error, with field paths as the user wrote them.

    ``tags`` are the names of a discriminated union's members: pydantic puts the tag in the
    location (``changes[0].hold_keys.flows``), which is dropped here. ``unknown_field`` is the
    message for an unknown field (or gives it for a location, listing what would be right).
    ``locate`` gives the file (with a line, if known) and the location a problem is reported
    at; by default ``source`` and the field path.
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(part for part in error["loc"] if part not in tags)
        message = error["msg"].removeprefix("Value error, ")
        kind = error["type"]
        given = error.get("input")
        if kind == "extra_forbidden":
            message = unknown_field if isinstance(unknown_field, str) else unknown_field(loc)
        elif kind == "missing":
            message = "required field is missing"
        elif kind == "union_tag_invalid":
            tag = error.get("ctx", {}).get("tag", given)
            message = f"unknown {error.get('ctx', {}).get('discriminator', 'tag')} {tag!r}"
            message = message.replace("'op'", "op") + f"; expected one of {', '.join(tags)}"
            message += did_you_mean(str(tag), list(tags))
        elif kind == "union_tag_not_found":
            message = f"required field 'op' is missing; expected one of {', '.join(tags)}"
        elif kind == "literal_error" and isinstance(given, str):
            message += did_you_mean(given, re.findall(r"'([^']*)'", message))
        if kind not in _QUIET and _quoted(shown, kind, given):
            quote = repr(given)
            if len(quote) <= 60:
                message = f"{message} (got {quote})"
        where, location = (source, format_loc(loc)) if locate is None else locate(loc)
        problems.append(Problem(where, location, message))
    return problems


def _quoted(shown: InputShown, kind: str, given: object) -> bool:
    if shown == "scalar":
        return given is not None and not isinstance(given, dict | list)
    if shown == "value":
        return given is not None
    return not (kind == "literal_error" and isinstance(given, str))
