"""Invariants an analyst relies on (issue 11), over generated procurements:

- removing a fact never turns a verdict into ``acceptable`` unless the report lists an unknown;
- adding a binding finding never lowers the verdict;
- the term verdict is never better than the verdict on any day from the as-of date to the
  end of the term;
- a deployment outside every rule's scope is never ``acceptable``.
"""

from __future__ import annotations

import copy
import os
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.model import Procurement
from riskkit.model.loading import procurement_from_dict
from riskkit.model.vocabulary import MAY_BE_BIOMETRIC
from riskkit.packs import load_packs
from riskkit.report import Report
from tests.support.analyst_suite import Case, load_cases
from tests.support.strategies import (
    BUYER_KINDS,
    CAPABILITIES,
    DATA,
    KINDS,
    SETTINGS,
    procurements,
    with_more_facts,
)

RULES = load_packs()
DATES = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))
DEEP = int(os.environ.get("RISKKIT_DEEP_EXAMPLES", "0") or 0)
"""``RISKKIT_DEEP_EXAMPLES=N``: run each property below on ``N`` generated procurements drawn
afresh each run, instead of the same 120 every run (CI's setting). Runs of 1,500 to 3,000
found the silent passes kept below as ``CLOUD_PROVIDER``, ``MAY_CONTROL``, ``UNKNOWN_BRAND``,
``LATER_LAW`` and ``HOLDING_STARTS``, which 120 never reached (README, *Development*)."""
CHECK = settings(
    max_examples=DEEP or 120,
    deadline=None,
    derandomize=not DEEP,
    suppress_health_check=[HealthCheck.too_slow],
)

# Worst first. ``no_rules_in_scope`` (issue 11 defect 3) says less than any finding or question
# but more than ``acceptable``: nothing was checked.
RANK = {
    verdict: rank
    for rank, verdict in enumerate(
        reversed(
            [
                "prohibited",
                "prohibited_unless_exception",
                "restricted",
                "elevated_risk",
                "needs_review",
                "no_rules_in_scope",
                "acceptable",
            ]
        )
    )
}


def _report(doc: dict[str, Any], as_of: date) -> Report:
    return evaluate(procurement_from_dict(doc), RULES, as_of)


def _rank(report: Report) -> int:
    assert report.verdict in RANK, f"a verdict this test does not rank: {report.verdict}"
    return RANK[report.verdict]


# --- removing a fact ---------------------------------------------------------------------------


