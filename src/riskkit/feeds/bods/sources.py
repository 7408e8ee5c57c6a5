"""The statements of BODS files, one at a time, each with where it came from.

Registers publish BODS as a JSON array of statements (a "BODS package"), or as JSON Lines, one
statement a line, under ``.jsonl`` or, as the Danish register's files do, under ``.json``. So the
form is taken from the content: a file that starts with ``[``, or whose first line is not a whole
JSON value, is one document, read whole and capped by the ``input_bytes`` limit
(:mod:`riskkit.limits`); any other file is JSON Lines, read a line at a time, so a register of any
size needs the memory of one line here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from riskkit.feeds._json import document, lines, open_file, readline
from riskkit.feeds.bods.defects import ReadStats
from riskkit.feeds.ocds.defects import Origin
from riskkit.feeds.ocds.sources import feed_files
from riskkit.limits import current_limits

Unit = tuple[Origin, dict[str, Any]]


def read_statements(paths: Iterable[str | Path], stats: ReadStats) -> Iterator[Unit]:
    """Every statement object in the files (and folders) at ``paths``, in file order."""
    for path in feed_files(paths):
        stats.files += 1
        with open_file(path) as stream:
            yield from _file(path, stream, stats)


def _file(path: Path, stream: IO[bytes], stats: ReadStats) -> Iterator[Unit]:
    allowed = current_limits().input_bytes
    first = readline(stream, allowed + 1, path)
    while first and not first.strip():
        first = readline(stream, allowed + 1, path)
    text = first.lstrip()
    lines_by_name = path.name.endswith((".jsonl", ".jsonl.gz"))
    if not lines_by_name and (text.startswith(b"[") or not _parses(first)):
        found = document(path, stream, stats, head=first)
        if found is not None:
            origin, data = found
            yield from _unpack(data, origin, stats)
        return
    for origin, data in lines(path, stream, stats, first):
        yield from _unpack(data, origin, stats)


def _parses(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except (ValueError, RecursionError):
        return False
    return True


def _unpack(data: Any, origin: Origin, stats: ReadStats) -> Iterator[Unit]:
    if isinstance(data, dict):
        yield origin, data
    elif isinstance(data, list):
        for index, item in enumerate(data):
            where = f"{origin.location} [{index}]" if origin.location else f"[{index}]"
            if isinstance(item, dict):
                yield Origin(origin.file, where), item
            else:
                stats.add("not_a_statement", Origin(origin.file, where), type(item).__name__)
    else:
        stats.add("not_a_statement", origin, type(data).__name__)
