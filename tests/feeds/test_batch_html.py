"""The batch page's structure, read back with html.parser: columns, rows, links, escaping,
determinism and the row limit."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskkit.errors import InvalidInput
from riskkit.feeds.batch_html import MAX_ROWS, write_html
from riskkit.feeds.batch_html._page import LISTED
from tests.feeds._batch_page import parse_page
from tests.feeds._batch_rows import COLUMNS, batch_row, batch_rows


def _page(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_header_per_column_in_the_rows_order_and_extra_keys_after(tmp_path: Path) -> None:
    rows = [batch_row(0), batch_row(1, change="new flag")]
    write_html(rows, tmp_path / "batch.html")
    parsed = parse_page(_page(tmp_path / "batch.html"))
    assert parsed.headers == [*COLUMNS, "change"]
    assert [a["scope"] for a in parsed.header_attrs] == ["col"] * (len(COLUMNS) + 1)


def test_a_row_per_process_with_each_value_as_its_cell_text(tmp_path: Path) -> None:
    rows = [batch_row(i) for i in range(7)]
    rows[0] = batch_row(0, amount=1500000.0, end=dt.date(2025, 6, 30), residual=None)
    rows[1] = batch_row(1, residual=18.25)
    write_html(rows, tmp_path / "batch.html")
    parsed = parse_page(_page(tmp_path / "batch.html"))
    assert len(parsed.rows) == 7
    first = dict(zip(COLUMNS, parsed.rows[0], strict=True))
    assert first["amount"] == "1500000"
    assert first["end"] == "2025-06-30"
    assert first["residual"] == ""  # unknown: an empty cell, never 0
    assert first["rules_in_scope"] == "12"
    assert [r[0] for r in parsed.rows] == [f"ocds-test-{i:04d}" for i in range(7)]
    assert dict(zip(COLUMNS, parsed.rows[1], strict=True))["residual"] == "18.25"


def test_numeric_columns_are_marked_and_a_column_with_text_is_not(tmp_path: Path) -> None:
    rows = [batch_row(0), batch_row(1, findings="n/a")]
    write_html(rows, tmp_path / "batch.html")
    parsed = parse_page(_page(tmp_path / "batch.html"))
    numeric = {
        h for h, a in zip(parsed.headers, parsed.header_attrs, strict=True) if a.get("class")
    }
    assert numeric == {
        "amount", "inherent", "residual", "binding", "rules_in_scope", "unknowns", "gaps",
    }  # fmt: skip


def test_rows_with_a_report_link_to_its_file_and_rows_without_have_no_link(
    tmp_path: Path,
) -> None:
    rows = batch_rows(3)
    reports = {"ocds-test-0000": "<html>report 0</html>", "ocds-test-0002": "<html>report 2</html>"}
    write_html(rows, tmp_path / "feed.html", reports)
    parsed = parse_page(_page(tmp_path / "feed.html"))
    assert set(parsed.links) == {"ocds-test-0000", "ocds-test-0002"}
    for ocid, href in parsed.links.items():
        assert href.startswith("feed_reports/")
        assert (tmp_path / href).read_text(encoding="utf-8") == reports[ocid]
    assert sorted(p.name for p in (tmp_path / "feed_reports").iterdir()) == [
        "ocds-test-0000.html",
        "ocds-test-0002.html",
    ]


def test_an_ocid_with_slashes_links_to_a_file_inside_the_reports_folder(tmp_path: Path) -> None:
    ocid = "../../etc/passwd"
    write_html([batch_row(0, ocid=ocid)], tmp_path / "out" / "b.html", {ocid: "<html>r</html>"})
    parsed = parse_page(_page(tmp_path / "out" / "b.html"))
    href = parsed.links[ocid]
    target = (tmp_path / "out" / href).resolve()
    assert target.parent == (tmp_path / "out" / "b_reports").resolve()
    assert target.read_text(encoding="utf-8") == "<html>r</html>"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_markup_in_public_data_is_shown_as_text_never_run(tmp_path: Path) -> None:
    buyer = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    ocid = 'ocds-"><script>alert(2)</script>'
    rows = [batch_row(0, buyer=buyer, ocid=ocid, verdict="<b>odd</b>")]
    write_html(rows, tmp_path / "b.html", {ocid: "<html></html>"}, title="<i>t</i>",
               summary=["<script>alert(3)</script>"])  # fmt: skip
    text = _page(tmp_path / "b.html")
    parsed = parse_page(text)
    assert len(parsed.scripts) == 1  # only the page's own
    assert "<img" not in text
    cells = dict(zip(COLUMNS, parsed.rows[0], strict=True))
    assert cells["buyer"] == buyer
    assert cells["ocid"] == ocid
    assert cells["verdict"] == "<b>odd</b>"
    assert ocid in parsed.links
    assert "<script>alert(3)</script>" in parsed.text
    assert "<b>odd</b>" in parsed.options


def test_verdict_cells_are_styled_and_the_select_offers_the_verdicts_present_worst_first(
    tmp_path: Path,
) -> None:
    write_html(batch_rows(4), tmp_path / "b.html")
    parsed = parse_page(_page(tmp_path / "b.html"))
    assert parsed.options == ["", "prohibited", "restricted", "needs_review", "acceptable"]
    verdict_at = COLUMNS.index("verdict")
    for cells, attrs in zip(parsed.rows, parsed.cell_attrs, strict=True):
        assert attrs[verdict_at]["class"] == f"v-{cells[verdict_at]}"


def test_summary_lines_are_above_the_table(tmp_path: Path) -> None:
    summary = ["read 3 processes", "skipped 0", "assessed 3: prohibited 1"]
    write_html(batch_rows(3), tmp_path / "b.html", summary=summary)
    text = _page(tmp_path / "b.html")
    assert '<pre class="summary">' + "\n".join(summary) + "</pre>" in text
    assert text.index("assessed 3") < text.index('<table id="rows"')
    assert 'showing <span id="shown">3</span> of 3' in text


def test_the_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    rows = batch_rows(30)
    reports = {str(r["ocid"]): f"<html>{r['ocid']}</html>" for r in rows[::3]}
    for folder in ("a", "b"):
        write_html(rows, tmp_path / folder / "page.html", reports, summary=["s"])
    first = sorted((p.relative_to(tmp_path / "a"), p.read_bytes())
                   for p in (tmp_path / "a").rglob("*") if p.is_file())  # fmt: skip
    second = sorted((p.relative_to(tmp_path / "b"), p.read_bytes())
                    for p in (tmp_path / "b").rglob("*") if p.is_file())  # fmt: skip
    assert first == second
    assert len(first) == 1 + len(reports)


def test_the_page_script_is_the_one_its_content_security_policy_allows(tmp_path: Path) -> None:
    write_html(batch_rows(2), tmp_path / "b.html")
    text = _page(tmp_path / "b.html")
    (script,) = parse_page(text).scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', text)
    assert policy is not None
    assert f"script-src 'sha256-{digest}'" in policy[1]
    assert "default-src 'none'" in policy[1]
    assert "http://" not in text and "https://" not in text


def test_above_the_row_limit_the_page_holds_the_first_rows_and_says_so(tmp_path: Path) -> None:
    assert MAX_ROWS == 20_000
    rows = [{"ocid": f"o-{i}", "verdict": "acceptable", "residual": i} for i in range(MAX_ROWS + 3)]
    reports = {"o-0": "<html>first</html>", f"o-{MAX_ROWS + 1}": "<html>left out</html>"}
    write_html(rows, tmp_path / "b.html", reports)
    text = _page(tmp_path / "b.html")
    parsed = parse_page(text)
    assert len(parsed.rows) == MAX_ROWS
    assert parsed.rows[-1][0] == f"o-{MAX_ROWS - 1}"
    assert f"{MAX_ROWS:,} rows of {MAX_ROWS + 3:,} (the first in the order given); 3 are" in text
    assert [p.name for p in (tmp_path / "b_reports").iterdir()] == ["o-0.html"]


def test_rows_after_the_first_thousand_are_hidden_until_asked_for(tmp_path: Path) -> None:
    write_html(batch_rows(LISTED + 2), tmp_path / "b.html")
    text = _page(tmp_path / "b.html")
    parsed = parse_page(text)
    assert ["hidden" in a for a in parsed.row_attrs] == [False] * LISTED + [True, True]
    assert f'of {LISTED + 2}<span id="paged">, the first <span id="listed">{LISTED}<' in text
    assert '<button type="button" id="more">' in text
    # Without the script every row is displayed.
    assert "<noscript><style>#rows tr[hidden]{display:table-row}</style></noscript>" in text


def test_below_the_row_limit_the_page_says_nothing_of_it(tmp_path: Path) -> None:
    write_html(batch_rows(5), tmp_path / "b.html")
    text = _page(tmp_path / "b.html")
    assert "rows of" not in text
    assert '<span id="paged" hidden>' in text
    assert '<button type="button" id="more" hidden>' in text
    assert "hidden" not in str(parse_page(text).row_attrs)


def test_an_unwritable_page_is_a_located_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InvalidInput) as caught:
        write_html(batch_rows(1), blocker / "b.html")
    assert str(caught.value).startswith(str(blocker / "b.html") + ": cannot write")


def test_no_rows_gives_a_page_with_an_empty_table(tmp_path: Path) -> None:
    write_html([], tmp_path / "b.html")
    parsed = parse_page(_page(tmp_path / "b.html"))
    assert parsed.rows == [] and parsed.headers == []
    assert 'showing <span id="shown">0</span> of 0' in _page(tmp_path / "b.html")


_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=6, unique_by=lambda t: t[0]))
def test_any_text_comes_back_as_its_cell_text(
    tmp_path: Path, values: list[tuple[str, str]]
) -> None:
    rows = [{"ocid": ocid, "buyer": buyer} for ocid, buyer in values]
    write_html(rows, tmp_path / "p.html", {ocid: "<html></html>" for ocid, _ in values})
    parsed = parse_page(_page(tmp_path / "p.html"))
    assert [(ocid, buyer) for ocid, buyer in parsed.rows] == values
    assert len(parsed.scripts) == 1
    for ocid, _ in values:
        assert (tmp_path / parsed.links[ocid]).is_file()
