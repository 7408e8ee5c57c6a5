"""Reading a feed as processes, merging and validating: riskkit.feeds.ocds.read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from riskkit.feeds.ocds import (
    DEFECTS,
    MAX_PROBLEMS,
    RELEASE_SCHEMA,
    FeedsExtraMissing,
    Process,
    ReadStats,
    read_ocds,
)

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str, **options: bool) -> tuple[dict[str, Process], ReadStats]:
    stats = ReadStats()
    processes = {p.ocid: p for p in read_ocds(FIXTURES / name, stats=stats, **options)}
    return processes, stats


def test_compiled_releases_pass_as_they_stand_with_their_line() -> None:
    processes, stats = read("compiled.jsonl")
    assert list(processes) == ["ocds-test-1", "ocds-test-3"]
    first = processes["ocds-test-1"]
    assert first.source == "compiled release"
    assert [o.location for o in first.origins] == ["line 1"]
    assert first.release["tender"]["title"] == "Cámaras de videovigilancia"
    assert stats.processes == 2
    assert stats.defects["release_without_ocid"] == 1
    assert stats.examples["placeholder_date"].endswith("line 3: date = '1900-01-01T00:00:00-06:00'")


def test_releases_of_one_ocid_are_merged_in_date_order() -> None:
    processes, stats = read("release-package.json")
    merged = processes["ocds-test-10"]
    assert merged.source == "merged releases"
    assert [o.location for o in merged.origins] == ["releases[0]", "releases[1]"]
    assert merged.release["tag"] == ["compiled"]
    assert merged.release["tender"]["title"] == "CCTV for the town hall"
    assert merged.release["awards"][0]["title"] == "Award for CCTV"
    assert stats.defects["tag_not_array"] == 1
    assert stats.defects["empty_date"] == 1


def test_a_json_array_of_releases_is_merged_too() -> None:
    processes, stats = read("release-array.json")
    assert processes["ocds-test-50"].release["planning"]["budget"]["description"]
    assert processes["ocds-test-50"].release["tender"]["title"] == "Sistema de videovigilancia"
    assert stats.defects["not_an_object"] == 1


def test_records_give_their_compiled_release_or_their_releases_merged() -> None:
    processes, stats = read("record-package.json")
    assert processes["ocds-test-20"].release["id"] == "20-compiled"
    assert processes["ocds-test-21"].source == "record"
    assert processes["ocds-test-21"].release["contracts"][0]["id"] == "c1"
    assert "ocds-test-22" not in processes
    assert stats.defects["record_without_content"] == 1
    assert stats.skipped == 1


def test_a_record_without_ocid_takes_its_compiled_release_ocid() -> None:
    processes, stats = read("record-without-ocid.json")
    assert list(processes) == ["ocds-test-30"]
    assert stats.defects == {"record_without_ocid": 1}
    assert stats.formats == {"record": 1}


def test_a_single_release_is_one_process_and_a_missing_id_is_counted() -> None:
    processes, stats = read("single-release.json")
    assert list(processes) == ["ocds-test-40"]
    assert stats.defects["release_without_id"] == 1


def test_merge_failures_and_warnings_are_counted_not_raised() -> None:
    processes, stats = read("merge-defects.json")
    assert list(processes) == ["ocds-test-61"]
    assert stats.defects["merge_failed"] == 1
    assert "MissingDateKeyError" in stats.examples["merge_failed"]
    assert stats.defects["duplicate_id"] == 1
    assert stats.defects["repeated_date"] == 1


def test_a_repeated_ocid_is_kept_and_counted(tmp_path: Path) -> None:
    line = json.dumps({"ocid": "dup", "id": "1", "date": "2024-01-01", "tag": ["compiled"]})
    (tmp_path / "feed.jsonl").write_text(f"{line}\n{line}\n")
    stats = ReadStats()
    assert len(list(read_ocds(tmp_path / "feed.jsonl", stats=stats))) == 2
    assert stats.defects["duplicate_ocid"] == 1


def test_schema_problems_are_reported_not_rejected_and_capped(tmp_path: Path) -> None:
    release = {
        "ocid": "bad", "id": "1", "date": "2024-01-01T00:00:00Z", "tag": ["compiled"],
        "initiationType": "tender",
        "tender": {"id": "t", "items": [{"id": str(i), "quantity": "many"} for i in range(30)]},
    }  # fmt: skip
    (tmp_path / "feed.jsonl").write_text(json.dumps(release) + "\n")
    stats = ReadStats()
    (process,) = read_ocds(tmp_path / "feed.jsonl", stats=stats)
    assert len(process.problems) == MAX_PROBLEMS and process.more_problems == 10
    assert process.problems[0].path == "$.tender.items[0].quantity"
    assert stats.defects == {"schema_problems": 1}
    (unchecked,) = read_ocds(tmp_path / "feed.jsonl", validate=False)
    assert unchecked.problems == ()


def test_a_long_schema_message_says_what_was_expected(tmp_path: Path) -> None:
    release = {"ocid": "x", "id": "1", "date": "2024-01-01T00:00:00Z", "tag": ["compiled"],
               "initiationType": "tender", "planning": [{"note": "n" * 500}]}  # fmt: skip
    (tmp_path / "feed.jsonl").write_text(json.dumps(release) + "\n")
    (process,) = read_ocds(tmp_path / "feed.jsonl")
    assert str(process.problems[0]) == "$.planning: does not satisfy type 'object'"


def test_the_bundled_schema_is_the_1_1_5_release_schema() -> None:
    schema = json.loads(RELEASE_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/1__1__5/release-schema.json")


def test_without_the_feeds_extra_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ocdsmerge", None)
    with pytest.raises(FeedsExtraMissing, match=r"pip install riskkit\[feeds\]"):
        next(read_ocds(FIXTURES / "compiled.jsonl"))


def test_every_defect_counted_in_the_fixtures_is_documented() -> None:
    stats = ReadStats()
    for _ in read_ocds(FIXTURES, stats=stats):
        pass
    assert set(stats.defects) <= set(DEFECTS)
    assert stats.files == len(list(FIXTURES.glob("*.json*")))


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
        ('{"ocid": "o", "n": ' + "9" * 5000 + "}", "a number too long to read"),
    ],
)
def test_a_hostile_line_is_a_counted_defect_not_a_crash(
    tmp_path: Path, line: str, said: str
) -> None:
    path = tmp_path / "feed.jsonl"
    good = '{"ocid": "o-1", "id": "1", "date": "2024-01-01", "tag": ["compiled"]}'
    path.write_text(f"{line}\n{good}\n", encoding="utf-8")
    stats = ReadStats()
    assert [p.ocid for p in read_ocds(path, stats=stats)] == ["o-1"]
    assert stats.defects["malformed_json"] == 1
    assert said in stats.examples["malformed_json"]
