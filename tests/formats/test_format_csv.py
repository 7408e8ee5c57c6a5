"""CSV: one row per finding, fixed columns, RFC 4180 quoting, spreadsheet-safe cells."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskkit.formats import csv as csv_format
from riskkit.report import Finding
from riskkit.report import records as report_records
from riskkit.report.records import COLUMNS, FINDING_COLUMNS
from tests.support.format_fixtures import (
    COMMITTEE,
    EXAMPLE_NAMES,
    GRANT,
    ban_takes_effect,
    comparison,
    report,
)


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_one_row_per_finding_under_a_fixed_header(name: str) -> None:
    r = report(name)
    rows = parse(csv_format.FORMAT.render_report(r))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 1 + len(r.findings)
    by_column = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [row["fingerprint"] for row in by_column] == [f.fingerprint for f in r.findings]


def test_lines_end_in_crlf_and_fields_with_commas_quotes_or_newlines_are_quoted() -> None:
    text = csv_format.FORMAT.render_report(report(GRANT))
    assert text.endswith("\r\n")
    assert text.split("\r\n")[0] == ",".join(COLUMNS)
    rows = parse(text)
    records = report_records.records(report(GRANT))
    for row, record in zip(rows[1:], records, strict=True):
        assert row[rows[0].index("evidence")] == record["evidence"]  # multi-line, round-trips
        assert row[rows[0].index("rule_title")] == record["rule_title"]  # has commas
    assert '"NDAA FY2019 § 889(b): no federal grant or loan funds for Hytera,' in text


def test_every_finding_field_has_a_column() -> None:
    flattened = {"evidence", "citations", "waiver"}
    for field in Finding.model_fields:
        if field == "waiver":
            assert {f"waiver_{k}" for k in ("id", "state", "approver", "expires")} <= set(
                FINDING_COLUMNS
            )
        else:
            assert field in FINDING_COLUMNS or field in flattened


def test_records_are_flat_and_json_safe() -> None:
    for record in report_records.records(report(GRANT)):
        assert list(record) == list(COLUMNS)
        assert all(isinstance(v, str | int | float | bool | type(None)) for v in record.values())
        json.dumps(record)


def test_a_cell_that_looks_like_a_formula_is_kept_as_text() -> None:
    r = report(GRANT)
    f = r.findings[0].model_copy(update={"explanation": '=HYPERLINK("http://x")', "notes": "-1"})
    rows = parse(csv_format.FORMAT.render_report(r.model_copy(update={"findings": (f,)})))
    header = rows[0]
    assert rows[1][header.index("explanation")] == '\'=HYPERLINK("http://x")'
    assert rows[1][header.index("notes")] == "'-1"
    assert rows[1][header.index("likelihood")] == str(f.likelihood)  # numbers stay numbers


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_any_explanation_survives_a_round_trip(text: str) -> None:
    r = report(GRANT)
    f = r.findings[0].model_copy(update={"explanation": text})
    rows = parse(csv_format.FORMAT.render_report(r.model_copy(update={"findings": (f,)})))
    cell = rows[1][rows[0].index("explanation")]
    expected = "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
    assert cell == expected


def test_comparison_rows_are_led_by_the_candidate() -> None:
    c = comparison()
    rows = parse(csv_format.FORMAT.render_comparison(c))
    assert rows[0][0] == "candidate"
    assert len(rows) - 1 == sum(len(x.report.findings) for x in c.candidates)
    assert {row[0] for row in rows[1:]} <= {x.label for x in c.candidates}


def test_diff_rows_say_what_changed() -> None:
    rows = parse(csv_format.FORMAT.render_diff(ban_takes_effect()))
    assert rows[0][:2] == ["change", "changes"]
    changes = [row[0] for row in rows[1:]]
    assert changes == ["new", "unchanged"]
    assert "status: upcoming -> active" in rows[1][1]


def test_several_reports_share_one_header() -> None:
    reports = [report(n) for n in COMMITTEE]
    rows = parse(csv_format.FORMAT.render_reports(reports))
    assert rows.count(list(COLUMNS)) == 1
    assert len(rows) == 1 + sum(len(r.findings) for r in reports)
