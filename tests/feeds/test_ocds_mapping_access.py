"""The accessors remember the texts and dates a feed repeats: a remembered answer is the answer
read afresh, long texts are not kept, and the memory stays within its bound."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds.mapping import access
from riskkit.feeds.ocds.mapping.access import day, placeholder_text, text

DATES = st.one_of(
    st.dates().map(str),
    st.dates().map(lambda d: f"{d}T00:00:00-06:00"),
    st.from_regex(r"\s?\d{4}-\d{2}-\d{2}.{0,3}", fullmatch=True),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_a_remembered_text_is_the_text_read_afresh(value: str) -> None:
    first, again = text(value), text(value)
    stripped = " ".join(value.split()).encode("utf-8", "replace").decode("utf-8")
    assert first == again == (stripped or None)


@settings(max_examples=300, deadline=None)
@given(DATES)
def test_a_remembered_day_is_the_day_read_afresh(value: str) -> None:
    assert day(value) == day(value) == access._day(value)
    found = access._DAY.match(value.strip())
    placeholder = found is not None and not 1901 <= int(found[1]) <= 2099
    assert placeholder_text(value) is placeholder


def test_placeholders_are_no_days() -> None:
    assert day("1900-01-01T00:00:00-06:00") is None
    assert day("9999-12-31") is None
    assert day("2019-06-01T10:00:00Z") == date(2019, 6, 1)
    assert placeholder_text("1900-01-01") and not placeholder_text("2019-06-01")


def test_long_texts_are_not_remembered_and_the_memory_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(access, "_texts", {})
    monkeypatch.setattr(access, "_REMEMBERED", 5)
    long = "word " * 100
    assert text(long) == long.strip()
    assert long not in access._texts
    for n in range(20):
        assert text(f" name  {n} ") == f"name {n}"
        assert len(access._texts) <= 5
