"""A rule on components is moved by who owns the maker as a rule on parties is: a maker held
with a share or control not known, or by an owner the register does not name, makes each
component the rule covers an unknown on that rule, never a silent pass (until 2026-12-07 only
rules on parties said so)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from tests.packs.test_rule_cases import _outcome
from tests.support.rule_cases import bases, build

BASES = bases()
HIKVISION = {"id": "hik", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
             "roles": ["owner"], "incorporated_in": "CN"}  # fmt: skip
UNNAMED = {"id": "anon", "name": "an owner the register does not name", "roles": ["owner"],
           "undisclosed": True, "source": "BODS statement p-1"}  # fmt: skip
VIDEO = "LE-US-NDAA889-A1A-VIDEO"  # Hikvision and its subsidiaries and affiliates
# Huawei's Entity List listing reaches what it owns 50 % or more of (Affiliates Rule, in force
# 2025-09-29 to 2025-11-09).
HUAWEI_EL = "LE-US-BIS-EL-HUAWEI"


def _report(rules: RuleSet, owners: list[dict[str, Any]], day: date, kind: str = "") -> Any:
    """The federal base deal (a camera by ``maker``) with the maker held by ``owners``."""
    case = {"base": "le_us_federal", "set": {}, "append": {"parties": [HIKVISION, UNNAMED]}}
    document = json.loads(json.dumps(build(case, BASES), default=str))
    document["parties"][0]["owners"] = owners
    camera = document["components"][0]
    camera["firmware_updates_by"] = "buyer"
    if kind:
        camera["kind"] = kind
    return evaluate(procurement_from_dict(document, source="open-makers"), rules, day)


def test_a_maker_held_by_a_listed_entity_with_control_not_known(rules: RuleSet) -> None:
    report = _report(rules, [{"party": "hik"}], date(2024, 6, 1))
    assert _outcome(report, VIDEO, "components[cam]") == "unknown"
    assert report.verdict != "acceptable"
    unknown = next(u for u in report.unknowns if u.rule_id == VIDEO)
    assert unknown.explanation.startswith(
        "ip camera 'cam' is produced by Example Camera Works Inc., which may be covered by"
    )
    assert "Hangzhou Hikvision Digital Technology Co., Ltd. ('hikvision')" in unknown.explanation
    assert [e.path for e in unknown.evidence] == [
        "components[cam].manufacturer",
        "parties[maker].owners[0]",
    ]
    # the maker is not reported again by the same rule
    assert not [u for u in report.unknowns if u.rule_id == VIDEO and u.subject != "components[cam]"]


def test_a_maker_held_by_an_owner_not_known_under_a_50_percent_rule(rules: RuleSet) -> None:
    report = _report(rules, [{"party": "anon", "share": 0.6}], date(2025, 10, 15))
    assert _outcome(report, HUAWEI_EL, "components[cam]") == "unknown"
    unknown = next(u for u in report.unknowns if u.rule_id == HUAWEI_EL)
    assert "who holds 60.00 % of 'maker' is not known (BODS statement p-1)" in (
        " ".join(e.note for e in unknown.evidence)
    )


@pytest.mark.parametrize(
    "owners",
    [
        [{"party": "hik", "share": 0.1, "control": False}],  # known not to control
        [{"party": "anon", "share": 0.1}],  # too little to count
        [],
    ],
    ids=["control stated false", "a small unnamed holding", "no owners"],
)
def test_holdings_that_cannot_count_change_nothing(
    rules: RuleSet, owners: list[dict[str, Any]]
) -> None:
    report = _report(rules, owners, date(2025, 10, 15))
    assert _outcome(report, VIDEO, "components[cam]") == "none"
    assert _outcome(report, HUAWEI_EL, "components[cam]") == "none"


def test_a_component_the_rule_does_not_cover_is_not_moved(rules: RuleSet) -> None:
    # The rule names the kinds of equipment it covers; a mobile device is not among them.
    report = _report(rules, [{"party": "hik"}], date(2024, 6, 1), kind="mobile_device")
    assert _outcome(report, VIDEO, "components[cam]") == "none"


def test_a_sure_finding_is_not_doubled_by_an_unknown(rules: RuleSet) -> None:
    report = _report(rules, [{"party": "hik", "share": 0.6}], date(2024, 6, 1))
    assert _outcome(report, VIDEO, "components[cam]") == "prohibited"
    assert not [u for u in report.unknowns if u.rule_id == VIDEO]


SENSITIVE_SITES = "LE-GB-WMS-2022-SENSITIVE-SITES"  # producers controlled from the PRC


def _gb_report(rules: RuleSet, owners: list[dict[str, Any]]) -> Any:
    """The UK department's base deal (a camera by a UK ``maker`` at a sensitive site) with the
    maker held by ``owners``."""
    case = {"base": "le_gb_department", "set": {}, "append": {"parties": [HIKVISION, UNNAMED]}}
    document = json.loads(json.dumps(build(case, BASES), default=str))
    document["parties"][0]["owners"] = owners
    document["components"][0]["firmware_updates_by"] = "buyer"
    procurement = procurement_from_dict(document, source="open-makers")
    return evaluate(procurement, rules, date(2024, 6, 1))


@pytest.mark.parametrize(
    ("owners", "expected"),
    [
        ([{"party": "hik"}], "unknown"),  # a PRC company, control not known
        ([{"party": "anon", "share": 0.6}], "unknown"),  # controlled by someone not named
        ([{"party": "hik", "share": 0.6}], "elevated"),  # controlled from the PRC
        ([{"party": "hik", "share": 0.1, "control": False}], "none"),
        ([], "none"),
    ],
    ids=["control not known", "unnamed controller", "known control", "no control", "no owner"],
)
def test_a_rule_on_where_the_producer_is_controlled_from(
    rules: RuleSet, owners: list[dict[str, Any]], expected: str
) -> None:
    report = _gb_report(rules, owners)
    assert _outcome(report, SENSITIVE_SITES, "components[cam]") == expected
    if expected == "unknown":
        unknown = next(u for u in report.unknowns if u.rule_id == SENSITIVE_SITES)
        assert "whether its producer is controlled by a company incorporated in CN" in (
            unknown.explanation
        )
        assert unknown.evidence[0].path == "parties[maker].owners[0]"
