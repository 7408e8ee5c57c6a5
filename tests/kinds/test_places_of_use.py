"""A deployment in a place no rule takes in is said plainly, never read as acceptable."""

from __future__ import annotations

from datetime import date
from typing import Any

from riskkit import assess
from riskkit.formats import FORMATS
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet

AS_OF = date(2026, 12, 1)


def _procurement(country: str, *, flows: bool = True) -> dict[str, Any]:
    """A city of ``country`` buys cameras from a maker of the same country, recorded on its
    own premises with keys it holds: nothing of another state's law reaches the data."""
    return {
        "id": "city-cctv",
        "title": "City hall CCTV",
        "term": {"start": date(2026, 1, 1), "end": date(2028, 12, 31)},
        "buyer": {"name": "City", "kind": "local_government", "jurisdiction": country},
        "sites": [{"id": "hall", "jurisdiction": country, "settings": ["government_facility"]}],
        "parties": [
            {"id": "maker", "name": "Camaras Locales SA", "incorporated_in": country},
        ],
        "components": [
            {
                "id": "cams",
                "kind": "ip_camera",
                "manufacturer": "maker",
                "site": "hall",
                "capabilities": ["video"],
                "remote_access": [],
                "firmware_updates_by": "maker",
            }
        ],
        "data_flows": (
            [
                {
                    "id": "rec",
                    "from": "cams",
                    "to": {"operator": "buyer", "location": country, "kind": "on_premises"},
                    "data": ["video"],
                    "encryption": {"at_rest": True, "keys_held_by": "buyer"},
                }
            ]
            if flows
            else []
        ),
    }


def test_a_city_where_no_rule_applies_is_not_acceptable(rules: RuleSet) -> None:
    # Bolivia: no shipped pack has a rule whose scope takes it in (docs/data-protection.md).
    report = assess(procurement_from_dict(_procurement("BO")), as_of=AS_OF, packs=rules)
    assert report.verdict == "no_rules_in_scope"
    assert report.term_verdict == "no_rules_in_scope"
    assert report.coverage.uncovered == ("BO",)
    assert [(p.where, p.place, p.rules) for p in report.coverage.places] == [
        ("buyer", "BO", 0),
        ("sites[hall]", "BO", 0),
    ]
    assert any("BO" in reason for reason in report.verdict_reasons)


def test_open_questions_in_an_uncovered_place_need_review_and_say_both(rules: RuleSet) -> None:
    data = _procurement("BO")
    del data["components"][0]["manufacturer"]  # who makes the cameras is unknown
    report = assess(procurement_from_dict(data), as_of=AS_OF, packs=rules)
    assert report.verdict == "needs_review"
    assert any("BO" in reason for reason in report.verdict_reasons)


def test_a_covered_place_can_be_acceptable(rules: RuleSet) -> None:
    report = assess(procurement_from_dict(_procurement("NL")), as_of=AS_OF, packs=rules)
    assert report.coverage.uncovered == ()
    assert all(p.rules > 0 for p in report.coverage.places)
    assert report.verdict == "acceptable", report.verdict_reasons


def test_every_format_says_no_rule_takes_the_place_in(rules: RuleSet) -> None:
    report = assess(procurement_from_dict(_procurement("BO")), as_of=AS_OF, packs=rules)
    for name in ("markdown", "html"):
        text = FORMATS[name].render_report(report)
        assert "No rule loaded takes in BO" in text, name
    assert '"no_rules_in_scope"' in FORMATS["json"].render_report(report)
