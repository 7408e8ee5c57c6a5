"""Shared fixtures and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskkit.packs import RuleSet, load_packs

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return load_packs()
