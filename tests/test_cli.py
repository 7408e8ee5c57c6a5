"""The command line as a whole: what every command shares (argv, stdout, exit codes)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from riskkit.cli import EXIT_CLOSED_PIPE


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
