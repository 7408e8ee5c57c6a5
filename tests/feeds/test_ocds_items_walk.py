"""The walk over a release's items (``items/walk.py``, compiled in the optional compiled build):
whatever shape a release has, it never raises, and every code and text it gives is the value
found at the path it names, so a path in a warning always leads back to the text."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds.items import fields
from riskkit.feeds.ocds.items.walk import code_of, walk

_KEYS = st.sampled_from(
    [
        "tender", "awards", "contracts", "items", "classification", "additionalClassifications",
        "description", "description_es", "description_fr-CA", "title", "title_en", "project",
        "planning", "budget", "id", "scheme", "quantity", "descriptionX", "name",
    ]
)  # fmt: skip
_LEAVES = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=6)
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=30,
)
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _at(release: Any, path: str) -> Any:
    node = release
    for name, index in _STEP.findall(path):
        node = node[name] if name else node[int(index)]
    return node


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _JSON, max_size=6))
def test_every_code_and_text_the_walk_gives_is_at_its_path(release: dict[str, Any]) -> None:
    codes, texts = walk(release)
    for owner, key, entry in codes:
        assert _at(release, f"{owner}.{key}") is entry
        assert isinstance(entry, dict)
    for owner, key, value, place in texts:
        assert _at(release, f"{owner}.{key}") is value
        assert place in ("item", "title", "budget")
    found_codes, found_texts = fields.read_fields(release)
    assert [c.path for c in found_codes] == [
        f"{o}.{k}" for o, k, e in codes if code_of(e) is not None
    ]
    assert all(isinstance(t.text, str) and t.text.strip() for t in found_texts)


def test_the_walk_reads_items_classifications_titles_and_budget_in_order() -> None:
    release = {
        "tender": {
            "title": "Cameras",
            "items": [
                {
                    "description_es": "cámaras",
                    "classification": {"scheme": "CPV", "id": "32323500", "description": "CCTV"},
                    "additionalClassifications": [{"scheme": "UNSPSC", "id": 46171610}],
                }
            ],
        },
        "awards": [{"items": [{"description": "radios"}]}],
        "planning": {"budget": {"description": "seguridad", "id": "equipos de CCTV"}},
    }
    codes, texts = walk(release)
    assert [(o, k) for o, k, _ in codes] == [
        ("tender.items[0]", "classification"),
        ("tender.items[0]", "additionalClassifications[0]"),
    ]
    assert [(o, k, p) for o, k, _, p in texts] == [
        ("tender.items[0]", "description_es", "item"),
        ("tender.items[0].classification", "description", "item"),
        ("awards[0].items[0]", "description", "item"),
        ("tender", "title", "title"),
        ("planning.budget", "description", "budget"),
        ("planning.budget", "id", "budget"),
    ]
    assert code_of(codes[1][2]) == ("UNSPSC", "46171610", "")
