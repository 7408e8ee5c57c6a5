"""The same procurement, assessed on different days, gets the verdict the law gave on each day.

Each test holds the procurement fixed and moves only the as-of date across a day the law
changed: a ban taking effect, a ban's sunset, a ban replaced by a narrower regime.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from riskkit.cli import main
from riskkit.engine import evaluate
from riskkit.model import Authorisation, Procurement
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet
from riskkit.report import Report


def _police(jurisdiction: str, *, camera: str = "ip_camera", **extra: Any) -> Procurement:
    """A police department buying cameras with face recognition, made and hosted at home."""
    return procurement_from_dict(
        {
            "id": "police-fr",
            "title": "Police cameras with face recognition",
            "term": {"start": date(2019, 1, 1), "end": date(2027, 12, 31)},
            "buyer": {"name": "Police", "kind": "law_enforcement", "jurisdiction": jurisdiction},
            "sites": [{"id": "street", "jurisdiction": jurisdiction, "settings": ["public_space"]}],
            "components": [
                {
                    "id": "cam",
                    "kind": camera,
                    "brand": "Generic",
                    "site": "street",
                    "capabilities": ["video", "facial_recognition"],
                }
            ],
            **extra,
        }
    )


def _outcomes(report: Report, rule_id: str, status: str = "active") -> list[str]:
    return [f.outcome for f in report.findings if f.rule_id == rule_id and f.status == status]


def test_portland_private_ban_starts_on_2021_01_01(rules: RuleSet) -> None:
    retailer = procurement_from_dict(
        {
            "id": "store",
            "title": "Store entrance face matching",
            "term": {"start": date(2020, 6, 1), "end": date(2023, 5, 31)},
            "buyer": {
                "name": "Rose City Outfitters LLC",
                "kind": "private_business",
                "jurisdiction": "US-OR:Portland",
            },
            "sites": [
                {
                    "id": "store",
                    "jurisdiction": "US-OR:Portland",
                    "settings": ["public_accommodation"],
                    "purposes": ["loss_prevention"],
                }
            ],
            "components": [
                {
                    "id": "cam",
                    "kind": "ip_camera",
                    "brand": "Generic",
                    "site": "store",
                    "capabilities": ["video", "facial_recognition"],
                }
            ],
        }
    )
    before = evaluate(retailer, rules, date(2020, 12, 31))
    after = evaluate(retailer, rules, date(2021, 1, 1))

    rule = "BB-US-OR-PORTLAND-PRIVATE"
    assert _outcomes(before, rule) == []
    [upcoming] = [f for f in before.findings if f.rule_id == rule]
    assert (upcoming.status, upcoming.applies_from) == ("upcoming", date(2021, 1, 1))
    assert before.verdict != "prohibited"
    assert before.term_verdict == "prohibited"

    assert _outcomes(after, rule) == ["prohibited"]
    assert after.verdict == "prohibited"
    # The city's own-use ban does not bind a private store, on either day.
    assert not [f for f in after.findings if f.rule_id == "BB-US-OR-PORTLAND-CITY"]


def test_ab1215_body_camera_ban_ends_after_2022_12_31(rules: RuleSet) -> None:
    procurement = _police("US-CA:Fresno", camera="body_camera")
    last_day = evaluate(procurement, rules, date(2022, 12, 31))
    after_sunset = evaluate(procurement, rules, date(2023, 1, 1))

    assert _outcomes(last_day, "BB-US-CA-AB1215") == ["prohibited"]
    assert [f.applies_until for f in last_day.findings if f.rule_id == "BB-US-CA-AB1215"] == [
        date(2022, 12, 31)
    ]
    assert last_day.verdict == "prohibited"
    assert _outcomes(after_sunset, "BB-US-CA-AB1215") == []
    assert after_sunset.verdict != "prohibited"


def test_new_orleans_ban_is_narrowed_to_listed_violent_crimes(rules: RuleSet) -> None:
    plain = _police("US-LA:New Orleans")
    declared = _police(
        "US-LA:New Orleans",
        authorisations=[
            {
                "id": "violent-crime",
                "rule": "BB-US-LA-NEWORLEANS-2022",
                "exception": "listed_violent_crime_investigation",
                "reference": "NOPD face recognition policy",
            }
        ],
    )
    ban, narrowed = "BB-US-LA-NEWORLEANS-2020", "BB-US-LA-NEWORLEANS-2022"

    # the authorisation meets the exception for a use the ordinance allows, stated on the camera
    declared = declared.model_copy(
        update={
            "components": tuple(
                c.model_copy(update={"authorised_uses": ("violent_crime_investigation",)})
                for c in declared.components
            )
        }
    )

    last_day = evaluate(plain, rules, date(2022, 7, 27))
    assert _outcomes(last_day, ban) == ["prohibited"]
    # with no authorisation declared the narrowed ordinance is still a ban (docs/scoring.md)
    assert _outcomes(last_day, narrowed, "upcoming") == ["prohibited"]
    assert last_day.verdict == "prohibited"

    first_day = evaluate(plain, rules, date(2022, 7, 28))
    assert _outcomes(first_day, ban) == []
    assert _outcomes(first_day, narrowed) == ["prohibited"]
    assert first_day.verdict == "prohibited"

    # The declared authorisation could not help under the 2020 ban; under the 2022 one it can.
    assert evaluate(declared, rules, date(2022, 7, 27)).verdict == "prohibited"
    with_exception = evaluate(declared, rules, date(2022, 7, 28))
    assert _outcomes(with_exception, narrowed) == ["restricted"]
    assert with_exception.verdict == "restricted"


def _sb741_met(police: Procurement) -> Procurement:
    """The same police with SB 741's conditions stated: an approved tool, authorised uses."""
    auth = Authorisation(
        id="dps", rule="BB-US-VA-SB741", exception="authorised_use_approved_tool",
        issued_by="Division of Purchases and Supply",
    )  # fmt: skip
    components = tuple(
        c.model_copy(update={"authorised_uses": ("criminal_suspect_identification",)})
        for c in police.components
    )
    return police.model_copy(update={"authorisations": (auth,), "components": components})


