"""The documentation names every value the procurement model accepts."""

from __future__ import annotations

import subprocess
import sys
import typing

import pytest

from riskkit import model
from tests.conftest import ROOT

VOCABULARIES = ["BuyerKind", "FundingSource", "SiteSetting", "Purpose", "PartyRole",
                "ComponentKind", "Capability", "DataCategory", "DestinationKind", "KeyHolder",
                "MitigationKind"]  # fmt: skip


@pytest.mark.parametrize("name", VOCABULARIES)
def test_procurement_reference_lists_every_allowed_value(name: str) -> None:
    text = (ROOT / "docs" / "procurement.md").read_text("utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith(f"- `{name}`:"))
    for value in typing.get_args(getattr(model, name)):
        assert f"`{value}`" in line, f"docs/procurement.md: {name} lacks {value}"


def test_readme_quick_start_is_two_commands_that_name_an_example() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert "python -m pip install -e . && riskkit assess examples/" in text
    assert 'python -m pip install -e ".[test]" && python -m pytest -q' in text
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert 'python -m pip install -e ".[test]" && python -m pytest -q' in ci
    example = text.split("riskkit assess examples/")[1].split()[0]
    assert (ROOT / "examples" / example).is_file()


def test_readme_python_snippet_runs_as_written() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    snippet = text.split("```python\n", 1)[1].split("```", 1)[0]
    # Run as a reader would, from a checkout: the snippet names files relative to it.
    result = subprocess.run(
        [sys.executable, "-c", snippet], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "elevated_risk"  # what the snippet's comment says
    assert '"verdict": "acceptable"' in result.stdout
