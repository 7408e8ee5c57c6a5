"""The candidate stage's pruning (``riskkit.screening.gather``) changes no result: on generated
indexes (with lightest-first lists of every length, so that a list runs out, or holds ties, as
often as it does not) and on the real lists, the best candidates (estimates, name ids, order)
with pruning are those without, and every name kept has the same sum, to the bit."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.screening import EntryRecord, Screener
from riskkit.screening.candidates import _contributions, _word_hits, best_candidates
from riskkit.screening.gather import gather
from riskkit.screening.index import ScreeningIndex
from riskkit.screening.lightest import lightest_first
from riskkit.screening.normalize import read_misspelt_forms, tokens
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

_STEMS = ("marina", "marine", "marin", "maria", "tauber", "saman", "shipping", "shiping",
          "alkor", "alkon", "volga", "volta", "kontor", "kantor", "zenit", "zenith")  # fmt: skip
_COMMON = ("trading", "group", "bank", "international", "holding", "industries")
_MIN_SCORES = (0.0, 0.5, 0.7, 0.88)

_names = st.lists(
    st.lists(st.sampled_from(_STEMS + _COMMON), min_size=1, max_size=4),
    min_size=40,
    max_size=400,
)
_query = st.lists(
    st.one_of(
        st.sampled_from(_STEMS + _COMMON),
        st.text(alphabet="aeikmnorst", min_size=4, max_size=8),
    ),
    min_size=1,
    max_size=4,
)


def _index(names: list[list[str]], from_names: int = 64, kept: int = 256) -> ScreeningIndex:
    records = [_record(n, " ".join(words)) for n, words in enumerate(names)]
    ix = Screener(records).index
    ix.lightest_offsets, ix.lightest_names = lightest_first(
        ix.posting_offsets, ix.posting_names, ix.name_weight, from_names=from_names, kept=kept
    )
    return ix


def _record(n: int, name: str) -> EntryRecord:
    return EntryRecord(
        source="generated.toml", format="riskkit-curated", list="GEN", name=name, aliases=(),
        weak_aliases=(), countries=(), source_id=f"g-{n}", entity_type="entity",
    )  # fmt: skip


def _same(ix: ScreeningIndex, words: list[str], min_score: float) -> bool:
    """Pruning on (from any size) and off give the same ranking and the same sums."""
    words = read_misspelt_forms(words, ix.vocabulary)
    _, pruned = best_candidates(ix, words, {}, min_score, prune_from=0)
    _, plain = best_candidates(ix, words, {}, min_score, prune_from=None)
    assert pruned == plain
    weights, by_word = _word_hits(ix, words, {})
    weight_q = sum([w if w is not None else ix.unknown_weight for w in weights], 0.0)
    contribution, generators = _contributions(ix, by_word, weights)
    floor = min_score * 0.8
    few, _ = gather(ix, len(words), generators, contribution, floor, weight_q, 0)
    every, _ = gather(ix, len(words), generators, contribution, floor, weight_q, None)
    assert few.keys() <= every.keys()
    assert all(every[name] == total for name, total in few.items())
    return len(few) < len(every)


@settings(max_examples=60, deadline=None)
@given(names=_names, query=_query)
def test_pruning_keeps_the_best_candidates_on_generated_indexes(
    names: list[list[str]], query: list[str]
) -> None:
    ix = _index(names)
    words = tokens(" ".join(query))
    if not words:
        return
    for min_score in _MIN_SCORES:
        _same(ix, words, min_score)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(
        st.lists(st.sampled_from(_STEMS[:6] + _COMMON[:2]), min_size=1, max_size=3),
        min_size=30,
        max_size=300,
    ),
    query=_query,
    from_names=st.integers(min_value=1, max_value=80),
    kept=st.integers(min_value=1, max_value=60),
)
def test_lightest_first_cut_keeps_the_best_candidates_on_generated_indexes(
    names: list[list[str]], query: list[str], from_names: int, kept: int
) -> None:
    # Few distinct words, so that many names share one word only and are equally heavy
    # (ties at the 30th estimate), and lists short enough to run out before the 30th.
    ix = _index(names, from_names, kept)
    words = tokens(" ".join(query))
    if not words:
        return
    for min_score in _MIN_SCORES:
        _same(ix, words, min_score)


def test_lightest_first_cut_reads_30_names_of_a_common_word() -> None:
    # "marina" is in 350 of 1,550 names: of the 300 that share only it with the query
    # "marina" (or "marina bank"), the lightest 30 are gathered (and any tied with the 30th),
    # with every name that has two hit words; the best candidates are the same.
    rng = random.Random(1)  # noqa: S311 - a seeded sample, not a secret
    names = [["marina", rng.choice(_COMMON)] for _ in range(300)]
    names += [["marina", "tauber", rng.choice(_STEMS[6:])] for _ in range(50)]
    names += [[rng.choice(_COMMON), rng.choice(_STEMS[6:])] for _ in range(1200)]
    ix = _index(names, 64, 256)
    assert _same(ix, ["marina"], 0.7)
    assert _same(ix, ["marina", "bank"], 0.7)


def test_pruning_leaves_names_out() -> None:
    # 300 names of one to three words from a small vocabulary: for this query, some read
    # words are weak (a name with only one of them is below the floor), so their names are
    # not gathered unless they have another hit word; the best candidates are the same.
    rng = random.Random(0)  # noqa: S311 - a seeded sample, not a secret
    ix = _index([rng.sample(_STEMS + _COMMON, rng.randint(1, 3)) for _ in range(300)])
    assert _same(ix, ["zenit", "kontor", "bank"], 0.7)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason=NO_SHARED_DATA)
def test_pruning_keeps_the_best_candidates_on_the_real_lists() -> None:
    from riskkit.screening import read_lists

    folders = ("ofac_sdn", "trade_gov_csl", "un_consolidated")
    paths = [p for f in folders for p in sorted((SHARED_DATA / f).iterdir()) if p.is_file()]
    ix = Screener([r for lf in read_lists(paths) for r in lf.records]).index
    bench = Path(__file__).resolve().parents[2] / "bench" / "screen_eval_patterns.toml"
    cases = tomllib.loads(bench.read_text("utf-8"))["case"][::4]
    pruned = 0
    for case in cases:
        words = tokens(case["query"])
        if words:
            pruned += _same(ix, words, 0.7)
    assert pruned > 0
