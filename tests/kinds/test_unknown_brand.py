"""A component known only by a brand that names no maker riskkit knows is asked who makes it:
the brand says nothing about the maker, and a listed maker's products are sold under other
brands (``kinds/listed_entity/_brands.py``). Hypothesis found the silent pass this closes: a
federal agency's camera made by Hikvision in 2020 assessed acceptable, with no unknown, once
its maker was left out and only its brand "Acme" stayed."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from riskkit.report import Report

AS_OF = date(2020, 1, 1)
CAMERA: dict[str, Any] = {
    "id": "cam-buy",
    "title": "Cameras for a federal building",
    "term": {"start": date(2020, 1, 1), "end": date(2021, 12, 31)},
    "buyer": {"name": "Agency", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield"}],
    "parties": [
        {"id": "hik", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "hik", "brand": "Acme", "site": "s0",
         "capabilities": ["video"], "remote_access": [], "firmware_updates_by": "buyer",
         "acquisition": "new"},
    ],
}  # fmt: skip


def _assess(rules: RuleSet, **component: Any) -> Report:
    doc = copy.deepcopy(CAMERA)
    comp = doc["components"][0]
    for key, value in component.items():
        if value is None:
            comp.pop(key, None)
        else:
            comp[key] = value
    return evaluate(procurement_from_dict(doc), rules, AS_OF)


def _asked_who_makes(report: Report) -> list[str]:
    return [
        u.explanation
        for u in report.unknowns
        if u.rule_id is None and u.subject == "components[c0]" and "Who makes" in u.explanation
    ]


def test_a_brand_naming_no_known_maker_leaves_the_maker_open(rules: RuleSet) -> None:
    report = _assess(rules, manufacturer=None)
    asked = _asked_who_makes(report)
    assert len(asked) == 1 and "'Acme'" in asked[0] and "Declare its manufacturer" in asked[0]
    assert report.verdict == "needs_review"
    paths = [e.path for u in report.unknowns for e in u.evidence]
    assert "components[c0].brand" in paths


def test_with_its_maker_given_the_camera_is_found_and_nothing_is_asked(rules: RuleSet) -> None:
    report = _assess(rules)
    assert not _asked_who_makes(report)
    assert report.verdict != "acceptable"
    assert any(f.rule_id.startswith("LE-US-") for f in report.findings)


def test_a_curated_brand_names_its_maker(rules: RuleSet) -> None:
    """HiWatch is a curated Hikvision brand: the maker is found through it, not asked."""
    report = _assess(rules, manufacturer=None, brand="HiWatch")
    assert not _asked_who_makes(report)
    assert any("Hikvision" in f.explanation for f in report.findings)


def test_a_brand_that_is_a_curated_companys_name_names_it(rules: RuleSet) -> None:
    report = _assess(rules, manufacturer=None, brand="Zhejiang Dahua Technology Co., Ltd.")
    assert not _asked_who_makes(report)
    assert any("Dahua" in f.explanation for f in report.findings)


def test_with_no_listed_entity_rule_in_scope_nothing_is_asked(rules: RuleSet) -> None:
    """The question comes from the listed-entity kind, only while one of its rules is in scope."""
    from riskkit.kinds.context import Context
    from riskkit.kinds.listed_entity import ListedEntity

    doc = copy.deepcopy(CAMERA)
    del doc["components"][0]["manufacturer"]
    procurement = procurement_from_dict(doc)
    ctx = Context.build(procurement, AS_OF, rules.entities, None)
    kind = ListedEntity()
    loaded = [r for r in rules.rules if r.rule.kind == "listed_entity"]
    assert list(kind.prerequisites(loaded, [], ctx)) == []
    asked = list(kind.prerequisites(loaded, loaded, ctx))
    assert [(m.subject, m.fact) for m in asked] == [("components[c0]", "manufacturer")]


def _with_module(rules: RuleSet, **part: Any) -> Report:
    doc = copy.deepcopy(CAMERA)
    doc["parties"] += [
        {"id": "us", "name": "Example Camera Works Inc.", "incorporated_in": "US-DE"},
        {"id": "hw", "name": "Huawei Technologies Co., Ltd.", "incorporated_in": "CN"},
    ]
    comp = doc["components"][0]
    comp["manufacturer"], comp["brand"] = "us", "Example"
    comp["contains"] = [{"kind": "cellular_module", **part}]
    return evaluate(procurement_from_dict(doc), rules, date(2024, 6, 1))


def _asked_for_the_part(report: Report) -> list[str]:
    return [u.explanation for u in report.unknowns if u.subject == "components[c0].contains[0]"]


def test_a_followed_part_whose_maker_is_left_out_is_asked_for(rules: RuleSet) -> None:
    """NDAA § 889 follows cellular modules inside a component to a listed maker: a US camera
    with a Huawei module is a finding, and with the module's maker left out it was a silent
    pass."""
    made_by_huawei = _with_module(rules, manufacturer="hw")
    assert not _asked_for_the_part(made_by_huawei)
    assert any("cellular module" in f.explanation for f in made_by_huawei.findings)
    left_out = _with_module(rules)
    asked = _asked_for_the_part(left_out)
    assert len(asked) == 1 and "cellular module whose maker is not given" in asked[0]
    assert left_out.verdict == "needs_review"


def test_a_parts_brand_that_names_its_maker_is_enough(rules: RuleSet) -> None:
    assert not _asked_for_the_part(_with_module(rules, brand="Huawei Technologies Co., Ltd."))
    asked = _asked_for_the_part(_with_module(rules, brand="Nameless"))
    assert len(asked) == 1 and "'Nameless' names no maker" in asked[0]


def test_a_part_no_rule_follows_is_not_asked_for(rules: RuleSet) -> None:
    """No rule in the packs follows firmware inside a camera to its maker."""
    doc = copy.deepcopy(CAMERA)
    doc["components"][0]["contains"] = [{"kind": "firmware"}]
    report = evaluate(procurement_from_dict(doc), rules, date(2024, 6, 1))
    assert not _asked_for_the_part(report)
