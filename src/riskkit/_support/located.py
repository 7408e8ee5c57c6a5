"""Located problems from pydantic errors, for the small input files (patches, waivers)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pydantic import ValidationError

from riskkit._support.io import format_loc
from riskkit._support.spelling import did_you_mean
from riskkit.errors import Problem

Loc = tuple[str | int, ...]


def problems_from_validation(
    source: str,
    exc: ValidationError,
    *,
    tags: Sequence[str] = (),
    unknown_field: Callable[[Loc], str] | None = None,
) -> list[Problem]:
    """One problem per pydantic error, with field paths as the user wrote them.

    ``tags`` are the names of a discriminated union's members: pydantic puts the tag in the
    location (``changes[0].hold_keys.flows``), which is dropped here. ``unknown_field`` gives the
    message for an unknown field at a location (listing what would be right).
    """
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(part for part in error["loc"] if part not in tags)
        message = error["msg"].removeprefix("Value error, ")
        kind = error["type"]
        given = error.get("input")
        if kind == "extra_forbidden":
            message = unknown_field(loc) if unknown_field else "unknown field"
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
        if kind not in {"extra_forbidden", "missing", "union_tag_invalid"} and given is not None:
            shown = repr(given)
            if len(shown) <= 60 and not isinstance(given, dict | list):
                message = f"{message} (got {shown})"
        problems.append(Problem(source, format_loc(loc), message))
    return problems
