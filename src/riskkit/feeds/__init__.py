"""Published data feeds: reading OCDS contracting processes (:mod:`riskkit.feeds.ocds`).

Mapping them onto the procurement model, BODS ownership, ``riskkit import`` and ``riskkit batch``
are not built yet (docs/feeds.md). ``assess_feed`` (:mod:`riskkit.feeds.batch`) assesses every
process of a feed.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # assess_feed is imported on first use: it brings in the whole assessment, which readers
    # of riskkit.feeds.ocds alone do not need.
    if name == "assess_feed":
        from riskkit.feeds.batch import assess_feed

        return assess_feed
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