def _removable(doc: dict[str, Any]) -> list[tuple[str, int, tuple[str | int, ...]]]:
    """Every optional fact present: (section, index, key path). Leaving one out makes it
    unknown (the model's ``None``), which is what removing a fact means.

    A component's ``brand`` counts only where no ``manufacturer`` is given: with the maker
    declared, the label on the box is a further fact, not a gap (leaving out "HiWatch" on a
    camera declared as made by a US company rightly leaves nothing that points to Hikvision;
    hypothesis found this shape). Nor does a cloud service's ``firmware_updates_by`` naming
    someone other than its ``manufacturer``: left out, the updater is that provider (the
    "provider" route), so leaving it out names another party rather than leaving one open
    (hypothesis found this shape too: a CN provider in 2016, before any PRC law in the packs
    was in force, updated by a party whose declared incorporation contradicts the curated
    one). Naming the provider itself is removable: leaving it out must change nothing."""
    found: list[tuple[str, int, tuple[str | int, ...]]] = []
    found += [
        ("buyer", 0, (key,)) for key in ("kind", "jurisdiction", "funding") if key in doc["buyer"]
    ]
    if "term" in doc:
        found.append(("term", 0, ()))
    for i, party in enumerate(doc.get("parties", ())):
        found += [
            ("parties", i, (key,))
            for key in ("incorporated_in", "headquarters", "roles")
            if key in party
        ]
        for j, state in enumerate(party.get("state_ownership", ())):
            if "share" in state:
                found.append(("parties", i, ("state_ownership", j, "share")))
    for i, comp in enumerate(doc.get("components", ())):
        keys = (
            "manufacturer",
            "brand",
            "remote_access",
            "firmware_updates_by",
            "acquisition",
            "capabilities",
            "supplied_by",
            "site",
            "network_segment",
            "produced_in",
        )
        found += [
            ("components", i, (key,))
            for key in keys
            if key in comp
            and not (key == "brand" and "manufacturer" in comp)
            # a kind that carries no biometric function (a router, a radio) is not asked what it
            # can do: its capabilities left out read as none of those (docs/procurement.md)
            and not (key == "capabilities" and comp["kind"] not in MAY_BE_BIOMETRIC)
            # a cloud service's updater left out is its provider, when one is given
            # (docs/procurement.md): leaving out another updater names the provider instead
            and not (
                key == "firmware_updates_by"
                and comp["kind"] == "cloud_service"
                and comp.get("manufacturer", comp[key]) != comp[key]
            )
        ]
        for j, part in enumerate(comp.get("contains", ())):
            if "manufacturer" in part:
                found.append(("components", i, ("contains", j, "manufacturer")))
    for i, site in enumerate(doc.get("sites", ())):
        found += [("sites", i, (key,)) for key in ("purposes", "settings") if key in site]
    for i, party in enumerate(doc.get("parties", ())):
        for j, owner in enumerate(party.get("owners", ())):
            # what a holding says of control: its share (a band is one fact) and control
            if "share" in owner:
                found.append(("parties", i, ("owners", j, "share")))
            if "share_min" in owner:
                found.append(("parties", i, ("owners", j, "share_min", "share_max")))
            if "control" in owner:
                found.append(("parties", i, ("owners", j, "control")))
    for i, flow in enumerate(doc.get("data_flows", ())):
        if "encryption" in flow:
            found.append(("data_flows", i, ("encryption",)))
            found += [("data_flows", i, ("encryption", key)) for key in flow["encryption"]]
        if "retention_days" in flow:
            found.append(("data_flows", i, ("retention_days",)))
    return found


def _without(doc: dict[str, Any], fact: tuple[str, int, tuple[str | int, ...]]) -> dict[str, Any]:
    """``doc`` without ``fact``: a key of an entry of a list (the last of the path), a band's
    two keys (``share_min``, ``share_max``), a key of the buyer, or the term (an empty path)."""
    section, index, path = fact
    doc = copy.deepcopy(doc)
    if not path:
        del doc[section]
        return doc
    holder = doc[section] if section == "buyer" else doc[section][index]
    keys = list(path)
    last: list[str | int]
    if path[-2:] == ("share_min", "share_max"):
        keys, last = keys[:-2], ["share_min", "share_max", "share_max_exclusive"]
    else:
        keys, last = keys[:-1], [keys[-1]]
    for key in keys:
        holder = holder[key]
    for key in last:
        holder.pop(key, None)
    return doc


def _contradicts_curated(
    doc: dict[str, Any], fact: tuple[str, int, tuple[str | int, ...]], report: Report
) -> bool:
    """Whether the fact is a party's declared country that the report questions because riskkit's
    curated data says otherwise (issue 11 defect 1): leaving it out leaves the curated fact, not
    a gap, so the open question may rightly close."""
    section, index, path = fact
    if section != "parties" or path[0] not in ("incorporated_in", "headquarters"):
        return False
    subject = f"parties[{doc['parties'][index]['id']}]"
    return any(u.subject == subject and u.rule_id is None for u in report.unknowns)


