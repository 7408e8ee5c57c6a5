"""The statements of BODS files, one at a time, each with where it came from.

Registers publish BODS as a JSON array of statements (a "BODS package"), or as JSON Lines, one
statement a line, under ``.jsonl`` or, as the Danish register's files do, under ``.json``. So the
form is taken from the content: a file that starts with ``[``, or whose first line is not a whole
JSON value, is one document, read whole and capped by the ``input_bytes`` limit
(:mod:`riskkit.limits`); any other file is JSON Lines, read a line at a time, so a register of any
size needs the memory of one line here.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from riskkit.feeds.bods.defects import ReadStats
from riskkit.feeds.ocds.defects import Origin
from riskkit.feeds.ocds.sources import feed_files
from riskkit.limits import check_bytes, current_limits, exceeded, mib

Unit = tuple[Origin, dict[str, Any]]


def read_statements(paths: Iterable[str | Path], stats: ReadStats) -> Iterator[Unit]:
    """Every statement object in the files (and folders) at ``paths``, in file order."""
    for path in feed_files(paths):
        stats.files += 1
        with _open(path) as stream:
            yield from _file(path, stream, stats)


def _open(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _file(path: Path, stream: IO[bytes], stats: ReadStats) -> Iterator[Unit]:
    allowed = current_limits().input_bytes
    first = stream.readline(allowed + 1)
    while first and not first.strip():
        first = stream.readline(allowed + 1)
    text = first.lstrip()
    lines = path.name.endswith((".jsonl", ".jsonl.gz"))
    if not lines and (text.startswith(b"[") or not _parses(first)):
        yield from _document(path, first + stream.read(max(0, allowed + 1 - len(first))), stats)
        return
    number = 1
    raw = first
    while raw:
        origin = Origin(str(path), f"line {number}")
        if len(raw) > allowed and not raw.endswith(b"\n"):
            stats.add("line_too_long", origin, f"over {mib(allowed)}")
            while (rest := stream.readline(allowed)) and not rest.endswith(b"\n"):
                pass
        elif raw.strip():
            ok, data = _parse(_decode(raw, origin, stats), origin, stats)
            if ok:
                yield from _unpack(data, origin, stats)
        raw = stream.readline(allowed + 1)
        number += 1


def _parses(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except ValueError:
        return False
    return True


def _document(path: Path, raw: bytes, stats: ReadStats) -> Iterator[Unit]:
    source = str(path)
    check_bytes(source, path.stat().st_size)
    allowed = current_limits().input_bytes
    if len(raw) > allowed:
        found = f"file is over {mib(allowed)} uncompressed"
        raise exceeded(source, "", "input_bytes", found, mib(allowed), 2 * allowed)
    origin = Origin(source)
    ok, data = _parse(_decode(raw, origin, stats), origin, stats)
    if ok:
        yield from _unpack(data, origin, stats)


def _decode(raw: bytes, origin: Origin, stats: ReadStats) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        stats.add("not_utf8", origin, f"byte {exc.start}")
        return raw.decode("utf-8-sig", errors="replace")


def _parse(text: str, origin: Origin, stats: ReadStats) -> tuple[bool, Any]:
    try:
        return True, json.loads(text)
    except json.JSONDecodeError as exc:
        stats.add("malformed_json", origin, f"{exc.msg} at line {exc.lineno}")
        return False, None


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
