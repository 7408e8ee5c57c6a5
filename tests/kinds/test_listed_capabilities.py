"""A listed-entity rule that covers only components with some capability (a pack may write
``capabilities = ["facial_recognition"]``) decides on what the component can do: left out, that
is an unknown, never "nothing" (until 2026-12-07 such a rule passed a listed maker's component
with its capabilities left out silently: no finding, no unknown, an acceptable verdict)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.packs import RuleSet
from tests.kinds.test_kind_listed_entity import NAMED, _assess, _procurement, _rules

FACE = (
    NAMED + '\naffiliates = "majority_owned"\ncapabilities = ["facial_recognition"]'
    '\nsubjects = ["components"]'
)


def _deal(maker: str, owners: list[dict[str, Any]] | None = None, **camera: Any) -> dict[str, Any]:
    """A federal agency's camera by ``maker`` (its capabilities as ``camera`` says)."""
    party: dict[str, Any] = {"id": "maker", "name": maker, "incorporated_in": "CN"}
    parties = [party]
    if owners is not None:
        party["owners"] = owners
        parties.append({"id": "listed", "name": "Listed Camera Co., Ltd.", "roles": ["owner"]})
    component = {"id": "cam", "kind": "ip_camera", "manufacturer": "maker", **camera}
    return _procurement(parties=parties, components=[component])


def _rule_outcomes(rules: RuleSet, doc: dict[str, Any]) -> tuple[list[str], list[str], str]:
    report = _assess(rules, doc)
    found = [f"{f.subject}:{f.outcome}" for f in report.findings if f.rule_id == "T-F"]
    unknown = [u.subject for u in report.unknowns if u.rule_id == "T-F"]
    return found, unknown, report.verdict


def test_capabilities_left_out_make_the_rule_an_unknown(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "F", "params": FACE})
    report = _assess(rules, _deal("Listed Camera Co., Ltd."))
    assert not [f for f in report.findings if f.rule_id == "T-F"]
    [unknown] = [u for u in report.unknowns if u.rule_id == "T-F"]
    assert unknown.subject == "components[cam]"
    assert "capabilities" in unknown.explanation
    assert "facial recognition" in unknown.explanation
    assert report.verdict == "needs_review"


@pytest.mark.parametrize(
    ("capabilities", "expected"),
    [
        (["video"], ([], [])),
        ([], ([], [])),
        (["video", "facial_recognition"], (["components[cam]:prohibited"], [])),
    ],
    ids=["video only", "none at all", "face recognition"],
)
def test_capabilities_given_decide(
    tmp_path: Path, capabilities: list[str], expected: tuple[list[str], list[str]]
) -> None:
    rules = _rules(tmp_path, {"id": "F", "params": FACE})
    found, unknown, _ = _rule_outcomes(
        rules, _deal("Listed Camera Co., Ltd.", capabilities=capabilities)
    )
    assert (found, unknown) == expected


def test_a_maker_that_is_not_listed_is_no_unknown(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "F", "params": FACE})
    assert _rule_outcomes(rules, _deal("Neutral Maker Inc.")) == ([], [], "acceptable")


def test_a_maker_held_by_a_listed_owner_with_control_not_known(tmp_path: Path) -> None:
    """The open-holding route: whether the maker is the listed entity's is open, and so is
    whether the rule covers the camera at all."""
    rules = _rules(tmp_path, {"id": "F", "params": FACE})
    doc = _deal("Neutral Maker Inc.", owners=[{"party": "listed"}])
    found, unknown, verdict = _rule_outcomes(rules, doc)
    assert unknown == ["components[cam]"], found
    assert verdict == "needs_review"
    doc = _deal("Neutral Maker Inc.", owners=[{"party": "listed"}], capabilities=["video"])
    assert _rule_outcomes(rules, doc)[:2] == ([], [])


def test_the_day_the_rule_is_assessed_on_matters_not_to_the_question(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "F", "params": FACE})
    report = _assess(rules, _deal("Listed Camera Co., Ltd."), date(2024, 12, 1))
    assert [u.subject for u in report.unknowns if u.rule_id == "T-F"] == ["components[cam]"]
