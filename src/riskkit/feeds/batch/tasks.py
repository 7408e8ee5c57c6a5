"""A feed cut into tasks that workers can read on their own, in feed order.

A plain JSON Lines file is cut into byte ranges of about ``total / parts`` bytes. Each range
starts at the first byte of a line and holds the lines that start inside it, as Hadoop and Dask
cut text files. The cuts are placed by the parent, which reads each such file once counting
newlines (a fast scan, no parsing): that gives every range the number of its first line, so a
worker names every line it reads as ``file: line N`` exactly as a single reader would. A gzipped
file cannot be entered in the middle, and a JSON document is parsed whole, so each of those is
one task.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from riskkit.feeds.ocds.sources import feed_files

SCAN_BLOCK = 1 << 20
"""Bytes read at a time while counting newlines."""


@attrs.frozen
class Task:
    """One piece of a feed: a whole file, or the lines of a JSON Lines file in a byte range."""

    path: str
    """The file, as given or as found in a folder."""
    start: int = 0
    """The byte offset of the first line of the range (0 for a whole file)."""
    end: int | None = None
    """The byte offset just after the range; ``None`` for the end of the file."""
    line: int = 1
    """The number of the line at ``start``."""

    @property
    def is_range(self) -> bool:
        """Whether this task reads a byte range of a JSON Lines file."""
        return self.path.endswith(".jsonl")


def plan_tasks(paths: Iterable[str | Path], parts: int) -> list[Task]:
    """The tasks of the feed at ``paths`` (files or folders), in feed order, its JSON Lines
    files cut so that there are about ``parts`` ranges in all. A missing path is a located
    error (InvalidInput)."""
    files = list(feed_files(paths))
    splittable = [f for f in files if f.name.endswith(".jsonl")]
    total = sum(f.stat().st_size for f in splittable)
    target = max(1, math.ceil(total / max(1, parts)))
    tasks: list[Task] = []
    for path in files:
        if path.name.endswith(".jsonl"):
            tasks.extend(_ranges(path, target))
        else:
            tasks.append(Task(str(path)))
    return tasks


Part = tuple[Task, ...]
"""Consecutive tasks done together, in feed order."""


def plan_parts(paths: Iterable[str | Path], parts: int) -> list[Part]:
    """The feed's tasks (:func:`plan_tasks`) bundled in order into about ``parts`` parts of
    about the same number of bytes."""
    tasks = plan_tasks(paths, parts)
    sizes = [_size(task) for task in tasks]
    target = max(1, math.ceil(sum(sizes) / max(1, parts)))
    bundled: list[Part] = []
    current: list[Task] = []
    filled = 0
    for task, size in zip(tasks, sizes, strict=True):
        current.append(task)
        filled += size
        if filled >= target:
            bundled.append(tuple(current))
            current, filled = [], 0
    if current:
        bundled.append(tuple(current))
    return bundled


def _size(task: Task) -> int:
    end = task.end if task.end is not None else Path(task.path).stat().st_size
    return max(1, end - task.start)


def _ranges(path: Path, target: int) -> list[Task]:
    cuts = list(_cuts(path, target))
    size = path.stat().st_size
    cuts = [(offset, line) for offset, line in cuts if offset < size] or [(0, 1)]
    ends: list[int | None] = [offset for offset, _ in cuts[1:]]
    ends.append(None)
    return [
        Task(str(path), start, end, line) for (start, line), end in zip(cuts, ends, strict=True)
    ]


def _cuts(path: Path, target: int) -> Iterator[tuple[int, int]]:
    """Where each range starts (the byte after a newline) and the number of its line."""
    yield 0, 1
    want = target
    offset = 0
    newlines = 0
    with path.open("rb") as stream:
        while block := stream.read(SCAN_BLOCK):
            searched = 0
            while want < offset + len(block):
                found = block.find(b"\n", max(want - offset, searched))
                if found < 0:
                    break
                cut = found + 1
                line = newlines + block.count(b"\n", 0, cut) + 1
                yield offset + cut, line
                want = offset + cut + target
                searched = cut
            newlines += block.count(b"\n")
            offset += len(block)
