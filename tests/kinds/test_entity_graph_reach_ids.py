"""``reach_ids`` and ``producer_chains`` answer what the chain-building walks answer.

The listed-entity kind decides from them alone that a rule does not apply, so under the control
rules they must find exactly the ids ``reach_any`` finds and the producers ``producers_of``
finds; under the "majority owned" rule, where what the listed own adds up and so depends on the
whole listing, every id ``reach`` finds for any listing.
"""

from __future__ import annotations

from datetime import date

import pytest

from riskkit.kinds import _graph as graph
from riskkit.kinds._graph.edges import every_listable
from riskkit.kinds._graph.ownership import ownership
from riskkit.kinds._graph.reach import reach
from riskkit.kinds.context import Context
from riskkit.model.entities import EntityIndex
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import load_packs
from tests.support.rule_cases import all_cases, as_of, bases, build, list_set

MODES: tuple[graph.AffiliateRule, ...] = (
    "named_only",
    "subsidiaries_and_affiliates",
    "majority_owned",
)


@pytest.mark.parametrize("day", [None, date(2025, 10, 1)])
def test_reach_ids_match_reach_any_on_every_rule_case(day: date | None) -> None:
    rules = load_packs()
    templates = bases()
    checked = 0
    for case in all_cases():
        procurement = procurement_from_dict(build(case, templates), source=case["file"])
        lists = list_set(case)
        ctx = Context.build(
            procurement,
            day or as_of(case),
            rules.entities,
            lists.screener if lists is not None else None,
        )
        nodes: set[graph.Node] = {("party", p.id) for p in procurement.parties}
        for comp in procurement.components:
            chains = graph.producer_chains(ctx, comp.manufacturer, comp.brand)
            producers = graph.producers_of(ctx, comp.id)
            assert {node for node, _, _ in chains} == {node for node, _ in producers}
            nodes.update(node for node, _ in producers)
        for mode in MODES:
            for threshold in (0.5, 0.25):
                for node in nodes:
                    _check(ctx, node, mode, threshold, (case["rule"], case["name"]))
                    checked += 1
    assert checked > 1000


def _check(
    ctx: Context, node: graph.Node, mode: graph.AffiliateRule, threshold: float, case: object
) -> None:
    """``reach_ids`` is what ``reach_any`` finds under a control rule; under the "majority
    owned" rule it holds what ``reach`` finds for every listing tried: all that may be listed,
    each id it gives alone, and all but each of them."""
    ids = graph.reach_ids(ctx, node, mode, threshold)
    if mode != "majority_owned":
        assert ids == frozenset(graph.reach_any(ctx, node, mode, threshold)), (case, node, mode)
        return
    everything = every_listable(ctx)
    listings = [everything, *[frozenset((i,)) for i in ids], *[everything - {i} for i in ids]]
    for listed in listings:
        found = reach(ctx, node, listed, mode, threshold)
        assert found.keys() <= ids & listed, (case, node, threshold, sorted(listed)[:5])


def test_reach_ids_match_reach_any_for_parties_with_several_identities_and_deal_owners() -> None:
    """Parties that are two curated entities at once (one controlling the other, or not
    related), and parties held through the deal's own holdings, take the full walk: the
    short cut for one identity and no owner must not answer for them."""
    rules = load_packs()
    doc = {
        "schema_version": 1,
        "id": "t",
        "title": "test",
        "term": {"start": date(2024, 1, 1), "end": date(2024, 12, 31)},
        "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-DC"},
        "sites": [{"id": "s", "jurisdiction": "US-DC"}],
        "parties": [
            {
                "id": "two",
                "name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
                "aliases": ["China Electronics Technology HIK Group Co., Ltd."],
            },
            {
                "id": "apart",
                "name": "Huawei Technologies Co., Ltd.",
                "aliases": ["Zhejiang Dahua Technology Co., Ltd."],
            },
            {
                "id": "held",
                "name": "Lorex Technology Inc.",
                "owners": [{"party": "holder", "share": 0.6}],
            },
            {
                "id": "holder",
                "name": "Hikvision Canada Inc.",
                "owners": [{"party": "apart", "share": 0.3, "control": True}],
            },
            {"id": "plain", "name": "Neutral Maker Inc."},
        ],
        "components": [{"id": "cam", "kind": "ip_camera", "manufacturer": "two", "site": "s"}],
    }
    procurement = procurement_from_dict(doc, source="test")
    for day in (date(2020, 1, 1), date(2024, 6, 1)):
        ctx = Context.build(procurement, day, rules.entities)
        for party in procurement.parties:
            node = ("party", party.id)
            for mode in MODES:
                for threshold in (0.5, 0.25, 0.7):
                    _check(ctx, node, mode, threshold, (party.id, day))


def test_curated_ownership_is_worked_out_once_per_entity_index_and_holding_span() -> None:
    """What curated entities reach is kept beside the loaded entity data, for every assessment
    that uses it, and apart from any other entity data."""
    rules = load_packs()
    procurement = procurement_from_dict(
        {
            "schema_version": 1,
            "id": "t",
            "title": "test",
            "term": {"start": date(2024, 1, 1), "end": date(2024, 12, 31)},
            "buyer": {"name": "Buyer", "kind": "federal_agency", "jurisdiction": "US-DC"},
        },
        source="test",
    )
    day = date(2024, 6, 1)
    first = ownership(Context.build(procurement, day, rules.entities), 0.5)
    assert ownership(Context.build(procurement, day, rules.entities), 0.5) is first
    assert ownership(Context.build(procurement, day, rules.entities), 0.25) is not first
    other = EntityIndex(tuple(rules.entities.entities.values()))
    assert ownership(Context.build(procurement, day, other), 0.5) is not first
