"""Finding the surveillance and telecom items of an OCDS compiled release.

``find_items(release)`` reads a compiled release (``Process.release``) for what it bought, from
three signals (feeds-research.md §A.2):

* item **codes** (``classification`` and ``additionalClassifications`` of the tender's, awards'
  and contracts' items), by scheme and prefix: confidence as the code table says, ``high`` for
  a code that names the thing;
* **keywords** in item descriptions (``medium``) and in titles and budget text only (``low``),
  in every language variant; codes alone found 3 of the 13 relevant processes of the sample,
  text found the other 10;
* **traps**, phrases that look like a keyword and are not ("Cámara de Comercio"), blanked out
  of the text before any keyword is matched.

With ``brands`` (a :class:`BrandNames` built from ``load_packs().entities``), curated names in
item text come back as candidates. Rules are data: ``riskkit/feeds/data/item-rules.toml``.
Mapping what is found onto the procurement model is :mod:`riskkit.feeds.ocds.mapping`'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from riskkit.feeds.ocds.items.brands import BrandCandidate, BrandNames
from riskkit.feeds.ocds.items.fields import Place, read_fields
from riskkit.feeds.ocds.items.rules import TRAPS, ItemRules, KeywordRule, item_rules
from riskkit.feeds.ocds.items.text import Folded, fold
from riskkit.model.vocabulary import Capability, ComponentKind, Confidence

__all__ = ["BrandCandidate", "BrandNames", "DerivedItem", "FoundItems", "find_items"]

_TEXT_CONFIDENCE: dict[Place, Confidence] = {"item": "medium", "title": "low", "budget": "low"}


@attrs.frozen
class DerivedItem:
    """An item the release bought, as one rule reads it from one place."""

    kind: ComponentKind | None
    """The component kind, or None when no kind fits (a telecom service)."""
    capabilities: tuple[Capability, ...]
    confidence: Confidence
    rule: str
    """The id of the rule that matched (``item-rules.toml``)."""
    matched: str
    """The exact text that matched, or the code as ``scheme:code``."""
    path: str
    """The OCDS path it was found at, such as ``tender.items[0].description_es``."""
    source: str
    """The whole text the match is in (for a code: its description, if any)."""


@attrs.frozen
class FoundItems:
    """What one release says it bought: derived items, and curated names as candidates."""

    items: tuple[DerivedItem, ...]
    brands: tuple[BrandCandidate, ...] = ()
    traps: tuple[tuple[str, str], ...] = ()
    """(trap id, OCDS path) of every trap that blanked text out."""


def find_items(
    release: Mapping[str, Any], *, brands: BrandNames | None = None, rules: ItemRules | None = None
) -> FoundItems:
    """The surveillance and telecom items a compiled ``release`` names, by code or by text."""
    rules = rules if rules is not None else item_rules()
    code_sources, text_sources = read_fields(release)
    items: list[DerivedItem] = []
    for code in code_sources:
        rule = rules.code_rule(code.scheme, code.code)
        if rule is not None:
            matched = f"{code.scheme}:{code.code}"
            items.append(
                DerivedItem(
                    rule.kind, rule.capabilities, rule.confidence, rule.id, matched, code.path,
                    code.description,
                )
            )  # fmt: skip
    found_brands: list[BrandCandidate] = []
    traps: list[tuple[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    readings: dict[str, _Reading] = {}
    for field in text_sources:
        # A release repeats its texts (an item's description in the tender, the award and the
        # contract): each is read once.
        reading = readings.get(field.text)
        if reading is None:
            reading = readings[field.text] = _Reading.of(field.text, rules)
        names = reading.brand_names(brands) if brands is not None and field.place == "item" else []
        if not (names or reading.traps or reading.matches):
            continue
        path = field.path
        if names and ".classification" not in path:
            found_brands.extend(BrandCandidate(*name, path) for name in names)
        traps.extend((trap, path) for trap in reading.traps)
        confidence = _TEXT_CONFIDENCE[field.place]
        for keyword, text in reading.matches:
            key = (keyword.id, path, text.casefold())
            if key in seen:
                continue
            seen.add(key)
            items.append(
                DerivedItem(
                    keyword.kind, keyword.capabilities, confidence, keyword.id, text, path,
                    field.text,
                )
            )  # fmt: skip
    return FoundItems(tuple(items), tuple(found_brands), tuple(traps))


@attrs.define
class _Reading:
    """What one text holds: the traps blanked out of it, and its keyword matches in rule order."""

    folded: Folded
    traps: tuple[str, ...]
    matches: tuple[tuple[KeywordRule, str], ...]
    """(rule, exact original text matched), rule by rule, each rule's matches in text order."""
    _brand_names: list[tuple[str, str, str]] | None = None

    @classmethod
    def of(cls, text: str, rules: ItemRules) -> _Reading:
        folded = fold(text)
        targets = rules.first_words.targets(folded)
        if not targets:
            return cls(folded, (), ())
        clear = folded.text
        traps: tuple[str, ...] = ()
        if TRAPS in targets and rules.trap_pattern.search(clear) is not None:
            traps = tuple(trap.id for trap in rules.traps if trap.pattern.search(clear))
            clear = rules.trap_pattern.sub(lambda m: " " * len(m.group()), clear)
        matches = tuple(
            (keyword, folded.span(*match.span()))
            for index, keyword in enumerate(rules.keywords)
            if index in targets
            for match in keyword.pattern.finditer(clear)
        )
        return cls(folded, traps, matches)

    def brand_names(self, brands: BrandNames) -> list[tuple[str, str, str]]:
        """(entity id, curated name, matched text) of every curated name in the text."""
        if self._brand_names is None:
            self._brand_names = brands.names_in(self.folded)
        return self._brand_names
