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
    """Told ``(processes done, tasks done, tasks)`` by a run; draws a bar with the rate."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.drawn = 0.0
        self.active = self.stream.isatty()

    def __call__(self, processes: int, tasks_done: int, tasks: int) -> None:
        if not self.active:
            return
        now = time.monotonic()
        if tasks_done < tasks and now - self.drawn < REDRAW_SECONDS:
            return
        self.drawn = now
        filled = BAR * tasks_done // max(1, tasks)
        rate = processes / max(now - self.started, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (BAR - filled)}] {tasks_done}/{tasks} parts, "
            f"{processes} processes, {rate:,.0f}/s "
        )
        if tasks_done >= tasks:
            self.stream.write("\n")
        self.stream.flush()
