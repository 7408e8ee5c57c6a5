"""9999-12-31, the last day a date can hold, works as an end date everywhere one is read."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from riskkit._support.dates import day_after, day_before
from riskkit.cli import main
from tests.conftest import EXAMPLES, ROOT

US_EXAMPLE = (EXAMPLES / "us-police-cctv-federal-grant.toml").read_text("utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_last_day_has_no_day_after_and_the_first_no_day_before() -> None:
    assert day_after(date.max) is None
    assert day_after(date(2026, 12, 31)) == date(2027, 1, 1)
    assert day_before(date.min) == date.min
    assert day_before(date(2027, 1, 1)) == date(2026, 12, 31)


def pack_ending_on_the_last_day(tmp_path: Path) -> Path:
    """The built-in biometric-bans pack under new ids, with one rule's window ending on
    9999-12-31 and a listing that starts on 0001-01-01."""
    text = (ROOT / "rules" / "biometric-bans.toml").read_text("utf-8")
    text = text.replace('id = "riskkit-biometric-bans"', 'id = "last-day-test"')
    text = re.sub(r'^id = "BB-', 'id = "LASTDAY-BB-', text, flags=re.M)
    text = text.replace("until = 2022-12-31 }", "until = 9999-12-31 }", 1)
    text = text.replace("effective = { from = 2019-05-21 }", "effective = { from = 0001-01-01 }", 1)
    assert "9999-12-31" in text and "0001-01-01" in text
    path = tmp_path / "last-day.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rule_window_ending_on_the_last_day_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "rules", "validate", str(pack_ending_on_the_last_day(tmp_path)))
    assert "internal error" not in err
    assert code == 0, err


def test_rule_window_ending_on_the_last_day_assesses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = pack_ending_on_the_last_day(tmp_path)
    code, _, err = run(
        capsys,
        "assess",
        str(EXAMPLES / "us-police-cctv-federal-grant.toml"),
        "--no-builtin-rules",
        "--rules",
        str(pack),
        "--as-of",
        "2026-12-01",
        "--format",
        "json",
    )
    assert "internal error" not in err
    assert code in (0, 1), err


@pytest.mark.parametrize(
    "fact",
    [
        '[[parties.owners]]\nparty = "integrator"\nshare = 0.2\nvalid_until = 9999-12-31\n',
        '[[parties.owners]]\nparty = "integrator"\nshare = 0.2\nvalid_from = 0001-01-01\n',
    ],
)
def test_holding_dated_at_the_calendar_edges_assesses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fact: str
) -> None:
    text = US_EXAMPLE.replace('incorporated_in = "CA"\n', 'incorporated_in = "CA"\n' + fact, 1)
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "assess", str(path), "--as-of", "2026-12-01", "--format", "json")
    assert "internal error" not in err
    assert code in (0, 1), err


def test_every_end_date_in_the_shipped_packs_can_be_the_last_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Rule windows, listings, affiliate windows, adequacy decisions, curated holdings.
    packs = tmp_path / "packs"
    packs.mkdir()
    for pack in (ROOT / "rules").glob("*.toml"):
        text = re.sub(r"until = \d{4}-\d\d-\d\d", "until = 9999-12-31", pack.read_text("utf-8"))
        (packs / pack.name).write_text(text, encoding="utf-8")
    for example in sorted(EXAMPLES.glob("*.toml")):
        code, _, err = run(
            capsys, "assess", str(example), "--no-builtin-rules", "--rules", str(packs),
            "--as-of", "2026-12-01", "--format", "json",
        )  # fmt: skip
        assert "internal error" not in err, (example.name, err)
        assert code in (0, 1), (example.name, err)
