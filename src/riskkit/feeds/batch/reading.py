"""The contracting processes of one task, read as :func:`riskkit.feeds.ocds.read_ocds` reads them.

A task is read with the reader's own steps (``_Reading.units``: a record's compiled release, a
compiled release as it is, every defect counted the same way), so a feed cut into tasks gives
the processes one reader gives. Two things need the whole feed and are left to the caller:

* releases that are neither compiled nor in a record wait for the other releases of their
  ``ocid``, which may be in any task: a task hands them back (``Pending``) and they are merged
  once every task has been read (:func:`merged_processes`), after the rest of the feed, as the
  reader merges them after reading;
* an ``ocid`` read twice (``duplicate_ocid``) is counted over the whole feed's rows by the
  caller, not inside a task, so the count does not depend on how the feed was cut.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, cast

from riskkit.feeds._json import open_file
from riskkit.feeds.batch.tasks import Task
from riskkit.feeds.ocds.defects import Origin, ReadStats
from riskkit.feeds.ocds.read import Process, _Reading
from riskkit.feeds.ocds.sources import CheckedUnit, checked_units, line_units

Pending = list[tuple[str, list[tuple[Origin, dict[str, Any]]]]]
"""Releases waiting to be merged: each ``ocid`` with its releases and their origins, in feed
order."""

DUPLICATE = "duplicate_ocid"


class TaskReading:
    """One task being read: its counts, and the releases it leaves to merge."""

    def __init__(self, validate: bool = True) -> None:
        self.stats = ReadStats()
        self._reading = _Reading(self.stats, validate)

    def processes(self, task: Task) -> Iterator[Process]:
        """The processes the task gives as it is read (not the releases left to merge)."""
        yield from self._reading.units(_units(task, self.stats))
        _forget_duplicates(self.stats)

    def pending(self) -> Pending:
        """The releases read that wait for the rest of the feed to be merged."""
        return list(self._reading.waiting.items())


def group_pending(pending: Sequence[Pending]) -> Pending:
    """Every task's waiting releases (given in task order) grouped by ``ocid``: the ocids in
    the order they were first read, each with its releases in feed order."""
    waiting: dict[str, list[tuple[Origin, dict[str, Any]]]] = {}
    for part in pending:
        for ocid, group in part:
            waiting.setdefault(ocid, []).extend(group)
    return list(waiting.items())


def share(groups: Pending, part: int, parts: int) -> Pending:
    """The ``part``-th of ``parts`` contiguous shares of the groups (so that shares taken in
    order keep the groups' order)."""
    return groups[len(groups) * part // parts : len(groups) * (part + 1) // parts]


def merged_processes(groups: Pending, stats: ReadStats, validate: bool = True) -> (
    Iterator[Process]
):  # fmt: skip
    """The process merged from each ``ocid``'s releases, in the order given, as the reader
    merges them."""
    reading = _Reading(stats, validate)
    reading.waiting = dict(groups)
    yield from reading.run(())
    _forget_duplicates(stats)


def _forget_duplicates(stats: ReadStats) -> None:
    stats.defects.pop(DUPLICATE, None)
    stats.examples.pop(DUPLICATE, None)


def _units(task: Task, stats: ReadStats) -> Iterator[CheckedUnit]:
    if not task.is_range:
        yield from checked_units([task.path], stats)
        return
    path = Path(task.path)
    if task.start == 0:
        stats.files += 1
    if task.text is not None:
        yield from line_units(path, io.BytesIO(task.text), stats, number=task.line)
        return
    if path.name.endswith(".gz"):
        yield from _LAST_GZIP.cursor.units(path, task, stats)
        return
    with open_file(path) as stream:
        stream.seek(task.start)
        part = cast(IO[bytes], _Range(stream, task.start, task.end))
        yield from line_units(path, part, stats, number=task.line)


class _GzipCursor:
    """The gzipped file this thread read last, left open where its last range ended.

    gzip cannot be entered in the middle: opened afresh for each range, a file cut into ``n``
    ranges would be decompressed about ``n / 2`` times over. Kept open, a thread given a file's
    ranges in order (as a Dask worker mostly is) goes on from where it stopped, decompressing
    what lies between, and so the file about once; a range that starts before where the file
    stands opens it again. The file is known by its inode, size, and modification and change
    times as well as its path, so a file written again between two ranges is not read on from
    where the old one stood."""

    def __init__(self) -> None:
        self.key: tuple[str, int, int, int, int] | None = None
        self.stream: IO[bytes] | None = None

    def units(self, path: Path, task: Task, stats: ReadStats) -> Iterator[CheckedUnit]:
        stream = self._at(path, task.start)
        try:
            part = cast(IO[bytes], _Range(stream, task.start, task.end))
            yield from line_units(path, part, stats, number=task.line)
        except BaseException:
            self.close()  # a damaged file, or a read given up: nothing to go on from
            raise

    def _at(self, path: Path, offset: int) -> IO[bytes]:
        try:
            seen = path.stat()
        except OSError:
            self.close()
            return self._opened(path, offset)  # open_file says what is wrong, with the path
        key = (str(path), seen.st_ino, seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns)
        if self.stream is None or self.key != key or self.stream.tell() > offset:
            self.close()
            self.key = key
            return self._opened(path, offset)
        self.stream.seek(offset)  # forward: decompresses what lies between
        return self.stream

    def _opened(self, path: Path, offset: int) -> IO[bytes]:
        self.stream = open_file(path)
        self.stream.seek(offset)
        return self.stream

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream, self.key = None, None


class _PerThread(threading.local):
    """One :class:`_GzipCursor` per thread: a Dask worker may run tasks in several threads."""

    def __init__(self) -> None:
        self.cursor = _GzipCursor()


_LAST_GZIP = _PerThread()


class _Range:
    """The bytes of ``stream`` up to ``end``, read a line at a time. Ranges start and end on
    line starts, so no line is ever cut."""

    def __init__(self, stream: IO[bytes], start: int, end: int | None) -> None:
        self.stream = stream
        self.position = start
        self.end = end

    def readline(self, size: int = -1) -> bytes:
        if self.end is None:
            return self.stream.readline(size)
        left = self.end - self.position
        if left <= 0:
            return b""
        line = self.stream.readline(left if size < 0 else min(size, left))
        self.position += len(line)
        return line
