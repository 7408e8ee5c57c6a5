"""A finding active on the as-of date applies from the day its result (outcome, binding,
exception) last began: a holding that started, a brand that changed hands, a group that lost a
member (``test_group_membership_days``) or a list entry's listing before the as-of date is
that day. (Until 2026-12-07 it was the rule's first day: as of 2024 a finding through a holding
taken in 2022 read "from 2020-01-01", and a camera's finding that turned from prohibited into
elevated in 2022 read "elevated from 2019-08-13".)"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from tests.engine.test_list_entry_days import SCREEN, _deal, _list_file
from tests.kinds.test_kind_listed_entity import SEAT, _assess, _procurement, _rules

NDAA_VIDEO = "LE-US-NDAA889-A1A-VIDEO"


def _spans(rules: RuleSet, doc: dict[str, Any], day: date) -> list[tuple[Any, ...]]:
    report = _assess(rules, doc, day)
    return [(f.outcome, f.status, f.applies_from, f.applies_until) for f in report.findings]


def _held_by(*holdings: tuple[date, date | None]) -> dict[str, Any]:
    """A US maker held 60 % by a CN company over each of ``holdings`` (from, until)."""
    owners = [
        {"party": "cn", "share": 0.6, "valid_from": start, "valid_until": until}
        for start, until in holdings
    ]
    return _procurement(
        parties=[
            {"id": "maker", "name": "Neutral Maker Inc.", "incorporated_in": "US-IL",
             "owners": owners},
            {"id": "cn", "name": "Parent Co", "incorporated_in": "CN"},
        ]
    )  # fmt: skip


def test_a_finding_through_a_holding_applies_from_the_day_the_holding_began(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})  # in force from 2020-01-01
    doc = _held_by((date(2022, 6, 1), None))
    assert _spans(rules, doc, date(2024, 6, 1)) == [("elevated", "active", date(2022, 6, 1), None)]


def test_a_finding_that_stopped_and_began_again_applies_from_its_last_beginning(
    tmp_path: Path,
) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _held_by((date(2021, 3, 1), date(2021, 12, 31)), (date(2022, 6, 1), None))
    assert _spans(rules, doc, date(2024, 6, 1)) == [("elevated", "active", date(2022, 6, 1), None)]
    # as of a day of the first holding, that one is active and the second upcoming
    assert _spans(rules, doc, date(2021, 6, 1)) == [
        ("elevated", "active", date(2021, 3, 1), date(2021, 12, 31)),
        ("elevated", "upcoming", date(2022, 6, 1), None),
    ]


def test_a_holding_older_than_the_rule_leaves_the_rules_first_day(tmp_path: Path) -> None:
    rules = _rules(tmp_path, {"id": "S", "params": SEAT})
    doc = _held_by((date(2015, 1, 1), None))
    assert _spans(rules, doc, date(2024, 6, 1)) == [("elevated", "active", date(2020, 1, 1), None)]


def _lorex_camera() -> Any:
    """A Huawei camera sold under the Lorex brand: Dahua owned Lorex from 2018-02-06 to
    2022-11-23 (curated, medium confidence); the curated link to Dahua after that rests on one
    press report (low confidence)."""
    doc = {
        "schema_version": 1, "id": "x", "title": "x",
        "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
        "buyer": {"name": "Agency", "kind": "federal_agency", "jurisdiction": "US-IL"},
        "sites": [{"id": "s", "jurisdiction": "US-IL", "purposes": ["public_safety"]}],
        "parties": [{"id": "p0", "name": "Huawei Technologies Co., Ltd.",
                     "incorporated_in": "CN"}],
        "components": [{"id": "cam", "kind": "ip_camera", "manufacturer": "p0", "site": "s",
                        "brand": "Lorex", "capabilities": [], "remote_access": [],
                        "firmware_updates_by": "p0", "acquisition": "new"}],
    }  # fmt: skip
    return procurement_from_dict(doc)


def test_a_finding_that_changed_with_a_curated_link_applies_from_the_change(
    rules: RuleSet,
) -> None:
    def video(day: date) -> list[tuple[Any, ...]]:
        report = evaluate(_lorex_camera(), rules, day)
        return [
            (f.outcome, f.binding, f.applies_from)
            for f in report.findings
            if f.rule_id == NDAA_VIDEO and f.status == "active"
        ]

    assert video(date(2022, 11, 23)) == [("prohibited", True, date(2019, 8, 13))]
    assert video(date(2023, 1, 1)) == [("elevated", False, date(2022, 11, 24))]


def test_a_finding_on_a_listed_maker_applies_from_the_listing(
    rules: RuleSet, tmp_path: Path
) -> None:
    lists = _list_file(tmp_path, "2019-10-09", None)
    report = evaluate(_deal(), rules, date(2020, 6, 1), lists=lists)
    assert [(f.status, f.applies_from) for f in report.findings if f.rule_id == SCREEN] == [
        ("active", date(2019, 10, 9))
    ]


def test_a_finding_held_through_another_cause_before_applies_from_the_first(
    rules: RuleSet,
) -> None:
    """A Dahua camera sold under Hikvision's HiWatch brand: the DoD 1260H list names Hikvision
    from 2020-06-24 and Dahua from 2022-10-05. From the second day the kind names Dahua's
    listing as the cause (``Hit.since``), but the finding has held since the first."""
    doc = {
        "schema_version": 1, "id": "x", "title": "x",
        "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
        "buyer": {"name": "Agency", "kind": "federal_agency", "jurisdiction": "US-IL"},
        "sites": [{"id": "s", "jurisdiction": "US-IL"}],
        "parties": [{"id": "dahua", "name": "Zhejiang Dahua Technology Co., Ltd.",
                     "incorporated_in": "CN"}],
        "components": [{"id": "cam", "kind": "ip_camera", "manufacturer": "dahua", "site": "s",
                        "brand": "HiWatch", "capabilities": [], "remote_access": [],
                        "firmware_updates_by": "dahua", "acquisition": "new"}],
    }  # fmt: skip
    report = evaluate(procurement_from_dict(doc), rules, date(2023, 1, 1))
    assert [
        (f.outcome, f.applies_from) for f in report.findings if f.rule_id == "LE-US-DOD-1260H"
    ] == [("elevated", date(2020, 6, 24))]
