"""Waivers: accepted risks stay in the report, marked; expired, refused, unmatched ones say so."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.api import assess
from riskkit.cli import main
from riskkit.decisions.waivers import (
    Waiver,
    Waivers,
    apply_waivers,
    load_waivers,
    waivers_from_dict,
)
from riskkit.errors import InvalidInput
from riskkit.report import Report
from tests.conftest import EXAMPLES

PORTLAND = EXAMPLES / "portland-retailer-entrance-cameras.toml"
SMART_CITY = EXAMPLES / "eu-smart-city-us-cloud.toml"
SAMPLE = EXAMPLES / "waivers" / "portland-retailer-waivers.toml"
AS_OF = date(2026, 6, 1)


def waiver(**fields: Any) -> Waiver:
    base: dict[str, Any] = {
        "id": "W-1",
        "rule": "CA-US-CLOUD",
        "subject": "parties[cloud-us]",
        "justification": "Contractual safeguards reviewed by counsel.",
        "approver": "A. Approver, CISO",
        "expires": date(2030, 1, 1),
    }
    return Waiver.model_validate(base | fields)


def waived(report: Report, *items: Waiver) -> Report:
    return apply_waivers(report, Waivers(items, source="w.toml"))


@pytest.fixture(scope="module")
def smart_city() -> Report:
    return assess(SMART_CITY, as_of=AS_OF)


def test_a_waiver_that_expired_yesterday_has_no_effect_and_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    today = AS_OF
    yesterday = today - timedelta(days=1)
    path = tmp_path / "waivers.toml"
    path.write_text(
        f'[[waivers]]\nid = "W-OLD"\nrule = "CA-US-CLOUD"\nsubject = "parties[cloud-us]"\n'
        f'justification = "j"\napprover = "a"\nexpires = {yesterday.isoformat()}\n',
        encoding="utf-8",
    )
    plain = assess(SMART_CITY, as_of=today)
    with_waiver = assess(SMART_CITY, as_of=today, waivers=path)
    assert with_waiver.verdict == plain.verdict
    assert with_waiver.scores.waived == 0
    assert with_waiver.waivers is not None
    (record,) = with_waiver.waivers.waivers
    assert (record.id, record.state) == ("W-OLD", "expired")
    assert str(yesterday) in record.note
    marked = [f for f in with_waiver.findings if f.waiver is not None]
    assert [f.waiver.state for f in marked if f.waiver] == ["expired"]
    code = main(
        ["assess", str(SMART_CITY), "--as-of", str(today), "--waivers", str(path), "--exit-zero"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "W-OLD" in out
    assert "expired" in out


def test_an_applied_waiver_marks_and_counts_the_finding_and_keeps_the_scores(
    smart_city: Report,
) -> None:
    report = waived(smart_city, waiver())
    finding = next(f for f in report.findings if f.rule_id == "CA-US-CLOUD")
    assert finding.waiver is not None and finding.waiver.state == "applied"
    assert report.scores.waived == 1
    assert report.scores.inherent == smart_city.scores.inherent
    assert report.scores.residual == smart_city.scores.residual
    assert len(report.findings) == len(smart_city.findings)
    assert any("waived by W-1" in reason for reason in report.verdict_reasons)
    assert report.waivers is not None and report.waivers.applied == 1


def test_waiving_every_deciding_finding_lowers_the_verdict(smart_city: Report) -> None:
    deciding = [
        waiver(id=f"W-{i}", rule=f.rule_id, subject=f.subject)
        for i, f in enumerate(smart_city.findings)
    ]
    report = waived(smart_city, *deciding)
    assert smart_city.verdict == "elevated_risk"
    assert report.verdict in ("acceptable", "needs_review")


def test_a_waiver_ending_inside_the_term_does_not_clear_the_term_verdict(
    smart_city: Report,
) -> None:
    short = [
        waiver(id=f"W-{i}", rule=f.rule_id, subject=f.subject, expires=date(2026, 12, 31))
        for i, f in enumerate(smart_city.findings)
    ]
    report = waived(smart_city, *short)
    assert report.verdict in ("acceptable", "needs_review")
    assert report.term_verdict == smart_city.term_verdict


def test_a_binding_prohibition_cannot_be_waived_and_the_report_says_why() -> None:
    base = assess(PORTLAND, as_of=AS_OF)
    report = waived(
        base, waiver(rule="BB-US-OR-PORTLAND-PRIVATE", subject="components[entrance-cams]")
    )
    assert report.verdict == "prohibited"
    finding = next(f for f in report.findings if f.rule_id == "BB-US-OR-PORTLAND-PRIVATE")
    assert finding.waiver is not None and finding.waiver.state == "refused"
    assert "binding legal prohibition" in finding.waiver.note
    assert report.waivers is not None and report.waivers.waivers[0].state == "refused"
    assert report.scores.waived == 0


def test_a_waiver_matching_nothing_is_reported_with_a_hint(smart_city: Report) -> None:
    report = waived(
        smart_city,
        waiver(id="W-typo", rule="CA-US-CLOUDS"),
        waiver(id="W-subject", subject="parties[cloud-eu]"),
    )
    assert report.waivers is not None
    records = {r.id: r for r in report.waivers.waivers}
    assert report.waivers.unmatched == 2
    assert 'did you mean "CA-US-CLOUD"' in records["W-typo"].note
    assert "parties[cloud-us]" in records["W-subject"].note


def test_a_fingerprint_waiver_covers_only_that_finding(smart_city: Report) -> None:
    target = smart_city.findings[0]
    report = waived(
        smart_city,
        waiver(rule=target.rule_id, subject=None, fingerprint=target.fingerprint),
    )
    marked = [f.fingerprint for f in report.findings if f.waiver is not None]
    assert marked == [target.fingerprint]


def test_ignore_waivers_shows_the_report_without_them(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(PORTLAND), "--as-of", "2026-06-01", "--format", "json"])
    plain = capsys.readouterr().out
    main(["assess", str(PORTLAND), "--as-of", "2026-06-01", "--format", "json",
          "--waivers", str(SAMPLE), "--ignore-waivers"])  # fmt: skip
    assert capsys.readouterr().out == plain


def test_the_sample_waivers_file_shows_each_fate() -> None:
    report = assess(PORTLAND, as_of=AS_OF, waivers=SAMPLE)
    assert report.waivers is not None
    states = {r.id: r.state for r in report.waivers.waivers}
    assert states == {"W-2026-011": "applied", "W-2025-003": "expired", "W-2026-012": "refused"}
    assert report.waivers.source == "portland-retailer-waivers.toml"
    assert report.waivers.digest.startswith("sha256:")
    assert "/W:1/" in report.vector


def test_waivers_file_problems_are_located(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as info:
        waivers_from_dict(
            {"waivers": [{"id": "W", "rule": "R", "justification": "j", "approver": "a",
                          "expires": "2026-13-01", "aprover": "x"},
                         {"id": "W", "rule": "R", "subject": "*", "justification": "j",
                          "approver": "a", "expires": "2026-01-01"}]},
            source="w.toml",
        )  # fmt: skip
    messages = [str(p) for p in info.value.problems]
    assert any(m.startswith("w.toml: waivers[0].expires") for m in messages)
    assert any(m.startswith("w.toml: waivers[0].aprover: unknown field") for m in messages)
    path = tmp_path / "dupes.toml"
    path.write_text(
        '[[waivers]]\nid = "W"\nrule = "R"\nsubject = "*"\njustification = "j"\napprover = "a"\n'
        "expires = 2026-01-01\n" * 2,
        encoding="utf-8",
    )
    with pytest.raises(InvalidInput, match=r"waivers\[1\].id: duplicate id"):
        load_waivers(path)


def test_a_waiver_must_say_what_it_covers() -> None:
    with pytest.raises(InvalidInput, match="say what the waiver covers"):
        waivers_from_dict(
            {"waivers": [{"id": "W", "rule": "R", "justification": "j", "approver": "a",
                          "expires": "2026-01-01"}]}, source="w.toml",
        )  # fmt: skip


def test_cli_bad_waivers_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "w.toml"
    path.write_text("[[waivers]]\nid = 3\n", encoding="utf-8")
    code = main(["assess", str(PORTLAND), "--waivers", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}: waivers[0].id" in err
    assert "Traceback" not in err


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.dates(date(2020, 1, 1), date(2032, 1, 1))),
        max_size=6,
    )
)
def test_waivers_never_change_the_scores(picks: list[tuple[int, date]]) -> None:
    base = assess(PORTLAND, as_of=AS_OF)
    items = []
    for i, (n, expires) in enumerate(picks):
        f = base.findings[n % len(base.findings)]
        items.append(waiver(id=f"W-{i}", rule=f.rule_id, subject=f.subject, expires=expires))
    report = waived(base, *items)
    assert report.scores.inherent == base.scores.inherent
    assert report.scores.residual == base.scores.residual
    assert [f.inherent_score for f in report.findings] == [f.inherent_score for f in base.findings]
    assert len(report.findings) == len(base.findings)