# A PRC maker that pushes its cameras' firmware, nothing else: leaving out who pushes firmware
# must not turn the finding into a silent pass (hypothesis found this shape; it passes since
# i11ca's merge and stays as a regression example).
FIRMWARE_ONLY: dict[str, Any] = {
    "id": "firmware-only",
    "title": "A PRC maker's cameras, reached only through firmware updates",
    "term": {"start": date(2026, 1, 1), "end": date(2027, 12, 31)},
    "buyer": {"name": "Buyer", "kind": "local_government", "jurisdiction": "DE-BE:Berlin"},
    "sites": [{"id": "s0", "jurisdiction": "DE-BE:Berlin", "settings": ["public_space"]}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"}
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0",
         "capabilities": ["video"], "remote_access": [], "firmware_updates_by": "p0",
         "acquisition": "new"}
    ],
    "data_flows": [],
}  # fmt: skip


# Hypothesis's counterexample after i11ca's merge: a curated PRC maker declared as a Delaware
# company (an open question), on a day when FISA s. 702 is in force; leaving out who pushes the
# firmware closed the question and left nothing open, though a compelled-access law that binds
# whoever reaches the device is in force. A device's firmware party left out is now itself an
# unknown.
FIRMWARE_2016: dict[str, Any] = {
    "id": "firmware-2016",
    "title": "A curated maker declared elsewhere, reached through firmware (2016)",
    "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield"}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "US-DE"}
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0",
         "remote_access": [], "firmware_updates_by": "p0", "acquisition": "new"}
    ],
}  # fmt: skip


# Hypothesis's counterexample of 2026-12-07: a PRC provider's cloud service with no one said to
# update it and no flows. With its provider named as the updater, the PRC Cybersecurity Law
# binds it; with that left out, nothing reached the service. Its provider runs it, and so
# reaches it, unless someone else is said to update it (``routes``: "provider").
CLOUD_PROVIDER: dict[str, Any] = {
    "id": "cloud-provider",
    "title": "A PRC provider's cloud service, its updater left out",
    "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield"}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"}
    ],
    "components": [
        {"id": "c0", "kind": "cloud_service", "manufacturer": "p0", "site": "s0",
         "capabilities": [], "remote_access": [], "firmware_updates_by": "p0",
         "acquisition": "new"}
    ],
}  # fmt: skip


# Hypothesis's counterexample of 2026-12-07, in a later run: a CN provider's cloud service in
# 2016 updated by another party whose declared incorporation (US-DE) contradicts the curated
# one (CN). Leaving that updater out names the provider as updater (``routes``: "provider"),
# so ``_removable`` does not count it; the other facts of this shape are still removed one at a
# time.
CLOUD_OTHER_UPDATER: dict[str, Any] = {
    "id": "cloud-other-updater",
    "title": "A PRC provider's cloud service updated by another party",
    "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": [], "purposes": []}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"},
        {"id": "p3", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "US-DE"},
    ],
    "components": [
        {"id": "c0", "kind": "cloud_service", "manufacturer": "p0", "site": "s0",
         "capabilities": [], "remote_access": [], "firmware_updates_by": "p3",
         "acquisition": "new"}
    ],
}  # fmt: skip


# Hypothesis's counterexample of 2026-12-07, once the generator drew more facts: a camera made
# by Hikvision and sold as "Acme" for a federal agency in 2020. With its maker left out, a
# brand that names no maker riskkit knows passed silently; it is now asked who makes it
# (``kinds/listed_entity/_brands.py``).
UNKNOWN_BRAND: dict[str, Any] = {
    "id": "unknown-brand",
    "title": "A Hikvision camera sold under a brand riskkit does not know",
    "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": [], "purposes": []}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"},
        {"id": "p2", "name": "Example Camera Works Inc.", "incorporated_in": "US-DE",
         "owners": [{"party": "p0", "share": 0.2}]},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0",
         "capabilities": [], "remote_access": [], "brand": "Acme", "firmware_updates_by": "p2",
         "acquisition": "new"}
    ],
}  # fmt: skip


