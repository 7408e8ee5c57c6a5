"""The condition kind: declarative policies over validated model paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.kinds.condition import evaluate_predicate
from riskkit.kinds.condition.params import Predicate
from riskkit.kinds.condition.paths import check_path
from riskkit.model.loading import load_procurement
from tests.conftest import EXAMPLES

CLOUD = load_procurement(EXAMPLES / "eu-smart-city-us-cloud.toml")
DAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "path",
    ["buyer.kind", "components[*].capabilities", "data_flows[*].to.location",
     "data_flows[*].from", "parties[*].owners[*].share", "term.end"],
)  # fmt: skip
def test_paths_into_the_model_are_accepted(path: str) -> None:
    assert check_path(path) is None


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("buyer.knd", 'did you mean "kind"'),
        ("components.kind", "is a list; write components[*]"),
        ("buyer[*].kind", "is not a list"),
        ("buyer.kind.value", "goes too deep"),
        ("components[0].kind", "bad path segment"),
    ],
)
def test_bad_paths_say_what_is_wrong(path: str, problem: str) -> None:
    message = check_path(path)
    assert message is not None and problem in message


def _holds(spec: dict[str, object]) -> tuple[bool | None, list[str]]:
    ok, evidence = evaluate_predicate(Predicate.model_validate(spec), CLOUD, DAY)
    return ok, [e.path for e in evidence]


def test_a_test_on_a_list_holds_when_any_value_passes_and_names_where() -> None:
    ok, where = _holds({"path": "components[*].capabilities", "op": "contains", "value": "alpr"})
    assert ok and where == ["components[parking-alpr].capabilities"]


def test_all_any_and_not_combine() -> None:
    alpr = {"path": "components[*].capabilities", "op": "contains", "value": "alpr"}
    face = {"path": "components[*].capabilities", "op": "contains", "value": "facial_recognition"}
    assert _holds({"all": [alpr, {"not": face}]})[0]
    assert not _holds({"all": [alpr, face]})[0]
    assert _holds({"any": [face, alpr]})[0]


def test_within_uses_jurisdiction_containment() -> None:
    assert _holds({"path": "data_flows[*].to.location", "op": "within", "value": "EU"})[0]
    assert not _holds({"path": "data_flows[*].to.location", "op": "not_within", "value": "EU"})[0]


def test_numbers_compare_and_missing_asks_whether_a_value_is_given() -> None:
    assert _holds({"path": "data_flows[*].retention_days", "op": "gt", "value": 60})[0]
    assert not _holds({"path": "data_flows[*].retention_days", "op": "gt", "value": 90})[0]
    assert _holds({"path": "parties[*].headquarters", "op": "missing"})[0]


@pytest.mark.parametrize(
    "spec",
    [{}, {"path": "buyer.kind"}, {"path": "buyer.kind", "op": "eq"},
     {"path": "buyer.kind", "op": "in", "value": "x"},
     {"all": [], "path": "buyer.kind", "op": "exists"}],
)  # fmt: skip
def test_malformed_predicates_are_rejected(spec: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Predicate.model_validate(spec)


POLICY = """
[pack]
id = "my-policies"
version = "1"
title = "My policies"

[[rules]]
id = "ORG-1"
kind = "condition"
title = "A policy"
scope = ["EU"]
effective = {{ from = {effective} }}
outcome = "restricted"
severity = "medium"
confidence = "high"
rationale = "Our policy."
citations = [{{ title = "Policy 1", url = "https://example.org/policy-1" }}]
params = {{ when = {when} }}
"""


def _policy(tmp_path: Path, path: str, op: str, value: str, effective: str = "2024-01-01") -> Path:
    """A pack of one policy, ``ORG-1`` (restricted, scoped to the EU), testing ``path``."""
    return _policy_when(tmp_path, f'{{ path = "{path}", op = "{op}", value = {value} }}', effective)


def _policy_when(tmp_path: Path, when: str, effective: str = "2024-01-01") -> Path:
    """A pack of one policy, ``ORG-1`` (restricted, scoped to the EU), whose predicate is the
    TOML inline table ``when``."""
    pack = tmp_path / "policy.toml"
    pack.write_text(POLICY.format(when=when, effective=effective), encoding="utf-8")
    return pack


@pytest.mark.parametrize(
    ("path", "op", "value", "problem"),
    [
        ("components[*].kind", "within", '"EU"', "components[*].kind is not a place"),
        ("buyer.kind", "not_within", '"EU"', "buyer.kind is not a place"),
        ("buyer.kind", "gt", '"a"', "compares numbers or dates"),
        ("data_flows[*].retention_days", "gt", '"thirty"', "needs a number value"),
        ("term.end", "lt", "5", "needs a date value"),
    ],
)
def test_an_op_that_does_not_fit_the_field_fails_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, op: str, value: str,
    problem: str,
) -> None:  # fmt: skip
    pack = _policy(tmp_path, path, op, value)
    example = str(EXAMPLES / "eu-smart-city-us-cloud.toml")
    for argv in (["rules", "validate", str(pack)], ["assess", example, "--rules", str(pack)]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, err
        assert "internal error" not in err
        assert "ORG-1" in err and problem in err, err


@pytest.mark.parametrize(
    ("path", "op", "value"),
    [
        ("data_flows[*].to.location", "not_within", '"EU"'),
        ("parties[*].operates_in", "within", '"CN"'),
        ("data_flows[*].retention_days", "ge", "30"),
        ("term.end", "lt", "2030-01-01"),
        ("buyer.kind", "eq", '"local_government"'),
    ],
)
def test_an_op_that_fits_the_field_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, op: str, value: str
) -> None:
    assert main(["rules", "validate", str(_policy(tmp_path, path, op, value))]) == 0
    capsys.readouterr()
