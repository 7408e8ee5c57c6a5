"""Shared fixtures and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.packs import RuleSet, load_packs

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
EXAMPLES = ROOT / "examples"
SCREENING_FIXTURES = TESTS / "screening_fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
NO_SHARED_DATA = (
    f"expected without the shared sample data: the official list files and the OCDS and BODS "
    f"samples are not in the repo; put them in {SHARED_DATA.resolve()} to run this test "
    f"(README: Quick start)"
)
"""Why tests that read the official list files or the real OCDS and BODS samples skip on a
fresh clone."""


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_packs()