# Hypothesis's counterexample of 2026-12-07: the doubt about an owner's incorporation (declared
# US-DE, curated CN) was asked while it controlled a party that reaches the data (50 %), and no
# longer once the share was left out, though it may still control it. Parties that may control
# one that reaches the data are asked about too.
MAY_CONTROL: dict[str, Any] = {
    "id": "may-control",
    "title": "An owner of a party with remote access, its share left out",
    "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield"}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "US-DE"},
        {"id": "p1", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"},
        {"id": "p2", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN", "owners": [{"party": "p0", "share": 0.5}]},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0",
         "capabilities": [], "remote_access": ["p2"], "firmware_updates_by": "p1",
         "acquisition": "new"}
    ],
}  # fmt: skip


@CHECK
@given(procurements().flatmap(with_more_facts), DATES)
@example(FIRMWARE_ONLY, date(2026, 11, 26))
@example(FIRMWARE_2016, date(2016, 1, 1))
@example(CLOUD_PROVIDER, date(2017, 6, 1))
@example(MAY_CONTROL, date(2016, 1, 1))
@example(CLOUD_OTHER_UPDATER, date(2016, 1, 1))
@example(UNKNOWN_BRAND, date(2020, 1, 1))
def test_removing_a_fact_never_turns_a_verdict_acceptable_without_an_unknown(
    full: dict[str, Any], as_of: date
) -> None:
    before = _report(full, as_of)
    if before.verdict == "acceptable":
        return
    for fact in _removable(full):
        if _contradicts_curated(full, fact, before):
            continue
        after = _report(_without(full, fact), as_of)
        if after.verdict == "acceptable":
            assert after.unknowns, f"leaving out {fact} turned {before.verdict} into acceptable"


# The same property over the analyst cases, one fact at a time: deterministic, and it names the
# cases that break it today.
CASES = load_cases()
REMOVAL_BREAKS: dict[str, str] = {}
"""Cases that break the property today, with why (none: leaving out who updates a device's
firmware is an unknown since issue 11)."""


def _doc(case: Case) -> dict[str, Any]:
    return case.procurement.model_dump(mode="json", by_alias=True, exclude_unset=True)


def _case_param(case: Case, known: dict[str, str]) -> object:
    reason = known.get(case.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_case_param(c, REMOVAL_BREAKS) for c in CASES])
def test_removing_a_fact_from_an_analyst_case_never_passes_it_silently(case: Case) -> None:
    doc = _doc(case)
    before = evaluate(case.procurement, RULES, case.as_of)
    silent = []
    for fact in _removable(doc):
        after = evaluate(procurement_from_dict(_without(doc, fact)), RULES, case.as_of)
        if after.verdict == "acceptable" and before.verdict != "acceptable" and not after.unknowns:
            silent.append(fact)
    assert not silent, f"{before.verdict} turns acceptable with no unknown without {silent}"


# --- adding a binding finding ------------------------------------------------------------------

# Additions that bring a binding finding with them, whoever the buyer is: federal grant money
# spent on Huawei telecom equipment (NDAA s. 889(b)), emotion recognition in a German workplace
# (AI Act Art. 5(1)(f)), a face database scraped from CCTV in France (AI Act Art. 5(1)(e)).
TRIGGERS = ("grant_huawei", "workplace_emotion", "scraping")


