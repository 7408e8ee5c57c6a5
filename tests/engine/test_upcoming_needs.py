"""A fact only a rule taking effect later in the term needs, or needed only once a fact of the
input changes (a holding that starts later), is an upcoming unknown, dated from that day, so the
term verdict is never acceptable while it is open.

The kinds ask their facts of the rules in force on the day they are asked about
(``prerequisites``); the engine now asks about a later rule on its own first day, where it is
in force, and about the rules in force on each day a fact of the input changes. (Until
2026-12-07 it asked on the as-of date alone, every kind skipped a rule not yet in force, and
the term verdict read acceptable: found by the property that the term verdict is never better
than a later day of the term.)
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import RuleSet

UNNAMED_OWNER: dict[str, Any] = {
    "id": "unnamed-owner",
    "title": "Cameras from a maker held by an owner the register does not name",
    "term": {"start": date(2017, 7, 1), "end": date(2018, 6, 30)},
    "buyer": {"name": "Agency", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield"}],
    "parties": [
        {"id": "maker", "name": "Example Camera Works Inc.", "incorporated_in": "US-DE",
         "owners": [{"party": "anon"}]},
        {"id": "anon", "name": "an owner the register does not name", "roles": ["owner"],
         "undisclosed": True, "source": "a register"},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "maker", "brand": "HiWatch",
         "site": "s0", "capabilities": ["video"], "remote_access": [],
         "firmware_updates_by": "maker", "acquisition": "new"},
    ],
}  # fmt: skip
NATIONAL_INTELLIGENCE_LAW = date(2017, 6, 28)
"""The first law in the packs that reaches what a company controls and is in scope here (the
HiWatch brand, Hikvision's, ties the deal to the PRC)."""


def test_an_owner_who_may_be_bound_by_a_later_law_is_an_upcoming_unknown(
    rules: RuleSet,
) -> None:
    procurement = procurement_from_dict(UNNAMED_OWNER)
    before = evaluate(procurement, rules, date(2016, 1, 1))
    assert before.verdict == "acceptable"
    upcoming = [u for u in before.unknowns if u.subject == "parties[maker]"]
    assert [u.upcoming_from for u in upcoming] == [NATIONAL_INTELLIGENCE_LAW]
    assert before.term_verdict == "needs_review"
    on_the_day = evaluate(procurement, rules, NATIONAL_INTELLIGENCE_LAW)
    assert [u.upcoming_from for u in on_the_day.unknowns if u.subject == "parties[maker]"] == [None]
    assert on_the_day.verdict == "needs_review"


def test_a_site_only_a_later_transfer_rule_needs_is_asked_for_from_its_first_day(
    rules: RuleSet,
) -> None:
    """A US company's body camera with no site sends video to the US while the company also
    has a site in Berlin: the GDPR's transfer rule, from 2018-05-25, needs to know where it
    collects."""
    doc = {
        "id": "roaming", "title": "Body cameras",
        "term": {"start": date(2018, 1, 1), "end": date(2019, 12, 31)},
        "buyer": {"name": "Acme Corp", "kind": "private_business", "jurisdiction": "US-NY"},
        "sites": [{"id": "site", "jurisdiction": "DE-BE:Berlin"}],
        "parties": [{"id": "host", "name": "Hostco", "roles": ["cloud_provider"],
                     "incorporated_in": "US-DE"},
                    {"id": "maker", "name": "Example Camera Works Inc.",
                     "incorporated_in": "US-DE"}],
        "components": [{"id": "roaming", "kind": "body_camera", "manufacturer": "maker",
                        "remote_access": [], "firmware_updates_by": "buyer",
                        "capabilities": ["video"]}],
        "data_flows": [{"id": "rec", "from": "roaming", "data": ["video"],
                        "to": {"operator": "host", "location": "US",
                               "kind": "third_party_cloud"}}],
    }  # fmt: skip
    report = evaluate(procurement_from_dict(doc), rules, date(2018, 1, 1))
    asked = [
        u.upcoming_from
        for u in report.unknowns
        if u.subject == "components[roaming]" and "deployed" in u.explanation
    ]
    assert asked == [date(2018, 5, 25)]
    assert report.term_verdict != "acceptable"


def test_a_fact_needed_once_a_holding_starts_is_asked_for_from_that_day(rules: RuleSet) -> None:
    """A PRC company updates the cameras' firmware; from 2016-01-02 a party declared in the US
    but named as Hikvision (curated: incorporated in the PRC) holds 25 to 50 % of it, so may
    control it, and the contradiction is asked about from that day: upcoming as of the day
    before (until 2026-12-07 it was not asked before the holding started, and the term verdict
    read acceptable)."""
    hikvision = "Hangzhou Hikvision Digital Technology Co., Ltd."
    doc = {
        "id": "holding-starts", "title": "Cameras",
        "term": {"start": date(2016, 1, 2), "end": date(2016, 12, 31)},
        "buyer": {"name": "Agency", "kind": "federal_agency",
                  "jurisdiction": "US-IL:Springfield"},
        "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield"}],
        "parties": [
            {"id": "owner", "name": hikvision, "incorporated_in": "US-DE"},
            {"id": "updater", "name": "Example Firmware Co., Ltd.", "incorporated_in": "CN",
             "owners": [{"party": "owner", "share_min": 0.25, "share_max": 0.5,
                         "valid_from": date(2016, 1, 2)}]},
            {"id": "maker", "name": "Example Camera Works Inc.", "incorporated_in": "US-DE"},
        ],
        "components": [
            {"id": "c0", "kind": "ip_camera", "manufacturer": "maker", "site": "s0",
             "capabilities": ["video"], "remote_access": [], "firmware_updates_by": "updater",
             "acquisition": "new"},
        ],
    }  # fmt: skip
    procurement = procurement_from_dict(doc)
    before = evaluate(procurement, rules, date(2016, 1, 1))
    asked = [u.upcoming_from for u in before.unknowns if u.subject == "parties[owner]"]
    assert asked == [date(2016, 1, 2)]
    assert before.term_verdict != "acceptable"
    on_the_day = evaluate(procurement, rules, date(2016, 1, 2))
    assert [u.upcoming_from for u in on_the_day.unknowns if u.subject == "parties[owner]"] == [None]


