"""Passing over texts by their words finds exactly what running every pattern on every text did.

``_reference`` is how ``find_items`` read one item text before texts were passed over by their
words: every trap, keyword and brand pattern run on the text folded one character at a time.
Texts are made of the rules' own phrases and curated names, cut, joined and dressed up.
"""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from riskkit.api import default_packs
from riskkit.feeds.ocds.items import BrandNames, find_items
from riskkit.feeds.ocds.items.rules import ITEM_RULES, item_rules
from riskkit.feeds.ocds.items.text import fold
from tests.feeds.test_ocds_items_text import _reference_fold

_DATA = tomllib.loads(ITEM_RULES.read_text(encoding="utf-8"))
_PHRASES = sorted(
    {
        p.replace("*", "")
        for part in ("keywords", "traps")
        for e in _DATA[part]
        for p in e["phrases"]
    }
)
_BRANDS = BrandNames(default_packs().entities.entities.values())
_NAMES = sorted(name for _, name in _BRANDS.names.values())


class _Folded:
    def __init__(self, text: str) -> None:
        self.original, self.text, self.origin = _reference_fold(text)

    def span(self, start: int, end: int) -> str:
        return self.original[self.origin[start] : self.origin[end - 1] + 1] if start < end else ""


def _reference(text: str) -> tuple[list[Any], list[Any], list[Any]]:
    rules = item_rules()
    folded = _Folded(text)
    traps = [t.id for t in rules.traps if t.pattern.search(folded.text)]
    clear = rules.trap_pattern.sub(lambda m: " " * len(m.group()), folded.text)
    matches = [
        (k.id, folded.span(*m.span())) for k in rules.keywords for m in k.pattern.finditer(clear)
    ]
    assert _BRANDS.pattern is not None
    brands = [
        (*_BRANDS.names[" ".join(m.group().split())], folded.span(*m.span()))
        for m in _BRANDS.pattern.finditer(folded.text)
    ]
    return traps, matches, brands


def _dress(piece: str, how: int) -> str:
    return [
        piece,
        piece.upper(),
        piece.title(),
        f"«{piece}»",
        piece.replace(" ", "-"),
        piece + "s",
    ][how]


PIECES = st.one_of(
    st.sampled_from(_PHRASES),
    st.sampled_from(_NAMES),
    st.builds(lambda p, n: p[:n], st.sampled_from(_PHRASES), st.integers(1, 12)),
    st.text(st.sampled_from("aáeéoö çñ-.,5gİﬁ½ß監"), max_size=6),
)
TEXTS = st.lists(st.tuples(PIECES, st.integers(0, 5)), max_size=6).map(
    lambda parts: " ".join(_dress(p, h) for p, h in parts)
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_a_text_gives_the_traps_keywords_and_brands_every_pattern_gives(text: str) -> None:
    traps, matches, brands = _reference(text)
    found = find_items({"tender": {"items": [{"description": text}]}}, brands=_BRANDS)
    assert [trap for trap, _ in found.traps] == traps
    assert [(i.rule, i.matched) for i in found.items] == _deduplicated(matches)
    assert [(b.entity, b.name, b.matched) for b in found.brands] == brands


def _deduplicated(matches: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for rule, matched in matches:
        if (rule, matched.casefold()) not in seen:
            seen.add((rule, matched.casefold()))
            kept.append((rule, matched))
    return kept


WORDS = st.one_of(
    st.sampled_from(_PHRASES).map(lambda p: (p.split() or [""])[0]),
    st.builds(
        lambda p, tail: (p.split() or [""])[0] + tail,
        st.sampled_from(_PHRASES),
        st.text(st.sampled_from("aeiosnt5"), max_size=5),
    ),
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=25),
)


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_a_word_s_targets_are_every_exact_word_and_prefix_it_holds(raw: str) -> None:
    folded = fold(raw)
    assume(folded.clean and len(folded.text.split()) == 1)
    (word,) = folded.text.split()
    words = item_rules().first_words
    expected = set(words.exact.get(word, ()))
    for prefix, targets in words.prefixes.items():
        if word.startswith(prefix):
            expected |= targets
    assert words.targets(folded) == frozenset(expected | words.always)
