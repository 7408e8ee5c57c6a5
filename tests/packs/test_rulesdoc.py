"""docs/rules.md is generated from the packs; a stale copy fails here."""

from __future__ import annotations

from riskkit.packs import RuleSet
from riskkit.packs.rulesdoc import render_rule_index
from tests.conftest import ROOT


def test_rule_index_in_docs_is_up_to_date(rules: RuleSet) -> None:
    expected = render_rule_index(rules)
    actual = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert actual == expected, "docs/rules.md is stale: run `riskkit rules doc > docs/rules.md`"


def test_rule_index_lists_every_rule_with_its_citation(rules: RuleSet) -> None:
    text = render_rule_index(rules)
    for compiled in rules.rules:
        assert f"`{compiled.id}`" in text
        assert compiled.rule.citations[0].url in text
