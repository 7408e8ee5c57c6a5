"""The date checks that skip the walk count exactly what the walk (check_dates) counts: the text
test (dates_clean) never calls a line clean that holds an empty or placeholder date, and
count_dates gives the same counts and first examples as check_dates, in either order of
processes; a feed read with them gives what it gave before."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.feeds import _parse
from riskkit.feeds.ocds import Origin, ReadStats, defects, read_ocds
from riskkit.feeds.ocds.defects import check_dates, count_dates, date_kinds, dates_clean
from tests.conftest import NO_SHARED_DATA
from tests.feeds._samples import SAMPLE, sample_texts

ORIGIN = Origin("feed.jsonl", "line 1")
DATE_KEYS = ["date", "dateSigned", "startDate", "endDate", "datePublished"]
NEAR_KEYS = ["updateDate", "Date", "date ", "dates", "", "x", "period", "items"]
VALUES = [
    "", "1900-01-01", "1901-01-01", "2099-12-31", "2100-01-01", "0207-05-15", "190", "5", "12-3",
    "2017-05-02T00:00:00Z", "x", "\u0661\u0669\u0660\u0660-01-01", "19\u00e900", "\"1900", "\\1900",
    "1900\u0661", "2017\u0000", " 1900", "\u00e9", "\n", "\u00b2\u2070\u00b2\u2070-01-01",
]  # fmt: skip


def walked(release: Any) -> tuple[dict[str, int], dict[str, str]]:
    stats = ReadStats()
    check_dates(release, ORIGIN, stats)
    return dict(stats.defects), dict(stats.examples)


def escape_some(text: str, draw: st.DrawFn) -> str:
    """``text`` with some of its printable ASCII letters and digits written as ``\\u`` escapes
    (valid JSON, the same value)."""
    out: list[str] = []
    inside = False
    skip = 0  # characters of an escape already in the text
    for char in text:
        if skip:
            skip = 4 if out[-1] == "\\" and char == "u" else skip - 1
        elif inside and char == "\\":
            skip = 1
        elif char == '"':
            inside = not inside
        elif inside and char.isascii() and char.isalnum() and draw(st.integers(0, 5)) == 0:
            char = f"\\u{ord(char):04x}"
        out.append(char)
    return "".join(out)


scalars = st.sampled_from(VALUES) | st.integers(0, 2) | st.none()
trees = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(DATE_KEYS + NEAR_KEYS), inner, max_size=4)
    ),
    max_leaves=20,
)
releases = st.dictionaries(st.sampled_from(DATE_KEYS + NEAR_KEYS + ["tender"]), trees, max_size=5)


@st.composite
def release_lines(draw: st.DrawFn) -> bytes:
    """A release as a feed's line: compact or spaced, raw or ASCII-escaped, some letters and
    digits escaped, sometimes a key repeated with an earlier value."""
    release = draw(releases)
    text = json.dumps(
        release,
        ensure_ascii=draw(st.booleans()),
        separators=draw(st.sampled_from([(",", ":"), (", ", ": "), (" ,", " :\t")])),
    )
    if draw(st.booleans()):
        text = escape_some(text, draw)
    if draw(st.booleans()) and len(text) > 2:
        key, value = draw(st.sampled_from(DATE_KEYS)), draw(st.sampled_from(VALUES))
        text = "{" + json.dumps(key) + ":" + json.dumps(value) + "," + text[1:]
    return text.encode("utf-8", "surrogatepass")


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(release_lines())
def test_a_line_called_clean_holds_no_date_the_walk_would_count(line: bytes) -> None:
    release = json.loads(line)
    if dates_clean(line):
        assert walked(release) == ({}, {})


@pytest.mark.parametrize(
    "line",
    [
        b'{"date": ""}',
        b'{"a": {"b": [{"endDate": "1900-01-01"}]}}',
        b'{"d\\u0061te": "2100"}',
        b'{"date": "\\u0031900"}',
        b'{"date" :\t"0207"}',
        b'{"date": "\xd9\xa1\xd9\xa9\xd9\xa0\xd9\xa0"}',
        b'{"startDate": "19"}',
        b'{"date": "1900", "date": "2020"}',
    ],
)
def test_a_line_that_may_hold_a_date_to_count_is_not_called_clean(line: bytes) -> None:
    assert not dates_clean(line)


def test_a_line_of_plain_dates_is_clean() -> None:
    line = b'{"date": "2020-01-01", "tender": {"tenderPeriod": {"startDate": "1999", "x": ""}}}'
    assert dates_clean(line)
    assert dates_clean(b'{"dateSigned": "n/a", "datePublished": "12-3"}')


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(releases, min_size=1, max_size=4), st.lists(st.booleans(), max_size=4))
def test_counting_dates_gives_the_walks_counts_and_first_examples(
    batch: list[dict[str, Any]], seeded: list[bool]
) -> None:
    walked_stats, counted_stats = ReadStats(), ReadStats()
    for index, release in enumerate(batch):
        origin = Origin("feed.jsonl", f"line {index + 1}")
        check_dates(release, origin, walked_stats)
        count_dates(release, origin, counted_stats)
    assert list(counted_stats.defects.items()) == list(walked_stats.defects.items())
    assert counted_stats.examples == walked_stats.examples


@given(releases)
@settings(deadline=None)
def test_the_kinds_read_from_compact_json_are_the_walks(release: dict[str, Any]) -> None:
    pytest.importorskip("orjson")
    assert date_kinds(release) == set(walked(release)[0])


def test_without_orjson_dates_are_counted_by_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parse, "orjson", None)
    assert date_kinds({"date": ""}) is None
    stats = ReadStats()
    count_dates({"a": [{"date": ""}]}, ORIGIN, stats)
    assert stats.examples == {"empty_date": "feed.jsonl: line 1: a[0].date"}


def test_a_release_orjson_cannot_write_is_counted_by_the_walk() -> None:
    stats = ReadStats()
    count_dates({"date": "1900", "n": 2**70}, ORIGIN, stats)
    assert stats.examples == {"placeholder_date": "feed.jsonl: line 1: date = '1900'"}


def read_all(path: Path) -> list[Any]:
    stats = ReadStats()
    read = [(p.ocid, p.release, [str(o) for o in p.origins]) for p in read_ocds(path, stats=stats)]
    return [read, dict(stats.defects), stats.examples, stats.processes, stats.skipped]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(release_lines(), min_size=1, max_size=6))
def test_a_feed_reads_the_same_with_and_without_orjson(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[bytes]
) -> None:
    feed = tmp_path / "feed.jsonl"
    body = []
    for index, line in enumerate(lines):
        rest = line[1:]
        comma = b"" if rest.lstrip().startswith(b"}") else b", "
        body.append(b'{"ocid": "o-%d", "tag": ["compiled"]' % index + comma + rest)
    feed.write_bytes(b"\n".join(body))
    fast = read_all(feed)
    with monkeypatch.context() as patch:
        patch.setattr(_parse, "orjson", None)
        plain = read_all(feed)
    assert fast == plain


def test_a_date_of_superscript_digits_is_read_not_a_crash(tmp_path: Path) -> None:
    # "²⁰²⁰" are digits to str.isdigit that int() refuses: once an internal error.
    feed = tmp_path / "feed.jsonl"
    release = {"ocid": "ocds-x-1", "id": "1", "date": "\u00b2\u2070\u00b2\u2070-01-01"}
    feed.write_text(json.dumps(release, ensure_ascii=False) + "\n", "utf-8")
    stats = ReadStats()
    assert [p.ocid for p in read_ocds(feed, validate=False, stats=stats)] == ["ocds-x-1"]
    assert "placeholder_date" not in stats.defects


KEYED_PAIR = re.compile(
    rb'[{,]"(?:date|dateSigned|startDate|endDate|datePublished)":"(?!'
    + defects._PLAUSIBLE_HEAD
    + rb')((?:[^"\\]|\\.)*)"'
)
"""The suspect-pair pattern as first written, from the ``[{,]`` before the key: the reference
for the faster one that starts at the key's ``ate``."""
TRICKY_KEYS = DATE_KEYS + NEAR_KEYS + ["update", "xdate", "Date", "mandate", "dateSignedX"]
TRICKY_VALUES = [*VALUES, '","date":"1900', '{"date":"', "ate", 'ate":"', "\\", "a\\"]


def suspect_values(pattern: re.Pattern[bytes], text: bytes) -> list[bytes]:
    return [match[1] for match in pattern.finditer(text)]


tricky_trees = st.recursive(
    st.sampled_from(TRICKY_VALUES) | st.integers(0, 2),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(TRICKY_KEYS) | st.sampled_from(TRICKY_VALUES), inner)
    ),
    max_leaves=25,
)


