"""``find_items``: one pass over a compiled release's codes and texts, against the item rules.

The hot half of :mod:`riskkit.feeds.ocds.items` (what it finds, and why, is documented there):
a module of plain functions so that the optional compiled build can compile it
(docs/compiled-build.md).

It reads the release in the order :func:`~riskkit.feeds.ocds.items.walk.walk` lists its codes
and texts (every item's codes, then every item's texts, titles and budget text), but as it goes:
no list of every code and text is built, and a text's path is only joined when the text holds
something. A text's reading is remembered per feed (``Readings``), a code's rule per feed
(``ItemRules.code_rule``), so most of the pass is dictionary look-ups.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from riskkit.feeds.ocds.items.brands import BrandCandidate, BrandNames
from riskkit.feeds.ocds.items.found import DerivedItem, FoundItems
from riskkit.feeds.ocds.items.reading import Reading, Readings
from riskkit.feeds.ocds.items.rules import ItemRules, item_rules
from riskkit.feeds.ocds.items.walk import (
    ITEM_TEXT_KEYS,
    TITLE_TEXT_KEYS,
    Place,
    code_of,
    item_holders,
)
from riskkit.model.vocabulary import Confidence

_TEXT_CONFIDENCE: dict[Place, Confidence] = {"item": "medium", "title": "low", "budget": "low"}
_UNSEEN = object()
_NOTHING = FoundItems(())


class _Search:
    """What one release's pass has found so far, in the order ``walk`` gives codes and texts."""

    def __init__(self, rules: ItemRules, brands: BrandNames | None) -> None:
        self.rules = rules
        self.readings: Readings = rules.readings
        self.known: dict[str, Reading] = rules.readings.known
        self.brands = brands
        self.coded: list[DerivedItem] = []
        self.worded: list[DerivedItem] = []
        self.found_brands: list[BrandCandidate] = []
        self.traps: list[tuple[str, str]] = []
        self.seen: set[tuple[str, str, str]] = set()

    def code(self, owner: str, key: str, entry: dict[str, Any]) -> None:
        """One classification of an item."""
        code = code_of(entry)
        if code is None:
            return
        scheme, value, description = code
        rule = self.rules.code_rule(scheme, value)
        if rule is not None:
            self.coded.append(
                DerivedItem(
                    rule.kind, rule.capabilities, rule.confidence, rule.id,
                    f"{scheme}:{value}", f"{owner}.{key}", description,
                )
            )  # fmt: skip

    def text(self, owner: str, key: str, text: Any, place: Place) -> None:
        """One text field; anything but text holds nothing."""
        if not isinstance(text, str):
            return
        # Every text is read once per feed, not once per place it is in (see ``Readings``).
        reading = self.known.get(text)
        if reading is None:
            reading = self.readings.of(text, self.rules)
        brands = self.brands
        if brands is not None and place == "item":
            names = reading.brand_names(brands)
            if not names and reading.quiet:
                return
        elif reading.quiet:
            return
        else:
            names = []
        path = f"{owner}.{key}"
        if names and ".classification" not in path:
            for entity, name, matched in names:
                self.found_brands.append(BrandCandidate(entity, name, matched, path))
        for trap in reading.traps:
            self.traps.append((trap, path))
        confidence = _TEXT_CONFIDENCE[place]
        seen = self.seen
        for keyword, matched in reading.matches:
            seen_key = (keyword.id, path, matched.casefold())
            if seen_key in seen:
                continue
            seen.add(seen_key)
            self.worded.append(
                DerivedItem(
                    keyword.kind, keyword.capabilities, confidence, keyword.id, matched, path,
                    text,
                )
            )  # fmt: skip

    def found(self) -> FoundItems:
        if not (self.coded or self.worded or self.found_brands or self.traps):
            return _NOTHING  # most releases: one frozen answer, not a new one each time
        return FoundItems(
            tuple(self.coded + self.worded), tuple(self.found_brands), tuple(self.traps)
        )


def find_items(
    release: Mapping[str, Any], *, brands: BrandNames | None = None, rules: ItemRules | None = None
) -> FoundItems:
    """The surveillance and telecom items a compiled ``release`` names, by code or by text."""
    search = _Search(rules if rules is not None else item_rules(), brands)
    # Most codes and texts of a feed were met before and give nothing: they are passed over
    # here with one look-up each; the rest go to ``search``, which reads them in full.
    known_codes = search.rules.known_codes
    known = search.known
    holders = item_holders(release)
    # TextKeys.of and a look-up in known_codes, inlined: this loop runs for every item of a
    # feed. A code id with space around it is never a key of known_codes (its keys are
    # stripped), so it goes to ``search``, as every code not looked up yet does.
    shapes, learn = ITEM_TEXT_KEYS.shapes, ITEM_TEXT_KEYS.learn
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
                scheme, code = classification.get("scheme"), classification.get("id")
                if not (
                    type(scheme) is str
                    and type(code) is str
                    and known_codes.get((scheme, code), _UNSEEN) is None
                ):
                    search.code(path, "classification", classification)
            additional = item.get("additionalClassifications")
            if isinstance(additional, list):
                for number, entry in enumerate(additional):
                    if not isinstance(entry, dict):
                        continue
                    scheme, code = entry.get("scheme"), entry.get("id")
                    if not (
                        type(scheme) is str
                        and type(code) is str
                        and known_codes.get((scheme, code), _UNSEEN) is None
                    ):
                        search.code(path, f"additionalClassifications[{number}]", entry)
            shape = tuple(item)
            keys = shapes.get(shape)
            for key in learn(shape) if keys is None else keys:
                value = item[key]
                if isinstance(value, str):
                    reading = known.get(value)
                    if reading is not None and (
                        reading.quiet if brands is None else reading.silent_with is brands
                    ):
                        continue
                search.text(path, key, value, "item")
            if isinstance(classification, dict):
                shape = tuple(classification)
                keys = shapes.get(shape)
                for key in learn(shape) if keys is None else keys:
                    value = classification[key]
                    if isinstance(value, str):
                        reading = known.get(value)
                        if reading is not None and (
                            reading.quiet if brands is None else reading.silent_with is brands
                        ):
                            continue
                    search.text(f"{path}.classification", key, value, "item")
    for owner, holder in holders:
        for key in TITLE_TEXT_KEYS.of(holder):
            value = holder[key]
            if isinstance(value, str):
                reading = known.get(value)
                if reading is not None and reading.quiet:
                    continue
            search.text(owner, key, value, "title")
    planning = release.get("planning")
    budget = planning.get("budget") if isinstance(planning, dict) else None
    if isinstance(budget, dict):
        for key in TITLE_TEXT_KEYS.of(budget):
            search.text("planning.budget", key, budget[key], "budget")
        if isinstance(budget.get("id"), str):
            # GACM writes the budget line's words into the id ("equipos de CCTV", ocid 256).
            search.text("planning.budget", "id", budget["id"], "budget")
    return search.found()
