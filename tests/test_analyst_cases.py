"""The analyst suite: every case in tests/analyst_cases/ gives the analyst's verdict, and the law
the analyst named appears among its findings.

The expected verdicts were written from the laws before riskkit was run on the cases. Cases
riskkit disagrees with today are marked ``xfail(strict=True)`` with the issue 11 defect that
causes the disagreement, so each mark lifts (and must be removed) as the fix lands.
"""

from __future__ import annotations

from collections import Counter

import pytest

from riskkit.packs import RuleSet
from tests.support.analyst_suite import FAMILIES, VERDICTS, Case, load_cases, needs_list_files, run

CASES = load_cases()

# case name -> why riskkit disagrees today (the issue 11 defect that causes it)
DISAGREES: dict[str, str] = {}


def _param(case: Case) -> object:
    reason = DISAGREES.get(case.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_riskkit_agrees_with_the_analyst(case: Case, rules: RuleSet) -> None:
    outcome, report = run(case, rules)
    assert outcome.agrees, (outcome.problems, report.verdict_reasons)


def test_the_suite_is_large_and_covers_every_verdict_and_family() -> None:
    assert len(CASES) >= 80
    assert len({c.name for c in CASES}) == len(CASES)
    expected = Counter(c.expected for c in CASES)
    assert set(VERDICTS) <= set(expected), expected
    assert set(FAMILIES) <= {c.family for c in CASES}


# The packs whose rules issue 11 asks the suite to exercise: every shipped rule pack (the
# data-protection cases are written from the statute or source each DP rule cites; the
# data-transfer rules were in compelled-access when issue 11 asked, and moved in issue 13).
SUITE_PACKS = {
    "riskkit-biometric-bans",
    "riskkit-compelled-access",
    "riskkit-data-protection",
    "riskkit-data-transfer",
    "riskkit-listed-entities",
}


def test_the_suite_exercises_every_shipped_rule(rules: RuleSet) -> None:
    """Every rule of the suite's packs gives a finding in some case, those that fire only on list
    files (see ``needs_list_files``) in the cases that give ``lists``; a rule that only says a
    law's status is unconfirmed (``status_unconfirmed``) gives an unknown instead."""
    reports = [run(case, rules)[1] for case in CASES]
    fired = {f.rule_id for report in reports for f in report.findings}
    fired |= {
        u.rule_id
        for report in reports
        for u in report.unknowns
        if u.rule_id is not None
        and getattr(rules.rule(u.rule_id).params, "status_unconfirmed", None) is not None
    }
    shipped = {c.rule.id for c in rules.rules if c.pack.id in SUITE_PACKS}
    assert shipped <= fired, sorted(shipped - fired)
    lists_only = {c.rule.id for c in rules.rules if needs_list_files(c)}
    assert "LE-US-OFAC-SDN" in lists_only
    assert lists_only <= shipped
    assert "LE-US-NDAA889-A1A-VIDEO" not in lists_only  # a curated rule is never list-only


def test_every_case_names_its_law_and_its_source() -> None:
    """A case that expects a finding names the law that must give it; every case cites a source
    (a URL, or a repository document for the cases about riskkit's own outcomes)."""
    for case in CASES:
        assert case.reasoning.strip(), case.name
        assert case.citation_article.strip(), case.name
        assert case.citation_url.startswith(("https://", "http://", "docs/")), case.name
        if case.expected not in ("acceptable", "needs_review", "no_rules_in_scope"):
            assert case.law, f"{case.name} expects {case.expected} but names no law"


def test_every_disagreement_names_a_case() -> None:
    assert set(DISAGREES) <= {c.name for c in CASES}
