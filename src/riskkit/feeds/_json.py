"""Reading feed files as JSON, for every feed reader: JSON Lines a line at a time, any other
file as one document capped by the ``input_bytes`` limit (:mod:`riskkit.limits`), plain or
gzipped. A line or document that cannot be read is counted as a defect where it is, never a
crash: ``not_utf8`` (decoded with replacements), ``malformed_json`` and ``line_too_long`` (both
skipped: the unit is lost).

Parsing is :func:`riskkit.feeds._parse.parse_bytes`: ``orjson`` when it is installed, the
standard library otherwise, with identical results and defects either way. Decompressing is
``isal``'s ``igzip`` when it is installed (the ``feeds`` extra brings it: Intel's ISA-L, about
twice as fast as zlib on a feed), the standard library's ``gzip`` otherwise: the same text
either way; only the wording of a damaged file's error may differ.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, Any, cast

from riskkit.errors import InvalidInput
from riskkit.feeds._parse import Tally, parse_bytes
from riskkit.feeds.ocds.defects import Origin
from riskkit.limits import check_bytes, current_limits, exceeded, mib

_BUFFER = 1 << 20
"""Bytes read (and decompressed) at a time: a feed's lines average about 10 KB, and reading
them through the default 8 KB buffer costs three times as much per line."""


def _optional_igzip() -> tuple[ModuleType, tuple[type[Exception], ...]]:
    try:
        from isal import igzip, isal_zlib
    except ImportError:  # the standard library reads every gzipped file on its own
        return gzip, ()
    # isal's stubs type its error as an instance, not a class: it is a class.
    return igzip, (cast(type[Exception], isal_zlib.error),)


GZIP, _GZIP_ERRORS = _optional_igzip()
"""The module that decompresses (``isal.igzip`` when installed, else ``gzip``: the same
interface), and the errors of its own it raises on damaged data."""


def gzip_text(stored: IO[bytes]) -> IO[bytes]:
    """The text of the gzipped file ``stored`` (open for reading bytes; closing the text
    leaves it open)."""
    return cast(IO[bytes], GZIP.GzipFile(fileobj=stored, mode="rb"))


def open_file(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when its name ends in ``.gz``; a file that cannot be
    opened is a located error."""
    try:
        if path.name.endswith(".gz"):
            gzipped = cast(io.RawIOBase, GZIP.open(path, "rb"))
            return cast(IO[bytes], io.BufferedReader(gzipped, _BUFFER))
        return path.open("rb", buffering=_BUFFER)
    except OSError as exc:
        raise InvalidInput.one(str(path), "", f"cannot read: {exc.strerror}") from None


_DAMAGED: tuple[type[Exception], ...] = (OSError, EOFError, zlib.error, *_GZIP_ERRORS)
"""What reading a damaged or truncated file raises (gzip's errors among them)."""


def readline(stream: IO[bytes], size: int, path: Path) -> bytes:
    """The next line of ``stream``, at most ``size`` bytes; a file that cannot be read on (a
    damaged or truncated gzip file) is a located error, not a traceback."""
    try:
        return stream.readline(size)
    except _DAMAGED as exc:
        raise InvalidInput.one(str(path), "", f"cannot read: {exc}") from None


def readblock(stream: IO[bytes], path: Path, size: int = 1 << 20) -> bytes:
    """The next ``size`` bytes of ``stream`` (fewer at its end), a damaged file a located
    error."""
    try:
        return stream.read(size)
    except _DAMAGED as exc:
        raise InvalidInput.one(str(path), "", f"cannot read: {exc}") from None


def lines(
    path: Path, stream: IO[bytes], stats: Tally, first: bytes | None = None, *, number: int = 1
) -> Iterator[tuple[Origin, Any]]:
    """Each non-blank line of ``stream`` parsed, with its line number (``first``, when the
    caller has read it already, is line 1; ``number``: the line the stream starts at, for a
    reader of part of a file). A line over the limit is skipped without being held in memory."""
    for origin, data, _ in lines_with_text(path, stream, stats, first, number=number):
        yield origin, data


def lines_with_text(
    path: Path, stream: IO[bytes], stats: Tally, first: bytes | None = None, *, number: int = 1
) -> Iterator[tuple[Origin, Any, bytes]]:
    """As :func:`lines`, each parsed line with its bytes as read, for a reader that can learn
    something from the text faster than from the parsed value."""
    allowed = current_limits().input_bytes
    source = str(path)
    raw = first if first is not None else readline(stream, allowed + 1, path)
    while raw:
        origin = Origin(source, f"line {number}")
        if len(raw) > allowed and not raw.endswith(b"\n"):
            stats.add("line_too_long", origin, f"over {mib(allowed)}", skipped=True)
            while (rest := readline(stream, allowed, path)) and not rest.endswith(b"\n"):
                pass
        elif not raw.isspace():  # the same test as raw.strip(), without copying the line
            ok, data = parse_bytes(raw, origin, stats)
            if ok:
                yield origin, data, raw
        raw = readline(stream, allowed + 1, path)
        number += 1


def document(
    path: Path, stream: IO[bytes], stats: Tally, head: bytes = b""
) -> tuple[Origin, Any] | None:
    """The whole file parsed as one JSON document (``head``: what the caller has read of it
    already), or None when it is not JSON. Refused, naming the limit, when the file is over
    ``input_bytes`` on disk or once decompressed."""
    source = str(path)
    check_bytes(source, path.stat().st_size)
    allowed = current_limits().input_bytes
    try:
        raw = head + stream.read(max(0, allowed + 1 - len(head)))
    except _DAMAGED as exc:
        raise InvalidInput.one(source, "", f"cannot read: {exc}") from None
    if len(raw) > allowed:
        found = f"file is over {mib(allowed)} uncompressed"
        raise exceeded(source, "", "input_bytes", found, mib(allowed), 2 * allowed)
    origin = Origin(source)
    ok, data = parse_bytes(raw, origin, stats)
    return (origin, data) if ok else None
