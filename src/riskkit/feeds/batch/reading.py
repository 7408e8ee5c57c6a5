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
    with open_file(path) as stream:
        stream.seek(task.start)
        part = cast(IO[bytes], _Range(stream, task.start, task.end))
        yield from line_units(path, part, stats, number=task.line)


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
