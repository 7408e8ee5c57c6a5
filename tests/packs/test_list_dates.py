"""Reports name each list's date and where it came from, and warn about a list too old."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from riskkit import assess, load_procurement
from riskkit.cli import main
from riskkit.formats import html, markdown
from riskkit.packs import RuleSet
from riskkit.packs.lists import MAX_LIST_AGE_DAYS, ListSet
from riskkit.report import Report
from riskkit.screening.fetch import fetch_list
from riskkit.screening.list_dates import list_date
from riskkit.screening.published import SOURCES
from tests.conftest import EXAMPLES
from tests.screening.test_lists_fetch import FIXTURES, server

__all__ = ["server"]  # the local HTTP server fixture, used here too

PROCUREMENT = EXAMPLES / "clean-eu-municipal-cctv.toml"


def _dated_copy(tmp_path: Path, day: date) -> Path:
    """The CSL fixture copied, its modification time set to noon UTC on ``day``."""
    target = tmp_path / "csl.csv"
    shutil.copy(FIXTURES / "csl_truncated.csv", target)
    stamp = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
    os.utime(target, (stamp, stamp))
    return target


def _assess(rules: RuleSet, lists: ListSet, as_of: date) -> Report:
    return assess(load_procurement(PROCUREMENT), as_of=as_of, packs=rules, lists=lists)


def test_a_fetched_list_takes_the_date_of_its_fetch_record(server: str, tmp_path: Path) -> None:
    fetch_list(SOURCES["csl"], tmp_path, mirror=server, today=date(2023, 11, 20))
    kept = tmp_path / "csl" / "csl.csv"
    dated = list_date(kept)
    assert (dated.value, dated.source) == (date(2023, 11, 14), "fetched")
    # Edited after the fetch: the record no longer speaks for the file.
    kept.write_bytes(kept.read_bytes() + b"\n")
    assert list_date(kept).source == "modified"


def test_a_date_inside_the_file_comes_next(tmp_path: Path) -> None:
    un = tmp_path / "consolidated.xml"
    un.write_text(
        '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2024-05-02T00:00:01.000Z">'
        "</CONSOLIDATED_LIST>\n"
    )
    dated = list_date(un)
    assert (dated.value, dated.source) == (date(2024, 5, 2), "file")


def test_else_the_modification_time_said_as_such(tmp_path: Path) -> None:
    dated = list_date(_dated_copy(tmp_path, date(2025, 3, 1)))
    assert (dated.value, dated.source) == (date(2025, 3, 1), "modified")


def test_the_report_names_the_list_date_and_its_age(rules: RuleSet, tmp_path: Path) -> None:
    lists = ListSet.load([_dated_copy(tmp_path, date(2026, 11, 1))])
    report = _assess(rules, lists, date(2026, 11, 20))
    ref = report.provenance.lists[0]
    assert (ref.list_date, ref.date_source, ref.age_days, ref.stale) == (
        date(2026, 11, 1), "modified", 19, False,
    )  # fmt: skip
    assert report.provenance.max_list_age_days == MAX_LIST_AGE_DAYS == 30
    text = markdown.FORMAT.render_report(report)
    assert "list dated 2026-11-01 (the file's modification date" in text
    assert "19 days before the as-of date" in text
    assert "Warning" not in text
    page = html.FORMAT.render_report(report)
    assert "<td>2026-11-01</td>" in page and "Warning" not in page
    # The report round-trips through its JSON, new fields included.
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_a_list_older_than_the_maximum_is_warned_about(rules: RuleSet, tmp_path: Path) -> None:
    lists = ListSet.load([_dated_copy(tmp_path, date(2026, 9, 1))], max_age_days=30)
    report = _assess(rules, lists, date(2026, 11, 20))
    ref = report.provenance.lists[0]
    assert ref.age_days == 80 and ref.stale
    text = markdown.FORMAT.render_report(report)
    warning = next(line for line in text.splitlines() if "Warning" in line)
    assert "`csl.csv` is dated 2026-09-01, 80 days before the as-of date (more than 30)" in warning
    # Near the top, before the findings.
    assert text.index("Warning") < text.index("## ")
    assert (
        '<p class="warning"><strong>Warning:</strong> list <code>csl.csv</code>'
        in html.FORMAT.render_report(report)
    )
    # On its limit (80 days old, at most 80) a list is not stale.
    on_limit = ListSet.load([tmp_path / "csl.csv"], max_age_days=80)
    assert not _assess(rules, on_limit, date(2026, 11, 20)).provenance.lists[0].stale


def test_a_negative_maximum_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="0 or more days"):
        ListSet.load([_dated_copy(tmp_path, date(2026, 1, 1))], max_age_days=-1)


def test_cli_max_list_age(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(_dated_copy(tmp_path, date(2026, 9, 1)))
    args = ["assess", str(PROCUREMENT), "--as-of", "2026-11-20", "--list", path]
    main([*args, "--format", "markdown"])
    assert "**Warning:** list `csl.csv` is dated 2026-09-01" in capsys.readouterr().out
    main([*args, "--format", "markdown", "--max-list-age", "90"])
    assert "Warning" not in capsys.readouterr().out
    main([*args, "--format", "json"])
    listed = json.loads(capsys.readouterr().out)["provenance"]["lists"][0]
    assert listed["list_date"] == "2026-09-01" and listed["stale"] is True
    assert main([*args, "--max-list-age", "-3"]) == 2
    assert "0 or more days" in capsys.readouterr().err
