"""Fuzzing every reader: a mutated real input ends in a report or a documented error.

Seeds are the examples, the shipped packs, the waivers and what-if examples, reports of the
examples, and the list fixtures (``tests/fuzzing.py`` says how they are mutated). The invariant:
through the API, every case returns or raises a ``RiskkitError``; through the CLI, every case
exits 0, 1 or 2 without "internal error". Examples are bounded so that the whole file runs in
well under a minute; ``RISKKIT_FUZZ_SCALE=10 pytest tests/test_fuzz.py`` runs ten times as
many, and ``bench/fuzz.py`` runs longer still and counts outcomes.

The random cases draw the hostile values behind issue 12 items 3, 4 and 6 too (9999-12-31,
integers of 5,000 digits, lone surrogates); explicit cases below reach each of them for sure.
"""

from __future__ import annotations

import functools
import json
import os
import random
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.support.fuzzing import (
    EXAMPLES,
    LAST_DAY,
    LONE_SURROGATE,
    READERS,
    Mutator,
    Outcome,
    Seed,
    classify,
    classify_cli,
    cli_argv,
    run_api,
    seeds,
    write_case,
)

SCALE = float(os.environ.get("RISKKIT_FUZZ_SCALE", "1"))
# derandomize: CI runs the same cases as a developer's machine (a failure reproduces as is);
# bench/fuzz.py is where new cases are looked for.
API = settings(
    max_examples=max(1, int(120 * SCALE)),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CLI = settings(API, max_examples=max(1, int(12 * SCALE)))


def _seeds_of(reader: str) -> list[Seed]:
    return [s for s in seeds() if s.reader == reader]


def _explain(seed: Seed, name: str, data: bytes, outcome: Outcome) -> str:
    shown = data[:2000] + (b"..." if len(data) > 2000 else b"")
    return f"{seed.reader} {seed.name} -> {name}: {outcome.kind}: {outcome.detail}\n{shown!r}"


def test_every_seed_is_read_cleanly() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for i, seed in enumerate(seeds()):
            path = write_case(Path(tmp) / str(i), seed, seed.name, seed.data)
            outcome = classify(functools.partial(run_api, seed, path))
            assert outcome.kind == "report", _explain(seed, seed.name, seed.data, outcome)


def test_there_are_seeds_for_every_reader_and_list_format() -> None:
    assert {s.reader for s in seeds()} == set(READERS)
    names = {s.name for s in seeds() if s.reader == "list"}
    assert {"sdn.csv", "dpl.txt", "un.xml", "csl.json", "csl.csv", "targets.simple.csv"} <= names


@pytest.mark.parametrize("reader", READERS)
@API
@given(rng=st.randoms(use_true_random=False), pick=st.integers(min_value=0))
def test_a_mutated_input_ends_in_a_report_or_a_documented_error(
    reader: str, rng: random.Random, pick: int
) -> None:
    choices = _seeds_of(reader)
    seed = choices[pick % len(choices)]
    name, data = Mutator(rng).mutate(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_case(Path(tmp), seed, name, data)
        outcome = classify(lambda: run_api(seed, path))
    note(outcome.kind)
    assert not outcome.internal, _explain(seed, name, data, outcome)


@pytest.mark.parametrize("reader", READERS)
@CLI
@given(rng=st.randoms(use_true_random=False), pick=st.integers(min_value=0))
def test_the_cli_exits_0_1_or_2_on_a_mutated_input(
    reader: str, rng: random.Random, pick: int
) -> None:
    choices = _seeds_of(reader)
    seed = choices[pick % len(choices)]
    name, data = Mutator(rng).mutate(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_case(Path(tmp), seed, name, data)
        argv = cli_argv(seed, path, rng)
        outcome = classify_cli(argv)
    assert not outcome.internal, f"riskkit {' '.join(argv)}\n" + _explain(seed, name, data, outcome)


# Values behind issue 12 items 3, 4 and 6, each placed where it used to break a reader.


def _case(tmp_path: Path, reader: str, name: str, data: bytes) -> Outcome:
    seed = next(s for s in seeds() if s.reader == reader and s.name.startswith(Path(name).stem))
    path = write_case(tmp_path, seed, name, data)
    return classify(lambda: run_api(seed, path))


def _good_json(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("reader", ["procurement", "report", "list"])
def test_an_integer_of_5000_digits_is_a_documented_error(tmp_path: Path, reader: str) -> None:
    digits = "9" * 5000
    if reader == "procurement":
        text = json.dumps(_good_json(EXAMPLES / "clean-eu-municipal-cctv.toml"), default=str)
        name, data = (
            "clean-eu-municipal-cctv.json",
            text.replace('"quantity": 12', f'"quantity": {digits}'),
        )
    elif reader == "report":
        seed = next(s for s in seeds() if s.name == "clean-eu-municipal-cctv.json")
        name, data = (
            seed.name,
            seed.data.decode().replace('"schema_version": 1', f'"schema_version": {digits}'),
        )
    else:
        seed = next(s for s in seeds() if s.name == "csl.json")
        name, data = seed.name, seed.data.decode().replace('"total": 4', f'"total": {digits}')
    assert digits in data
    outcome = _case(tmp_path, reader, name, data.encode())
    assert not outcome.internal, outcome.detail


def test_an_owner_valid_until_9999_12_31_is_assessed(tmp_path: Path) -> None:
    name = "eu-smart-city-us-cloud.toml"
    text = (EXAMPLES / name).read_text("utf-8")
    assert "owners = [" in text
    data = text.replace("owners = [{", f"owners = [{{ valid_until = {LAST_DAY}, ", 1)
    outcome = _case(tmp_path, "procurement", name, data.encode())
    assert outcome.kind == "report", outcome.detail


def test_a_lone_surrogate_in_a_csl_json_name_is_a_documented_error_or_read(
    tmp_path: Path,
) -> None:
    seed = next(s for s in seeds() if s.name == "csl.json")
    doc = json.loads(seed.data)
    doc["results"][0]["name"] = LONE_SURROGATE
    outcome = _case(tmp_path, "list", "csl.json", json.dumps(doc).encode())
    assert not outcome.internal, outcome.detail


def test_a_lone_surrogate_in_a_report_for_diff_is_a_documented_error(tmp_path: Path) -> None:
    seed = next(s for s in seeds() if s.name == "us-police-cctv-federal-grant.json")
    doc = json.loads(seed.data)
    doc["findings"][0]["evidence"][0]["note"] = LONE_SURROGATE
    outcome = _case(tmp_path, "report", seed.name, json.dumps(doc).encode())
    assert not outcome.internal, outcome.detail
