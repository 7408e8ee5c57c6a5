"""Format detection and streaming: riskkit.feeds.ocds.sources."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from riskkit.errors import InvalidInput
from riskkit.feeds import _json
from riskkit.feeds.bods import read_bods
from riskkit.feeds.ocds import ReadStats, detect, read_ocds
from riskkit.feeds.ocds.sources import feed_files, read_units
from riskkit.limits import LimitExceeded, input_limits

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("document", "form"),
    [
        ({"releases": []}, "release package"),
        ({"records": []}, "record package"),
        ({"ocid": "x", "releases": []}, "record"),
        ({"compiledRelease": {}, "releases": []}, "record"),
        ({"versionedRelease": {}}, "record"),
        ({"ocid": "x", "tag": "tender"}, "release"),
        ([{"ocid": "x"}], "array"),
        (42, "not an object"),
    ],
)
def test_detect_looks_at_the_keys_that_decide(document: object, form: str) -> None:
    assert detect(document) == form


def test_a_folder_is_read_in_sorted_order_of_feed_files(tmp_path: Path) -> None:
    for name in ("b.json", "a.jsonl", "c.txt", "d.jsonl.gz"):
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in feed_files([tmp_path])] == ["a.jsonl", "b.json", "d.jsonl.gz"]


def test_json_lines_give_each_unit_its_line_and_count_bad_lines() -> None:
    stats = ReadStats()
    units = list(read_units([FIXTURES / "compiled.jsonl"], stats))
    assert [(o.location, form) for o, form, _ in units] == [
        ("line 1", "release"),
        ("line 3", "release"),
        ("line 5", "release"),
    ]
    assert stats.defects == {"malformed_json": 1, "not_an_object": 1}
    assert stats.examples["malformed_json"].startswith(f"{FIXTURES / 'compiled.jsonl'}: line 2")
    assert stats.skipped == 2


def test_gzipped_json_lines_read_like_plain_ones(tmp_path: Path) -> None:
    packed = tmp_path / "feed.jsonl.gz"
    packed.write_bytes(gzip.compress((FIXTURES / "compiled.jsonl").read_bytes()))
    plain = [u for _, _, u in read_units([FIXTURES / "compiled.jsonl"], ReadStats())]
    assert [u for _, _, u in read_units([packed], ReadStats())] == plain


def test_packages_and_arrays_locate_each_item() -> None:
    stats = ReadStats()
    units = list(read_units([FIXTURES / "record-package.json"], stats))
    assert [(o.location, form) for o, form, _ in units] == [
        ("records[0]", "record"),
        ("records[1]", "record"),
        ("records[2]", "record"),
    ]
    units = list(read_units([FIXTURES / "release-array.json"], stats))
    assert [o.location for o, _, _ in units] == ["[0]", "[2]"]
    assert stats.examples["not_an_object"].endswith("release-array.json: [1]: str")


def test_text_that_is_not_utf8_is_counted_and_read(tmp_path: Path) -> None:
    line = json.dumps(
        {"ocid": "x", "tag": ["compiled"], "title": "Cámara"}, ensure_ascii=False
    ).encode()
    (tmp_path / "latin.jsonl").write_bytes(line.replace("á".encode(), b"\xe1") + b"\n")
    stats = ReadStats()
    units = list(read_units([tmp_path / "latin.jsonl"], stats))
    assert len(units) == 1 and stats.defects == {"not_utf8": 1}
    assert units[0][2]["title"] == "C\ufffdmara"


def test_a_line_over_the_input_limit_is_skipped_not_read(tmp_path: Path) -> None:
    small = json.dumps({"ocid": "small", "tag": ["compiled"]})
    big = json.dumps({"ocid": "big", "tag": ["compiled"], "pad": "x" * 5000})
    (tmp_path / "feed.jsonl").write_text(f"{small}\n{big}\n{small}\n")
    stats = ReadStats()
    with input_limits(input_bytes=1000):
        units = list(read_units([tmp_path / "feed.jsonl"], stats))
    assert [o.location for o, _, _ in units] == ["line 1", "line 3"]
    assert stats.defects == {"line_too_long": 1}


def test_a_json_document_over_the_input_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"releases": [{"ocid": "x", "pad": "x" * 5000}]}))
    with input_limits(input_bytes=1000), pytest.raises(LimitExceeded) as caught:
        list(read_units([path], ReadStats()))
    assert caught.value.limit == "input_bytes"
    assert "--input-limit input_bytes=" in str(caught.value)


def test_a_malformed_json_file_is_counted_with_its_line() -> None:
    stats = ReadStats()
    assert list(read_units([FIXTURES / "malformed.json"], stats)) == []
    assert stats.defects == {"malformed_json": 1}
    assert "at line 2" in stats.examples["malformed_json"]


@pytest.mark.parametrize("name", ["feed.jsonl.gz", "feed.json.gz"])
def test_a_damaged_or_truncated_gzip_file_is_a_located_error(tmp_path: Path, name: str) -> None:
    good = gzip.compress(b'{"ocid": "ocds-x-1", "id": "1", "date": "2024-01-01T00:00:00Z"}\n')
    for damaged in (b"not gzip at all\n", good[: len(good) // 2]):
        path = tmp_path / name
        path.write_bytes(damaged)
        with pytest.raises(InvalidInput) as info:
            list(read_ocds([path]))
        (problem,) = info.value.problems
        assert problem.source == str(path) and problem.message.startswith("cannot read: ")


@pytest.mark.parametrize("module", ["isal", "gzip"])
def test_isal_and_the_standard_library_read_the_same_text_and_the_same_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    if module == "isal":
        igzip = pytest.importorskip("isal.igzip", reason="the feeds extra's isal is not installed")
        assert _json.GZIP is igzip  # installed: it is the one used
    else:
        monkeypatch.setattr(_json, "GZIP", gzip)
    lines = [json.dumps({"ocid": f"o-{n}", "tag": ["compiled"], "n": n}) for n in range(300)]
    text = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "feed.jsonl.gz"
    # Two members, as a feed appended to day by day is.
    path.write_bytes(gzip.compress(text[:5000]) + gzip.compress(text[5000:]))
    with _json.open_file(path) as stream:
        assert stream.read() == text
    assert [p.ocid for p in read_ocds([path], validate=False)] == [f"o-{n}" for n in range(300)]
    whole = path.read_bytes()
    for damaged in (whole[: len(whole) // 2], whole + b"garbage", whole[:40] + bytes(60)):
        path.write_bytes(damaged)
        with pytest.raises(InvalidInput) as info:
            list(read_ocds([path], validate=False))
        assert info.value.problems[0].message.startswith("cannot read: ")


def test_a_missing_file_or_folder_is_a_located_error_for_both_readers(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    for read in (lambda: list(read_ocds([missing])), lambda: read_bods(missing)):
        with pytest.raises(InvalidInput) as info:
            read()
        assert [str(p) for p in info.value.problems] == [f"{missing}: no such file or folder"]
