from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import riskkit.screening.candidates as candidates_module
from riskkit.screening import ListEntry, Screener, normalize_name
from riskkit.screening.frequency import is_ordinary
from riskkit.screening.normalize import tokens
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

DATA = SHARED_DATA
FOLDERS = ("ofac_sdn", "ofac_sdn_2024", "ofac_non_sdn_cons", "trade_gov_csl", "bis_dpl",
           "un_consolidated")  # fmt: skip


def _entry(name: str, **extra: object) -> ListEntry:
    return ListEntry(source="t", format="riskkit-curated", list="T", name=name, **extra)


SMALL = Screener(
    [
        _entry("HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", aliases=("HIKVISION",),
               countries=("CN",)),
        _entry("DAHUA ELECTRONICS CORPORATION", countries=("US",)),
        _entry("K TECHNOLOGIES JSC", weak_aliases=("KT",)),
    ]
)  # fmt: skip


@pytest.fixture(scope="module")
def real() -> Screener:
    if not DATA.is_dir():
        pytest.skip(NO_SHARED_DATA)
    return Screener.from_files(p for f in FOLDERS for p in sorted((DATA / f).iterdir()))


def test_typo_and_cyrillic_letter_still_match() -> None:
    assert SMALL.screen("Hikvsion")[0].band == "match"
    assert SMALL.screen("Нikvision")[0].band == "match"


def test_weak_alias_matches_only_when_equal() -> None:
    assert SMALL.screen("KT")[0].name_kind == "weak alias"
    assert all(m.entry.name != "K TECHNOLOGIES JSC" for m in SMALL.screen("KTX"))


def test_country_disagreement_lowers_the_score() -> None:
    home = SMALL.screen("Hikvsion", country="CN")[0].score
    away = SMALL.screen("Hikvsion", country="FR")[0].score
    assert away < home
    assert "differs" in SMALL.screen("Hikvsion", country="FR")[0].explanation


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_normalisation_is_idempotent(name: str) -> None:
    once = normalize_name(name)
    assert normalize_name(once) == once


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_screening_is_deterministic_and_scores_are_in_unit_interval(name: str) -> None:
    first = SMALL.screen(name, min_score=0.0)
    assert first == SMALL.screen(name, min_score=0.0)
    assert all(0.0 <= m.score <= 1.0 for m in first)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(categories=("Lu", "Ll")), min_size=3, max_size=12))
def test_an_exact_listed_name_always_matches(word: str) -> None:
    # Unless what is left of it is one ordinary word: "MBH Trading" is the legal form mbH and
    # "trading", and an ordinary word alone never matches (issue 15: "Budget" must not).
    screener = Screener([_entry(f"{word} Trading")])
    words = tokens(f"{word} Trading")
    if normalize_name(f"{word} Trading") and not (len(words) == 1 and is_ordinary(words[0])):
        assert screener.screen(f"{word} Trading")[0].band == "match"


@pytest.mark.parametrize(
    "query",
    ["Hangzhou Hikvision Digital Technology Co Ltd", "HIKVISION", "Huawei Technologies Co., Ltd.",
     "Sensetime Group Ltd", "Megvii Technology Limited", "Hikvsion", "Нikvision"],
)  # fmt: skip
def test_surveillance_vendors_match_their_ns_cmic_entries(real: Screener, query: str) -> None:
    top = real.screen(query)[0]
    assert top.band == "match"
    assert top.entry.list == "NS-CMIC"


@pytest.mark.parametrize(
    "query",
    ["Zhejiang Dahua Technology", "Goztepe", "Huawei Technologies USA", "Motorola Solutions",
     "Axis Communications", "Genetec", "Verkada", "Axon Enterprise", "Flock Safety"],
)  # fmt: skip
def test_hard_negatives_do_not_reach_the_match_band(real: Screener, query: str) -> None:
    assert all(m.band != "match" for m in real.screen(query, min_score=0.0))


def test_identifier_hit_is_exact(real: Screener) -> None:
    hits = real.screen_identifier("Unified Social Credit Code (USCC)", "91330000733796106P")
    assert hits and all(m.entry.source_id == "30946" for m in hits)


def test_word_order_does_not_decide_but_an_unmatched_word_counts() -> None:
    # Issue 15: word order never decides. "Art House" against "HOUSE OF ART" stays in review
    # because "of" is left over on the listed side, not because the order differs.
    screener = Screener([_entry("HOUSE OF ART LIMITED", entity_type="entity")])
    hits = screener.screen("Art House GmbH")
    assert hits and hits[0].band == "review"
    assert "listed words unmatched: of" in hits[0].explanation
    swapped = Screener([_entry("NORTHERN STAR SHIPPING LLC", entity_type="entity")])
    assert swapped.screen("Star Northern Shippng")[0].band == "match"


def test_person_words_in_another_order_still_match() -> None:
    screener = Screener([_entry("PETROV, Ivan Sergeevich", entity_type="individual")])
    assert screener.screen("Sergeevich Ivan Petrov")[0].band == "match"
    assert screener.screen("Ivan Petrov Sergeevic")[0].band == "match"


def test_misspelt_legal_form_phrase_is_removed_whole() -> None:
    # "obshchestvo" is also a listed word on its own, so only reading the typo as the form
    # removes the whole phrase from the query.
    screener = Screener(
        [_entry("AKTSIONERNOYE OBSHCHESTVO TSENTR SUDOREMONTA DALZAVOD"),
         _entry("OBSHCHESTVO VOSTOK")]
    )  # fmt: skip
    top = screener.screen("Aktssionernoye Obshchestvo Tsentr Sudoremonta Dalzavod")[0]
    assert top.band == "match"
    assert top.score == 1.0


def test_a_match_explanation_written_when_read_is_a_plain_str_everywhere() -> None:
    import copy
    import pickle

    first = SMALL.screen("Hangzhou Hikvsion Digital Technology", country="CN")[0]
    second = SMALL.screen("Hangzhou Hikvsion Digital Technology", country="CN")[0]
    # Equal and hashed alike before either explanation is read.
    assert first == second and hash(first) == hash(second)
    text = first.explanation
    assert isinstance(text, str) and first.explanation is text
    assert "hikvsion~hikvision" in text and "country CN agrees" in text
    assert "-> match" in text and "query words unmatched" not in text
    restored = pickle.loads(pickle.dumps(second))  # noqa: S301 - our own bytes
    assert restored == first and restored.explanation == text
    assert copy.copy(first) == first and f"explanation={text!r}" in repr(first)
    # Built with a text, as before.
    given = attrs.evolve(first, explanation="written by hand")
    assert given.explanation == "written by hand" and given != first


QUERY_WORDS = ["Hikvsion", "Dahau", "Technologies", "Hangzhou", "KT", "Electronics", "Digitl"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(QUERY_WORDS), min_size=1, max_size=4))
def test_word_hits_kept_between_queries_change_no_result(words: list[str]) -> None:
    query = " ".join(words)
    fresh = Screener(SMALL.records)
    expected = [(m.key, m.score, m.explanation) for m in fresh.screen(query, min_score=0.0)]
    kept = candidates_module.WORD_HITS_KEPT
    try:
        for limit in (1, kept):  # dropped after every word, and kept
            candidates_module.WORD_HITS_KEPT = limit
            for _ in range(2):
                got = SMALL.screen(query, min_score=0.0)
                assert [(m.key, m.score, m.explanation) for m in got] == expected
    finally:
        candidates_module.WORD_HITS_KEPT = kept
