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
from riskkit.feeds.ocds.items.fields import Place, code_of, walk
from riskkit.feeds.ocds.items.rules import ItemRules, item_rules
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
    raw_codes, raw_texts = walk(release)
    items: list[DerivedItem] = []
    for owner, key, entry in raw_codes:
        code = code_of(entry)
        rule = rules.code_rule(code[0], code[1]) if code is not None else None
        if rule is not None and code is not None:
            scheme, value, description = code
            items.append(
                DerivedItem(
                    rule.kind, rule.capabilities, rule.confidence, rule.id,
                    f"{scheme}:{value}", f"{owner}.{key}", description,
                )
            )  # fmt: skip
    found_brands: list[BrandCandidate] = []
    traps: list[tuple[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    readings = rules.readings
    known = readings.known
    for owner, key, text, place in raw_texts:
        if not isinstance(text, str):
            continue
        # Every text is read once per feed, not once per place it is in (see ``Readings``).
        reading = known.get(text)
        if reading is None:
            reading = readings.of(text, rules)
        if brands is not None and place == "item":
            names = reading.brand_names(brands)
            if not names and reading.quiet:
                continue
        elif reading.quiet:
            continue
        else:
            names = []
        path = f"{owner}.{key}"
        if names and ".classification" not in path:
            found_brands.extend(BrandCandidate(*name, path) for name in names)
        traps.extend((trap, path) for trap in reading.traps)
        confidence = _TEXT_CONFIDENCE[place]
        for keyword, matched in reading.matches:
            seen_key = (keyword.id, path, matched.casefold())
            if seen_key in seen:
                continue
            seen.add(seen_key)
            items.append(
                DerivedItem(
                    keyword.kind, keyword.capabilities, confidence, keyword.id, matched, path,
                    text,
                )
            )  # fmt: skip
    return FoundItems(tuple(items), tuple(found_brands), tuple(traps))
