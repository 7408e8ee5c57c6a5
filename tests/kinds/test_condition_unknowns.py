"""A policy (the ``condition`` kind) that decides on a value left out is an unknown, never a
pass: its predicates are three-valued (until 2026-12-07 a test on a value left out was false,
so a policy against face recognition passed a camera whose capabilities were left out, and the
deal could read acceptable)."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from riskkit.engine import evaluate
from riskkit.kinds.condition import evaluate_predicate
from riskkit.kinds.condition.params import Predicate
from riskkit.kinds.condition.paths import _unwrap, check_path, leaf_kind
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement, procurement_from_dict
from riskkit.packs import load_packs
from tests.conftest import EXAMPLES
from tests.kinds.test_kind_condition import _policy

DAY = date(2024, 6, 1)
EXAMPLE_DEALS = [load_procurement(path) for path in sorted(EXAMPLES.glob("*.toml"))]

# Three facts a policy may decide on, each given true, given false, or left out (None).
FACTS: dict[str, tuple[dict[str, Any], Any, Any]] = {
    "police": ({"path": "buyer.kind", "op": "eq", "value": "law_enforcement"},
               "law_enforcement", "local_government"),
    "long": ({"path": "term.end", "op": "gt", "value": date(2025, 1, 1)}, date(2026, 12, 31),
             date(2024, 12, 31)),
    "face": ({"path": "components[*].capabilities", "op": "contains",
              "value": "facial_recognition"}, ["video", "facial_recognition"], ["video"]),
}  # fmt: skip


def _deal(police: Any, long: Any, face: Any) -> Procurement:
    """A deal with each fact as given (a value) or left out (None)."""
    buyer: dict[str, Any] = {"name": "Buyer", "jurisdiction": "DE-BE:Berlin"}
    if police is not None:
        buyer["kind"] = police
    camera: dict[str, Any] = {"id": "cam", "kind": "ip_camera", "site": "s",
                              "manufacturer": "maker", "firmware_updates_by": "buyer"}  # fmt: skip
    if face is not None:
        camera["capabilities"] = face
    doc: dict[str, Any] = {
        "schema_version": 1,
        "id": "policy",
        "title": "policy",
        "buyer": buyer,
        "sites": [{"id": "s", "jurisdiction": "DE-BE:Berlin"}],
        "parties": [{"id": "maker", "name": "Neutral Maker GmbH", "incorporated_in": "DE"}],
        "components": [camera],
    }
    if long is not None:
        doc["term"] = {"start": date(2024, 1, 1), "end": long}
    return procurement_from_dict(doc, source="policy")


def _values(states: dict[str, bool | None]) -> dict[str, Any]:
    """Each fact's value for its state: True, False, or None (left out)."""
    return {
        name: None if state is None else FACTS[name][1 if state else 2]
        for name, state in states.items()
    }


EACH_FACE = {
    "each": "components[*]",
    "where": {"all": [{"path": "kind", "op": "eq", "value": "ip_camera"},
                      {"path": "capabilities", "op": "contains", "value": "facial_recognition"}]},
}  # fmt: skip
"""The face fact asked of one component, with ``each``."""


def _predicates() -> st.SearchStrategy[dict[str, Any]]:
    leaves = st.sampled_from([*(FACTS[name][0] for name in sorted(FACTS)), EACH_FACE])
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=3).map(lambda c: {"all": c}),
            st.lists(children, min_size=1, max_size=3).map(lambda c: {"any": c}),
            children.map(lambda c: {"not": c}),
        ),
        max_leaves=6,
    )


@settings(max_examples=150, deadline=None)
@given(
    _predicates(),
    st.fixed_dictionaries({name: st.sampled_from([True, False, None]) for name in FACTS}),
)
def test_a_known_answer_holds_however_the_facts_left_out_are_given(
    spec: dict[str, Any], states: dict[str, bool | None]
) -> None:
    """The invariant that makes "no finding" safe: when a policy is decided with facts left
    out, every way of giving them decides it the same way (and when it is not decided, some
    fact it reads is left out)."""
    predicate = Predicate.model_validate(spec)
    ok, evidence = evaluate_predicate(predicate, _deal(**_values(states)), DAY)
    left_out = [name for name, state in states.items() if state is None]
    if ok is None:
        assert left_out and evidence and {e.value for e in evidence} == {"not given"}
        return
    for filled in itertools.product([True, False], repeat=len(left_out)):
        complete = {**states, **dict(zip(left_out, filled, strict=True))}
        answer, _ = evaluate_predicate(predicate, _deal(**_values(complete)), DAY)
        assert answer is ok, (spec, complete)


def _check(spec: dict[str, Any], **facts: Any) -> tuple[bool | None, list[str]]:
    ok, evidence = evaluate_predicate(Predicate.model_validate(spec), _deal(**facts), DAY)
    return ok, [f"{e.path}={e.value}" for e in evidence]


