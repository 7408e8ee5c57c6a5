"""Where a compiled release says what was bought: item codes, item text, titles and budget text.

OCDS lists items under ``tender.items``, ``awards[].items`` and ``contracts[].items``, each with a
``classification`` and ``additionalClassifications``. Free text is in every language variant a
publisher gives (OCDS 1.1 allows ``field_xx``: ``description_hy``, ``title_fr``), so every
variant is read: Armenia's police radios are coded "Microphones" and only ``description_hy``
says radio stations (feeds-research.md §A.2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

Place = Literal["item", "title", "budget"]
"""What a text is: an item's own description, or a title or budget text of the process."""

_VARIANT = re.compile(r"^(?:title|description|project)(?:_[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)?$")
_ITEM_TEXT = re.compile(r"^description(?:_[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)?$")


@attrs.frozen
class TextField:
    """One text of the release, with its OCDS path."""

    path: str
    text: str
    place: Place


@attrs.frozen
class CodeField:
    """One classification of an item, with its OCDS path."""

    path: str
    scheme: str
    code: str
    description: str


def item_lists(release: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item of the release, with its path: the tender's, then each award's and contract's."""
    tender = release.get("tender")
    if isinstance(tender, dict):
        yield from _items("tender", tender)
    for part in ("awards", "contracts"):
        for index, entry in enumerate(_list(release.get(part))):
            if isinstance(entry, dict):
                yield from _items(f"{part}[{index}]", entry)


def codes(release: Mapping[str, Any]) -> Iterator[CodeField]:
    """Every item classification (main and additional) that has a scheme and an id."""
    for path, item in item_lists(release):
        found = [("classification", item.get("classification"))]
        found += [
            (f"additionalClassifications[{i}]", c)
            for i, c in enumerate(_list(item.get("additionalClassifications")))
        ]
        for key, entry in found:
            if not isinstance(entry, dict):
                continue
            scheme, code = entry.get("scheme"), entry.get("id")
            if isinstance(scheme, str) and isinstance(code, str | int) and str(code).strip():
                description = entry.get("description")
                text = description if isinstance(description, str) else ""
                yield CodeField(f"{path}.{key}", scheme, str(code).strip(), text)


def texts(release: Mapping[str, Any]) -> Iterator[TextField]:
    """Every text that may name an item, each language variant on its own."""
    for path, item in item_lists(release):
        yield from _variants(item, path, "item", _ITEM_TEXT)
        classification = item.get("classification")
        if isinstance(classification, dict):
            yield from _variants(classification, f"{path}.classification", "item", _ITEM_TEXT)
    tender = release.get("tender")
    if isinstance(tender, dict):
        yield from _variants(tender, "tender", "title", _VARIANT)
    for part in ("awards", "contracts"):
        for index, entry in enumerate(_list(release.get(part))):
            if isinstance(entry, dict):
                yield from _variants(entry, f"{part}[{index}]", "title", _VARIANT)
    planning = release.get("planning")
    budget = planning.get("budget") if isinstance(planning, dict) else None
    if isinstance(budget, dict):
        yield from _variants(budget, "planning.budget", "budget", _VARIANT)
        if isinstance(budget.get("id"), str):
            # GACM writes the budget line's words into the id ("equipos de CCTV", ocid 256).
            yield TextField("planning.budget.id", budget["id"], "budget")


def _items(path: str, owner: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, item in enumerate(_list(owner.get("items"))):
        if isinstance(item, dict):
            yield f"{path}.items[{index}]", item


def _variants(
    owner: dict[str, Any], path: str, place: Place, keys: re.Pattern[str]
) -> Iterator[TextField]:
    for key, value in owner.items():
        if isinstance(value, str) and value.strip() and keys.match(key):
            yield TextField(f"{path}.{key}", value, place)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
