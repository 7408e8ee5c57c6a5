"""Invariants of the whole pipeline, over generated procurements and dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import load_packs
from riskkit.report import Report
from tests.support.strategies import procurements, with_added_risk_fact

RULES = load_packs()
DATES = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])  # fmt: skip


def _report(doc: dict[str, Any], as_of: date) -> Report:
    return evaluate(procurement_from_dict(doc), RULES, as_of)


@SETTINGS
@given(procurements(), DATES)
def test_same_input_gives_a_byte_identical_report(doc: dict[str, Any], as_of: date) -> None:
    first = _report(doc, as_of).to_json()
    again = evaluate(procurement_from_dict(doc), load_packs(), as_of).to_json()
    assert first == again


@SETTINGS
@given(st.data(), procurements(), DATES)
def test_adding_a_risk_fact_never_lowers_the_score(
    data: st.DataObject, doc: dict[str, Any], as_of: date
) -> None:
    before = _report(doc, as_of)
    after = _report(data.draw(with_added_risk_fact(doc)), as_of)
    assert after.scores.inherent >= before.scores.inherent
    assert after.scores.residual >= before.scores.residual
    assert after.scores.max_inherent >= before.scores.max_inherent


@SETTINGS
@given(procurements(), DATES)
def test_a_rule_never_fires_outside_its_window(doc: dict[str, Any], as_of: date) -> None:
    report = _report(doc, as_of)
    for finding in report.findings:
        window = RULES.rule(finding.rule_id).rule.effective
        if finding.status == "active":
            assert window.contains(as_of)
        else:
            assert as_of < finding.applies_from
            assert window.contains(finding.applies_from)
        if finding.applies_until is not None:
            assert window.until is None or finding.applies_until <= window.until
            assert finding.applies_from <= finding.applies_until


@SETTINGS
@given(procurements(), DATES)
def test_json_report_round_trips_through_the_model(doc: dict[str, Any], as_of: date) -> None:
    report = _report(doc, as_of)
    text = report.to_json()
    parsed = Report.model_validate_json(text)
    assert parsed == Report.model_validate(report.model_dump())
    assert parsed.to_json() == text


@SETTINGS
@given(procurements())
def test_procurement_round_trips_through_json(doc: dict[str, Any]) -> None:
    procurement = procurement_from_dict(doc)
    again = procurement_from_dict(procurement.model_dump(mode="json", by_alias=True))
    assert again == procurement