def test_virginia_ban_is_replaced_by_a_restricted_regime_on_2022_07_01(rules: RuleSet) -> None:
    county_police = _sb741_met(_police("US-VA:Fairfax"))
    state_police = _sb741_met(_police("US-VA"))

    ban_day = evaluate(county_police, rules, date(2022, 6, 30))
    assert _outcomes(ban_day, "BB-US-VA-HB2031") == ["prohibited"]
    assert _outcomes(ban_day, "BB-US-VA-SB741", "upcoming") == ["restricted"]
    assert ban_day.verdict == "prohibited"

    regime_day = evaluate(county_police, rules, date(2022, 7, 1))
    assert _outcomes(regime_day, "BB-US-VA-HB2031") == []
    assert _outcomes(regime_day, "BB-US-VA-SB741") == ["restricted"]
    assert regime_day.verdict == "restricted"

    # HB 2031 never bound the State Police; SB 741 does.
    assert _outcomes(evaluate(state_police, rules, date(2022, 7, 1)), "BB-US-VA-SB741") == [
        "restricted"
    ]
    assert _outcomes(evaluate(state_police, rules, date(2022, 6, 30)), "BB-US-VA-HB2031") == []

    # With the conditions not stated, whether the use is lawful is unknown, never a pass.
    unstated = evaluate(_police("US-VA:Fairfax"), rules, date(2022, 7, 1))
    assert _outcomes(unstated, "BB-US-VA-SB741") == []
    assert [u.rule_id for u in unstated.unknowns if u.rule_id == "BB-US-VA-SB741"] == [
        "BB-US-VA-SB741"
    ]
    assert unstated.verdict == "needs_review"


