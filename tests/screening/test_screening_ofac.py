"""The OFAC reader's Remarks: weak aliases are found as before, in time linear in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.screening import read_list
from riskkit.screening.sources.ofac import _weak_aliases


@pytest.mark.parametrize(
    ("remarks", "aliases"),
    [
        ("a.k.a. 'BNC'.", ["BNC"]),
        ("a.k.a. 'ONE'; f.k.a., 'TWO'; n.k.a.'THREE'", ["ONE", "TWO", "THREE"]),
        ("a.k.a. 'ONE; TWO'; DOB 1960.", ["ONE; TWO"]),  # a quote ending no part is kept
        ("a.k.a. 'O'NEIL'  .  ", ["O'NEIL"]),
        ("a.k.a. 'UNCLOSED; Passport 1234", []),
        ("a.k.a. 'LINE\nBREAK'", []),
        ("aka 'NOT AN ALIAS'", []),
    ],
)
def test_weak_aliases_are_the_quoted_names_that_end_a_part(
    remarks: str, aliases: list[str]
) -> None:
    assert _weak_aliases(remarks) == aliases


def test_remarks_of_thousands_of_unclosed_akas_are_read(tmp_path: Path) -> None:
    # 120 KB, near the CSV field limit: every unclosed quote was tried against every later
    # one, which took minutes.
    remarks = "a.k.a. 'x " * 12_000 + "a.k.a. 'LAST'."
    primary = tmp_path / "sdn.csv"
    primary.write_text(
        f'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"{remarks}"\n',
        encoding="utf-8",
    )
    (entry,) = read_list(primary).entries
    assert len(entry.weak_aliases) == 1
    assert entry.weak_aliases[0].startswith("x a.k.a. 'x")
    assert entry.weak_aliases[0].endswith("a.k.a. 'LAST")
