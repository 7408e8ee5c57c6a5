"""``walk``: one pass over a compiled release that gathers every item classification and every
text that may name an item, unchecked, for ``read_fields``. ``find_items`` visits the same
places in the same order as it goes, building no list (tests/feeds/test_ocds_items_find.py
compares the two), and shares the text keys of each shape of object (``ITEM_TEXT_KEYS``,
``TITLE_TEXT_KEYS``).

Where those are in a release, and why every language variant is read, is
:mod:`riskkit.feeds.ocds.items.fields`'s to say. This module holds only the walk and what it
calls, as plain module functions and a plain class, so that the optional compiled build can
compile it (docs/compiled-build.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

Place = Literal["item", "title", "budget"]
"""What a text is: an item's own description, or a title or budget text of the process."""

_VARIANT = re.compile(r"^(?:title|description|project)(?:_[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)?$")
_ITEM_TEXT = re.compile(r"^description(?:_[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)?$")
_KEYS_REMEMBERED = 10_000


RawCode = tuple[str, str, dict[str, Any]]
"""A classification object of an item: (owner path, key, the object), not yet checked."""
RawText = tuple[str, str, Any, Place]
"""A text field: (owner path, key, the value, place), the value not yet checked to be text."""


def item_holders(release: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a release that hold items, with their paths: the tender, then each award
    and contract (entries that are not objects left out), in that order."""
    holders: list[tuple[str, dict[str, Any]]] = []
    tender = release.get("tender")
    if isinstance(tender, dict):
        holders.append(("tender", tender))
    for part in ("awards", "contracts"):
        entries = release.get(part)
        if isinstance(entries, list):
            holders += [(f"{part}[{i}]", e) for i, e in enumerate(entries) if isinstance(e, dict)]
    return holders


def walk(release: Mapping[str, Any]) -> tuple[list[RawCode], list[RawText]]:
    """Every classification object and every text-keyed value of the release, in the order
    ``read_fields`` gives them, unchecked: one walk that builds nothing it does not keep."""
    codes: list[RawCode] = []
    texts: list[RawText] = []
    add_code, add_text = codes.append, texts.append
    item_keys = ITEM_TEXT_KEYS
    item_shapes = item_keys.shapes
    title_keys = TITLE_TEXT_KEYS.of
    holders = item_holders(release)
    for owner, holder in holders:
        items = holder.get("items")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            path = f"{owner}.items[{index}]"
            classification = item.get("classification")
            if isinstance(classification, dict):
                add_code((path, "classification", classification))
            additional = item.get("additionalClassifications")
            if isinstance(additional, list):
                for number, entry in enumerate(additional):
                    if isinstance(entry, dict):
                        add_code((path, f"additionalClassifications[{number}]", entry))
            # TextKeys.of, inlined: this loop runs for every item of a feed.
            shape = tuple(item)
            keys = item_shapes.get(shape)
            for key in item_keys.learn(shape) if keys is None else keys:
                add_text((path, key, item[key], "item"))
            if isinstance(classification, dict):
                shape = tuple(classification)
                keys = item_shapes.get(shape)
                if keys is None:
                    keys = item_keys.learn(shape)
                if keys:
                    at = f"{path}.classification"
                    texts += [(at, key, classification[key], "item") for key in keys]
    for owner, holder in holders:
        texts += [(owner, key, holder[key], "title") for key in title_keys(holder)]
    planning = release.get("planning")
    budget = planning.get("budget") if isinstance(planning, dict) else None
    if isinstance(budget, dict):
        texts += [("planning.budget", key, budget[key], "budget") for key in title_keys(budget)]
        if isinstance(budget.get("id"), str):
            # GACM writes the budget line's words into the id ("equipos de CCTV", ocid 256).
            texts.append(("planning.budget", "id", budget["id"], "budget"))
    return codes, texts


def code_of(entry: dict[str, Any]) -> tuple[str, str, str] | None:
    """(scheme, code, description) of a classification with a scheme and an id, else None."""
    scheme, code = entry.get("scheme"), entry.get("id")
    if isinstance(scheme, str) and isinstance(code, (str, int)):
        code = str(code).strip()
        if code:
            description = entry.get("description")
            return scheme, code, description if isinstance(description, str) else ""
    return None


class TextKeys:
    """The keys of an object that may hold text (``description``, ``title_fr``), found fast: a
    feed uses the same few shapes of object throughout, so the text keys of each shape (its
    keys, in order) are worked out once, up to a bound."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.shapes: dict[tuple[Any, ...], tuple[str, ...]] = {}

    def of(self, owner: dict[str, Any]) -> tuple[str, ...]:
        """The text keys of ``owner``, in its order."""
        shape = tuple(owner)
        found = self.shapes.get(shape)
        return self.learn(shape) if found is None else found

    def learn(self, shape: tuple[Any, ...]) -> tuple[str, ...]:
        """The text keys of an object whose keys are ``shape``, remembered."""
        if len(self.shapes) >= _KEYS_REMEMBERED:
            self.shapes.clear()
        found = self.shapes[shape] = tuple(
            key for key in shape if isinstance(key, str) and self.pattern.match(key)
        )
        return found


TITLE_TEXT_KEYS = TextKeys(_VARIANT)
"""Text keys of the process's titles and budget text."""
ITEM_TEXT_KEYS = TextKeys(_ITEM_TEXT)
"""Text keys of an item and its classification."""
