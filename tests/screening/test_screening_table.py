"""The CSV table the CSL, DPL and OpenSanctions readers share (``sources/_table.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.errors import InvalidInput
from riskkit.screening import country_code
from riskkit.screening.sources._common import Warnings
from riskkit.screening.sources._table import Table


def _table(path: Path, text: str, **options: object) -> tuple[Table, Warnings]:
    path.write_text(text, encoding="utf-8")
    warnings = Warnings()
    table = Table(path, warnings, required=("id", "name"), not_header="no {missing}", **options)  # type: ignore[arg-type]
    return table, warnings


def test_rows_of_the_wrong_length_are_counted_skipped_and_warned_about(tmp_path: Path) -> None:
    table, warnings = _table(tmp_path / "t.csv", "id,name\n1, Acme \n2\n\n3,Beta,extra\n")
    records = list(table)
    assert records == [(2, {"id": "1", "name": "Acme"})]
    assert (table.rows, table.skipped) == (3, 2)
    assert warnings.as_tuple() == (
        f"{tmp_path / 't.csv'}: line 3: 1 fields, expected 2; skipped",
        f"{tmp_path / 't.csv'}: line 5: 3 fields, expected 2; skipped",
    )


def test_a_repeated_header_is_skipped_only_when_asked(tmp_path: Path) -> None:
    text = "id,name\nid,name\n1,Acme\n"
    table, warnings = _table(tmp_path / "t.csv", text, repeated_header=True)
    assert [r for _, r in table] == [{"id": "1", "name": "Acme"}]
    assert table.rows == 1
    assert "the header row is repeated" in warnings.as_tuple()[0]
    plain, _ = _table(tmp_path / "u.csv", text)
    assert len(list(plain)) == 2


def test_a_missing_column_and_an_empty_file_are_refused(tmp_path: Path) -> None:
    table, _ = _table(tmp_path / "t.csv", "id,nom\n1,x\n")
    with pytest.raises(InvalidInput, match="line 1: no name"):
        list(table)
    empty, _ = _table(tmp_path / "e.csv", "\n\n")
    with pytest.raises(InvalidInput, match="empty file"):
        list(empty)


def test_country_code_reads_countries_as_the_lists_write_them() -> None:
    assert [country_code(c) for c in ("China", "Korea, North", "cn", "Atlantis")] == [
        "CN", "KP", "CN", None,
    ]  # fmt: skip
