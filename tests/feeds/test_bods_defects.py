"""What real registers get wrong is counted, never raised: files, ids, shares, cycles, diamonds."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from riskkit.feeds.bods import ReadStats, graph, read_bods
from riskkit.limits import LimitExceeded, input_limits

FIXTURES = Path(__file__).parent / "fixtures_bods"


def _entity(ref: str) -> dict[str, object]:
    return {
        "statementId": f"s-{ref}",
        "recordId": ref,
        "recordType": "entity",
        "recordStatus": "new",
        "recordDetails": {"name": ref, "isComponent": False},
    }


def _owns(owner: str, owned: str, number: int) -> dict[str, object]:
    return {
        "statementId": f"s-rel-{number}",
        "recordId": f"rel-{number}",
        "recordType": "relationship",
        "recordStatus": "new",
        "recordDetails": {"subject": owned, "interestedParty": owner, "interests": []},
    }


def write_lines(path: Path, statements: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(s) + "\n" for s in statements))
    return path


def test_a_cycle_is_reported_with_its_members_not_a_load_error() -> None:
    stats = ReadStats()
    register = read_bods(FIXTURES / "v04-cycle.json", stats=stats)
    assert len(register.relationships) == 4
    assert stats.defects["cycle"] == 2
    assert stats.cycles == [("rec-a", "rec-b", "rec-c"), ("rec-c",)]  # and a self-holding
    assert "rec-a -> rec-b -> rec-c -> rec-a" in stats.examples["cycle"]


def test_a_diamond_is_reported_once_with_the_owner_and_where_the_paths_meet() -> None:
    stats = ReadStats()
    read_bods(FIXTURES / "v04-package.json", stats=stats)
    assert stats.defects["diamond"] == 1
    assert stats.diamonds == [("rec-person", "rec-bottom")]
    assert "cycle" not in stats.defects  # the primary indirect link (with components) is not a path


def test_a_direct_second_path_is_a_diamond_at_its_owner(tmp_path: Path) -> None:
    statements = [_entity(r) for r in "abc"]
    statements += [_owns("a", "b", 1), _owns("b", "c", 2), _owns("a", "c", 3), _owns("a", "c", 4)]
    stats = ReadStats()
    read_bods(write_lines(tmp_path / "d.jsonl", statements), validate=False, stats=stats)
    assert stats.diamonds == [("a", "c")]  # the repeated a -> c link is not a second path


def test_a_long_chain_closed_into_a_cycle_is_one_cycle_listed_by_its_first_refs(
    tmp_path: Path,
) -> None:
    size = 30_000
    statements: list[object] = [_entity(f"e{i}") for i in range(size)]
    statements += [_owns(f"e{i}", f"e{i + 1}", i) for i in range(size - 1)]
    statements.append(_owns(f"e{size - 1}", "e0", size))  # one long cycle
    path = write_lines(tmp_path / "chain.jsonl", statements)
    stats = ReadStats()
    read_bods(path, validate=False, stats=stats)
    assert stats.defects["cycle"] == 1
    assert len(stats.cycles[0]) == 21 and stats.cycles[0][-1] == "…"  # listed by its first refs


def _steps_of_the_walk(edges: list[tuple[str, str]]) -> int:
    """Lines the cycle and diamond search runs over ``edges``: a count of work, not a time."""
    steps = 0
    search = graph._search.__code__

    def in_search(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal steps
        steps += event == "line"
        return in_search

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return in_search if frame.f_code is search else None

    sys.settrace(calls)
    try:
        graph.check_ownership(edges, ReadStats())
    finally:
        sys.settrace(None)
    return steps


def _chain_and_cycles(size: int) -> list[tuple[str, str]]:
    """A chain of ``size`` owners closed into a cycle, with a diamond at every tenth link."""
    edges = [(f"e{i}", f"e{i + 1}") for i in range(size - 1)] + [(f"e{size - 1}", "e0")]
    edges += [(f"e{i}", f"e{i + 2}") for i in range(0, size - 2, 10)]
    return edges


@pytest.mark.skipif(not hasattr(graph._search, "__code__"), reason="the walk is compiled")
def test_the_walk_over_cycles_and_diamonds_grows_linearly_with_the_register() -> None:
    small, large = (_steps_of_the_walk(_chain_and_cycles(n)) for n in (2_000, 8_000))
    assert small > 0
    assert large <= 4.2 * small  # four times the edges, four times the steps (16 if quadratic)


def test_bad_lines_ids_and_shares_are_counted_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    good = _owns("a", "b", 1)
    bad_share = _owns("a", "b", 2)
    bad_share["recordDetails"]["interests"] = [  # type: ignore[index]
        {"type": "shareholding", "share": {"minimum": 60, "maximum": 20}},
        {"type": "shareholding", "share": {"exact": "ten"}},
        {"share": {"exact": 5}},
    ]
    path.write_text(
        "\n".join(
            [
                json.dumps(_entity("a")),
                "{not json",
                json.dumps([1]),
                json.dumps({"statementType": "somethingElse"}),
                json.dumps({"recordType": "entity", "recordDetails": {}}),
                json.dumps(good),
                json.dumps(bad_share),
                json.dumps({"statementID": "x", "statementType": "entityStatement"}),
            ]
        )
        + "\n"
    )
    stats = ReadStats()
    register = read_bods(path, validate=False, stats=stats)
    assert stats.defects["malformed_json"] == 1
    assert stats.defects["not_a_statement"] == 2
    assert stats.defects["missing_id"] == 1
    assert stats.defects["bad_share"] == 2
    assert stats.defects["missing_field"] == 2  # an interest without a type; an unnamed entity
    assert stats.defects["unknown_reference"] == 2  # b, twice
    assert all(r.share is None for r in register.relationships)
    assert "line 2" in stats.examples["malformed_json"]
    assert stats.skipped == 1  # the line that is not JSON is the one statement lost


def test_gzip_and_folders_are_read_and_a_large_document_is_refused(tmp_path: Path) -> None:
    raw = (FIXTURES / "v04-cycle.json").read_bytes()
    (tmp_path / "one").mkdir()
    with gzip.open(tmp_path / "one" / "cycle.json.gz", "wb") as out:
        out.write(raw)
    stats = ReadStats()
    assert len(read_bods(tmp_path / "one", stats=stats).entities) == 3 and stats.files == 1
    with input_limits(input_bytes=1000), pytest.raises(LimitExceeded):
        read_bods(FIXTURES / "v04-cycle.json")


def test_a_line_over_the_limit_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    long = _entity("long")
    long["recordDetails"]["name"] = "x" * 2000  # type: ignore[index]
    path = write_lines(tmp_path / "l.jsonl", [_entity("a"), long, _entity("b")])
    stats = ReadStats()
    with input_limits(input_bytes=1000):
        register = read_bods(path, validate=False, stats=stats)
    assert set(register.entities) == {"a", "b"} and stats.defects["line_too_long"] == 1
    assert stats.skipped == 1
