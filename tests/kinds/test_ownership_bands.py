"""A 50 % rule on a deal's own holdings: an exact share or a band wholly on one side of the
threshold decides; an unknown share or a band across it is an unknown, never a pass."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from tests.packs.test_rule_cases import _outcome
from tests.support.rule_cases import bases, build

BASES = bases()

# Under the BIS Affiliates Rule (2025-09-29 to 2025-11-09) a listed entity's majority-owned
# affiliates are listed: 50 % or more owned in aggregate.
MAJORITY = (
    "LE-US-BIS-EL-HUAWEI",
    date(2025, 10, 15),
    {"term.start": date(2025, 10, 1), "term.end": date(2025, 11, 9)},
)
# Section 889(a)(1)(B) reaches a federal agency's contractors that are subsidiaries or
# affiliates of a covered entity: control, by default a share of half or more.
CONTROL: tuple[str, date, dict[str, Any]] = ("LE-US-NDAA889-A1B", date(2024, 6, 1), {})

FIRES = "elevated"


def _outcome_of(
    rule: tuple[str, date, dict[str, Any]], rules: RuleSet, holding: dict[str, Any]
) -> str:
    rule_id, day, changes = rule
    case = {
        "base": "le_us_city" if rule is MAJORITY else "le_us_federal",
        "set": changes,
        "append": {
            "parties": [
                {"id": "hw", "name": "Huawei Technologies Co., Ltd.", "roles": ["owner"],
                 "incorporated_in": "CN"},
                {"id": "hwsub", "name": "Example Huawei Subsidiary GmbH", "roles": ["integrator"],
                 "incorporated_in": "DE", "owners": [{"party": "hw", **holding}]},
            ]
        },
    }  # fmt: skip
    procurement = procurement_from_dict(build(case, BASES), source="bands")
    report = evaluate(procurement, rules, day)
    return _outcome(report, rule_id, "parties[hwsub]")


CASES = [
    ({"share": 0.6}, "fires"),
    ({"share": 0.3}, "none"),
    ({"share_min": 0.5, "share_max": 0.75}, "fires"),
    ({"share_min": 0.25, "share_max": 0.5, "share_max_exclusive": True}, "none"),
    ({"share_min": 0.25, "share_max": 0.75}, "unknown"),
    ({"share_min": 0.25, "share_max": 0.5}, "unknown"),  # exactly half is not ruled out
    ({"share_min": 0.25}, "unknown"),
    ({}, "unknown"),
    # A 50 % rule counts what is owned: stated control decides nothing of the share (OFAC:
    # control alone does not block), so with the share unknown it stays an unknown either way.
    ({"control": False}, "unknown"),
    ({"control": True}, "unknown"),
    ({"control": True, "share_min": 0.25, "share_max": 0.75}, "unknown"),
    ({"control": False, "share": 0.3}, "none"),
    ({"control": True, "share": 0.3}, "none"),
    ({"control": False, "share": 0.6}, "fires"),
]


@pytest.mark.parametrize("rule", [MAJORITY], ids=["majority owned"])
@pytest.mark.parametrize(("holding", "expected"), CASES, ids=[str(h) for h, _ in CASES])
def test_majority_rule_decides_only_what_the_share_or_band_decides(
    rule: tuple[str, date, dict[str, Any]], holding: dict[str, Any], expected: str, rules: RuleSet
) -> None:
    got = _outcome_of(rule, rules, holding)
    assert got == (FIRES if expected == "fires" else expected)


def test_a_majority_rules_open_share_says_the_share_is_what_is_open(rules: RuleSet) -> None:
    case = {
        "base": "le_us_city",
        "set": MAJORITY[2],
        "append": {
            "parties": [
                {"id": "hw", "name": "Huawei Technologies Co., Ltd.", "roles": ["owner"]},
                {"id": "hwsub", "name": "Example Huawei Subsidiary GmbH", "roles": ["integrator"],
                 "owners": [{"party": "hw", "control": True}]},
            ]
        },
    }  # fmt: skip
    report = evaluate(procurement_from_dict(build(case, BASES), source="b"), rules, MAJORITY[1])
    unknown = next(u for u in report.unknowns if u.rule_id == MAJORITY[0])
    notes = [e.note for e in unknown.evidence if e.path == "parties[hwsub].owners[0]"]
    assert notes == ["owns an unknown share of 'hwsub'; whether the holdings in it reach half is "
                     "unknown"]  # fmt: skip


def test_control_rule_decides_by_stated_control_whatever_the_share(rules: RuleSet) -> None:
    fired = _outcome_of(CONTROL, rules, {"share": 0.6})
    assert _outcome_of(CONTROL, rules, {"control": True}) == fired
    assert _outcome_of(CONTROL, rules, {"control": True, "share": 0.1}) == fired
    assert _outcome_of(CONTROL, rules, {"control": False}) == "none"
    assert _outcome_of(CONTROL, rules, {"control": False, "share": 0.6}) == "none"


def test_control_rule_gives_an_unknown_for_an_owner_of_unknown_share(rules: RuleSet) -> None:
    outcomes = {
        "known": _outcome_of(CONTROL, rules, {"share": 0.6}),
        "band above": _outcome_of(CONTROL, rules, {"share_min": 0.5, "share_max": 1.0}),
        "band below": _outcome_of(CONTROL, rules, {"share_min": 0.1, "share_max": 0.25}),
        "band across": _outcome_of(CONTROL, rules, {"share_min": 0.25, "share_max": 0.75}),
        "unknown": _outcome_of(CONTROL, rules, {}),
    }
    fired = outcomes["known"]
    assert fired not in {"none", "unknown"}
    assert outcomes == {
        "known": fired,
        "band above": fired,
        "band below": "none",
        "band across": "unknown",
        "unknown": "unknown",
    }


RANK = {"none": 0, "unknown": 1, FIRES: 2}
shares = st.sampled_from([0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0])


@settings(max_examples=25, deadline=None)
@given(low=shares, high=shares, raise_low=shares, raise_high=shares)
def test_raising_a_band_never_turns_a_finding_into_less(
    low: float, high: float, raise_low: float, raise_high: float, rules: RuleSet
) -> None:
    low, high = sorted((low, high))
    more_low, more_high = max(low, raise_low), max(high, raise_high)
    more_low = min(more_low, more_high)
    before = _outcome_of(MAJORITY, rules, {"share_min": low, "share_max": high})
    after = _outcome_of(MAJORITY, rules, {"share_min": more_low, "share_max": more_high})
    assert RANK[after] >= RANK[before]
