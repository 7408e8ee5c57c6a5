"""``find_items``: one pass over a compiled release's codes and texts, against the item rules.

The hot half of :mod:`riskkit.feeds.ocds.items` (what it finds, and why, is documented there):
a module of plain functions so that the optional compiled build can compile it
(docs/compiled-build.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from riskkit.feeds.ocds.items.brands import BrandCandidate, BrandNames
from riskkit.feeds.ocds.items.found import DerivedItem, FoundItems
from riskkit.feeds.ocds.items.rules import ItemRules, item_rules
from riskkit.feeds.ocds.items.walk import Place, code_of, walk
from riskkit.model.vocabulary import Confidence

_TEXT_CONFIDENCE: dict[Place, Confidence] = {"item": "medium", "title": "low", "budget": "low"}


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
