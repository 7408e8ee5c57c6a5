"""The fast paths of reading give exactly what the plain ones give: the compiled schema check
(riskkit.feeds.ocds.fast_schema) against jsonschema's Draft4Validator, and the date scan
(riskkit.feeds.ocds.defects.check_dates) against the walk it replaced."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema._utils import uniq

from riskkit.feeds.ocds import Origin, ReadStats, read_ocds
from riskkit.feeds.ocds.defects import check_dates
from riskkit.feeds.ocds.fast_schema import CompiledSchema, inline_refs, release_checker
from riskkit.feeds.ocds.fast_schema.unique import distinct as _distinct
from riskkit.feeds.ocds.schema import release_schema
from riskkit.feeds.ocds.validate import capped_problems
from tests.conftest import NO_SHARED_DATA, SHARED_DATA

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = SHARED_DATA / "ocds" / "sample-data"
PLAIN = jsonschema.Draft4Validator(release_schema())
FAST = release_checker(release_schema())


def problems(validator: Any, release: Any) -> list[tuple[str, str, str, str]]:
    return [
        (e.json_path, e.message, str(e.validator), repr(e.validator_value))
        for e in validator.iter_errors(release)
    ]


def test_the_release_schema_compiles_with_every_reference_inlined() -> None:
    assert isinstance(FAST, CompiledSchema)
    assert "$ref" not in json.dumps(inline_refs(release_schema()))


def test_a_schema_that_cannot_be_compiled_is_checked_by_jsonschema_itself() -> None:
    cyclic = {"definitions": {"Node": {"properties": {"next": {"$ref": "#/definitions/Node"}}}},
              "$ref": "#/definitions/Node"}  # fmt: skip
    assert isinstance(release_checker(cyclic), jsonschema.Draft4Validator)
    assert isinstance(release_checker({"not": {"type": "string"}}), jsonschema.Draft4Validator)


def test_every_process_read_has_the_problems_jsonschema_finds(tmp_path: Path) -> None:
    broken = [
        {"ocid": "ocds-1", "id": "1", "tag": "compiled", "date": "2020-01-01",
         "tender": {"items": [{"id": "1", "quantity": "two"}, {"id": "1", "quantity": "two"}],
                    "value": {"amount": "9", "currency": "PESOS"}, "status": "abierto"}},
        {"ocid": "ocds-2", "tag": ["compiled"], "parties": [{"id": 7, "roles": "buyer"}] * 2,
         "awards": [{"id": "a", "suppliers": [{"name": None}], "date": 2020}]},
    ]  # fmt: skip
    (tmp_path / "broken.jsonl").write_text("\n".join(json.dumps(r) for r in broken))
    processes = list(read_ocds([FIXTURES, tmp_path / "broken.jsonl"]))
    assert sum(1 for p in processes if p.problems) == 2
    for process in processes:
        assert (process.problems, process.more_problems) == capped_problems(PLAIN, process.release)


def test_every_real_sample_release_has_the_problems_jsonschema_finds() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    releases = [p.release for p in read_ocds(SAMPLE, validate=False)]
    found = 0
    for release in releases:
        expected = problems(PLAIN, release)
        assert problems(FAST, release) == expected
        found += len(expected)
    assert len(releases) > 300
    assert found > 900  # real data breaks the schema in many ways: the comparison is not idle


SCHEMA_WORDS = sorted(
    {"ocid", "id", "date", "tag", "initiationType", "parties", "roles", "identifier", "scheme",
     "buyer", "tender", "items", "classification", "description", "quantity", "unit", "value",
     "amount", "currency", "awards", "suppliers", "contracts", "status", "procurementMethod",
     "mainProcurementCategory", "documents", "period", "startDate", "endDate", "title", "name",
     "additionalClassifications", "awardID", "language", "relatedProcesses", "milestones",
     "minValue", "planning", "budget", "amendments", "implementation", "transactions", "url"}
)  # fmt: skip
"""Property names of the release schema, so generated releases reach deep into it."""
CODES = ["tender", "compiled", "planning", "open", "active", "MXN", "USD", "goods", "XXX", ""]

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([1.0, 0.0, -0.0, math.inf, 2.5, 10**20])
    | st.sampled_from(CODES)
    | st.text(max_size=4)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4).flatmap(
            lambda items: st.just(items + items[:1]) | st.just(items)  # duplicates for uniqueItems
        )
        | st.dictionaries(st.sampled_from(SCHEMA_WORDS) | st.text(max_size=3), inner, max_size=5)
    ),
    max_leaves=30,
)
releases = st.dictionaries(st.sampled_from(SCHEMA_WORDS), json_values, max_size=10)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(releases)
def test_generated_releases_have_the_problems_jsonschema_finds(release: dict[str, Any]) -> None:
    assert problems(FAST, release) == problems(PLAIN, release)


@settings(deadline=None)
@given(st.lists(json_values, max_size=6).flatmap(lambda xs: st.just(xs + xs[:1]) | st.just(xs)))
def test_a_list_called_distinct_is_one_jsonschema_calls_unique(items: list[Any]) -> None:
    if _distinct(items):
        assert uniq(items)


def test_objects_that_differ_only_deep_inside_are_distinct_and_equal_ones_are_not() -> None:
    one = {"id": "1", "value": {"amount": 1}}
    assert _distinct([one, {"id": "1", "value": {"amount": True}}])
    assert not _distinct([one, {"value": {"amount": 1.0}, "id": "1"}])
    assert not _distinct([{"id": math.nan}, {"id": math.nan}])  # left to jsonschema


def walk_dates(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """The walk check_dates used before it was made fast: the oracle."""
    keys = {"date", "dateSigned", "startDate", "endDate", "datePublished"}
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else str(key)
            if key in keys and isinstance(value, str):
                yield where, value
            elif isinstance(value, dict | list):
                yield from walk_dates(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from walk_dates(value, f"{path}[{index}]")


def dates_before(release: dict[str, Any]) -> dict[str, str]:
    found: dict[str, str] = {}
    for path, value in walk_dates(release, ""):
        head = value[:4]
        if value == "":
            found.setdefault("empty_date", path)
        elif head.isdigit() and not 1901 <= int(head) <= 2099:
            found.setdefault("placeholder_date", f"{path} = {value!r}")
        if len(found) == 2:
            break
    return found


date_values = st.sampled_from(["", "1900-01-01", "2017-05-02T00:00:00Z", "0207-05-15", "2100", "x"])
dated = st.recursive(
    date_values | st.integers(0, 2),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["date", "startDate", "endDate", "period", "items", "", "dateSigned"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=25,
)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(["date", "tender", "awards", "", "x"]), dated, max_size=4))
def test_the_date_scan_counts_what_the_walk_before_it_counted(release: dict[str, Any]) -> None:
    stats = ReadStats()
    check_dates(release, Origin("feed.jsonl", "line 1"), stats)
    expected = dates_before(release)
    assert dict(stats.defects) == dict.fromkeys(expected, 1)
    assert stats.examples == {k: f"feed.jsonl: line 1: {v}" for k, v in expected.items()}
