"""What every list reader shares (``screening/sources/_common.py``): text that is no text, odd
encodings and line ends end in an entry skipped with a warning, a file read, or a clear error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskkit.cli import main
from riskkit.screening import read_list
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "screening_fixtures"


def csl_with_a_lone_surrogate(tmp_path: Path) -> Path:
    data = json.loads((FIXTURES / "csl.json").read_text("utf-8"))
    text = json.dumps(data).replace(
        '"Example Vision Technology Co., Ltd."', '"Evil \\ud800 Corp"', 1
    )
    assert "\\ud800" in text
    path = tmp_path / "csl.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_csl_json_record_with_a_lone_surrogate_is_skipped_with_a_warning(tmp_path: Path) -> None:
    result = read_list(csl_with_a_lone_surrogate(tmp_path))
    assert all("Evil" not in e.name for e in result.entries)
    assert any("results[0].name" in w and "lone surrogate" in w for w in result.warnings)


def test_screen_and_assess_read_a_list_with_a_lone_surrogate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = csl_with_a_lone_surrogate(tmp_path)
    assert main(["screen", "Evil Corp", "--list", str(path)]) == 0
    err = capsys.readouterr().err
    assert "internal error" not in err and "record(s) read with problems" in err
    example = EXAMPLES / "us-police-cctv-federal-grant.toml"
    assert main(["assess", str(example), "--list", str(path), "--format", "json"]) == 1
    assert "internal error" not in capsys.readouterr().err
