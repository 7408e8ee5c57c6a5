"""The documentation names every value the procurement model accepts."""

from __future__ import annotations

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
