"""Parsing a feed's line with orjson gives exactly what the standard library gives: the same
value (types, key order, -0.0, big integers) and the same defects, on hostile lines and on
generated JSON text."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.feeds import _parse
from riskkit.feeds._parse import SHALLOW, decode, parse_bytes, parse_text
from riskkit.feeds.ocds import Origin, ReadStats
from tests.conftest import NO_SHARED_DATA
from tests.feeds._samples import SAMPLE, sample_texts

pytest.importorskip("orjson")

ORIGIN = Origin("feed.jsonl", "line 1")


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 is not 1.0, -0.0 is not 0.0, key order
    counts, NaN equals NaN); a loop, not recursion, as the values may be deep."""
    pending = [(a, b)]
    while pending:
        x, y = pending.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, float):
            if not (math.isnan(x) and math.isnan(y)) and (
                x != y or math.copysign(1, x) != math.copysign(1, y)
            ):
                return False
        elif isinstance(x, dict):
            if list(x) != list(y):
                return False
            pending.extend((x[k], y[k]) for k in x)
        elif isinstance(x, list):
            if len(x) != len(y):
                return False
            pending.extend(zip(x, y, strict=True))
        elif x != y:
            return False
    return True


def outcome(raw: bytes, *, fast: bool) -> tuple[bool, Any, dict[str, int], dict[str, str]]:
    stats = ReadStats()
    if fast:
        ok, value = parse_bytes(raw, ORIGIN, stats)
    else:
        ok, value = parse_text(decode(raw, ORIGIN, stats), ORIGIN, stats)
    return ok, value, dict(stats.defects), dict(stats.examples)


def assert_same_outcome(raw: bytes) -> None:
    fast, plain = outcome(raw, fast=True), outcome(raw, fast=False)
    assert fast[0] == plain[0]
    assert same(fast[1], plain[1]), (fast[1], plain[1])
    assert fast[2:] == plain[2:]


def nested(depth: int, opening: str = "[", closing: str = "]") -> bytes:
    return (opening * depth + closing * depth).encode()


HOSTILE = [
    b'\xef\xbb\xbf{"ocid": "o"}',  # a byte order mark
    b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    b'{"a": 1e400, "b": -1e400, "c": 1e-400}',
    b'{"a": 123456789012345678901234567890}',
    b'{"a": 18446744073709551616, "b": -9223372036854775809}',
    b'{"a": 9223372036854775807, "b": -9223372036854775808, "c": 18446744073709551615}',
    b'{"a": "1234567890123456789012"}',  # a long run of digits in a string
    b'{"n": ' + b"9" * 5000 + b"}",  # past Python's digit limit
    b'{"a": "\\ud800"}',  # a lone surrogate
    b'{"a": "\\udc00\\ud800x"}',
    b'{"a": "\xff\xfe"}',  # not UTF-8
    b'{"a": "caf\xe9"}',
    b"\xed\xa0\x80",
    b'{"a": 1, "b": 2, "a": 3}',  # a duplicate key
    b'{"a": -0, "b": -0.0, "c": 0.1, "d": 5e-324, "e": 1E5, "f": 0.30000000000000004}',
    b'{"a": "\\u0000\\u001f\\/\\"\\\\"}',
    b'{"a": "\x01"}',  # a raw control character
    b'  \t{"a": [1, 2, {}]}\r\n',
    b'\x0c{"a": 1}',
    b'{"a": 1}\x00',
    b'{"a": 1,}',
    b"[01]",
    b"[1.]",
    b'"just a string"',
    b"[]",
    b"null",
    nested(200_000),
    nested(2_000),
    nested(1_024),
    nested(1_025),
    nested(1_000),
    nested(990),
    nested(600),
    nested(300),
    nested(SHALLOW),
    nested(SHALLOW + 1),
    b"".join([b'{"a":'] * 700) + b"1" + b"}" * 700,
    b"[" + b",".join([b"[]"] * 3_000) + b"]",  # many brackets, shallow
    b'["' + b"[" * 3_000 + b'"]',  # brackets inside a string
]


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_line_reads_as_the_standard_library_reads_it(raw: bytes) -> None:
    assert_same_outcome(raw)


