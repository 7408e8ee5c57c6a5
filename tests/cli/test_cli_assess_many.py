"""``riskkit assess`` over many files: one combined document or one report per input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.cli.commands.assess import Progress
from tests.conftest import EXAMPLES

FILES = sorted(EXAMPLES.glob("*.toml"))
DAY = ["--as-of", "2026-06-01", "--exit-zero"]


def test_output_dir_writes_one_report_per_input_named_after_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    code = main(["assess", *map(str, FILES), *DAY, "--format", "json", "--output-dir", str(out)])
    assert code == 0
    assert capsys.readouterr().out == ""
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{f.stem}.json" for f in FILES)
    for f in FILES:
        main(["assess", str(f), *DAY, "--format", "json"])
        assert (out / f"{f.stem}.json").read_text(encoding="utf-8") == capsys.readouterr().out


@pytest.mark.parametrize(("fmt", "ext"), [("markdown", ".md"), ("html", ".html"),
                                          ("csv", ".csv"), ("sarif", ".sarif")])  # fmt: skip
def test_output_dir_names_files_by_format(
    fmt: str, ext: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["assess", *map(str, FILES[:2]), *DAY, "--format", fmt, "--output-dir", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f.stem + ext for f in FILES[:2])
    capsys.readouterr()


def test_many_files_without_output_dir_give_one_combined_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["assess", *map(str, FILES), *DAY, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert [r["procurement_id"] for r in data] == [
        json.loads(_single(f, capsys))["procurement_id"] for f in FILES
    ]


def _single(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    main(["assess", str(path), *DAY, "--format", "json"])
    return capsys.readouterr().out


def test_two_inputs_with_the_same_name_cannot_share_an_output_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    twin = other / FILES[0].name
    twin.write_bytes(FILES[0].read_bytes())
    code = main(["assess", str(FILES[0]), str(twin), "--output-dir", str(tmp_path / "out")])
    assert code == 2
    assert "would both be written to" in capsys.readouterr().err


def test_no_progress_is_written_when_stderr_is_not_a_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "riskkit", "assess", *map(str, FILES), *DAY],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stderr == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_counts_up_and_clears_its_line() -> None:
    stream = _Terminal()
    progress = Progress(4, stream)
    for i, name in enumerate(["a.toml", "b.toml", "c.toml", "d.toml"]):
        progress.update(i, name)
    progress.update(4, "done")
    progress.close()
    text = stream.getvalue()
    assert "[-" in text and "0/4 a.toml" in text
    assert "4/4 done" in text and "#" * Progress.WIDTH in text
    assert text.endswith("\r")
    assert "\n" not in text


def test_a_single_file_shows_no_progress_even_on_a_terminal() -> None:
    stream = _Terminal()
    progress = Progress(1, stream)
    progress.update(0, "a.toml")
    progress.close()
    assert stream.getvalue() == ""
