"""What a component can do decides a ban on face recognition: left out, it is unknown, never
"nothing" (until 2026-12-07 a police camera or analytics package with its capabilities left out
passed every biometric ban silently; twenty-nine analyst cases turned acceptable with no
unknown when their face-recognition component's capabilities were dropped)."""

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
SAN_FRANCISCO = "BB-US-CA-SF-2019"
DAY = date(2020, 6, 1)


def _report(rules: RuleSet, **component: Any) -> Any:
    """San Francisco police with one street camera (its capabilities as ``component`` says)."""
    case = {
        "base": "bb_us_police",
        "set": {"term.start": date(2019, 12, 7), "term.end": date(2022, 12, 7),
                "buyer.jurisdiction": "US-CA:San Francisco",
                "sites[0].jurisdiction": "US-CA:San Francisco"},
    }  # fmt: skip
    document = json.loads(json.dumps(build(case, BASES), default=str))
    camera = document["components"][0]
    del camera["capabilities"]
    camera.update(component)
    camera["firmware_updates_by"] = "buyer"
    document["data_flows"][0]["data"] = ["video"]
    return evaluate(procurement_from_dict(document, source="capabilities"), rules, DAY)


def test_capabilities_left_out_make_the_ban_an_unknown(rules: RuleSet) -> None:
    report = _report(rules)
    assert _outcome(report, SAN_FRANCISCO, "components[cam]") == "unknown"
    assert report.verdict == "needs_review"
    unknown = next(u for u in report.unknowns if u.rule_id == SAN_FRANCISCO)
    assert "what 'cam' can do is not given (its capabilities are left out)" in (unknown.explanation)
    assert unknown.evidence[0].path == "components[cam].capabilities"


@pytest.mark.parametrize(
    ("capabilities", "expected"),
    [(["video"], "none"), ([], "none"), (["video", "facial_recognition"], "prohibited")],
    ids=["video only", "none at all", "face recognition"],
)
def test_capabilities_given_decide(rules: RuleSet, capabilities: list[str], expected: str) -> None:
    report = _report(rules, capabilities=capabilities)
    assert _outcome(report, SAN_FRANCISCO, "components[cam]") == expected


@pytest.mark.parametrize(
    "component",
    [{"kind": "router"}, {"enabled": False}],
    ids=["a kind that carries no biometric function", "analytics switched off"],
)
def test_what_cannot_do_face_recognition_is_not_asked(
    rules: RuleSet, component: dict[str, Any]
) -> None:
    report = _report(rules, **component)
    assert _outcome(report, SAN_FRANCISCO, "components[cam]") == "none"
