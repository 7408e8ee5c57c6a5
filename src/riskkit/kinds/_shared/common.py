"""Helpers shared by the built-in kinds."""

from __future__ import annotations


def clamp(level: int) -> int:
    return max(1, min(5, level))


def share_text(share: float | None) -> str:
    return "an unknown share" if share is None else f"{share * 100:.2f} %"
