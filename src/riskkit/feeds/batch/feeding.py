"""The parent hands the workers the text of a gzipped feed, in bounded pieces, in feed order.

gzip cannot be entered in the middle: a worker given a byte range of a gzipped file would have
to decompress the file from its start up to the range, so the work (and the size of a range)
would grow with the file. Instead the local engine's parent reads each gzipped file once, from
start to end, and cuts the text of each planned range into pieces of at most
:data:`~riskkit.feeds.batch.tasks.MAX_TASK_BYTES` at line starts; each piece travels to a
worker as a task holding its own text (``Task.text``) and the number of its first line, so the
worker reads, names and counts its lines exactly as it would have read them from the file. A
worker then holds one piece and its rows at a time, whatever the size of the feed.

The local engine plans a gzipped file as one task, uncut (``plan_tasks(scan_gzip=False)``): the
pieces are cut here as the file is read, so the parent decompresses it once, not once to plan
and again to feed.

A line too long for a piece is left where it is: the rest of that range goes as a plain range
(read by the worker from the file, as before), so a line over the ``input_bytes`` limit is still
skipped by the reader without ever being held whole.

Each part handed on carries how many bytes of the feed as stored (compressed, for a gzipped
file) it accounts for, so that a progress bar can say how much of the feed is done before the
size of its text is known.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

import attrs

from riskkit.errors import InvalidInput
from riskkit.feeds._json import gzip_text, readblock
from riskkit.feeds.batch import tasks as planning
from riskkit.feeds.batch.tasks import Part, Task
from riskkit.limits import current_limits

BLOCK = 1 << 20
"""How much decompressed text the parent reads at a time."""


class Fed(NamedTuple):
    """One part to run, as the parent hands it on."""

    number: int
    """The number of the planned part it comes from."""
    part: Part
    stored: int
    """The bytes of the feed as stored that it accounts for (for a piece of a gzipped file,
    the compressed bytes read for it)."""


def fed_parts(parts: Iterable[Part]) -> Iterator[Fed]:
    """The parts to run, in feed order, each with the number of the planned part it comes
    from: a planned part as it is, but each range of a gzipped JSON Lines file in it as parts of
    one task each that carry their own text."""
    reader = _Reader()
    try:
        for number, part in enumerate(parts):
            kept: list[Task] = []
            for task in part:
                if not _fed(task):
                    kept.append(task)
                    continue
                if kept:
                    yield Fed(number, tuple(kept), sum(map(stored_size, kept)))
                    kept = []
                for piece in reader.pieces(task):
                    yield Fed(number, (piece,), reader.stored_read())
            if kept:
                yield Fed(number, tuple(kept), sum(map(stored_size, kept)))
    finally:
        reader.close()


def stored_size(task: Task) -> int:
    """The bytes of the feed as stored that a task the worker reads itself accounts for: a
    whole file's size, or a range's length (a range of a gzipped file never gets here: it is
    fed, and its compressed bytes are counted by the pieces read from it)."""
    size = Path(task.path).stat().st_size
    return size - task.start if task.end is None else task.end - task.start


def _fed(task: Task) -> bool:
    return task.is_range and task.text is None and task.path.endswith(".gz")


class _Reader:
    """The gzipped file being read, kept open from one range to the next (ranges of a file
    come in order, each starting where the one before ended)."""

    def __init__(self) -> None:
        self.path = ""
        self.stream: IO[bytes] | None = None
        self.file: IO[bytes] | None = None
        """The file as stored, under ``stream``: its position is the compressed bytes read."""
        self.position = 0
        self.counted = 0
        """The compressed bytes of the file already counted by :meth:`stored_read`."""

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        if self.file is not None:
            self.file.close()
            self.file = None

    def stored_read(self) -> int:
        """The compressed bytes read since the last call."""
        at = self.file.tell() if self.file is not None else self.counted
        read, self.counted = at - self.counted, at
        return read

    def pieces(self, task: Task) -> Iterator[Task]:
        """The task's text as tasks of at most ``MAX_TASK_BYTES`` each (a line longer than
        that makes a piece of its own, up to the ``input_bytes`` limit)."""
        path = Path(task.path)
        stream = self._at(path, task.start)
        limit, too_long = planning.MAX_TASK_BYTES, current_limits().input_bytes
        start, line = task.start, task.line
        blocks: list[bytes] = []
        held = 0
        while block := self._next(stream, path, task.end):
            blocks.append(block)
            held += len(block)
            if held < limit:
                continue
            text = b"".join(blocks)
            cut = text.rfind(b"\n") + 1
            if cut == 0:
                if held > too_long:
                    yield attrs.evolve(task, start=start, line=line)
                    while self._next(stream, path, task.end):
                        pass
                    return
                blocks = [text]
                continue
            yield attrs.evolve(task, start=start, end=start + cut, line=line, text=text[:cut])
            line += text.count(b"\n", 0, cut)
            start += cut
            blocks = [text[cut:]]
            held = len(blocks[0])
        if held or start == task.start:
            text = b"".join(blocks)
            yield attrs.evolve(task, start=start, end=start + held, line=line, text=text)

    def _next(self, stream: IO[bytes], path: Path, end: int | None) -> bytes:
        """The next block of text up to ``end`` (the end of the file for ``None``)."""
        want = BLOCK if end is None else min(BLOCK, end - self.position)
        if want <= 0:
            return b""
        block = readblock(stream, path, want)
        self.position += len(block)
        return block

    def _at(self, path: Path, offset: int) -> IO[bytes]:
        """The file's stream at ``offset`` of its text."""
        if self.stream is None or self.path != str(path) or self.position > offset:
            self.close()
            self.stream, self.file = _open(path)
            self.path, self.position, self.counted = str(path), 0, 0
        while self.position < offset:
            block = readblock(self.stream, path, min(BLOCK, offset - self.position))
            if not block:
                break
            self.position += len(block)
        return self.stream


def _open(path: Path) -> tuple[IO[bytes], IO[bytes]]:
    """The gzipped file's text, and the file as stored under it; a file that cannot be
    opened is a located error."""
    try:
        stored = path.open("rb")
    except OSError as exc:
        raise InvalidInput.one(str(path), "", f"cannot read: {exc.strerror}") from None
    return gzip_text(stored), stored
