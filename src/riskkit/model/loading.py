"""Loading a procurement file into the model, with every problem located."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from riskkit._support.io import format_loc, read_document
from riskkit._support.located import Loc, problems_from_validation
from riskkit.errors import InvalidInput, Problem
from riskkit.limits import check_ownership_depth, check_procurement
from riskkit.model import Procurement

_UNKNOWN_FIELD = "unknown field; check its spelling against `riskkit schema procurement`"


def problems_from(source: str, exc: ValidationError, data: Any = None) -> list[Problem]:
    """Turn pydantic's errors into located problems, naming ids where they help."""
    return problems_from_validation(
        source,
        exc,
        unknown_field=_UNKNOWN_FIELD,
        locate=functools.partial(_naming_ids, source, data),
        shown="value",
    )


def _naming_ids(source: str, data: Any, loc: Loc) -> tuple[str, str]:
    """The field path, naming the id of the list item, so "components[3]" reads as the thing
    the user wrote."""
    where = format_loc(loc)
    if data is not None and len(loc) >= 2 and isinstance(loc[1], int):
        items = data.get(loc[0]) if isinstance(data, dict) else None
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], dict):
            item_id = items[loc[1]].get("id")
            if isinstance(item_id, str):
                where = f"{where} (in {loc[0]} id {item_id!r})"
    return source, where


def load_procurement(path: str | Path) -> Procurement:
    """Read a procurement from a TOML or JSON file; raise InvalidInput listing every problem."""
    path = Path(path)
    data, _ = read_document(path)
    return procurement_from_dict(data, source=str(path))


def procurement_from_dict(data: dict[str, Any], *, source: str = "<procurement>") -> Procurement:
    """Validate a parsed procurement; raise LimitExceeded when it is over a limit in force
    (see :mod:`riskkit.limits`), InvalidInput listing every problem when it is not valid."""
    check_procurement(data, source)
    try:
        procurement = Procurement.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(problems_from(source, exc, data)) from None
    check_ownership_depth(owners_of(procurement), source)
    return procurement


def owners_of(procurement: Procurement) -> dict[str, list[str]]:
    """Each party's id with the ids of its owners."""
    return {party.id: [o.party for o in party.owners] for party in procurement.parties}
