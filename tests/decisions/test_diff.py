"""Re-assessment: findings matched by fingerprint across two reports."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.api import assess, what_if
from riskkit.cli import main
from riskkit.decisions.diff import diff_reports, load_report
from riskkit.errors import InvalidInput
from riskkit.report import Report
from tests.conftest import EXAMPLES

PORTLAND = EXAMPLES / "portland-retailer-entrance-cameras.toml"
GRANT = EXAMPLES / "us-police-cctv-federal-grant.toml"
BAN = "BB-US-OR-PORTLAND-PRIVATE"


def _assess_to(tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str) -> Path:
    out = tmp_path / f"{day}.json"
    code = main(["assess", str(PORTLAND), "--as-of", day, "--format", "json", "-o", str(out),
                 "--exit-zero"])  # fmt: skip
    assert code == 0
    capsys.readouterr()
    return out


def test_diff_across_a_bans_effective_date_shows_the_new_finding_and_verdict_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _assess_to(tmp_path, capsys, "2020-12-31")
    new = _assess_to(tmp_path, capsys, "2021-01-01")
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == {"before": "elevated_risk", "after": "prohibited",
                               "direction": "worse"}  # fmt: skip
    (entry,) = data["new"]
    assert entry["rule_id"] == BAN
    assert entry["before"]["status"] == "upcoming"
    assert entry["after"]["status"] == "active"
    assert not data["resolved"]
    assert data["before"]["as_of"] == "2020-12-31"
    assert data["after"]["as_of"] == "2021-01-01"
    main(["diff", str(old), str(new)])
    text = capsys.readouterr().out
    assert "ELEVATED RISK → **PROHIBITED** (worse)" in text
    assert f"`{BAN}` on `components[entrance-cams]`" in text.split("## New (1)")[1]
    assert "took effect 2021-01-01" in text


def test_fail_on_worse_exits_1_when_the_verdict_gets_worse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _assess_to(tmp_path, capsys, "2020-12-31")
    new = _assess_to(tmp_path, capsys, "2021-01-01")
    assert main(["diff", str(old), str(new), "--fail-on-worse"]) == 1
    assert main(["diff", str(new), str(old), "--fail-on-worse"]) == 0


def test_findings_that_go_away_are_resolved() -> None:
    result = what_if(GRANT, EXAMPLES / "what-if" / "us-police-cctv-swap-manufacturer.toml",
                     as_of=date(2026, 6, 1))  # fmt: skip
    d = diff_reports(result.baseline, result.patched)
    assert {c.fingerprint for c in d.resolved} == {f.fingerprint for f in result.baseline.findings}
    assert all(c.after is None for c in d.resolved)
    assert d.verdict.direction == "better"
    assert any("procurement itself changed" in note for note in d.notes)


def test_matching_by_subject_pairs_findings_whose_evidence_changed() -> None:
    result = what_if(PORTLAND, EXAMPLES / "what-if" / "portland-retailer-no-face-recognition.toml",
                     as_of=date(2026, 6, 1))  # fmt: skip
    by_fingerprint = diff_reports(result.baseline, result.patched)
    by_subject = diff_reports(result.baseline, result.patched, match="subject")
    assert len(by_subject.resolved) < len(by_fingerprint.resolved)
    evidence = [c for c in by_subject.changed if c.changes[0].startswith("fingerprint:")]
    assert evidence
    assert all(c.before and c.after and c.before.rule_id == c.after.rule_id for c in evidence)


def test_diff_output_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _assess_to(tmp_path, capsys, "2020-12-31")
    new = _assess_to(tmp_path, capsys, "2021-01-01")
    outputs = set()
    for _ in range(2):
        main(["diff", str(old), str(new), "--format", "json"])
        outputs.add(capsys.readouterr().out)
    assert len(outputs) == 1


def test_a_file_that_is_not_a_report_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "verdict": "fine"}', encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code = main(["diff", str(bad), str(broken)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert f"{bad}: verdict:" in err
    assert f"{broken}: line 1, column 2: invalid JSON" in err
    with pytest.raises(InvalidInput, match="list of reports"):
        listing = tmp_path / "many.json"
        listing.write_text("[]", encoding="utf-8")
        load_report(listing)
    with pytest.raises(InvalidInput, match="no such file"):
        load_report(tmp_path / "missing.json")


EXAMPLE_FILES = sorted(EXAMPLES.glob("*.toml"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(EXAMPLE_FILES),
    st.dates(min_value=date(2016, 1, 1), max_value=date(2032, 12, 31)),
)
def test_diff_of_a_report_with_itself_is_empty(path: Path, day: date) -> None:
    report = assess(path, as_of=day)
    d = diff_reports(report, report)
    assert d.is_empty
    assert len(d.unchanged) == len(report.findings)
    assert not d.notes
    roundtrip = Report.model_validate_json(report.to_json())
    assert diff_reports(report, roundtrip).is_empty


def test_the_top_level_api_diffs_report_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import riskkit

    old = _assess_to(tmp_path, capsys, "2020-12-31")
    new = _assess_to(tmp_path, capsys, "2021-01-01")
    d = riskkit.diff(old, new)
    assert [c.rule_id for c in d.new] == [BAN]
    assert riskkit.diff(riskkit.load_report(old), riskkit.load_report(new)) == d


def test_a_file_that_is_not_json_given_twice_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.json"
    path.write_text("not json\n", encoding="utf-8")
    assert main(["diff", str(path), str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("invalid JSON") == 1


def test_a_procurement_given_to_diff_is_named_as_not_a_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    procurement = EXAMPLES / "clean-eu-municipal-cctv.toml"
    assert main(["diff", str(procurement), str(procurement)]) == 2
    err = capsys.readouterr().err
    assert err.count("riskkit: error:") == 1
    assert "not a report" in err and "--format json" in err
