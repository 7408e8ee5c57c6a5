"""A procurement that lists no component is never ``acceptable``.

Most rules decide on what is bought (a camera's maker, a face search, where its footage goes).
A file that forgot its components, or a feed process in which nothing was recognised, would
otherwise pass every rule by having nothing to decide on: the verdict is ``no_rules_in_scope``
with the reason said, unless a finding or an open question already decides it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riskkit import assess
from riskkit.formats import FORMATS
from riskkit.model import Procurement
from riskkit.model.loading import load_procurement
from riskkit.packs import RuleSet
from riskkit.report import Report
from riskkit.report.scoring import NOTHING_BOUGHT
from tests.conftest import EXAMPLES

AS_OF = date(2026, 6, 1)
CLEAN = EXAMPLES / "clean-eu-municipal-cctv.toml"


def _nothing_bought(p: Procurement) -> Procurement:
    """``p`` with no component, and so no flow, mitigation or authorisation naming one."""
    return Procurement.model_validate(
        p.model_dump()
        | {"components": (), "data_flows": (), "mitigations": (), "authorisations": ()}
    )


def _assess(p: Procurement, rules: RuleSet) -> Report:
    return assess(p, as_of=AS_OF, packs=rules)


def test_a_clean_deployment_without_its_components_is_not_in_scope_of_any_rule(
    rules: RuleSet,
) -> None:
    clean = load_procurement(CLEAN)
    assert _assess(clean, rules).verdict == "acceptable"
    report = _assess(_nothing_bought(clean), rules)
    assert (report.verdict, report.term_verdict) == ("no_rules_in_scope", "no_rules_in_scope")
    assert report.verdict_reasons[0] == NOTHING_BOUGHT
    assert not report.findings and not report.unknowns


def test_with_its_components_the_clean_deployment_gives_no_such_reason(rules: RuleSet) -> None:
    report = _assess(load_procurement(CLEAN), rules)
    assert NOTHING_BOUGHT not in report.verdict_reasons


def test_an_open_question_still_makes_it_needs_review_and_the_reason_is_kept(
    rules: RuleSet,
) -> None:
    clean = _nothing_bought(load_procurement(CLEAN))
    report = _assess(clean.model_copy(update={"term": None}), rules)
    # The missing term is open only after the as-of date: on that day nothing is open.
    assert report.verdict == "no_rules_in_scope"
    assert report.term_verdict == "needs_review"
    seatless = clean.model_copy(
        update={"buyer": clean.buyer.model_copy(update={"jurisdiction": None})}
    )
    report = _assess(seatless, rules)
    assert report.verdict == "needs_review"
    assert NOTHING_BOUGHT in report.verdict_reasons


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_no_example_without_its_components_reads_acceptable(path: Path, rules: RuleSet) -> None:
    report = _assess(_nothing_bought(load_procurement(path)), rules)
    assert report.verdict != "acceptable"
    assert report.term_verdict != "acceptable"


def test_the_report_says_it_in_words(rules: RuleSet) -> None:
    report = _assess(_nothing_bought(load_procurement(CLEAN)), rules)
    text = FORMATS["markdown"].render_report(report)
    assert "NO RULES IN SCOPE (not a pass)" in text
    assert "the procurement lists no component" in text
