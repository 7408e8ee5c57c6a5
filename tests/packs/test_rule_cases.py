"""Every rule's own cases: it fires where it should, and nowhere else, on the right days."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.model.vocabulary import OUTCOME_ORDER
from riskkit.packs import RuleSet
from riskkit.report import Finding, Report, Unknown
from tests.support.rule_cases import all_cases, as_of, bases, build, list_set

CASES = all_cases()
BASES = bases()


def _outcome(report: Report, rule_id: str, subject: str | None) -> str:
    """What the rule gave: the strongest active outcome, else upcoming, unknown or none."""

    def mine(item: Finding | Unknown) -> bool:
        return bool(item.rule_id == rule_id and (subject is None or item.subject == subject))

    active = [f for f in report.findings if mine(f) and f.status == "active"]
    if active:
        return max((f.outcome for f in active), key=OUTCOME_ORDER.__getitem__)
    upcoming = [f for f in report.findings if mine(f) and f.status == "upcoming"]
    if upcoming:
        return "upcoming:" + max((f.outcome for f in upcoming), key=OUTCOME_ORDER.__getitem__)
    if any(mine(u) for u in report.unknowns):
        return "unknown"
    return "none"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}: {c['name']}" for c in CASES])
def test_rule_case(case: dict[str, Any], rules: RuleSet) -> None:
    rules.rule(case["rule"])  # a case for a rule that does not exist is itself an error
    procurement = procurement_from_dict(build(case, BASES), source=case["file"])
    report = evaluate(procurement, rules, as_of(case), lists=list_set(case))
    got = _outcome(report, case["rule"], case.get("subject"))
    expected = case["expect"]
    if expected.startswith("upcoming:") and got.startswith("upcoming:"):
        assert got == expected
    else:
        assert got == expected, [
            (f.rule_id, f.subject, f.outcome, f.status) for f in report.findings
        ]
    if "binding" in case:
        findings = [f for f in report.findings if f.rule_id == case["rule"]]
        assert findings and all(f.binding is case["binding"] for f in findings)


def test_every_rule_has_cases_that_fire_and_do_not_fire_and_test_its_window(
    rules: RuleSet,
) -> None:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for case in CASES:
        by_rule.setdefault(case["rule"], []).append(case)
    missing = []
    for compiled in rules.rules:
        cases = by_rule.get(compiled.id, [])
        window = compiled.rule.effective
        # a rule that only says a law's status is unconfirmed fires as an unknown, by design
        says_unknown = getattr(compiled.params, "status_unconfirmed", None) is not None
        fires = any(
            c["expect"] not in {"none", "unknown"} or (says_unknown and c["expect"] == "unknown")
            for c in cases
        )
        quiet = any(c["expect"] == "none" for c in cases)
        day_before = any(
            as_of(c) == window.start - timedelta(days=1) and c["expect"] == "none" for c in cases
        )
        day_after = window.until is None or any(
            as_of(c) == window.until + timedelta(days=1) and c["expect"] == "none" for c in cases
        )
        for ok, what in [(fires, "a case where it fires"), (quiet, "a case where it does not"),
                         (day_before, "the day before it takes effect"),
                         (day_after, "the day after it ends")]:  # fmt: skip
            if not ok:
                missing.append(f"{compiled.id}: {what}")
    assert not missing, "\n".join(missing)
