"""The lightest-first lists (``riskkit.screening.lightest``) hold each long posting's lightest
names in (name weight, name id) order, and survive a save and load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit._version import __version__
from riskkit.errors import InvalidInput
from riskkit.screening import EntryRecord, Screener
from riskkit.screening.cache import FORMAT
from riskkit.screening.lightest import lightest_first

_WORDS = ("marina", "tauber", "volga", "zenit", "alkor", "trading", "kontor", "sever")


def _screener(names: list[list[str]]) -> Screener:
    return Screener(_record(n, " ".join(words)) for n, words in enumerate(names))


def _record(n: int, name: str) -> EntryRecord:
    return EntryRecord(
        source="generated.toml", format="riskkit-curated", list="GEN", name=name, aliases=(),
        weak_aliases=(), countries=(), source_id=f"g-{n}", entity_type="entity",
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), max_size=120),
    from_names=st.integers(min_value=1, max_value=40),
    kept=st.integers(min_value=1, max_value=40),
)
def test_each_long_posting_lists_its_lightest_names_by_weight_then_id(
    names: list[list[str]], from_names: int, kept: int
) -> None:
    ix = _screener(names).index
    offsets, lightest = lightest_first(
        ix.posting_offsets, ix.posting_names, ix.name_weight, from_names=from_names, kept=kept
    )
    assert len(offsets) == len(ix.posting_offsets)
    for token_id in range(len(ix.words)):
        posting = list(ix.postings(token_id))
        listed = list(lightest[offsets[token_id] : offsets[token_id + 1]])
        if len(posting) < from_names:
            assert listed == []
        else:
            by_weight = sorted(posting, key=lambda n: (ix.name_weight[n], n))
            assert listed == by_weight[:kept]


def test_the_lists_are_saved_and_loaded(tmp_path: Path) -> None:
    names = [["marina", w] for i, w in enumerate(_WORDS[1:]) for _ in range(5 + 5 * i)]
    screener = _screener(names)
    ix = screener.index
    # "marina" is in 140 names, "sever" in 35: only "marina" has a list, of all its names.
    assert len(ix.lightest_names) == 140
    weights = [ix.name_weight[n] for n in ix.lightest_names]
    assert weights == sorted(weights) and weights[0] < weights[-1]
    target = tmp_path / "lists.rksidx"
    screener.save(target)
    loaded = Screener.load(target).index
    assert loaded.lightest_offsets == ix.lightest_offsets
    assert loaded.lightest_names == ix.lightest_names


def test_an_index_saved_before_the_lists_is_refused_with_a_rebuild_message(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.rksidx"
    header = {"format": 1, "riskkit": __version__}
    old.write_bytes(b"RKSIDX1\n" + json.dumps(header).encode() + b"\n")
    with pytest.raises(InvalidInput, match=rf"index format 1 .* \(format {FORMAT}\): rebuild"):
        Screener.load(old)
