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
from riskkit.feeds.ocds.items.rules import CodeRule, ItemRules, item_rules
from riskkit.feeds.ocds.items.walk import Place, code_of, item_text_keys, title_text_keys
from riskkit.model.vocabulary import Confidence

_TEXT_CONFIDENCE: dict[Place, Confidence] = {"item": "medium", "title": "low", "budget": "low"}
_UNSEEN = object()


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
            self.found_brands.extend(BrandCandidate(*name, path) for name in names)
        self.traps.extend((trap, path) for trap in reading.traps)
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
    holders: list[tuple[str, dict[str, Any]]] = []
    tender = release.get("tender")
    if isinstance(tender, dict):
        holders.append(("tender", tender))
    for part in ("awards", "contracts"):
        entries = release.get(part)
        if isinstance(entries, list):
            holders += [(f"{part}[{i}]", e) for i, e in enumerate(entries) if isinstance(e, dict)]
    for owner, holder in holders:
        items = holder.get("items")
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            path = f"{owner}.items[{index}]"
            classification = item.get("classification")
            if isinstance(classification, dict) and not _known_nothing(known_codes, classification):
                search.code(path, "classification", classification)
            additional = item.get("additionalClassifications")
            if isinstance(additional, list):
                for number, entry in enumerate(additional):
                    if isinstance(entry, dict) and not _known_nothing(known_codes, entry):
                        search.code(path, f"additionalClassifications[{number}]", entry)
            for key in item_text_keys(item):
                value = item[key]
                if isinstance(value, str):
                    reading = known.get(value)
                    if reading is not None and (
                        reading.quiet if brands is None else reading.silent_with is brands
                    ):
                        continue
                search.text(path, key, value, "item")
            if isinstance(classification, dict):
                keys = item_text_keys(classification)
                if keys:
                    at = f"{path}.classification"
                    for key in keys:
                        search.text(at, key, classification[key], "item")
    for owner, holder in holders:
        for key in title_text_keys(holder):
            value = holder[key]
            if isinstance(value, str):
                reading = known.get(value)
                if reading is not None and reading.quiet:
                    continue
            search.text(owner, key, value, "title")
    planning = release.get("planning")
    budget = planning.get("budget") if isinstance(planning, dict) else None
    if isinstance(budget, dict):
        for key in title_text_keys(budget):
            search.text("planning.budget", key, budget[key], "budget")
        if isinstance(budget.get("id"), str):
            # GACM writes the budget line's words into the id ("equipos de CCTV", ocid 256).
            search.text("planning.budget", "id", budget["id"], "budget")
    return search.found()


def _known_nothing(
    known_codes: dict[tuple[str, str], CodeRule | None], entry: dict[str, Any]
) -> bool:
    """Whether ``entry`` is a classification already looked up and matching no rule. An id
    with space around it is never a key of ``known_codes`` (its keys are stripped codes)."""
    scheme, code = entry.get("scheme"), entry.get("id")
    return (
        type(scheme) is str
        and type(code) is str
        and known_codes.get((scheme, code), _UNSEEN) is None
    )