FACE = FACTS["face"][0]
POLICE = FACTS["police"][0]


def test_a_test_on_a_value_left_out_is_unknown_and_names_it() -> None:
    assert _check(FACE, police="local_government", long=None, face=None) == (
        None,
        ["components[cam].capabilities=not given"],
    )


@pytest.mark.parametrize("path", ["buyer.funding[*]", "components[*].remote_access[*]"])
def test_a_list_left_out_is_one_value_not_known(path: str) -> None:
    """Each item of a list left out (``[*]`` over None) was a TypeError, a traceback, until
    2026-12-07."""
    where = path.replace("[*]", "").replace("components", "components[cam]")
    spec = {"path": path, "op": "eq", "value": "x"}
    assert _check(spec, police=None, long=None, face=None) == (None, [f"{where}=not given"])
    assert _check({**spec, "op": "missing"}, police=None, long=None, face=None)[0] is True


def test_asking_whether_a_value_is_given_is_always_known() -> None:
    given_ = {"path": "components[*].capabilities", "op": "exists"}
    missing = {"path": "buyer.kind", "op": "missing"}
    assert _check(given_, police=None, long=None, face=None)[0] is False
    assert _check(missing, police=None, long=None, face=None)[0] is True


def test_all_any_and_not_combine_an_unknown_as_three_valued_logic_does() -> None:
    unknown = {"police": None, "long": None, "face": None}
    police = {**unknown, "police": "law_enforcement"}
    assert _check({"all": [POLICE, FACE]}, **police)[0] is None
    assert _check({"all": [POLICE, FACE]}, **{**police, "police": "local_government"})[0] is False
    assert _check({"any": [POLICE, FACE]}, **police)[0] is True
    assert _check({"any": [POLICE, FACE]}, **{**police, "police": "local_government"})[0] is None
    assert _check({"not": FACE}, **police)[0] is None


def test_a_policy_on_capabilities_left_out_makes_the_deal_need_review(tmp_path: Path) -> None:
    pack = _policy(tmp_path, "components[*].capabilities", "contains", '"facial_recognition"')
    rules = load_packs([pack], builtin=False, plugins=False)
    report = evaluate(_deal("local_government", date(2026, 12, 31), None), rules, DAY)
    assert not report.findings
    [unknown] = [u for u in report.unknowns if u.rule_id == "ORG-1"]
    assert unknown.subject == "components[cam]"
    assert "components[cam].capabilities, which is not given" in unknown.explanation
    assert report.verdict == "needs_review"
    end = date(2026, 12, 31)
    report = evaluate(_deal("local_government", end, ["video"]), rules, DAY)
    assert (report.verdict, report.unknowns) == ("acceptable", ())
    report = evaluate(_deal("local_government", end, ["facial_recognition"]), rules, DAY)
    assert [(f.rule_id, f.outcome) for f in report.findings] == [("ORG-1", "restricted")]


def _every_path(model: Any = None, prefix: str = "") -> list[str]:
    """Every path ``check_path`` accepts: each field, a list with and (at the leaf) without
    ``[*]``, down to fields that hold no model."""
    model = model or Procurement
    paths = []
    for name, info in model.model_fields.items():
        many, element = _unwrap(info.annotation)
        field = f"{prefix}{info.alias or name}"
        is_model = isinstance(element, type) and issubclass(element, BaseModel)
        if not (many and is_model):
            paths.append(field)  # a list of scalars read whole, or one value
        if many:
            paths.append(f"{field}[*]")
        if is_model:
            paths += _every_path(element, f"{field}[*]." if many else f"{field}.")
    return paths


PATHS = _every_path()
OPS = {"place": ("within", "not_within", "eq"), "number": ("gt", "le", "eq"),
       "date": ("lt", "ge", "eq"), "other": ("eq", "ne", "contains", "not_in")}  # fmt: skip
VALUES = {"place": "EU", "number": 30, "date": date(2024, 1, 1), "other": "x"}


def test_every_path_a_policy_may_name_is_accepted() -> None:
    assert len(PATHS) > 60
    assert [p for p in PATHS if check_path(p) is not None] == []


@pytest.mark.parametrize("path", PATHS)
def test_every_path_reads_a_sparse_and_a_full_deal_without_error(path: str) -> None:
    """Every op that fits, and exists, on a deal with nearly every fact left out and on every
    shipped example: an answer (known or not), never a traceback."""
    kind = leaf_kind(path)
    deals = [_deal(None, None, None), *EXAMPLE_DEALS]
    for op in (*OPS[kind], "exists", "missing"):
        value = None if op in {"exists", "missing"} else VALUES[kind]
        if op == "not_in":
            value = ["x"]
        spec = {"path": path, "op": op} | ({} if value is None else {"value": value})
        predicate = Predicate.model_validate(spec)
        for deal in deals:
            ok, evidence = evaluate_predicate(predicate, deal, DAY)
            assert ok in (True, False, None)
            assert bool(evidence) == (ok is not False)
