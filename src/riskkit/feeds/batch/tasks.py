"""A feed cut into tasks that workers can read on their own, in feed order.

A JSON Lines file, plain or gzipped, is cut into byte ranges of about ``total / parts`` bytes
of its text. Each range starts at the first byte of a line and holds the lines that start
inside it, as Hadoop and Dask cut text files. The cuts are placed by the parent, which reads
each such file once counting newlines (a fast scan, no parsing; a gzipped file is decompressed
for it), noting up to :data:`MAX_POINTS` line starts spread over it: that gives every range the
number of its first line, so a worker names every line it reads as ``file: line N`` exactly as a
single reader would. Every range holds at most :data:`MAX_TASK_BYTES` of text (and a line;
:data:`DASK_TASK_BYTES` on Dask), so what a worker holds does not grow with the feed. gzip
cannot be entered in the middle: a Dask worker keeps the gzipped file it read last open where
its range ended, and goes on from there to its next range, so that a worker given a file's
ranges in order decompresses the file about once (:mod:`riskkit.feeds.batch.reading`). The
local engine does not scan a gzipped file: it is one task, whose text the parent hands the
workers in pieces as it reads it (:mod:`riskkit.feeds.batch.feeding`), so the file is
decompressed once. A JSON document is parsed whole, so it is one task.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import attrs

from riskkit.feeds._json import open_file, readblock
from riskkit.feeds.ocds.sources import feed_files

MAX_TASK_BYTES = 4 << 20
"""The most text one task (and one part) of a JSON Lines file holds, and one piece of a gzipped
one that the local engine's parent hands a worker (:mod:`riskkit.feeds.batch.feeding`): a worker
keeps the rows of what it is reading, so a bound on a task bounds its memory whatever the feed's
size.

