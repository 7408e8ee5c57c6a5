"""``riskkit rules list``: every rule with citation, window and confidence; filters that hold."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from riskkit.cli import main
from riskkit.packs import RuleSet


def _list(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    code = main(["rules", "list", "--format", "json", *args])
    out = capsys.readouterr().out
    assert code == 0
    rows: list[dict[str, Any]] = json.loads(out)
    return rows


def _ids(rows: list[dict[str, Any]]) -> set[str]:
    return {row["id"] for row in rows}


def test_json_lists_every_rule_with_a_citation_url_a_date_and_a_confidence(
    rules: RuleSet, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _list(capsys)
    assert _ids(rows) == {r.id for r in rules.rules}
    for row in rows:
        assert row["citations"], row["id"]
        assert all(c["url"].startswith(("https://", "http://")) for c in row["citations"])
        start = date.fromisoformat(row["effective_from"])
        if row["effective_until"] is not None:
            assert date.fromisoformat(row["effective_until"]) >= start
        assert row["confidence"] in {"high", "medium", "low"}


def test_low_confidence_rules_say_what_is_unconfirmed(capsys: pytest.CaptureFixture[str]) -> None:
    low = [row for row in _list(capsys) if row["confidence"] == "low"]
    assert low
    assert [row["id"] for row in low if not row["notes"]] == []


def test_kind_filter_keeps_exactly_the_rules_of_that_kind(
    rules: RuleSet, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = _list(capsys, "--kind", "biometric_ban")
    assert _ids(rows) == {r.id for r in rules.rules if r.rule.kind == "biometric_ban"}
    assert len(rows) >= 20


def test_tag_filter_keeps_rules_with_the_tag_and_repeated_tags_must_all_match(
    capsys: pytest.CaptureFixture[str],
) -> None:
    schools = _ids(_list(capsys, "--tag", "schools"))
    assert schools == {"BB-US-NY-SCHOOLS-2020", "BB-US-NY-SCHOOLS-2023"}
    both = _ids(_list(capsys, "--tag", "schools", "--tag", "moratorium"))
    assert both == {"BB-US-NY-SCHOOLS-2020"}


def test_a_city_sees_its_own_ordinances_and_the_laws_above_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = _ids(_list(capsys, "--jurisdiction", "US-OR:Portland"))
    assert {"BB-US-OR-PORTLAND-PRIVATE", "BB-US-OR-PORTLAND-CITY"} <= ids
    assert "LE-US-NDAA889-A1A-TELECOM" in ids  # federal law reaches Portland
    assert "BB-US-ME-PORTLAND-2020" not in ids  # the other Portland
    assert "BB-US-CA-AB1215" not in ids
    assert not {i for i in ids if i.startswith("BB-EU-")}


def test_a_state_sees_the_ordinances_of_its_cities(capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids(_list(capsys, "--jurisdiction", "us-ca", "--kind", "biometric_ban"))
    assert {"BB-US-CA-AB1215", "BB-US-CA-SF-2019", "BB-US-CA-OAKLAND-2019"} <= ids
    assert "BB-US-OR-PORTLAND-CITY" not in ids


def test_a_member_state_city_sees_eu_law(capsys: pytest.CaptureFixture[str]) -> None:
    ids = _ids(_list(capsys, "--jurisdiction", "IT-MI:Milano", "--kind", "biometric_ban"))
    assert {"BB-IT-MORATORIUM-2021", "BB-EU-AIA-5-1-H", "BB-EU-AIA-HR-ANNEX-III-1"} <= ids
    assert not {i for i in ids if i.startswith("BB-US-")}


def test_filters_combine(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _list(capsys, "--jurisdiction", "EU", "--tag", "ai-act", "--kind", "biometric_ban")
    assert _ids(rows) == {
        "BB-EU-AIA-5-1-E",
        "BB-EU-AIA-5-1-F",
        "BB-EU-AIA-5-1-G",
        "BB-EU-AIA-5-1-H",
        "BB-EU-AIA-HR-ANNEX-III-1",
    }


def test_pending_amendment_is_listed_with_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    [row] = [r for r in _list(capsys) if r["id"] == "BB-EU-AIA-HR-ANNEX-III-1"]
    assert row["status"] == "pending_amendment"
    assert "2027-12-02" in row["notes"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "biometric_bam"], 'did you mean "biometric_ban"?'),
        (["--tag", "scools"], 'did you mean "schools"?'),
        (["--jurisdiction", "XX-ZZ"], "--jurisdiction"),
    ],
)
def test_an_unknown_filter_value_is_a_usage_error_with_a_hint(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["rules", "list", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err


def test_text_listing_counts_the_rules_it_shows(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--tag", "schools"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "2 rules"
    assert all(line.startswith("BB-US-NY-SCHOOLS-") for line in lines[:-1])


def test_show_with_an_id_in_the_wrong_case_names_the_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "show", "bb-us-ca-ab1215"]) == 2
    err = capsys.readouterr().err
    assert 'did you mean "BB-US-CA-AB1215"? ids are case-sensitive' in err
