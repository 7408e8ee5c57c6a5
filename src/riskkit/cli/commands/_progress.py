"""A one-line progress bar on standard error, for long runs at a terminal only.

It draws only when standard error is a terminal, so pipes, logs and tests never see it, and it
redraws at most a few times a second. No dependency: a carriage return and a line of text.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.2
BAR = 24


class ProgressBar:
    """Told ``(processes done, bytes done, bytes)`` by a run; draws a bar with the rate."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.drawn = 0.0
        self.active = self.stream.isatty()
        self.shown = False

    def __call__(self, processes: int, done: int, total: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if done < total and now - self.drawn < REDRAW_SECONDS:
            return
        self.drawn = now
        finished = done >= total  # an empty feed is done from the start
        filled = BAR if finished else BAR * done // total
        share = 100 if finished else 100 * done // total
        rate = processes / max(now - self.started, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (BAR - filled)}] {share}% of the feed, "
            f"{processes:,} processes, {rate:,.0f}/s "
        )
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the bar's line, once the run is over (a run may say 100% before its last
        step: the releases merged once the whole feed is read)."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False
