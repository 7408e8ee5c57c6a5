"""Findings on many subjects with one cause group into one finding with its subjects, in every
format, without changing a score, a count or a verdict."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

from bench._generate import city_cameras

import riskkit
from riskkit.decisions.diff import diff_reports
from riskkit.decisions.waivers import Waivers, apply_waivers, waivers_from_dict
from riskkit.formats import FORMATS
from riskkit.model.loading import procurement_from_dict
from riskkit.report import Finding, Report
from riskkit.report.scoring import combined

AS_OF = date(2026, 6, 1)
BAN = "BB-US-OR-PORTLAND-PRIVATE"


def _assess(data: dict[str, Any]) -> Report:
    return riskkit.assess(procurement_from_dict(data), as_of=AS_OF)


def _ban(report: Report) -> list[Finding]:
    return [f for f in report.findings if f.rule_id == BAN]


def test_cameras_with_one_cause_make_one_finding_per_rule_whatever_their_number() -> None:
    small, large = _assess(city_cameras(3)), _assess(city_cameras(40))
    assert len(small.findings) == len(large.findings)
    (ban,) = _ban(large)
    assert ban.subjects == tuple(f"components[cam-{i:06d}]" for i in range(40))
    assert ban.subject == ban.subjects[0] == "components[cam-000000]"
    assert "'cam-000000'" in ban.explanation
    assert {e.path.split(".")[0] for e in ban.evidence} >= {"components[cam-000000]"}


def test_scores_counts_and_verdict_count_every_subject() -> None:
    report = _assess(city_cameras(25))
    active = [f for f in report.findings if f.status == "active"]
    each = [f.inherent_score for f in active for _ in f.all_subjects]
    assert report.scores.findings == len(each) > len(report.findings)
    assert report.scores.inherent == combined(each)
    assert report.scores.binding == sum(f.weight for f in active if f.binding)
    assert report.verdict == "prohibited"
    assert any(f"{BAN} on components[cam-000000] and 24 more" in r for r in report.verdict_reasons)
    assert f"N:{len(each)}/" in report.vector


def test_subjects_with_different_causes_stay_apart() -> None:
    data = city_cameras(4)
    data["components"][1]["capabilities"] = ["video"]  # no face recognition: no ban
    data["sites"].append({**data["sites"][0], "id": "depot", "settings": ["workplace"]})
    data["components"][2]["site"] = "depot"  # not a place of public accommodation
    (ban,) = _ban(_assess(data))
    assert ban.subjects == ("components[cam-000000]", "components[cam-000003]")


def test_a_finding_for_some_subjects_is_the_one_the_engine_gives_for_them() -> None:
    (grouped,) = _ban(_assess(city_cameras(3)))
    alone = city_cameras(3)
    alone["components"] = alone["components"][2:]
    alone["data_flows"][0]["from"] = "cam-000002"
    (single,) = _ban(_assess(alone))
    part = grouped.for_subjects(("components[cam-000002]",))
    assert part == single


def test_a_waiver_naming_some_subjects_splits_the_finding(tmp_path: Path) -> None:
    report = _assess(city_cameras(5))
    waivers: Waivers = waivers_from_dict(
        {
            "waivers": [
                {
                    "id": "W-1",
                    "rule": "LE-US-BIS-EL-XJ2019",
                    "subject": "components[cam-000003]",
                    "justification": "Replaced before go-live.",
                    "approver": "A. Buyer",
                    "approved": "2026-05-01",
                    "expires": "2027-05-01",
                }
            ]
        }
    )
    waived = apply_waivers(report, waivers)
    parts = [f for f in waived.findings if f.rule_id == "LE-US-BIS-EL-XJ2019"]
    assert [(f.subjects, f.waived) for f in parts] == [
        (tuple(f"components[cam-{i:06d}]" for i in (0, 1, 2, 4)), False),
        (("components[cam-000003]",), True),
    ]
    assert parts[1].explanation.startswith("ip camera 'cam-000003'")
    assert waived.scores.waived == 1
    assert waived.waivers is not None and waived.waivers.applied == 1


def test_every_format_names_every_subject() -> None:
    report = _assess(city_cameras(12))
    last = "components[cam-000011]"
    assert "and 11 more" in FORMATS["markdown"].render_report(report)
    assert last in FORMATS["markdown"].render_report(report)
    html = FORMATS["html"].render_report(report)
    assert "and 11 more" in html and last in html
    rows = list(csv.DictReader(io.StringIO(FORMATS["csv"].render_report(report))))
    ban_row = next(r for r in rows if r["rule_id"] == BAN)
    assert ban_row["subjects"].split("\n")[-1] == last
    sarif = json.loads(FORMATS["sarif"].render_report(report))
    ban_result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == BAN)
    assert ban_result["properties"]["subjects"][-1] == last
    assert json.loads(report.to_json())["findings"][0]["subjects"]


def test_a_report_written_before_grouping_reads_as_one_subject_per_finding() -> None:
    data = json.loads(_assess(city_cameras(1)).to_json())
    for finding in data["findings"]:
        del finding["subjects"]
    old = Report.model_validate(data)
    assert all(f.all_subjects == (f.subject,) and f.weight == 1 for f in old.findings)


def test_diff_says_how_the_subjects_of_a_finding_changed() -> None:
    before, after = _assess(city_cameras(3)), _assess(city_cameras(5))
    changed = diff_reports(before, after, match="subject").changed
    ban = next(c for c in changed if c.rule_id == BAN)
    assert "subjects: 3 -> 5 (2 added, 0 removed)" in ban.changes