def _with_trigger(doc: dict[str, Any], trigger: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["parties"].append({"id": "tx-maker", "name": "Trigger Maker GmbH", "incorporated_in": "DE"})
    if trigger == "grant_huawei":
        funding = doc["buyer"].setdefault("funding", [])
        if "us_federal_grant" not in funding:
            funding.append("us_federal_grant")
        doc["parties"][-1] = {
            "id": "tx-maker",
            "name": "Huawei Technologies Co., Ltd.",
            "incorporated_in": "CN",
        }
        doc["sites"].append(
            {"id": "tx-site", "jurisdiction": "US-IL:Springfield", "settings": ["public_space"],
             "purposes": ["public_safety"]}
        )  # fmt: skip
        doc["components"].append(
            {"id": "tx", "kind": "router", "manufacturer": "tx-maker", "site": "tx-site",
             "capabilities": ["telecommunications"], "remote_access": [], "acquisition": "new"}
        )  # fmt: skip
    elif trigger == "workplace_emotion":
        doc["sites"].append(
            {"id": "tx-site", "jurisdiction": "DE-BE:Berlin", "settings": ["workplace"],
             "purposes": ["workplace_safety"]}
        )  # fmt: skip
        doc["components"].append(
            {"id": "tx", "kind": "ip_camera", "manufacturer": "tx-maker", "site": "tx-site",
             "capabilities": ["video", "emotion_recognition"], "remote_access": []}
        )  # fmt: skip
    else:
        doc["sites"].append(
            {"id": "tx-site", "jurisdiction": "FR-69:Lyon", "settings": ["public_space"],
             "purposes": ["public_safety"]}
        )  # fmt: skip
        doc["components"].append(
            {"id": "tx", "kind": "analytics_software", "manufacturer": "tx-maker",
             "site": "tx-site", "remote_access": [],
             "capabilities": ["facial_recognition", "untargeted_face_scraping"]}
        )  # fmt: skip
    return doc


def _new_binding(report: Report) -> list[Any]:
    """Active binding findings on what a trigger added (ids ``tx``, ``tx-maker``, ``tx-site``)."""
    return [f for f in report.findings if f.status == "active" and f.binding and "tx" in f.subject]


@CHECK
@given(procurements().flatmap(with_more_facts), st.sampled_from(TRIGGERS), DATES)
def test_adding_a_binding_finding_never_lowers_the_verdict(
    doc: dict[str, Any], trigger: str, as_of: date
) -> None:
    before = _report(doc, as_of)
    after = _report(_with_trigger(doc, trigger), as_of)
    new_binding = [
        f for f in after.findings if f.status == "active" and f.binding and "tx" in f.subject
    ]
    assume(new_binding)
    assert _rank(after) >= _rank(before), (before.verdict, after.verdict, new_binding[0].rule_id)
    assert _rank(after) >= RANK["restricted"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_adding_a_binding_finding_to_an_analyst_case_never_lowers_its_verdict(case: Case) -> None:
    doc = _doc(case)
    for section in ("sites", "parties", "components"):
        doc.setdefault(section, [])
    before = evaluate(case.procurement, RULES, case.as_of)
    for trigger in TRIGGERS:
        after = _report(_with_trigger(doc, trigger), case.as_of)
        if not _new_binding(after):
            continue
        assert _rank(after) >= _rank(before), (trigger, before.verdict, after.verdict)


# --- the term verdict -------------------------------------------------------------------------


def _days_of_term(report: Report, as_of: date, term_start: date, term_end: date) -> list[date]:
    """The days the term verdict speaks for (from the as-of date, or the term's start when
    later, to the term's end; none once the term is over) worth checking: the first and the
    last, and every day a finding starts or stops applying between them."""
    first = max(as_of, term_start)
    if first > term_end:
        return []
    days = {first, term_end}
    for finding in report.findings:
        for day in (finding.applies_from, finding.applies_until):
            if day is not None and first <= day <= term_end:
                days.add(day)
    return sorted(days)


# Hypothesis's counterexample of 2026-12-07: an owner the register does not name may control
# the maker of a HiWatch camera; the PRC National Intelligence Law, in force from 2017-06-28,
# asks who it is. Assessed as of 2016 for a term on 2017-07-01, that question was not asked as
# upcoming (the kinds were asked about the later law on the as-of date, when it was not yet in
# force), and the term verdict read acceptable. tests/engine/test_upcoming_needs.py.
LATER_LAW: dict[str, Any] = {
    "id": "later-law",
    "title": "A law taking effect in the term asks about an owner",
    "term": {"start": date(2017, 7, 1), "end": date(2017, 7, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": [], "purposes": []}],
    "parties": [
        {"id": "p0", "name": "Example Camera Works Inc.", "incorporated_in": "US-DE",
         "owners": [{"party": "anon"}]},
        {"id": "anon", "name": "an owner the register does not name", "roles": ["owner"],
         "undisclosed": True, "source": "generated"},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0",
         "capabilities": [], "remote_access": [], "brand": "HiWatch",
         "firmware_updates_by": "p0", "acquisition": "new"}
    ],
}  # fmt: skip


# And once holdings could start within the term: a CN firmware updater that a party declared in
# the US but named as Hikvision (curated: CN) holds 25 to 50 % of from 2016-01-02; the
# contradiction is asked about from that day, and was not upcoming the day before.
HOLDING_STARTS: dict[str, Any] = {
    "id": "holding-starts",
    "title": "A holding that starts within the term asks about its owner",
    "term": {"start": date(2016, 1, 2), "end": date(2016, 1, 2)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": [], "purposes": []}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "US-DE"},
        {"id": "p1", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN",
         "owners": [{"party": "p0", "share_min": 0.25, "share_max": 0.5,
                     "valid_from": date(2016, 1, 2)}]},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0",
         "capabilities": [], "remote_access": [], "firmware_updates_by": "p1",
         "acquisition": "new"}
    ],
}  # fmt: skip


@CHECK
@given(procurements().flatmap(with_more_facts), DATES, st.floats(0, 1))
@example(LATER_LAW, date(2016, 1, 1), 0.0)
@example(HOLDING_STARTS, date(2016, 1, 1), 0.0)
def test_the_term_verdict_is_never_better_than_a_day_of_the_term_to_come(
    doc: dict[str, Any], as_of: date, where: float
) -> None:
    procurement = procurement_from_dict(doc)
    term = procurement.term
    assert term is not None
    report = evaluate(procurement, RULES, as_of)
    days = _days_of_term(report, as_of, term.start, term.end)
    if days:
        days.append(days[0] + (days[-1] - days[0]) * where)
    for day in days:
        on_the_day = evaluate(procurement, RULES, day)
        assert _rank(on_the_day) <= RANK[report.term_verdict], (day, on_the_day.verdict)


Result = tuple[str, str, str, bool, str | None]
"""(rule, subject, outcome, binding, exception): what a finding says of one subject, and what
must hold unchanged for the whole of its span."""


def _holding_on(report: Report, day: date) -> set[Result]:
    """The result of every finding ``report`` says holds on ``day``, for each of its subjects."""
    return {
        (f.rule_id, subject, f.outcome, f.binding, f.exception)
        for f in report.findings
        if f.applies_from <= day and (f.applies_until is None or day <= f.applies_until)
        for subject in f.subjects
    }


@CHECK
@given(procurements().flatmap(with_more_facts), DATES, st.floats(0, 1))
def test_what_the_term_to_come_is_said_to_hold_is_what_holds_on_the_day(
    doc: dict[str, Any], as_of: date, where: float
) -> None:
    """The findings a report says will hold on a later day of the term are those an
    assessment as of that day finds: a day the engine does not evaluate again on (a group
    losing a member, a list entry's listing) shows as a difference. It found nothing that
    `test_group_membership_days` and `test_list_entry_days` do not pin (2026-12-07)."""
    procurement = procurement_from_dict(doc)
    term = procurement.term
    assert term is not None
    report = evaluate(procurement, RULES, as_of)
    days = [day for day in _days_of_term(report, as_of, term.start, term.end) if day > as_of]
    if days:
        days.append(days[0] + (days[-1] - days[0]) * where)
    for day in days:
        on_the_day = evaluate(procurement, RULES, day)
        assert _holding_on(report, day) == _holding_on(on_the_day, day), day


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_what_an_analyst_cases_term_to_come_is_said_to_hold_is_what_holds_on_the_day(
    case: Case,
) -> None:
    term = case.procurement.term
    if term is None:
        pytest.skip("no term: only the as-of date is assessed")
    report = evaluate(case.procurement, RULES, case.as_of)
    for day in _days_of_term(report, case.as_of, term.start, term.end):
        if day > case.as_of:
            on_the_day = evaluate(case.procurement, RULES, day)
            assert _holding_on(report, day) == _holding_on(on_the_day, day), day


# --- the days before the as-of date ------------------------------------------------------------


def _check_first_days(procurement: Procurement, report: Report, where: float) -> None:
    """Each finding active on the as-of date holds, with the same result, from its first day
    (``applies_from``) to the as-of date, and not on the day before that first day."""
    as_of = report.provenance.as_of
    held: dict[date, set[Result]] = {}

    def on(day: date) -> set[Result]:
        if day not in held:
            held[day] = _holding_on(evaluate(procurement, RULES, day), day)
        return held[day]

    for f in report.findings:
        if f.status != "active":
            continue
        first = f.applies_from
        before = first - timedelta(days=1)
        for subject in f.subjects:
            said = (f.rule_id, subject, f.outcome, f.binding, f.exception)
            for day in sorted({first, first + (as_of - first) * where}):
                assert said in on(day), (said, "not on", day, "though said from", first)
            assert said not in on(before), (said, "already on", before, "though said from", first)


# Hypothesis's counterexample of 2026-12-07: a Huawei camera sold under the Lorex brand. Dahua
# owned Lorex until 2022-11-23; the curated link after that rests on low confidence, so as of
# 2023 the NDAA video finding is elevated, not prohibited. It read "from 2019-08-13" (the rule's
# first day), though it was prohibited until 2022-11-23. tests/engine/test_first_days.py.
LOREX: dict[str, Any] = {
    "id": "lorex",
    "title": "A camera under a brand that changed hands before the as-of date",
    "term": {"start": date(2016, 1, 1), "end": date(2016, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": [],
               "purposes": ["public_safety"]}],
    "parties": [{"id": "p0", "name": "Huawei Technologies Co., Ltd.", "incorporated_in": "CN"}],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p0", "site": "s0", "brand": "Lorex",
         "capabilities": [], "remote_access": [], "firmware_updates_by": "p0",
         "acquisition": "new"}
    ],
}  # fmt: skip


