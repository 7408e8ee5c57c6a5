"""Markdown reports: waived findings marked in the table, waivers summarised, vector shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from riskkit.api import assess
from riskkit.cli import main
from riskkit.decisions.waivers import Waiver, Waivers, apply_waivers
from riskkit.formats import markdown
from riskkit.report import Report
from tests.conftest import EXAMPLES

PORTLAND = EXAMPLES / "portland-retailer-entrance-cameras.toml"
SAMPLE = EXAMPLES / "waivers" / "portland-retailer-waivers.toml"
AS_OF = date(2026, 6, 1)


@pytest.fixture(scope="module")
def waived() -> Report:
    return assess(PORTLAND, as_of=AS_OF, waivers=SAMPLE)


def _table_rows(text: str) -> dict[int, str]:
    table = text.split("## Findings\n\n")[1].split("\n\n")[0]
    rows = table.splitlines()[2:]
    return {int(row.split("|")[1]): row for row in rows}


def test_each_waived_finding_is_marked_in_the_table_with_what_became_of_its_waiver(
    waived: Report,
) -> None:
    text = markdown.FORMAT.render_report(waived)
    assert text.split("## Findings\n\n")[1].startswith("| # |") and "| Waiver |\n" in text
    rows = _table_rows(text)
    seen = {}
    for number, f in enumerate(waived.findings, 1):
        cell = rows[number].rstrip(" |").rsplit("|", 1)[1].strip()
        if f.waiver is None:
            assert cell == "—"
        else:
            seen[f.waiver.id] = cell
    assert seen == {
        "W-2026-011": "W-2026-011: waived",
        "W-2025-003": "W-2025-003: waiver expired, no effect",
        "W-2026-012": "W-2026-012: waiver refused",
    }


def test_a_refused_waiver_says_why_under_its_finding(waived: Report) -> None:
    text = markdown.FORMAT.render_report(waived)
    refused = next(f for f in waived.findings if f.waiver and f.waiver.state == "refused")
    number = waived.findings.index(refused) + 1
    section = text.split(f"### {number}. ")[1].split("\n### ")[0]
    assert (
        "Waiver W-2026-012: **waiver refused** (cannot be waived: it is a binding legal" in section
    )


def test_the_waivers_section_lists_every_waiver_once_including_unmatched_ones() -> None:
    base = assess(PORTLAND, as_of=AS_OF)
    unmatched = Waiver(
        id="W-NONE",
        rule="CA-US-CLOUD",
        subject="*",
        justification="j",
        approver="A. Approver",
        expires=date(2030, 1, 1),
    )
    text = markdown.FORMAT.render_report(
        apply_waivers(base, Waivers((unmatched,), source="w.toml"))
    )
    assert text.count("## Waivers") == 1
    assert "- **W-NONE** (matches no finding) `CA-US-CLOUD` on `*`" in text
    assert "| Waiver |" in text  # the column is there, every row "—"


def test_a_report_without_waivers_has_no_waiver_column_or_section() -> None:
    text = markdown.FORMAT.render_report(assess(PORTLAND, as_of=AS_OF))
    assert "Waiver" not in text


def test_the_provenance_gives_the_score_vector(waived: Report) -> None:
    provenance = markdown.FORMAT.render_report(waived).split("## Provenance\n")[1]
    assert waived.vector.startswith("RKV:")
    assert f"- score vector `{waived.vector}`" in provenance
    assert "- waivers file `portland-retailer-waivers.toml` (`sha256:" in provenance


def test_the_markdown_is_the_same_for_the_same_report(waived: Report) -> None:
    again = assess(PORTLAND, as_of=AS_OF, waivers=SAMPLE)
    assert markdown.FORMAT.render_report(waived) == markdown.FORMAT.render_report(again)


def test_cli_markdown_shows_the_waivers_once(capsys: pytest.CaptureFixture[str]) -> None:
    main(["assess", str(PORTLAND), "--as-of", "2026-06-01", "--waivers", str(SAMPLE)])
    out = capsys.readouterr().out
    assert out.count("## Waivers") == 1
    assert out == markdown.FORMAT.render_report(assess(PORTLAND, as_of=AS_OF, waivers=SAMPLE))


SCRIPT = "<script>alert(1)</script>"


def test_html_in_input_strings_is_escaped_in_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (EXAMPLES / "us-police-cctv-federal-grant.toml").read_text("utf-8")
    text = text.replace('title = "', f'title = "{SCRIPT} ', 1)
    text = text.replace(
        'name = "Prairie State Security Integrators LLC"', f'name = "Prairie {SCRIPT} LLC"', 1
    )
    assert text.count(SCRIPT) == 2
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    grant = str(EXAMPLES / "us-police-cctv-federal-grant.toml")
    for argv in (["assess", str(path)], ["compare", str(path), grant, "--fail-on", "never"]):
        main([*argv, "--as-of", "2026-06-01"])
        out = capsys.readouterr().out
        assert "<script" not in out and "</script" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
