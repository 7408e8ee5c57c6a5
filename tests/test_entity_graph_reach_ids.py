"""``reach_ids`` and ``producer_chains`` answer what the chain-building walks answer.

The listed-entity kind decides from them alone that a rule does not apply, so they must find
exactly the ids ``reach_any`` finds and the producers ``producers_of`` finds.
"""

from __future__ import annotations

from datetime import date

import pytest

from riskkit.context import Context
from riskkit.kinds import _entity_graph as graph
from riskkit.loading import procurement_from_dict
from riskkit.packs import load_packs
from tests.rule_cases import all_cases, as_of, bases, build, list_set

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
                    expected = frozenset(graph.reach_any(ctx, node, mode, threshold))
                    assert graph.reach_ids(ctx, node, mode, threshold) == expected, (
                        case["rule"],
                        case["name"],
                        node,
                        mode,
                    )
                    checked += 1
    assert checked > 1000
