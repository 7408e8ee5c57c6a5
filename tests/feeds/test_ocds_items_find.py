"""``find_items`` reads a release as it walks it (``items/find.py``), passing over the codes and
texts already known to give nothing: it finds exactly what the search over ``walk``'s lists
(the search it replaced, kept here as the reference) finds, on any shape of release, with the
memories of codes and texts cold or warm, brands off or on, and on every real sample."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.api import default_packs
from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.items import BrandCandidate, BrandNames, DerivedItem, FoundItems
from riskkit.feeds.ocds.items.find import find_items
from riskkit.feeds.ocds.items.rules import ItemRules, item_rules
from riskkit.feeds.ocds.items.walk import code_of, walk
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

_CONFIDENCE = {"item": "medium", "title": "low", "budget": "low"}


def reference_find_items(
    release: Mapping[str, Any], brands: BrandNames | None, rules: ItemRules
) -> FoundItems:
    """``find_items`` as it was before it read the release as it walked it (main at 5abad58)."""
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
    for owner, key, text, place in raw_texts:
        if not isinstance(text, str):
            continue
        reading = rules.readings.of(text, rules)
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
        for keyword, matched in reading.matches:
            if (keyword.id, path, matched.casefold()) in seen:
                continue
            seen.add((keyword.id, path, matched.casefold()))
            items.append(
                DerivedItem(
                    keyword.kind, keyword.capabilities, _CONFIDENCE[place],  # type: ignore[arg-type]
                    keyword.id, matched, path, text,
                )
            )  # fmt: skip
    return FoundItems(tuple(items), tuple(found_brands), tuple(traps))


@pytest.fixture(scope="module")
def brands() -> BrandNames:
    return BrandNames(default_packs().entities.entities.values())


_TEXTS = st.sampled_from(
    [
        "cámaras de videovigilancia", "CCTV", "Cámara de Comercio", "Hikvision DS-2CD", "",
        "   ", "papel bond", "radios Motorola", "servidor", "Honor", "camara", "router Cisco",
    ]
) | st.text(max_size=8)  # fmt: skip
_CODES = st.fixed_dictionaries(
    {
        "scheme": st.sampled_from(["CPV", "cpv", "UNSPSC", "CPV-AM", "other"]) | st.integers(0, 3),
        "id": st.sampled_from(["32234000-2", " 46171610", "30192000", "", "32413100-2 "])
        | st.integers(0, 50_000_000)
        | st.booleans(),
    },
    optional={"description": _TEXTS, "description_es": _TEXTS},
)
_ITEM = st.dictionaries(
    st.sampled_from(["description", "description_es", "description_fr-CA", "title", "id"]),
    _TEXTS | st.none() | st.integers(0, 3),
    max_size=4,
).flatmap(
    lambda item: st.fixed_dictionaries(
        {},
        optional={
            "classification": _CODES | st.just("CPV"),
            "additionalClassifications": st.lists(_CODES | st.none(), max_size=3),
        },
    ).map(lambda codes: {**item, **codes})
)
_HOLDER: st.SearchStrategy[dict[str, object]] = st.fixed_dictionaries(
    {},
    optional={
        "items": st.lists(_ITEM | st.none(), max_size=4) | st.just({}),
        "title": _TEXTS,
        "title_en": _TEXTS,
        "description": _TEXTS | st.integers(),
    },
)
_RELEASE: st.SearchStrategy[dict[str, object]] = st.fixed_dictionaries(
    {},
    optional={
        "tender": _HOLDER | st.just([]),
        "awards": st.lists(_HOLDER | st.just(3), max_size=3),
        "contracts": st.lists(_HOLDER, max_size=3) | st.just({"items": []}),
        "planning": st.fixed_dictionaries(
            {},
            optional={
                "budget": st.fixed_dictionaries({}, optional={"id": _TEXTS, "project": _TEXTS})
            },
        ),
    },
)


@settings(max_examples=400, deadline=None)
@given(release=_RELEASE, with_brands=st.booleans())
def test_the_search_finds_what_the_search_over_walk_finds(
    release: dict[str, Any], with_brands: bool, brands: BrandNames
) -> None:
    chosen = brands if with_brands else None
    fresh = _fresh_rules()
    cold = find_items(release, brands=chosen, rules=fresh)
    warm = find_items(release, brands=chosen, rules=fresh)
    expected = reference_find_items(release, chosen, item_rules())
    assert cold == expected
    assert warm == expected


def _fresh_rules() -> ItemRules:
    """The bundled rules with nothing remembered yet (no code looked up, no text read)."""
    rules = item_rules()
    return ItemRules(**{f.name: getattr(rules, f.name) for f in attrs.fields(ItemRules) if f.init})


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=NO_SHARED_DATA)
def test_the_search_finds_what_the_search_over_walk_finds_on_every_sample(
    brands: BrandNames,
) -> None:
    sample = SHARED_DATA / "ocds" / "sample-data"
    processes = [p for d in sorted(sample.iterdir()) for p in read_ocds(d, validate=False)]
    assert len(processes) > 300
    rules = _fresh_rules()
    found = 0
    for chosen in (None, brands, brands):  # cold, then warm
        for process in processes:
            expected = reference_find_items(process.release, chosen, item_rules())
            assert find_items(process.release, brands=chosen, rules=rules) == expected
            found += len(expected.items) + len(expected.brands) + len(expected.traps)
    assert found > 100