def test_an_unnamed_owner_is_asked_about_from_the_first_day_a_loaded_law_binds_by_control(
    rules: RuleSet,
) -> None:
    """Without the HiWatch brand nothing ties the deal to the PRC, so its National Intelligence
    Law is loaded but not in scope; an owner the register does not name may still be bound by
    it from its first day. (Until 2026-12-07 the question was dated from the next day the
    engine asked on for another reason, the CLOUD Act's first day, 2018-03-23: the term verdict
    was right, the date late.)"""
    doc = copy.deepcopy(UNNAMED_OWNER)
    del doc["components"][0]["brand"]
    doc["term"] = {"start": date(2016, 1, 1), "end": date(2018, 6, 30)}
    procurement = procurement_from_dict(doc)
    before = evaluate(procurement, rules, date(2016, 1, 1))
    asked = [u.upcoming_from for u in before.unknowns if u.subject == "parties[maker]"]
    assert asked == [NATIONAL_INTELLIGENCE_LAW]
    assert (before.verdict, before.term_verdict) == ("acceptable", "needs_review")
    on_the_day = evaluate(procurement, rules, NATIONAL_INTELLIGENCE_LAW)
    assert [u.upcoming_from for u in on_the_day.unknowns if u.subject == "parties[maker]"] == [None]
    day_before = evaluate(procurement, rules, date(2017, 6, 27))
    assert [u.upcoming_from for u in day_before.unknowns if u.subject == "parties[maker]"] == [
        NATIONAL_INTELLIGENCE_LAW
    ]
