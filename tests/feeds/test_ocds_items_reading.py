"""Each distinct text is read once per feed: what a remembered reading gives is what reading the
text afresh gives, whatever was read before it, and the memory stays within its bound."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds.items import BrandNames, find_items, reading
from riskkit.feeds.ocds.items.reading import Reading, Readings
from riskkit.feeds.ocds.items.rules import ITEM_RULES, item_rules, parse_rules
from tests.feeds.test_ocds_items_words import _BRANDS, TEXTS


def _fresh_rules() -> Any:
    return parse_rules(tomllib.loads(ITEM_RULES.read_text(encoding="utf-8")))


def _release(texts: list[str]) -> dict[str, Any]:
    """The texts spread over every place find_items reads: items, classifications, titles."""
    items = [
        {"id": str(i), "description": t, "classification": {"description_es": t}}
        for i, t in enumerate(texts)
    ]
    return {
        "tender": {"title": " ".join(texts[:1]), "items": items},
        "awards": [{"title_fr": " ".join(texts[1:2]), "items": items[::-1]}],
        "planning": {"budget": {"description": " ".join(texts[2:3]), "id": "x"}},
    }


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=4), st.lists(TEXTS, max_size=4))
def test_a_remembered_reading_finds_what_a_fresh_one_finds(
    texts: list[str], before: list[str]
) -> None:
    shared = item_rules()
    find_items(_release(before), brands=_BRANDS, rules=shared)  # texts read before: remembered
    release = _release(texts)
    warm = find_items(release, brands=_BRANDS, rules=shared)
    again = find_items(release, brands=_BRANDS, rules=shared)
    cold = find_items(release, brands=_BRANDS, rules=_fresh_rules())
    assert warm == again == cold


def test_blank_and_non_text_values_hold_nothing() -> None:
    release = {"tender": {"title": " \u00a0\t", "items": [{"description": ["camara"]}]}}
    found = find_items(release, brands=_BRANDS, rules=_fresh_rules())
    assert (found.items, found.brands, found.traps) == ((), (), ())
    assert Reading.of(" \n", item_rules()).blank


def test_the_memory_of_texts_is_bounded_and_still_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "_TEXTS_REMEMBERED", 3)
    rules, readings = _fresh_rules(), Readings()
    texts = [f"camara de video {n}" for n in range(10)]
    for text in texts:
        assert readings.of(text, rules).matches == Reading.of(text, rules).matches
        assert len(readings.known) <= 3
    assert readings.of(texts[-1], rules) is readings.of(texts[-1], rules)


def test_the_memory_holds_a_bounded_number_of_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "_CHARACTERS_REMEMBERED", 100)
    rules, readings = _fresh_rules(), Readings()
    for n in range(30):
        text = f"camara de video numero {n:04d}"
        assert readings.of(text, rules).matches == Reading.of(text, rules).matches
        assert sum(len(t) for t in readings.known) <= 100
    long = "camara " * 50
    assert readings.of(long, rules).matches == Reading.of(long, rules).matches


def test_brand_names_are_read_again_for_other_brands() -> None:
    rules = _fresh_rules()
    text = "camaras Hikvision"
    remembered = rules.readings.of(text, rules)
    assert [name for _, name, _ in remembered.brand_names(_BRANDS)] == ["Hikvision"]
    assert remembered.brand_names(BrandNames([])) == []
    assert [name for _, name, _ in remembered.brand_names(_BRANDS)] == ["Hikvision"]
