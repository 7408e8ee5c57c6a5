"""Published data feeds: reading OCDS contracting processes (:mod:`riskkit.feeds.ocds`),
mapping each onto the procurement model (``map_process``), and reading BODS ownership
(:mod:`riskkit.feeds.bods`).

``riskkit batch`` is not built yet (docs/feeds.md).
"""

from __future__ import annotations

from riskkit.feeds.ocds import Gap, Mapped, ProcessSummary, map_process, read_ocds

__all__ = ["Gap", "Mapped", "ProcessSummary", "map_process", "read_ocds"]
