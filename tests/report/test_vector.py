"""Score vectors: every score re-derives from its vector alone."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.api import assess
from riskkit.engine import evaluate
from riskkit.model.loading import procurement_from_dict
from riskkit.packs import load_packs
from riskkit.report.scoring import ScoringConfig
from riskkit.report.vector import PREFIX, parse_vector, rederive_finding, rederive_report
from tests.conftest import EXAMPLES
from tests.support.strategies import procurements

RULES = load_packs()
GRANT = EXAMPLES / "us-police-cctv-federal-grant.toml"


def test_a_finding_vector_records_inputs_pack_version_and_as_of() -> None:
    report = assess(GRANT, as_of=date(2026, 6, 1))
    f = report.findings[0]
    m = parse_vector(f.vector)
    assert f.vector.startswith(PREFIX + "/")
    assert m["AO"] == "2026-06-01"
    assert m["PK"] == f"{f.pack}@{f.pack_version}"
    assert m["R"] == f.rule_id
    assert (m["L"], m["I"], m["IS"], m["RS"]) == tuple(
        str(x) for x in (f.likelihood, f.impact, f.inherent_score, f.residual_score)
    )
    assert m["O"] == "P" and m["B"] == "Y"


def test_a_report_vector_records_packs_weights_and_verdict() -> None:
    report = assess(GRANT, as_of=date(2026, 6, 1))
    m = parse_vector(report.vector)
    assert m["AO"] == "2026-06-01"
    assert m["T"] == "2026-07-01..2031-06-30"
    for pack in report.provenance.packs:
        assert f"{pack.id}@{pack.version}" in m["PK"].split(",")
    assert (m["MS"], m["MM"], m["ET"]) == ("1", "2", "6")
    assert m["V"] == "P"
    assert float(m["SI"]) == report.scores.inherent


def test_the_weights_used_are_in_the_vector() -> None:
    from riskkit.model.loading import load_procurement

    config = ScoringConfig(mitigation_step=2, max_mitigation=3, elevated_threshold=9)
    report = evaluate(load_procurement(GRANT), RULES, date(2026, 6, 1), config)
    m = parse_vector(report.vector)
    assert (m["MS"], m["MM"], m["ET"]) == ("2", "3", "9")
    assert all("/MS:2/MM:3/" in f.vector for f in report.findings)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("CVSS:3.1/AV:N", "starts with"),
        ("RKV:1/L4", "malformed metric"),
        ("RKV:1/L:4/L:5", "appears twice"),
    ],
)
def test_malformed_vectors_are_rejected_with_a_reason(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_vector(text)


def test_rederiving_needs_every_input() -> None:
    with pytest.raises(ValueError, match="no 'MS' metric"):
        rederive_finding("RKV:1/L:4/S:C/M:0/MM:2")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    procurements(),
    st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(1, 3),
    st.integers(0, 4),
)
def test_every_score_rederives_from_its_vector(
    doc: dict[str, Any], as_of: date, step: int, most: int
) -> None:
    config = ScoringConfig(mitigation_step=step, max_mitigation=most)
    report = evaluate(procurement_from_dict(doc), RULES, as_of, config)
    for f in report.findings:
        assert rederive_finding(f.vector) == (f.inherent_score, f.residual_score)
    assert rederive_report(report.vector) == (report.scores.inherent, report.scores.residual)