@settings(max_examples=1500, deadline=None)
@given(tricky_trees)
def test_the_suspect_pairs_found_from_the_key_are_those_found_from_before_it(tree: Any) -> None:
    text = _parse.canonical_json(tree)
    assert text is not None
    assert suspect_values(defects._SUSPECT_PAIR, text) == suspect_values(KEYED_PAIR, text)


def test_every_real_sample_release_gives_the_same_suspect_pairs_and_the_walks_kinds() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    releases = [p.release for p in read_ocds(SAMPLE, validate=False)]
    suspects = 0
    for release in releases:
        text = _parse.canonical_json(release)
        assert text is not None
        found = suspect_values(defects._SUSPECT_PAIR, text)
        assert found == suspect_values(KEYED_PAIR, text)
        assert date_kinds(release) == set(walked(release)[0])
        suspects += len(found)
    assert len(releases) > 300
    assert suspects > 0  # real data holds empty dates: the comparison is not idle


def clean_as_first_written(text: bytes) -> bool:
    """dates_clean as first written: the escape pattern searched from the start of the text."""
    if defects._SUSPECT_DATE.search(text) is not None:
        return False
    return text.find(b"\\") < 0 or defects._ESCAPED_ASCII.search(text) is None


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(release_lines())
def test_a_line_is_clean_exactly_when_it_was_before_the_escape_search_skipped_ahead(
    line: bytes,
) -> None:
    assert dates_clean(line) == clean_as_first_written(line)


def test_every_real_sample_file_is_clean_exactly_when_it_was_before() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    texts = sample_texts()
    assert len(texts) > 400
    assert [dates_clean(t) for t in texts] == [clean_as_first_written(t) for t in texts]
    assert len({dates_clean(t) for t in texts}) == 2  # both answers occur: not an idle test
