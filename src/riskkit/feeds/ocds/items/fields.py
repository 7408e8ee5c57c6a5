"""Where a compiled release says what was bought: item codes, item text, titles and budget text.

OCDS lists items under ``tender.items``, ``awards[].items`` and ``contracts[].items``, each with a
``classification`` and ``additionalClassifications``. Free text is in every language variant a
publisher gives (OCDS 1.1 allows ``field_xx``: ``description_hy``, ``title_fr``), so every
variant is read: Armenia's police radios are coded "Microphones" and only ``description_hy``
says radio stations (feeds-research.md §A.2).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

import attrs

from riskkit.feeds.ocds.items.walk import Place, code_of, walk

__all__ = [
    "CodeField",
    "CodeSource",
    "Place",
    "TextField",
    "TextSource",
    "code_of",
    "codes",
    "item_lists",
    "read_fields",
    "texts",
    "walk",
]


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
    raw_codes, raw_texts = walk(release)
    found_codes: list[CodeSource] = []
    for owner, key, entry in raw_codes:
        found = code_of(entry)
        if found is not None:
            found_codes.append(CodeSource(owner, key, *found))
    found_texts = [
        TextSource(owner, key, value, place)
        for owner, key, value, place in raw_texts
        if isinstance(value, str) and value.strip()
    ]
    return found_codes, found_texts


def _items(path: str, owner: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for index, item in enumerate(_list(owner.get("items"))):
        if isinstance(item, dict):
            yield f"{path}.items[{index}]", item


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
