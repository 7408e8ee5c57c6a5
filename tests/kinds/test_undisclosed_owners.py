"""An owner whose identity is not known (``Party.undisclosed``) may be anyone a rule lists: a
holding of it that may count under a 50 % rule or a control rule makes the owned party an
unknown, never a pass; a holding that cannot count changes nothing."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from riskkit.packs.lists import ListSet
from tests.packs.test_rule_cases import _outcome
from tests.support.rule_cases import CASES_DIR, bases, build

BASES = bases()

# Huawei's BIS listing reaches its majority-owned affiliates only under the Affiliates Rule
# (2025-09-29 to 2025-11-09); before and after it names Huawei alone.
MAJORITY = (
    "LE-US-BIS-EL-HUAWEI",
    date(2025, 10, 15),
    {"term.start": date(2025, 10, 1), "term.end": date(2025, 11, 9)},
)
NAMED_ONLY = (
    "LE-US-BIS-EL-HUAWEI",
    date(2024, 6, 1),
    {"term.start": date(2024, 1, 1), "term.end": date(2024, 12, 31)},
)
# Section 889(a)(1)(B): a federal agency's contractors controlled by a covered entity.
CONTROL: tuple[str, date, dict[str, Any]] = ("LE-US-NDAA889-A1B", date(2024, 6, 1), {})

UNNAMED = {
    "id": "anon",
    "name": "an owner the register does not name (anonymousPerson)",
    "roles": ["owner"],
    "undisclosed": True,
    "source": "BODS statement p-1",
}
HUAWEI = {"id": "hw", "name": "Huawei Technologies Co., Ltd.", "roles": ["owner"],
          "incorporated_in": "CN"}  # fmt: skip


def _document(
    rule: tuple[str, date, dict[str, Any]], owners: list[dict[str, Any]]
) -> dict[str, Any]:
    """The rule's base deal with an integrator ``sup`` held by ``owners`` (of ``anon``, the
    owner not known, and ``hw``, Huawei); every component updated by the buyer, so that the
    deal is acceptable but for what the owners make of it."""
    case = {
        "base": "le_us_federal" if rule is CONTROL else "le_us_city",
        "set": rule[2],
        "append": {
            "parties": [
                HUAWEI,
                UNNAMED,
                {"id": "sup", "name": "Example Supplier GmbH", "roles": ["integrator"],
                 "incorporated_in": "DE", "owners": owners},
            ]
        },
    }  # fmt: skip
    document: dict[str, Any] = json.loads(json.dumps(build(case, BASES), default=str))
    for component in document["components"]:
        component["firmware_updates_by"] = "buyer"
    return document


def _report(
    rule: tuple[str, date, dict[str, Any]],
    rules: RuleSet,
    owners: list[dict[str, Any]],
    lists: ListSet | None = None,
) -> Any:
    procurement = procurement_from_dict(_document(rule, owners), source="undisclosed")
    return evaluate(procurement, rules, rule[1], lists=lists)


def _outcome_of(
    rule: tuple[str, date, dict[str, Any]], rules: RuleSet, owners: list[dict[str, Any]]
) -> str:
    return _outcome(_report(rule, rules, owners), rule[0], "parties[sup]")


def _anon(**holding: Any) -> dict[str, Any]:
    return {"party": "anon", **holding}


def _hw(**holding: Any) -> dict[str, Any]:
    return {"party": "hw", **holding}


MAJORITY_CASES = [
    ([_anon(share=0.6)], "unknown"),
    ([_anon(share_min=0.5, share_max=0.75)], "unknown"),
    ([_anon()], "unknown"),
    ([_anon(control=False)], "unknown"),  # a 50 % rule counts shares, not control
    ([_anon(share=0.1)], "none"),
    ([_anon(share_min=0.1, share_max=0.25)], "none"),
    ([_anon(share_min=0.25, share_max=0.5, share_max_exclusive=True)], "none"),
    # Small holdings add up: the owner not known may be Huawei.
    ([_anon(share=0.3), _hw(share=0.25)], "unknown"),
    ([_anon(share_min=0.1, share_max=0.3), _hw(share=0.2)], "unknown"),
    ([_anon(share=0.3), _hw(share=0.15)], "none"),
    ([_anon(share=0.2), _hw(share=0.6)], "elevated"),  # a finding stays a finding
]


@pytest.mark.parametrize(
    ("owners", "expected"), MAJORITY_CASES, ids=[str(o) for o, _ in MAJORITY_CASES]
)
def test_majority_rule_counts_an_unnamed_owners_holding_as_anyones(
    owners: list[dict[str, Any]], expected: str, rules: RuleSet
) -> None:
    assert _outcome_of(MAJORITY, rules, owners) == expected


CONTROL_CASES = [
    ([_anon(share=0.6)], "unknown"),
    ([_anon(control=True, share=0.1)], "unknown"),
    ([_anon()], "unknown"),
    ([_anon(share_min=0.25, share_max=0.75)], "unknown"),
    ([_anon(share=0.1)], "none"),
    ([_anon(control=False)], "none"),
    ([_anon(control=False, share=0.6)], "none"),
    # Control does not add up: neither a 30 % nor a 25 % holder controls.
    ([_anon(share=0.3), _hw(share=0.25)], "none"),
]


@pytest.mark.parametrize(
    ("owners", "expected"), CONTROL_CASES, ids=[str(o) for o, _ in CONTROL_CASES]
)
def test_control_rule_counts_an_unnamed_controller_as_anyone(
    owners: list[dict[str, Any]], expected: str, rules: RuleSet
) -> None:
    assert _outcome_of(CONTROL, rules, owners) == expected


def test_an_unnamed_controller_up_the_chain_counts_too(rules: RuleSet) -> None:
    """``sup`` <- 100 % holding company <- 60 % an owner not known."""
    document = _document(CONTROL, [{"party": "holdco", "share": 1.0}])
    document["parties"].append(
        {"id": "holdco", "name": "Example Holding Ltd", "roles": ["owner"],
         "owners": [_anon(share=0.6)]}
    )  # fmt: skip
    report = evaluate(procurement_from_dict(document, source="chain"), rules, CONTROL[1])
    assert _outcome(report, CONTROL[0], "parties[sup]") == "unknown"
    unknown = next(u for u in report.unknowns if u.rule_id == CONTROL[0])
    assert [(e.path, e.note) for e in unknown.evidence] == [
        ("parties[holdco].owners[0]", "who holds 60.00 % of 'holdco' is not known (BODS "
         "statement p-1)")
    ]  # fmt: skip


def test_an_unnamed_majority_owner_makes_the_verdict_not_acceptable(rules: RuleSet) -> None:
    alone = _report(MAJORITY, rules, [_anon(share=0.1)])
    assert alone.verdict == "acceptable"
    report = _report(MAJORITY, rules, [_anon(share=0.6)])
    assert report.verdict != "acceptable"
    unknown = next(u for u in report.unknowns if u.rule_id == MAJORITY[0])
    assert unknown.subject == "parties[sup]"
    assert "may be anyone the list names" in unknown.explanation
    assert [e.note for e in unknown.evidence] == [
        "who holds 60.00 % of 'sup' is not known (BODS statement p-1)"
    ]


def test_the_unknown_names_the_listed_id_an_unnamed_share_adds_up_with(rules: RuleSet) -> None:
    report = _report(MAJORITY, rules, [_anon(share=0.3, source="r-1"), _hw(share=0.25)])
    unknown = next(u for u in report.unknowns if u.rule_id == MAJORITY[0])
    assert "'huawei'" in unknown.explanation and "together may reach half" in unknown.explanation
    assert [e.note for e in unknown.evidence] == ["who holds 30.00 % of 'sup' is not known (r-1)"]


def test_ofac_50_percent_rule_cannot_pass_a_supplier_an_unnamed_owner_holds(
    rules: RuleSet,
) -> None:
    """The SDN rule screens list files: the owner not known may be any blocked person, not
    only those the procurement's names match."""
    lists = ListSet.load([CASES_DIR / "lists" / "sdn.csv"])
    rule = ("LE-US-OFAC-SDN", date(2025, 10, 15), MAJORITY[2])
    for owners, expected in (([_anon(share=0.6)], "unknown"), ([_anon(share=0.1)], "none")):
        report = _report(rule, rules, owners, lists)
        assert _outcome(report, rule[0], "parties[sup]") == expected, owners
        # The placeholder name is never screened.
        assert _outcome(report, rule[0], "parties[anon]") == "none"


