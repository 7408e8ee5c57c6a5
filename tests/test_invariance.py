"""What a report decides does not depend on how the file is written: the ids a user picks for
parties, components, sites and flows are labels, and the order of each list is the order the
user happened to type it in. Renaming every id consistently and shuffling every list must leave
the verdicts, the rules that fire (with their outcome, status and dates) and the number of
unknowns as they were."""

from __future__ import annotations

import copy
import os
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import load_packs
from riskkit.report import Report
from tests.support.analyst_suite import Case, load_cases
from tests.support.strategies import procurements, with_more_facts

RULES = load_packs()
DATES = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))
DEEP = int(os.environ.get("RISKKIT_DEEP_EXAMPLES", "0") or 0)
"""As in ``test_analyst_properties``: ``RISKKIT_DEEP_EXAMPLES=N`` runs ``N`` fresh examples."""
CHECK = settings(
    max_examples=DEEP or 80,
    deadline=None,
    derandomize=not DEEP,
    suppress_health_check=[HealthCheck.too_slow],
)


def _decided(report: Report) -> tuple[object, ...]:
    """What a report decides, with no id in it: the two verdicts, each finding's rule,
    outcome, status and window, and how many unknowns there are."""
    findings = Counter(
        (f.rule_id, f.outcome, f.status, f.binding, f.applies_from, f.applies_until)
        for f in report.findings
    )
    return (
        report.verdict,
        report.term_verdict,
        sorted(findings.items(), key=repr),
        len(report.unknowns),
    )


SECTIONS = {"parties": "org", "components": "kit", "sites": "place", "data_flows": "link",
            "mitigations": "step", "authorisations": "leave"}  # fmt: skip


def relabel(doc: dict[str, Any], order: Callable[[list[Any]], list[Any]]) -> dict[str, Any]:
    """``doc`` with every id of :data:`SECTIONS` renamed, and every reference to it, each
    section's entries and each list of references put in the order ``order`` gives, and the
    new ids numbered so that they sort in that order backwards."""
    doc = copy.deepcopy(doc)
    names: dict[str, str] = {}
    for section, prefix in SECTIONS.items():
        ids = [entry["id"] for entry in doc.get(section, ())]
        for n, old in enumerate(order(ids)):
            names[old] = f"{prefix}-{len(ids) - n:03d}"

    def renamed(value: Any) -> Any:
        return names.get(value, value) if isinstance(value, str) else value

    def renamed_all(values: list[Any]) -> list[Any]:
        return order([renamed(v) for v in values])

    for section in SECTIONS:
        for entry in doc.get(section, ()):
            entry["id"] = renamed(entry["id"])
            if "applies_to" in entry:
                entry["applies_to"] = renamed_all(entry["applies_to"])
    for party in doc.get("parties", ()):
        for owner in party.get("owners", ()):
            owner["party"] = renamed(owner["party"])
        if "owners" in party:
            party["owners"] = order(party["owners"])
    for comp in doc.get("components", ()):
        for key in ("manufacturer", "supplied_by", "site", "firmware_updates_by"):
            if key in comp:
                comp[key] = renamed(comp[key])
        if comp.get("remote_access") is not None:
            comp["remote_access"] = renamed_all(comp["remote_access"])
        for part in comp.get("contains", ()):
            if "manufacturer" in part:
                part["manufacturer"] = renamed(part["manufacturer"])
    for flow in doc.get("data_flows", ()):
        flow["from"] = renamed(flow["from"])
        flow["to"]["operator"] = renamed(flow["to"]["operator"])
        if "component" in flow["to"]:
            flow["to"]["component"] = renamed(flow["to"]["component"])
    for section in SECTIONS:
        if doc.get(section):
            doc[section] = order(doc[section])
    return doc


def _reversed(values: list[Any]) -> list[Any]:
    return values[::-1]


@st.composite
def relabelled(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` relabelled in an order hypothesis draws (one seed for every list)."""
    rng = draw(st.randoms(use_true_random=False))

    def shuffled(values: list[Any]) -> list[Any]:
        values = list(values)
        rng.shuffle(values)
        return values

    return relabel(doc, shuffled)


HELD_TWICE: dict[str, Any] = {
    "id": "held-twice",
    "title": "A maker held by two owners",
    "term": {"start": date(2024, 1, 1), "end": date(2026, 1, 1)},
    "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-IL:Springfield"},
    "sites": [{"id": "s0", "jurisdiction": "US-IL:Springfield", "settings": [], "purposes": []}],
    "parties": [
        {"id": "p0", "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
         "incorporated_in": "CN"},
        {"id": "p1", "name": "Example Camera Works Inc.", "incorporated_in": "US-DE",
         "owners": [{"party": "p0", "share": 0.3}, {"party": "p2", "share": 0.3}]},
        {"id": "p2", "name": "Zhejiang Dahua Technology Co., Ltd.", "incorporated_in": "CN"},
    ],
    "components": [
        {"id": "c0", "kind": "ip_camera", "manufacturer": "p1", "site": "s0",
         "capabilities": ["video"], "remote_access": ["p1", "p0"], "firmware_updates_by": "p1"},
    ],
    "data_flows": [
        {"id": "f0", "from": "c0", "to": {"operator": "p0", "location": "CN",
                                         "kind": "vendor_cloud"}, "data": ["video"]},
    ],
}  # fmt: skip


@CHECK
@given(
    procurements()
    .flatmap(with_more_facts)
    .flatmap(lambda doc: st.tuples(st.just(doc), relabelled(doc))),
    DATES,
)
@example((HELD_TWICE, relabel(HELD_TWICE, _reversed)), date(2025, 6, 1))
def test_renaming_ids_and_reordering_lists_changes_no_decision(
    pair: tuple[dict[str, Any], dict[str, Any]], as_of: date
) -> None:
    written, rewritten = pair
    before = evaluate(procurement_from_dict(written), RULES, as_of)
    after = evaluate(procurement_from_dict(rewritten), RULES, as_of)
    assert _decided(after) == _decided(before)


def test_the_example_above_is_relabelled_for_real() -> None:
    """The strategy renames and reorders (a check of the test itself)."""
    relabel = relabelled(HELD_TWICE)
    seen: list[dict[str, Any]] = []

    @settings(max_examples=20, derandomize=True, database=None)
    @given(relabel)
    def collect(doc: dict[str, Any]) -> None:
        seen.append(doc)

    collect()
    ids = {tuple(p["id"] for p in doc["parties"]) for doc in seen}
    assert all(not set(i) & {"p0", "p1", "p2"} for i in ids)
    assert len(ids) > 1


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_an_analyst_case_relabelled_and_reversed_decides_the_same(case: Case) -> None:
    written = case.procurement.model_dump(mode="json", by_alias=True, exclude_unset=True)
    rewritten = relabel(written, _reversed)
    assert rewritten != written or not any(written.get(s) for s in SECTIONS)
    before = evaluate(case.procurement, RULES, case.as_of)
    after = evaluate(procurement_from_dict(rewritten), RULES, case.as_of)
    assert _decided(after) == _decided(before)
