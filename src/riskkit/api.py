"""The Python API: assess a procurement against rule packs."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from riskkit.engine import evaluate
from riskkit.loading import load_procurement
from riskkit.model import Procurement
from riskkit.packs import RuleSet, load_packs
from riskkit.report import Report
from riskkit.scoring import ScoringConfig


@functools.cache
def default_packs() -> RuleSet:
    """The shipped packs plus installed plugin packs, loaded once per process."""
    return load_packs()


def assess(
    procurement: Procurement | str | Path,
    *,
    as_of: date | None = None,
    packs: RuleSet | None = None,
    scoring: ScoringConfig | None = None,
) -> Report:
    """Assess a procurement (a model or a file path) as of a date (default: today)."""
    if not isinstance(procurement, Procurement):
        procurement = load_procurement(procurement)
    return evaluate(procurement, packs or default_packs(), as_of or date.today(), scoring)