The Dask engine plans with :data:`DASK_TASK_BYTES` instead."""

DASK_TASK_BYTES = 16 << 20
"""The most text one task (and one part, which is one partition) of a JSON Lines file holds on
the Dask engine. Each partition costs the scheduler and the client a handful of tasks and a
round trip whatever its size (460 partitions of the 200k feed took about a fifth more time
than 115), so Dask's are larger than the local engine's; they are still bounded, so a worker's
memory does not grow with the feed."""

MAX_POINTS = 4096
"""How many line starts the scan of one file keeps at most: every line start of a small file,
about evenly spaced ones of a large file (the spacing doubles each time the list fills)."""

_SPLITTABLE = (".jsonl", ".jsonl.gz")


@attrs.frozen
class Task:
    """One piece of a feed: a whole file, or the lines of a JSON Lines file in a byte range."""

    path: str
    """The file, as given or as found in a folder."""
    start: int = 0
    """The byte offset of the first line of the range (0 for a whole file)."""
    end: int | None = None
    """The byte offset just after the range; ``None`` for the end of the file. For a gzipped
    file, offsets count the decompressed text."""
    line: int = 1
    """The number of the line at ``start``."""
    text: bytes | None = attrs.field(default=None, repr=False)
    """The range's text, when the local engine's parent read it for the worker (a range of a
    gzipped file: :mod:`riskkit.feeds.batch.feeding`); ``None``: the worker reads the file."""

    @property
    def is_range(self) -> bool:
        """Whether this task reads a byte range of a JSON Lines file."""
        return self.path.endswith(_SPLITTABLE)


def plan_tasks(
    paths: Iterable[str | Path], parts: int, *, scan_gzip: bool = True, most: int | None = None
) -> list[Task]:
    """The tasks of the feed at ``paths`` (files or folders), in feed order, its JSON Lines
    files cut so that there are about ``parts`` ranges in all. A missing path is a located
    error (InvalidInput).

    ``scan_gzip=False`` leaves a gzipped JSON Lines file uncut, one task for the whole file,
    without the scan that decompresses it once more: for the local engine, whose parent cuts
    it into pieces as it reads it (:mod:`riskkit.feeds.batch.feeding`). ``most``: the most
    text of a range (:data:`MAX_TASK_BYTES` when None)."""
    bound = MAX_TASK_BYTES if most is None else most
    files = list(feed_files(paths))
    scanned = {
        path: _scan(path)
        for path in files
        if path.name.endswith(_SPLITTABLE) and (scan_gzip or not path.name.endswith(".gz"))
    }
    total = sum(size for _, size in scanned.values())
    target = max(1, math.ceil(total / max(1, parts)))
    tasks: list[Task] = []
    for path in files:
        if path in scanned:
            tasks.extend(_ranges(path, *scanned[path], min(target, bound)))
        else:
            tasks.append(Task(str(path)))
    return tasks


Part = tuple[Task, ...]
"""Consecutive tasks done together, in feed order."""


def plan_parts(
    paths: Iterable[str | Path], parts: int, *, scan_gzip: bool = True, most: int | None = None
) -> list[Part]:
    """The feed's tasks (:func:`plan_tasks`) bundled in order into about ``parts`` parts of
    about the same number of bytes, each of at most ``most`` (:data:`MAX_TASK_BYTES` when
    None) unless one task is larger."""
    bound = MAX_TASK_BYTES if most is None else most
    tasks = plan_tasks(paths, parts, scan_gzip=scan_gzip, most=bound)
    sizes = [_size(task) for task in tasks]
    target = min(max(1, math.ceil(sum(sizes) / max(1, parts))), bound)
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


def _ranges(path: Path, points: list[tuple[int, int]], size: int, target: int) -> list[Task]:
    """The file's ranges of about ``target`` bytes, cut at the noted line starts ``points``;
    each but the last ends where the next begins, the last at the end of the text."""
    cuts = [(0, 1)]
    for offset, line in points:
        if offset >= cuts[-1][0] + target and offset < size:
            cuts.append((offset, line))
    ends: list[int | None] = [offset for offset, _ in cuts[1:]]
    ends.append(size)
    return [
        Task(str(path), start, end, line) for (start, line), end in zip(cuts, ends, strict=True)
    ]


def _scan(path: Path, most: int | None = None) -> tuple[list[tuple[int, int]], int]:
    """Line starts spread over the file's text (the byte after a newline, and the number of its
    line; at most :data:`MAX_POINTS`), and the text's size in bytes.

    The starts noted are those of the first line to start after each multiple of a spacing:
    evenly spread in bytes, whatever the length of the lines. The spacing starts at one byte and
    doubles whenever the list fills (:func:`_thin`), so one pass serves a file of any size."""
    most = MAX_POINTS if most is None else most
    points: list[tuple[int, int]] = []
    spacing = 1
    want = 0  # the next multiple of the spacing: the first newline at or after it is noted
    offset = 0
    newlines = 0
    with open_file(path) as stream:
        while block := readblock(stream, path):
            searched = counted = 0  # the newlines in block[:searched], counted as it goes
            while want < offset + len(block):
                found = block.find(b"\n", max(want - offset, searched))
                if found < 0:
                    break
                cut = found + 1
                counted += block.count(b"\n", searched, cut)
                points.append((offset + cut, newlines + counted + 1))
                while len(points) > most:
                    points, spacing = _thin(points, spacing * 2), spacing * 2
                want = (offset + found) // spacing * spacing + spacing
                searched = cut
            newlines += block.count(b"\n")
            offset += len(block)
    return points, offset


def _thin(points: list[tuple[int, int]], spacing: int) -> list[tuple[int, int]]:
    """The points a scan at ``spacing`` (twice the one they were noted at) would have noted:
    those whose newline is the first at or after a multiple of ``spacing``, that is those with a
    multiple of it after the newline of the point before (kept or not).

    Keeping every other point instead is even only when the points are: while the spacing is
    shorter than a line every line start is noted, and halving those again and again left the
    start of a large file almost bare (the first range of a 1.9 GB file held 167 MiB of text,
    and the worker that read it twice the memory of the others)."""
    kept: list[tuple[int, int]] = []
    before = -1
    for start, line in points:
        if (start - 1) // spacing > before // spacing:
            kept.append((start, line))
        before = start - 1
    return kept
