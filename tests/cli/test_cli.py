"""The command line as a whole: what every command shares (argv, stdout, exit codes)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from riskkit.cli import EXIT_CLOSED_PIPE, main
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("argv", [["rules", "list"], ["rules", "doc"], ["schema", "procurement"]])
def test_output_to_a_reader_that_went_away_ends_quietly(argv: list[str]) -> None:
    # As `riskkit rules list | head -1`, with the reader gone before the first line.
    process = subprocess.Popen(
        [sys.executable, "-m", "riskkit", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == EXIT_CLOSED_PIPE
    assert err == ""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["asess", "x.toml"], 'did you mean "assess"?'),
        (["rule", "list"], 'did you mean "rules"?'),
        (["assess", "x.toml", "--format", "jsn"], 'did you mean "json"?'),
    ],
)
def test_a_mistyped_choice_gets_a_did_you_mean(
    capsys: pytest.CaptureFixture[str], argv: list[str], hint: str
) -> None:
    code, err = run(capsys, *argv)
    assert code == 2
    assert hint in err


@pytest.mark.parametrize("day", ["20261206", "2026-W49-7", "2026-12-6", "２０２６-12-06"])
def test_as_of_takes_only_the_dashed_date_the_help_names(
    capsys: pytest.CaptureFixture[str], day: str
) -> None:
    code, err = run(
        capsys, "assess", str(EXAMPLES / "clean-eu-municipal-cctv.toml"), "--as-of", day
    )
    assert code == 2
    assert "use YYYY-MM-DD" in err