def test_a_named_only_rule_is_not_moved_by_an_unnamed_owner(rules: RuleSet) -> None:
    assert _outcome_of(NAMED_ONLY, rules, [_anon(share=0.6)]) == "none"
    assert _outcome_of(NAMED_ONLY, rules, [_anon()]) == "none"


def test_a_known_owner_left_as_known_changes_not_a_byte(rules: RuleSet) -> None:
    """``undisclosed = false`` written out is the same procurement as the field left out:
    the same digest and the same report, byte for byte."""
    owners = [{"party": "hw2", "share": 0.3}]
    reports = []
    for written in ({}, {"undisclosed": False}):
        document = _document(MAJORITY, owners)
        document["parties"] = [p for p in document["parties"] if p["id"] != "anon"]
        document["parties"].append({"id": "hw2", "name": "Example Owner AG", **written})
        procurement = procurement_from_dict(document, source="same")
        assert "undisclosed" not in procurement.model_dump_json()
        reports.append(evaluate(procurement, rules, MAJORITY[1]).model_dump_json())
    assert reports[0] == reports[1]


RANK = {"none": 0, "unknown": 1}
"""How bad an outcome is: a finding (any other outcome) ranks 2."""
SHARES = st.sampled_from([None, 0.0, 0.1, 0.25, 0.3, 0.4, 0.5, 0.6, 1.0])


def _holding(party: str, low: float | None, high: float | None) -> dict[str, Any]:
    if low is None and high is None:
        return {"party": party}
    if low is None or high is None or low == high:
        return {"party": party, "share": low if high is None else high}
    low, high = sorted((low, high))
    return {"party": party, "share_min": low, "share_max": high}


@settings(max_examples=30, deadline=None)
@given(
    hw_low=SHARES,
    hw_high=SHARES,
    anon_low=SHARES,
    anon_high=SHARES,
    control=st.sampled_from([None, True, False]),
    majority=st.booleans(),
)
def test_adding_an_unnamed_owner_never_makes_an_outcome_better(
    hw_low: float | None,
    hw_high: float | None,
    anon_low: float | None,
    anon_high: float | None,
    control: bool | None,
    majority: bool,
    rules: RuleSet,
) -> None:
    rule = MAJORITY if majority else CONTROL
    known = [_holding("hw", hw_low, hw_high)]
    unnamed = _holding("anon", anon_low, anon_high)
    if control is not None:
        unnamed["control"] = control
    before = _outcome_of(rule, rules, known)
    after = _outcome_of(rule, rules, [*known, unnamed])
    assert RANK.get(after, 2) >= RANK.get(before, 2), (known, unnamed)