def test_without_orjson_the_standard_library_reads_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_parse, "orjson", None)
    assert outcome(b'{"a": [1, 2.5, "x"]}', fast=True)[1] == {"a": [1, 2.5, "x"]}
    assert _parse.canonical_json({"a": 1}) is None


def test_a_line_orjson_refuses_is_counted_as_the_standard_library_counts_it() -> None:
    ok, _, defects, examples = outcome(b'{"a": 1,}', fast=True)
    assert not ok
    assert defects == {"malformed_json": 1}
    assert examples["malformed_json"].startswith("feed.jsonl: line 1: Expecting property name")
    ok, value, defects, _ = outcome(b'{"a": "\xff"}', fast=True)
    assert ok and value == {"a": "\ufffd"} and defects == {"not_utf8": 1}


def test_a_wide_shallow_line_is_read_by_orjson_and_a_deep_one_by_the_standard_library(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real = _parse.parse_text

    def spy(text: str, origin: Origin, stats: Any) -> tuple[bool, Any]:
        calls.append(text[:1])
        return real(text, origin, stats)

    monkeypatch.setattr(_parse, "parse_text", spy)
    outcome(b"[" + b",".join([b"[]"] * 3_000) + b"]", fast=True)
    assert calls == []
    outcome(nested(600), fast=True)
    assert calls == ["["]


scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=25,
)


@st.composite
def json_texts(draw: st.DrawFn) -> bytes:
    """JSON text as feeds write it (compact or spaced, escaped or raw, with a BOM, NaN, lone
    surrogates, duplicate keys), sometimes damaged."""
    value = draw(values)
    text = json.dumps(
        value,
        ensure_ascii=draw(st.booleans()),
        separators=draw(st.sampled_from([(",", ":"), (", ", ": "), (" ,", " :\t")])),
    )
    if draw(st.booleans()) and text.startswith("{") and len(text) > 2:
        text = '{"dup": 1, ' + text[1:-1] + ', "dup": [2]}'
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b" ", b"\n"])) + raw
    if draw(st.integers(0, 4)) == 0 and raw:
        at = draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=3)) + raw[at + 1 :]
    return raw


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_texts())
def test_generated_json_text_reads_as_the_standard_library_reads_it(raw: bytes) -> None:
    assert_same_outcome(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_any_bytes_read_as_the_standard_library_reads_them(raw: bytes) -> None:
    assert_same_outcome(raw)


SHAPES = bytes(48 if 48 <= byte <= 57 else 91 if byte in b"[{" else 32 for byte in range(256))


def shape_as_first_written(raw: bytes) -> tuple[bool, int]:
    """The shape test as first written: one translation (digits to ``0``, opening brackets to
    ``[``), searched for 19 ``0`` and counted for ``[``: the reference for text_shape."""
    shapes = raw.translate(SHAPES)
    return b"0" * 19 in shapes, shapes.count(b"[")


@pytest.mark.parametrize(
    "raw",
    [
        b"1" * 19,
        b"1" * 18,
        b'["1234567890[123456789"]',  # two runs joined once the bracket is dropped: no run
        b'["12345678901234567890{"]',
        b"[{" * 300 + b"0" * 18 + b"{[1",
        b"\xff9999999999999999999\xff",
        b"",
    ],
)
def test_the_shape_of_a_text_is_what_one_translation_gave(raw: bytes) -> None:
    assert _parse.text_shape(raw) == shape_as_first_written(raw)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from([b"7", b"6789012345", b"[", b"{", b"]", b'"', b" ", b"\xe9"])))
def test_any_text_of_digits_and_brackets_has_the_shape_one_translation_gave(
    parts: list[bytes],
) -> None:
    raw = b"".join(parts)
    assert _parse.text_shape(raw) == shape_as_first_written(raw)


def test_every_real_sample_has_the_shape_one_translation_gave() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    texts = sample_texts()
    assert len(texts) > 400
    shapes = [_parse.text_shape(text) for text in texts]
    assert shapes == [shape_as_first_written(text) for text in texts]
    assert any(long_run for long_run, _ in shapes)  # real data holds long runs (ids, phones)
    assert any(opening > SHALLOW for _, opening in shapes)