# And at 1,000 fresh examples: a Dahua camera sold under Hikvision's HiWatch brand. The 1260H
# finding has held since Hikvision's listing (2020-06-24); from Dahua's (2022-10-05) the kind
# names that as the cause (Hit.since), and the finding read "from 2022-10-05".
HIWATCH_BY_DAHUA: dict[str, Any] = {
    **LOREX,
    "parties": [
        {"id": "p0", "name": "Zhejiang Dahua Technology Co., Ltd.", "incorporated_in": "CN"}
    ],
    "components": [{**LOREX["components"][0], "brand": "HiWatch"}],
}


@CHECK
@given(procurements().flatmap(with_more_facts), DATES, st.floats(0, 1))
@example(LOREX, date(2023, 1, 1), 0.0)
@example(HIWATCH_BY_DAHUA, date(2023, 1, 1), 0.0)
def test_a_finding_holds_from_the_first_day_it_is_said_to(
    doc: dict[str, Any], as_of: date, where: float
) -> None:
    """A finding active on the as-of date is said to apply from the day its result (outcome,
    binding, exception) last began: a group losing a member, a holding starting, a list entry's
    listing before the as-of date is that day, not the rule's first day."""
    procurement = procurement_from_dict(doc)
    _check_first_days(procurement, evaluate(procurement, RULES, as_of), where)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_an_analyst_cases_findings_hold_from_the_first_day_they_are_said_to(case: Case) -> None:
    report = evaluate(case.procurement, RULES, case.as_of)
    _check_first_days(case.procurement, report, 0.5)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_an_analyst_cases_term_verdict_is_never_better_than_a_day_of_its_term_to_come(
    case: Case,
) -> None:
    term = case.procurement.term
    if term is None:
        pytest.skip("no term: its term verdict is never acceptable (checked elsewhere)")
    report = evaluate(case.procurement, RULES, case.as_of)
    for day in _days_of_term(report, case.as_of, term.start, term.end):
        on_the_day = evaluate(case.procurement, RULES, day)
        assert _rank(on_the_day) <= RANK[report.term_verdict], (day, on_the_day.verdict)


