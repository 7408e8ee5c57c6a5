"""Curated brand and entity names found in item text: candidates, not findings.

The names are riskkit's curated entities (``rules/entities.toml``): each entity's name, aliases
and brands, reduced to their name keys (``riskkit.model.names.name_key``: legal forms such as
"Co., Ltd." dropped). A key matches whole words of the folded item text; a key in a script
written without spaces (Chinese) matches anywhere. A match says a name occurs, not who made
the item: "Honor" is a brand and an English word, so every match is a candidate to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from riskkit.feeds.ocds.items.text import Folded, fold_plain
from riskkit.feeds.ocds.items.words import FirstWords
from riskkit.model.entities import Entity
from riskkit.model.names import name_key

_UNSPACED = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
"""CJK scripts, written without spaces between words."""


@attrs.frozen
class BrandCandidate:
    """A curated name found in the text of an item."""

    entity: str
    """The curated entity's id (the brand's holder, for a brand name)."""
    name: str
    """The curated name, alias or brand that matched."""
    matched: str
    """The exact text of the release that matched."""
    path: str
    """The OCDS path of the text."""


class BrandNames:
    """Curated names, ready to find in text. Build once, from ``load_packs().entities``."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        names: dict[str, tuple[str, str]] = {}
        for entity in entities:
            for name in (*entity.names(), *(b.name for b in entity.brands)):
                key = " ".join(fold_plain(name_key(name)).split())
                if len(key) >= 3 or _UNSPACED.search(key):
                    names.setdefault(key, (entity.id, name))
        self.names = names
        """Folded name key -> (entity id, curated name)."""
        spaced = sorted((k for k in names if not _UNSPACED.search(k)), key=len, reverse=True)
        unspaced = sorted((k for k in names if _UNSPACED.search(k)), key=len, reverse=True)
        words = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in spaced)
        parts = [rf"(?<!\w)(?:{words})(?!\w)"] if words else []
        parts += [re.escape(k) for k in unspaced]
        self.pattern = re.compile("|".join(parts)) if parts else None
        self.first_words = FirstWords((True, k.split()[0], False) for k in spaced)
        """The spaced names by their first word, to pass over texts that hold none."""
        self.unspaced = bool(unspaced)

    def find(self, folded: Folded, path: str) -> list[BrandCandidate]:
        """Every curated name in ``folded``, the text at ``path``."""
        return [BrandCandidate(*found, path) for found in self.names_in(folded)]

    def names_in(self, folded: Folded) -> list[tuple[str, str, str]]:
        """(entity id, curated name, matched text) of every curated name in ``folded``."""
        if self.pattern is None:
            return []
        unspaced = self.unspaced and not folded.text.isascii()
        if not unspaced and not self.first_words.targets(folded):
            return []
        found = []
        for match in self.pattern.finditer(folded.text):
            entity, name = self.names[" ".join(match.group().split())]
            found.append((entity, name, folded.span(*match.span())))
        return found