def test_new_york_school_moratorium_becomes_a_face_recognition_ban(rules: RuleSet) -> None:
    school = procurement_from_dict(
        {
            "id": "school",
            "title": "School entrance cameras",
            "term": {"start": date(2023, 1, 1), "end": date(2025, 12, 31)},
            "buyer": {"name": "Lockport CSD", "kind": "school", "jurisdiction": "US-NY:Lockport"},
            "sites": [{"id": "s", "jurisdiction": "US-NY:Lockport", "settings": ["school"]}],
            "components": [
                {
                    "id": "cam",
                    "kind": "ip_camera",
                    "brand": "Generic",
                    "site": "s",
                    "capabilities": ["video", "facial_recognition", "gait_recognition"],
                }
            ],
        }
    )
    moratorium = evaluate(school, rules, date(2023, 9, 26))
    determination = evaluate(school, rules, date(2023, 9, 27))
    assert _outcomes(moratorium, "BB-US-NY-SCHOOLS-2020") == ["prohibited"]
    assert _outcomes(determination, "BB-US-NY-SCHOOLS-2020") == []
    assert _outcomes(determination, "BB-US-NY-SCHOOLS-2023") == ["prohibited"]


def test_italian_moratorium_runs_through_its_extension_and_then_stops(rules: RuleSet) -> None:
    city = procurement_from_dict(
        {
            "id": "comune",
            "title": "Telecamere con riconoscimento facciale",
            "term": {"start": date(2021, 6, 1), "end": date(2026, 12, 31)},
            "buyer": {"name": "Comune", "kind": "local_government", "jurisdiction": "IT-MI:Milano"},
            "sites": [{"id": "s", "jurisdiction": "IT-MI:Milano", "settings": ["public_space"]}],
            "components": [
                {
                    "id": "cam",
                    "kind": "ip_camera",
                    "brand": "Generic",
                    "site": "s",
                    "capabilities": ["video", "facial_recognition"],
                }
            ],
        }
    )
    by_day = {
        day: [
            f.rule_id
            for f in evaluate(city, rules, day).findings
            if f.rule_id.startswith("BB-IT-") and f.status == "active"
        ]
        for day in (date(2021, 12, 7), date(2021, 12, 8), date(2024, 1, 1), date(2026, 1, 1))
    }
    assert by_day == {
        date(2021, 12, 7): [],
        date(2021, 12, 8): ["BB-IT-MORATORIUM-2021"],
        date(2024, 1, 1): ["BB-IT-MORATORIUM-2023-EXT"],
        date(2026, 1, 1): [],
    }


PORTLAND_STORE = """\
schema_version = 1
id = "rosecity"
title = "Store entrance face matching"
term = { start = 2020-06-01, end = 2023-05-31 }

[buyer]
name = "Rose City Outfitters LLC"
kind = "private_business"
jurisdiction = "US-OR:Portland"

[[sites]]
id = "store"
jurisdiction = "US-OR:Portland"
settings = ["public_accommodation"]

[[components]]
id = "cam"
kind = "ip_camera"
brand = "Generic"
site = "store"
capabilities = ["video", "facial_recognition"]
"""


def _cli_assess(path: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    code = main(
        ["assess", str(path), "--as-of", as_of, "--format", "json", "--fail-on", "prohibited"]
    )
    return code, json.loads(capsys.readouterr().out)


def test_cli_assess_as_of_a_date_gives_that_days_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.toml"
    path.write_text(PORTLAND_STORE, "utf-8")

    code, before = _cli_assess(path, "2020-12-31", capsys)
    assert code == 0
    assert before["verdict"] not in {"prohibited", "prohibited_unless_exception"}
    assert before["term_verdict"] == "prohibited"
    [upcoming] = [f for f in before["findings"] if f["rule_id"] == "BB-US-OR-PORTLAND-PRIVATE"]
    assert (upcoming["status"], upcoming["applies_from"]) == ("upcoming", "2021-01-01")

    code, after = _cli_assess(path, "2021-01-01", capsys)
    assert code == 1
    assert after["verdict"] == "prohibited"
    [active] = [f for f in after["findings"] if f["rule_id"] == "BB-US-OR-PORTLAND-PRIVATE"]
    assert (active["status"], active["outcome"], active["binding"]) == (
        "active",
        "prohibited",
        True,
    )
