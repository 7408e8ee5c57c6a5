"""The compiled schema check (riskkit.feeds.ocds.fast_schema) reports what jsonschema's
Draft4Validator reports, in its order and words, on real releases broken the ways real data
breaks: wrong types, missing required fields, values outside a codelist, dates in other formats,
values nested one level too deep or too shallow, repeated array items, empty strings."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.feeds.ocds import read_ocds
from riskkit.feeds.ocds.fast_schema import CompiledSchema, release_checker
from riskkit.feeds.ocds.fast_schema.proof import NEVER, Prover, holds
from riskkit.feeds.ocds.fast_schema.unique import distinct
from tests.conftest import NO_SHARED_DATA, SHARED_DATA
from tests.feeds.test_ocds_read_speed_invariants import FAST, PLAIN, problems
from tests.support.compiled import compiled_files

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = SHARED_DATA / "ocds" / "sample-data"


def sample_releases() -> list[dict[str, Any]]:
    """A release of each kind the fixtures hold, and of every publisher when the samples are
    there (so the mutations reach the shapes real feeds have)."""
    roots = [FIXTURES, *(sorted(SAMPLE.iterdir()) if SAMPLE.is_dir() else [])]
    found: list[dict[str, Any]] = []
    for root in roots:
        found.extend(p.release for p in read_ocds(root, validate=False))
    return found


RELEASES = sample_releases()


def places(node: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key or index) in ``node``, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield node, key
            yield from places(value)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield node, index
            yield from places(value)


# Each draw is a fresh copy: a later mutation ("repeat", "variant") may change the list or dict
# it put in, and a shared one would change what the next example draws (hypothesis then calls
# the strategy flaky).
WRONG: st.SearchStrategy[object] = st.sampled_from(
    [None, True, 0, -1, 2.5, "", "abierto", "MXN ", "2020-13-45", "01/02/2020", [], {}, ["x"]]
).map(copy.deepcopy)

CODELIST_FIELDS = {"currency", "status", "procurementMethod", "initiationType", "awardCriteria",
                   "mainProcurementCategory", "submissionMethod", "roles"}  # fmt: skip


def mutate(release: dict[str, Any], draw: Any) -> dict[str, Any]:
    broken = copy.deepcopy(release)
    for _ in range(draw(st.integers(1, 3))):
        spots = list(places(broken))
        if not spots:
            break
        container, key = spots[draw(st.integers(0, len(spots) - 1))]
        value = container[key]
        how = draw(
            st.sampled_from(["wrong", "drop", "nest", "unnest", "repeat", "variant", "code"])
        )
        if how == "code":  # a codelist field of the release, wherever one is
            coded = [(c, k) for c, k in spots if isinstance(c, dict) and k in CODELIST_FIELDS]
            if coded:
                container, key = coded[draw(st.integers(0, len(coded) - 1))]
                container[key] = draw(WRONG | st.sampled_from(["Tender", "usd", "goods"]))
        elif how == "wrong":
            container[key] = draw(WRONG)
        elif how == "drop" and isinstance(container, dict):
            del container[key]
        elif how == "nest":
            container[key] = draw(st.sampled_from([[value], {"value": value}]))
        elif how == "unnest" and isinstance(value, list | dict) and value:
            container[key] = next(iter(value.values())) if isinstance(value, dict) else value[0]
        elif how == "repeat" and isinstance(value, list) and value:
            value.append(copy.deepcopy(value[0]))
        elif how == "variant" and isinstance(value, dict):
            value[draw(st.sampled_from(["title_es", "name_en", "description_fr-CA", "x_y"]))] = (
                draw(WRONG)
            )
    return broken


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_real_releases_broken_at_random_have_the_problems_jsonschema_finds(data: Any) -> None:
    release = RELEASES[data.draw(st.integers(0, len(RELEASES) - 1))]
    broken = mutate(release, data.draw)
    assert problems(FAST, broken) == problems(PLAIN, broken)


def test_the_mutated_releases_come_from_the_real_samples_when_they_are_there() -> None:
    if not SAMPLE.is_dir():
        pytest.skip(NO_SHARED_DATA)
    assert len(RELEASES) > 300


def test_a_release_proved_valid_has_no_problem_and_every_other_has_one() -> None:
    assert isinstance(FAST, CompiledSchema)
    for release in RELEASES:
        if holds(FAST.rule, release):
            assert problems(PLAIN, release) == []


def test_a_currency_outside_the_codelist_is_worded_as_jsonschema_words_it() -> None:
    release = {"ocid": "ocds-1", "id": "1", "date": "2020-01-01", "tag": ["compiled"],
               "initiationType": "tender",
               "tender": {"id": "t", "value": {"amount": 1, "currency": "PESOS"}}}  # fmt: skip
    found = problems(FAST, release)
    assert found == problems(PLAIN, release)
    assert found[0][0] == "$.tender.value.currency"
    assert found[0][1].startswith("'PESOS' is not one of ['ADP', ")


def test_a_codelist_jsonschema_words_differently_is_left_to_jsonschema() -> None:
    schema = {"properties": {"status": {"enum": ["open", 1]}}}
    checker = release_checker(schema)
    for value in ("shut", 2, None, True, "open", 1):
        assert problems(checker, {"status": value}) == problems(
            jsonschema.Draft4Validator(schema), {"status": value}
        )


def test_a_schema_that_constrains_nothing_is_never_visited() -> None:
    prover = Prover(PLAIN.VALIDATORS, checks_formats=False)
    assert prover.rule({"title": "Anything", "description": "at all"}) is None
    assert prover.rule({"type": "chair"}) == NEVER  # jsonschema raises for an unknown type


def test_objects_told_apart_only_deep_inside_are_distinct() -> None:
    first = {"description": "Camera", "unit": {"name": "piece", "value": {"amount": 1}}}
    second = {"description": "Camera", "unit": {"name": "piece", "value": {"amount": 2}}}
    assert distinct([first, second])
    assert not distinct([first, json.loads(json.dumps(first))])
    assert distinct([{"description": "Camera", "id": "1"}, {"description": "Camera", "id": 1}])
    assert distinct([{"description": "Camera", "id": 1}, {"description": "Camera", "id": 2}])
    assert not distinct([{"id": 1, "unit": "piece"}, {"unit": "piece", "id": 1.0}])
    assert not distinct([{"id": True}, {"id": True}])


def test_the_compiled_build_compiles_the_proof_and_leaves_the_walk_python() -> None:
    files = compiled_files()
    for module in ("proof", "unique", "jsontypes"):
        assert f"src/riskkit/feeds/ocds/fast_schema/{module}.py" in files
    assert "src/riskkit/feeds/ocds/fast_schema/walk.py" not in files
