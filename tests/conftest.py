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
    f"expected without the sample lists: the official list files are not in the repo; put "
    f"them in {SHARED_DATA.resolve()} to run this test (README: Quick start)"
)
"""Why tests that read the official list files skip on a fresh clone."""


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_packs()
