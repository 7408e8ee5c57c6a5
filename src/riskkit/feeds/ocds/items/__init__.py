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
Mapping what is found onto the procurement model is not built yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from riskkit.feeds.ocds.items.brands import BrandCandidate, BrandNames
from riskkit.feeds.ocds.items.fields import Place, codes, texts
from riskkit.feeds.ocds.items.rules import ItemRules, item_rules
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
    items: list[DerivedItem] = []
    seen: set[tuple[str, str, str]] = set()
    for code in codes(release):
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
    for field in texts(release):
        folded = fold(field.text)
        if brands is not None and field.place == "item" and ".classification" not in field.path:
            found_brands.extend(brands.find(folded, field.path))
        clear = _blank_traps(folded, rules, field.path, traps)
        confidence = _TEXT_CONFIDENCE[field.place]
        for keyword in rules.keywords:
            for match in keyword.pattern.finditer(clear):
                text = folded.span(*match.span())
                if (keyword.id, field.path, text.casefold()) in seen:
                    continue
                seen.add((keyword.id, field.path, text.casefold()))
                items.append(
                    DerivedItem(
                        keyword.kind, keyword.capabilities, confidence, keyword.id, text,
                        field.path, field.text,
                    )
                )  # fmt: skip
    return FoundItems(tuple(items), tuple(found_brands), tuple(traps))


def _blank_traps(folded: Folded, rules: ItemRules, path: str, traps: list[tuple[str, str]]) -> str:
    """The folded text with every trap phrase replaced by spaces, each trap noted."""
    text = folded.text
    if rules.trap_pattern.search(text) is None:
        return text
    for trap in rules.traps:
        if trap.pattern.search(text):
            traps.append((trap.id, path))
    return rules.trap_pattern.sub(lambda m: " " * len(m.group()), text)
