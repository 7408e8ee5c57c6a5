"""Components from the items a release bought (``find_items``), with their sources.

One component per distinct (kind, capabilities) the item rules derive, in order of first
appearance; the strongest derivation (code over item text over title) is the one it carries.
A derivation with no kind (a telecom service) is not a component, only a warning. Nothing about
who made a component is in OCDS: its manufacturer stays unknown unless item text names one of
riskkit's curated brands, which then becomes the component's ``brand`` (a candidate to check).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from riskkit.feeds.ocds.items import BrandCandidate, BrandNames, DerivedItem, find_items
from riskkit.feeds.ocds.mapping.access import number, obj
from riskkit.model.vocabulary import CONFIDENCE_RANK, Capability, ComponentKind

_ITEM_PATH = re.compile(r"^((?:tender|awards\[\d+\]|contracts\[\d+\])\.items\[(\d+)\])")


# Records made for every process are named tuples: cheaper to build than a frozen attrs
# class (0.27 us against 0.6-0.9 us), pure or compiled (docs/compiled-build.md).
class ComponentFacts(NamedTuple):
    """A component to write, with what it was derived from."""

    id: str
    kind: ComponentKind
    capabilities: tuple[Capability, ...]
    derived: DerivedItem
    """The strongest derivation of it."""
    quantity: int | None
    """From the item it was found in, when that gives a whole quantity."""
    brand: BrandCandidate | None


def components(
    release: Mapping[str, Any], brands: BrandNames | None, warnings: list[str]
) -> list[ComponentFacts]:
    """The components of ``release``; derivations without a kind are noted in ``warnings``."""
    found = find_items(release, brands=brands)
    groups: dict[tuple[ComponentKind, tuple[Capability, ...]], list[DerivedItem]] = {}
    kindless: dict[tuple[str, str], list[DerivedItem]] = {}
    for item in found.items:
        if item.kind is None:
            kindless.setdefault((item.rule, item.matched.casefold()), []).append(item)
        else:
            groups.setdefault((item.kind, tuple(sorted(item.capabilities))), []).append(item)
    for same in kindless.values():
        first = same[0]
        more = f" and {len(same) - 1} more place(s)" if len(same) > 1 else ""
        warnings.append(
            f"{first.path}{more}: {first.matched!r} ({first.rule}, {first.confidence} "
            "confidence) names no component kind; not a component"
        )
    out = []
    for number_, ((kind, capabilities), items) in enumerate(groups.items(), start=1):
        best = max(items, key=_strength)  # the first of the strongest
        out.append(
            ComponentFacts(
                f"item-{number_}",
                kind,
                capabilities,
                best,
                _quantity(release, items),
                _brand(found.brands, items),
            )
        )
    return out


def _strength(item: DerivedItem) -> int:
    """How strong a derivation is (code over item text over title), to pick the best."""
    return CONFIDENCE_RANK[item.confidence]


def _item_of(release: Mapping[str, Any], path: str) -> Mapping[str, Any] | None:
    """The OCDS item an item path (``awards[0].items[2].description``) is inside."""
    found = _ITEM_PATH.match(path)
    if found is None:
        return None
    head = found[1].split(".items[")[0]
    node: Any = release
    if head == "tender":
        node = obj(release.get("tender"))
    else:
        array, _, index = head.partition("[")
        entries = release.get(array)
        position = int(index.rstrip("]"))
        if not isinstance(entries, list) or position >= len(entries):
            return None
        node = obj(entries[position])
    items = node.get("items")
    position = int(found[2])
    if not isinstance(items, list) or position >= len(items):
        return None
    return obj(items[position])


def _quantity(release: Mapping[str, Any], items: list[DerivedItem]) -> int | None:
    """The quantity bought: the sum over the OCDS items it was found in, counted in one place
    (the tender's, an award's or a contract's items, whichever the first derivation is in, as
    the same item repeats in each). Unknown when one of them gives no whole quantity, or when it
    was found only in a title or budget text."""
    places = [m for i in items if (m := _ITEM_PATH.match(i.path))]
    if not places:
        return None
    holder = places[0][1].split(".items[")[0]
    total = 0
    for base in dict.fromkeys(m[1] for m in places if m[1].startswith(f"{holder}.items[")):
        entry = _item_of(release, base)
        quantity = number(entry.get("quantity")) if entry is not None else None
        if quantity is None or quantity < 1 or quantity != int(quantity):
            return None
        total += int(quantity)
    return total


def _brand(brands: tuple[BrandCandidate, ...], items: list[DerivedItem]) -> BrandCandidate | None:
    """The curated name found in the same OCDS item as the component, when exactly one is."""
    bases = {m[1] for i in items if (m := _ITEM_PATH.match(i.path))}
    names = {b.name: b for b in brands if (m := _ITEM_PATH.match(b.path)) and m[1] in bases}
    return next(iter(names.values())) if len(names) == 1 else None
