"""Published data feeds: reading OCDS contracting processes (:mod:`riskkit.feeds.ocds`),
mapping each onto the procurement model (``map_process``), reading BODS ownership
(:mod:`riskkit.feeds.bods`), and assessing every process of a feed (``assess_feed``,
:mod:`riskkit.feeds.batch`; ``riskkit batch``).
"""

from __future__ import annotations

from typing import Any

from riskkit.feeds.ocds import Gap, Mapped, ProcessSummary, map_process, read_ocds

__all__ = ["Gap", "Mapped", "ProcessSummary", "assess_feed", "map_process", "read_ocds"]


def __getattr__(name: str) -> Any:
    # assess_feed is imported on first use: it brings in the whole assessment, which readers
    # of riskkit.feeds.ocds alone do not need.
    if name == "assess_feed":
        from riskkit.feeds.batch import assess_feed

        return assess_feed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
