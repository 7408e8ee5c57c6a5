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
from typing import Any, Literal, NamedTuple

import attrs

Place = Literal["item", "title", "budget"]
"""What a text is: an item's own description, or a title or budget text of the process."""

_VARIANT = re.compile(r"^(?:title|description|project)(?:_[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)?$")
_ITEM_TEXT = re.compile(r"^description(?:_[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)?)?$")
_KEYS_REMEMBERED = 10_000


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


class TextSource(NamedTuple):
    """One text of the release, where it is (a ``TextField`` whose path is not joined yet)."""

    owner: str
    """The OCDS path of the object that holds the text."""
    key: str
    text: str
    place: Place

    @property
    def path(self) -> str:
        return f"{self.owner}.{self.key}"


class CodeSource(NamedTuple):
    """One classification of an item (a ``CodeField`` whose path is not joined yet)."""

    owner: str
    key: str
    scheme: str
    code: str
    description: str

    @property
    def path(self) -> str:
        return f"{self.owner}.{self.key}"


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
    for code in read_fields(release)[0]:
        yield CodeField(code.path, code.scheme, code.code, code.description)


def texts(release: Mapping[str, Any]) -> Iterator[TextField]:
    """Every text that may name an item, each language variant on its own."""
    for text in read_fields(release)[1]:
        yield TextField(text.path, text.text, text.place)


def read_fields(release: Mapping[str, Any]) -> tuple[list[CodeSource], list[TextSource]]:
    """What ``codes`` and ``texts`` give, in the same order, from one walk of the release."""
    found_codes: list[CodeSource] = []
    found_texts: list[TextSource] = []
    for path, item in item_lists(release):
        _add_codes(item, path, found_codes)
        _add_variants(item, path, "item", _ITEM_TEXT, found_texts)
        classification = item.get("classification")
        if isinstance(classification, dict):
            owner = f"{path}.classification"
            _add_variants(classification, owner, "item", _ITEM_TEXT, found_texts)
    tender = release.get("tender")
    if isinstance(tender, dict):
        _add_variants(tender, "tender", "title", _VARIANT, found_texts)
    for part in ("awards", "contracts"):
        for index, entry in enumerate(_list(release.get(part))):
            if isinstance(entry, dict):
                _add_variants(entry, f"{part}[{index}]", "title", _VARIANT, found_texts)
    planning = release.get("planning")
    budget = planning.get("budget") if isinstance(planning, dict) else None
    if isinstance(budget, dict):
        _add_variants(budget, "planning.budget", "budget", _VARIANT, found_texts)
        if isinstance(budget.get("id"), str):
            # GACM writes the budget line's words into the id ("equipos de CCTV", ocid 256).
            found_texts.append(TextSource("planning.budget", "id", budget["id"], "budget"))
    return found_codes, found_texts


def _add_codes(item: dict[str, Any], path: str, found: list[CodeSource]) -> None:
    _add_code(item.get("classification"), path, "classification", found)
    additional = item.get("additionalClassifications")
    if isinstance(additional, list):
        for index, entry in enumerate(additional):
            _add_code(entry, path, f"additionalClassifications[{index}]", found)


def _add_code(entry: Any, path: str, key: str, found: list[CodeSource]) -> None:
    if not isinstance(entry, dict):
        return
    scheme, code = entry.get("scheme"), entry.get("id")
    if isinstance(scheme, str) and isinstance(code, (str, int)):
        code = str(code).strip()
        if code:
            description = entry.get("description")
            text = description if isinstance(description, str) else ""
            found.append(CodeSource(path, key, scheme, code, text))


def _items(path: str, owner: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, item in enumerate(_list(owner.get("items"))):
        if isinstance(item, dict):
            yield f"{path}.items[{index}]", item


class _TextKeys:
    """The keys of an object that may hold text (``description``, ``title_fr``), found fast: a
    feed uses the same few keys throughout, so each key is tried against the pattern once."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.tried: set[Any] = set()
        self.texts: set[str] = set()

    def of(self, owner: dict[str, Any]) -> list[str]:
        """The text keys of ``owner``, in its order."""
        keys = owner.keys()
        new = keys - self.tried
        if new:
            if len(self.tried) + len(new) > _KEYS_REMEMBERED:
                self.tried.clear()
                self.texts.clear()
                new = set(keys)
            for key in new:
                self.tried.add(key)
                if isinstance(key, str) and self.pattern.match(key):
                    self.texts.add(key)
        found = keys & self.texts
        if len(found) > 1:
            return [key for key in owner if key in found]
        return list(found)


_TEXT_KEYS = {_VARIANT: _TextKeys(_VARIANT), _ITEM_TEXT: _TextKeys(_ITEM_TEXT)}


def _add_variants(
    owner: dict[str, Any], path: str, place: Place, keys: re.Pattern[str], found: list[TextSource]
) -> None:
    for key in _TEXT_KEYS[keys].of(owner):
        value = owner[key]
        if isinstance(value, str) and value.strip():
            found.append(TextSource(path, key, value, place))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
