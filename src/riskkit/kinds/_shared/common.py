"""Helpers shared by the built-in kinds."""

from __future__ import annotations

from collections.abc import Collection

CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


def weakest(confidences: Collection[str]) -> str:
    """The lowest of the confidences given ('high' when none). Two membership tests rather
    than a keyed ``min``: it is asked of every ownership chain a finding may show."""
    if "low" in confidences:
        return "low"
    return "medium" if "medium" in confidences else "high"


def weaker(a: str, b: str) -> str:
    """The lower of two confidences (``a`` on a tie): ``weakest`` for the hot two-value case."""
    return a if CONFIDENCE_RANK[a] <= CONFIDENCE_RANK[b] else b


def clamp(level: int) -> int:
    return max(1, min(5, level))


def share_text(share: float | None) -> str:
    return "an unknown share" if share is None else f"{share * 100:.2f} %"
