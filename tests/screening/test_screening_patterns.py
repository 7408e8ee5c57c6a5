"""Issue 15's patterns, each with a case that fires and one that does not (no list files needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.screening import ListEntry, Screener, tokens
from riskkit.screening.frequency import is_ordinary
from riskkit.screening.normalize import LEGAL_FORM_WORDS
from tests.conftest import SCREENING_FIXTURES

FIXTURES = SCREENING_FIXTURES


def _entry(name: str, **extra: object) -> ListEntry:
    return ListEntry(source="t", format="riskkit-curated", list="T", name=name, **extra)


@pytest.mark.parametrize(
    "written",
    [
        "Limited Liability Company Romashka",
        "Romashka LLC",
        "OOO Romashka",
        "ООО «Romashka»",
        "ТОВ «Romashka»",
        "Obshchestvo s Ogranichennoi Otvetstvennostyu Romashka",
        "Obschestvo s Ogranichennoy Otvetstvennostiu Romashka",
        "Aktsionernoe Obshchestvo Romashka",
        "Zakrytoe Aktsionernoe Obshchestvo Romashka",
        "Joint Stock Romashka Company",
        "Limited Liability Romashka Company",
        "Romashka Campany",
        "Romashka Lmited",
        "Romashka Co., Ltd.",
        "Romashka有限公司",
        "شركة Romashka",
        "PT Romashka Tbk",
        "Romashka Sdn. Bhd.",
        "Romashka Sp. z o.o.",
        "Romashka S.A. de C.V.",
    ],
)
def test_a_legal_form_in_any_language_is_dropped(written: str) -> None:
    assert tokens(written) == ["romashka"]


def test_a_legal_form_never_carries_a_match() -> None:
    screener = Screener([_entry("ROMASHKA LLC", entity_type="entity")])
    assert not [m for m in screener.screen("Vasilek LLC") if m.band == "match"]
    assert screener.screen("Limited Liability Company Romashka")[0].band == "match"


def test_one_edit_in_a_short_distinctive_word_matches_two_in_a_short_word_do_not() -> None:
    screener = Screener([_entry("BODOR TRADING", entity_type="entity")])
    assert screener.screen("Bodar Trading")[0].band == "match"
    assert not [m for m in screener.screen("Bordo Trading") if m.band == "match"]


def test_an_edit_that_spells_another_listed_name_is_not_close() -> None:
    screener = Screener(
        [
            _entry("SCIENTIFIC PRODUCTION ASSOCIATION ALKOR", entity_type="entity"),
            _entry("SCIENTIFIC PRODUCTION ASSOCIATION ALKON", entity_type="entity"),
        ]
    )
    hits = screener.screen("Scientific Production Association Alkor")
    assert hits[0].entry.name.endswith("ALKOR") and hits[0].band == "match"
    assert [m.band for m in hits[1:]] == ["review"]
    assert "another listed name" in hits[1].explanation


def test_a_whole_word_that_differs_keeps_a_sister_company_in_review() -> None:
    screener = Screener([_entry("71ST ARMORED VEHICLE REPAIR PLANT MINISTRY OF DEFENSE")])
    hits = screener.screen("72ND ARMORED VEHICLE REPAIR PLANT MINISTRY OF DEFENSE")
    assert hits and hits[0].band == "review"
    assert "differs on both sides" in hits[0].explanation


def test_a_brand_alone_matches_an_ordinary_word_alone_never_does() -> None:
    screener = Screener(
        [
            _entry("SENSETIME GROUP LIMITED", entity_type="entity"),
            _entry("BUDGET", entity_type="entity"),
        ]
    )
    assert is_ordinary("budget") and not is_ordinary("sensetime")
    brand = screener.screen("Sensetime")
    assert brand[0].band == "match" and "only distinctive word" in brand[0].explanation
    assert screener.screen("Budget")[0].band == "review"


def test_a_brand_shared_by_two_parties_stays_in_review() -> None:
    screener = Screener(
        [
            _entry("CLOUDWALK TECHNOLOGY CO LTD", entity_type="entity"),
            _entry("CLOUDWALK SHIPPING SA", entity_type="entity"),
        ]
    )
    assert all(m.band == "review" for m in screener.screen("Cloudwalk"))


def test_ties_put_the_literal_name_first_and_are_flagged() -> None:
    screener = Screener(
        [
            _entry("SMILEWALLET S.A.S.", entity_type="entity", source_id="2"),
            _entry("SMILE WALLET LIMITED", entity_type="entity", source_id="3"),
            _entry("SMILEWALLET B.V.", entity_type="entity", source_id="1"),
        ]
    )
    hits = screener.screen("SMILEWALLET B.V.")
    assert hits[0].matched_name == "SMILEWALLET B.V."
    assert all(m.tie for m in hits) and len(hits) == 3
    assert not Screener([_entry("SMILEWALLET B.V.")]).screen("SMILEWALLET B.V.")[0].tie


def test_hit_key_names_the_list_the_file_digest_and_the_entry() -> None:
    path = FIXTURES / "targets.simple.csv"
    screener = Screener.from_files([path])
    record = screener.records[0]
    hit = screener.screen(record.name)[0]
    assert hit.key is not None
    assert hit.key.list == record.list and hit.key.entry_id == record.source_id
    assert len(hit.key.digest) == 12 and str(hit.key).count(":") >= 2
    again = Screener.from_files([path]).screen(record.name)[0]
    assert again.key == hit.key
    assert Screener([_entry("X Y Z")]).screen("X Y Z")[0].key.digest == "unread"  # type: ignore[union-attr]


def test_load_options_entity_types_and_weak_aliases() -> None:
    entries = [
        _entry("IVAN PETROV", entity_type="individual"),
        _entry("PETROV TRADING LLC", entity_type="entity", weak_aliases=("PETRO TRADE",)),
    ]
    assert len(Screener(entries, entity_types={"entity"})) == 1
    assert Screener(entries).screen("Petro Trade")[0].name_kind == "weak alias"
    assert not Screener(entries, weak_aliases=False).screen("Petro Trade", min_score=0.88)


_NAME_WORD = st.text(alphabet="bcdfghkmnprstvz" + "aeiou", min_size=5, max_size=9).filter(
    lambda w: w not in LEGAL_FORM_WORDS and not is_ordinary(w)
)
_FORMS = ("{} LLC", "OOO {}", "Joint Stock {} Company", "{} Co., Ltd.", "{} GmbH", "АО {}")


@settings(max_examples=60, deadline=None)
@given(st.lists(_NAME_WORD, min_size=1, max_size=4), st.sampled_from(_FORMS))
def test_adding_a_legal_form_never_changes_the_words(words: list[str], form: str) -> None:
    name = " ".join(words)
    assert tokens(form.format(name.upper())) == tokens(name)


def test_a_saved_index_loads_and_answers_the_same(tmp_path: Path) -> None:
    screener = Screener.from_files([FIXTURES / "targets.simple.csv", FIXTURES / "csl.json"])
    target = tmp_path / "lists.rksidx"
    screener.save(target)
    loaded = Screener.load(target)
    assert len(loaded) == len(screener)
    for record in screener.records[:20]:
        for query in (record.name, record.name[:-1] + "x", " ".join(reversed(record.name.split()))):
            ours = [(m.key, m.score, m.band, m.explanation) for m in screener.screen(query)]
            theirs = [(m.key, m.score, m.band, m.explanation) for m in loaded.screen(query)]
            assert ours == theirs


def test_a_damaged_or_foreign_index_file_is_refused(tmp_path: Path) -> None:
    from riskkit.errors import InvalidInput

    bad = tmp_path / "bad.rksidx"
    bad.write_bytes(b"\x80\x04\x95pickle")
    with pytest.raises(InvalidInput, match="not a riskkit screening index"):
        Screener.load(bad)
    bad.write_bytes(b'RKSIDX1\n{"format": 1, "riskkit": "0.0.0"}\n')
    with pytest.raises(InvalidInput, match="rebuild the index"):
        Screener.load(bad)
    good = tmp_path / "good.rksidx"
    Screener.from_files([FIXTURES / "targets.simple.csv"]).save(good)
    good.write_bytes(good.read_bytes()[:-100])
    with pytest.raises(InvalidInput, match=r"cut short|damaged"):
        Screener.load(good)


def test_explain_shows_the_normalised_words_and_every_candidate() -> None:
    screener = Screener([_entry("ROMASHKA TRADING LLC", entity_type="entity", source_id="7")])
    text = screener.explain("OOO Romashka Tradng")
    assert "normalised words: romashka tradng" in text
    assert "match" in text and "T:unread:7" in text and "tradng~trading" in text
    assert "ordinary word" in screener.explain("Trading")
