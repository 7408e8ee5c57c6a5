"""The worker plugin that builds the batch context once on each Dask worker.

A module of its own because it imports ``distributed`` at import time: it is imported only
when the Dask engine runs, and workers import it by name when the plugin reaches them.
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from riskkit.feeds.batch.context import Recipe, install


class ContextPlugin(WorkerPlugin):  # type: ignore[misc,unused-ignore]
    """Builds the context from the recipe in ``setup``, on every worker, once (and on workers
    that join later)."""

    def __init__(self, recipe: Recipe) -> None:
        self.recipe = recipe

    def setup(self, worker: Any) -> None:
        install(self.recipe)