# --- outside every rule's scope ----------------------------------------------------------------

# Places no shipped rule is scoped to and no compelled-access law of the packs belongs to (the
# data-protection pack of issue 16 covers many countries, so these are few; the test also checks
# that the report lists the places as uncovered).
NOWHERE = ["MN:Ulaanbaatar", "LA:Vientiane", "BO", "NP", "KH", "GE", "LK"]
PLAIN_NAMES = ["Steppe Optics LLC", "Mekong Vision Co., Ltd.", "Andes Vigilancia S.R.L.",
               "Himalaya Security Pvt. Ltd.", "Kartvelian Cameras LLC"]  # fmt: skip


@st.composite
def out_of_scope(draw: st.DrawFn) -> dict[str, Any]:
    """A procurement whose buyer, sites, parties and data are all in places without rules."""
    start = draw(st.dates(min_value=date(2018, 1, 1), max_value=date(2028, 12, 31)))
    n_parties = draw(st.integers(1, 3))
    parties = [
        {"id": f"p{i}", "name": draw(st.sampled_from(PLAIN_NAMES)),
         "incorporated_in": draw(st.sampled_from(NOWHERE))}
        for i in range(n_parties)
    ]  # fmt: skip
    ids = [p["id"] for p in parties]
    components = [
        {"id": f"c{i}", "kind": draw(st.sampled_from(KINDS)),
         "manufacturer": draw(st.sampled_from(ids)), "site": "s0",
         "capabilities": draw(st.lists(st.sampled_from(CAPABILITIES), max_size=3, unique=True)),
         "remote_access": draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)),
         "firmware_updates_by": draw(st.sampled_from(ids))}
        for i in range(draw(st.integers(1, 3)))
    ]  # fmt: skip
    flows = [
        {"id": f"f{i}", "from": draw(st.sampled_from([c["id"] for c in components])),
         "to": {"operator": draw(st.sampled_from([*ids, "buyer"])),
                "location": draw(st.sampled_from(NOWHERE)),
                "kind": draw(st.sampled_from(["on_premises", "vendor_cloud", "buyer_cloud"]))},
         "data": draw(st.lists(st.sampled_from(DATA), min_size=1, max_size=2, unique=True))}
        for i in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    return {
        "id": "nowhere",
        "title": "A deployment outside every rule's scope",
        "term": {"start": start, "end": date(start.year + 2, start.month, 1)},
        "buyer": {"name": "Buyer", "kind": draw(st.sampled_from(BUYER_KINDS)),
                  "jurisdiction": draw(st.sampled_from(NOWHERE))},
        "sites": [{"id": "s0", "jurisdiction": draw(st.sampled_from(NOWHERE)),
                   "settings": draw(st.lists(st.sampled_from(SETTINGS), max_size=2, unique=True))}],
        "parties": parties,
        "components": components,
        "data_flows": flows,
    }  # fmt: skip


@CHECK
@given(out_of_scope())
def test_a_deployment_outside_every_rules_scope_is_never_acceptable(doc: dict[str, Any]) -> None:
    report = _report(doc, doc["term"]["start"])
    assert report.coverage.uncovered, "NOWHERE names a place some rule now covers"
    assert not [f for f in report.findings if f.status == "active"], [
        f.rule_id for f in report.findings
    ]
    assert report.verdict != "acceptable"
