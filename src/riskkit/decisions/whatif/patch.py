"""A what-if patch file: its schema, and reading it with every problem located.

A patch is a data file (TOML or JSON) with a title and a list of ``[[changes]]``, each one of
the operations in :mod:`riskkit.decisions.whatif.ops`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from riskkit._support.io import read_document
from riskkit._support.located import Loc, problems_from_validation
from riskkit._support.spelling import did_you_mean
from riskkit.decisions.whatif.ops import OPS, PatchChange
from riskkit.errors import InvalidInput


class Patch(BaseModel):
    """A what-if patch: a title and the changes to apply, in order."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    schema_version: Literal[1] = 1
    title: str = Field(min_length=1)
    description: str | None = None
    changes: tuple[PatchChange, ...] = ()


def patch_from_dict(data: dict[str, Any], *, source: str = "<patch>") -> Patch:
    """Validate a parsed patch; raise InvalidInput naming the file and field of every problem."""
    try:
        return Patch.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(
            problems_from_validation(
                source, exc, tags=tuple(OPS), unknown_field=lambda loc: _unknown(loc, data)
            )
        ) from None


def _unknown(loc: Loc, data: dict[str, Any]) -> str:
    if len(loc) == 3 and loc[0] == "changes" and isinstance(loc[1], int):
        changes = data.get("changes")
        op = changes[loc[1]].get("op") if isinstance(changes, list) else None
        if isinstance(op, str) and op in OPS:
            fields = [f for f in OPS[op].model_fields if f != "op"]
            hint = did_you_mean(str(loc[2]), fields)
            return f"unknown field for op {op!r}{hint}; it takes {', '.join(fields)}"
    if len(loc) == 1:
        return "unknown field; a patch has schema_version, title, description and [[changes]]"
    return "unknown field"


def load_patch(path: str | Path) -> Patch:
    """Read a what-if patch from a TOML or JSON file."""
    path = Path(path)
    data, _ = read_document(path)
    return patch_from_dict(data, source=str(path))
