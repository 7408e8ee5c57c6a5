"""``riskkit batch`` on the README's example feed, with riskkit's own mapping: what each process
comes out as, and that a process in which nothing was recognised is never ``acceptable``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from riskkit.cli import main
from tests.conftest import EXAMPLES

FEED = EXAMPLES / "feeds" / "city-tenders.jsonl"


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    out = tmp_path_factory.mktemp("batch") / "rows.csv"
    args = ["--as-of", "2026-07-01", "--workers", "1", "--no-progress", "--output", str(out)]
    code = main(["batch", str(FEED), *args])
    assert code == 0
    with out.open(encoding="utf-8", newline="") as f:
        return {row["ocid"]: row for row in csv.DictReader(f)}


def test_every_process_of_the_example_feed_has_its_row(rows: dict[str, dict[str, str]]) -> None:
    assert sorted(rows) == [f"ocds-rkxmpl-{n:04d}" for n in range(1, 7)]
    assert {row["status"] for row in rows.values()} == {"assessed"}
    assert rows["ocds-rkxmpl-0002"]["source"] == f"{FEED}:2"


def test_a_listed_makers_cameras_are_flagged_but_not_binding_for_a_buyer_of_unknown_kind(
    rows: dict[str, dict[str, str]],
) -> None:
    hikvision = rows["ocds-rkxmpl-0001"]
    assert hikvision["verdict"] == "elevated_risk"
    assert "LE-US-BIS-EL-XJ2019" in hikvision["rules_fired"].split("; ")  # the Entity List
    assert hikvision["binding"] == "0"  # whether § 889 binds a buyer of unknown kind is open
    assert int(hikvision["unknowns"]) > 0


def test_face_recognition_for_a_buyer_of_unknown_kind_needs_review(
    rows: dict[str, dict[str, str]],
) -> None:
    assert rows["ocds-rkxmpl-0005"]["verdict"] == "needs_review"
    assert int(rows["ocds-rkxmpl-0005"]["components"]) >= 1


def test_a_process_with_nothing_recognised_is_never_acceptable(
    rows: dict[str, dict[str, str]],
) -> None:
    for ocid in ("ocds-rkxmpl-0003", "ocds-rkxmpl-0004"):  # a chamber of commerce, furniture
        assert rows[ocid]["components"] == "0"
        assert rows[ocid]["verdict"] == "no_rules_in_scope"
    assert all(row["verdict"] != "acceptable" for row in rows.values())


def test_the_readme_shows_the_feed_example() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text("utf-8")
    assert "riskkit batch examples/feeds/city-tenders.jsonl" in readme


def test_without_validation_the_rows_are_the_same_but_for_schema_problems(
    rows: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    out = tmp_path / "fast.csv"
    args = ["--as-of", "2026-07-01", "--workers", "1", "--no-progress", "--no-validate"]
    assert main(["batch", str(FEED), *args, "--output", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as f:
        fast = {row["ocid"]: row for row in csv.DictReader(f)}
    assert fast.keys() == rows.keys()
    for ocid, row in fast.items():
        assert int(row.pop("warnings")) <= int(rows[ocid]["warnings"])
        assert row == {k: v for k, v in rows[ocid].items() if k != "warnings"}


def test_the_html_page_links_each_row_to_its_full_report(tmp_path: Path) -> None:
    page = tmp_path / "rows.html"
    args = ["--as-of", "2026-07-01", "--workers", "2", "--no-progress", "--output", str(page)]
    assert main(["batch", str(FEED), *args]) == 0
    text = page.read_text("utf-8")
    for n in range(1, 7):
        report = tmp_path / "rows_reports" / f"ocds-rkxmpl-{n:04d}.html"
        assert f'href="rows_reports/{report.name}"' in text
        assert "riskkit assessment" in report.read_text("utf-8")
