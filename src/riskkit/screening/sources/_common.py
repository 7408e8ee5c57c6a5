"""What every reader shares: bounded line reading, warnings with locations, dates, identifiers."""

from __future__ import annotations

import functools
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from riskkit.errors import InvalidInput
from riskkit.limits import check_bytes, current_limits, exceeded, mib
from riskkit.screening.countries import country_code
from riskkit.screening.model import DateRecord, EntryRecord, IdentifierRecord

MAX_WARNINGS = 200
"""Warnings kept verbatim; later ones are only counted."""


class Warnings:
    """Problems that did not stop a read, each naming its file and line; counted past a cap."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.total = 0

    def add(self, source: str, line: int | str | None, message: str) -> None:
        """Count a problem; ``line`` is a line number, another location (``results[3]``) or None."""
        self.total += 1
        if len(self.messages) < MAX_WARNINGS:
            if line is None:
                where = source
            elif isinstance(line, int):
                where = f"{source}: line {line}"
            else:
                where = f"{source}: {line}"
            self.messages.append(f"{where}: {message}")

    def as_tuple(self) -> tuple[str, ...]:
        extra = self.total - len(self.messages)
        if extra > 0:
            return (*self.messages, f"... and {extra} more warnings")
        return tuple(self.messages)


def check_size(path: Path, limit: str = "list_bytes") -> int:
    """The file's size in bytes; InvalidInput when it is missing or a folder, LimitExceeded
    when it is over the byte limit ``limit`` (see :mod:`riskkit.limits`)."""
    source = str(path)
    try:
        if path.is_dir():
            raise InvalidInput.one(source, "", "is a folder, expected a list file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput.one(source, "", "no such file") from None
    except OSError as exc:
        raise InvalidInput.one(source, "", f"cannot read: {exc.strerror}") from None
    check_bytes(source, size, limit)
    return size


def _decode(raw: bytes, source: str, line: int, warnings: Warnings) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # OFAC's older files were Windows-1252; say so once per line rather than failing.
        warnings.add(source, line, "not UTF-8; read as Windows-1252")
        return raw.decode("cp1252", errors="replace")


def text_encoding(head: bytes) -> str:
    """How a text file's first bytes say it is encoded: UTF-16 with a byte-order mark (what
    Excel's "Unicode Text" writes) or without one (ASCII text with a NUL after or before every
    character), else UTF-8 (the readers fall back to Windows-1252 line by line)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) >= 4 and head[1] == head[3] == 0 and head[0] and head[2]:
        return "utf-16-le"
    if len(head) >= 4 and head[0] == head[2] == 0 and head[1] and head[3]:
        return "utf-16-be"
    return "utf-8"


def as_utf8(head: bytes) -> bytes:
    """The first bytes of a text file as UTF-8, for finding its format."""
    encoding = text_encoding(head)
    if encoding == "utf-8":
        return head
    # The head may end inside a character; that one is replaced.
    return head.decode(encoding, errors="replace").encode("utf-8")


def _cr_lines(handle: BinaryIO, max_line: int) -> Iterator[bytes]:
    """Lines of a file whose lines end in a bare CR (classic Mac OS), each ended with LF."""
    buffer = b""
    while chunk := handle.read(64 * 1024):
        *lines, buffer = (buffer + chunk).split(b"\r")
        for line in lines:
            yield line + b"\n"
        if len(buffer) > max_line:
            yield buffer  # refused by the caller as too long
            return
    if buffer:
        yield buffer


def _utf16_lines(handle: BinaryIO, encoding: str, source: str, max_line: int) -> Iterator[str]:
    text = io.TextIOWrapper(handle, encoding=encoding, newline=None)  # any line end -> LF
    number = 0
    try:
        while line := text.readline(max_line + 1):
            number += 1
            if len(line) > max_line:
                raise InvalidInput.one(
                    source, f"line {number}",
                    f"line is longer than {max_line:,} characters; this is not a list file "
                    "(or it is damaged)",
                )  # fmt: skip
            if "\x00" in line:
                raise InvalidInput.one(
                    source, f"line {number}", "binary data (a NUL character); expected text"
                )
            yield line.removeprefix("\ufeff") if number == 1 else line
    except UnicodeDecodeError:
        raise InvalidInput.one(
            source, f"line {number + 1}",
            f"not valid {encoding.upper()} text; save the file as UTF-8 (in Excel: CSV UTF-8)",
        ) from None  # fmt: skip
    finally:
        text.detach()


def read_lines(
    path: Path,
    warnings: Warnings,
    *,
    limit: str = "list_bytes",
) -> Iterator[str]:
    """The file's lines, decoded, with line endings kept (``csv`` needs them).

    Raises InvalidInput for a file over the byte limit ``limit``, a line over the
    ``line_bytes`` limit, or a NUL byte (binary data). A trailing 0x1A (the DOS end-of-file
    byte OFAC still writes) is dropped.
    Lines are read with a bounded ``readline``, so a 100 MB line costs 1 MB before it is refused.
    A UTF-16 file (Excel's "Unicode Text") is decoded as such, and a file whose lines end in a
    bare CR (classic Mac OS) is split there.
    """
    source = str(path)
    check_size(path, limit)
    max_line = current_limits().line_bytes
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
        handle.seek(0)
        encoding = text_encoding(head)
        if encoding != "utf-8":
            yield from _utf16_lines(handle, encoding, source, max_line)
            return
        raw_lines: Iterator[bytes]
        if b"\r" in head and b"\n" not in head:
            raw_lines = _cr_lines(handle, max_line)
        else:
            # One byte more than the limit and the line ending (which does not count towards
            # it) tells a line over the limit from one at it.
            raw_lines = iter(lambda: handle.readline(max_line + 2), b"")
        for number, raw in enumerate(raw_lines, 1):
            if len(raw) - raw.endswith(b"\n") > max_line:
                raise exceeded(
                    source, f"line {number}", "line_bytes",
                    "line is longer than the limit; this is not a list file (or it is damaged)",
                    mib(max_line), max_line * 2,
                )  # fmt: skip
            if b"\x00" in raw:
                raise InvalidInput.one(
                    source, f"line {number}", "binary data (a NUL byte); expected a text list file"
                )
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            raw = raw.replace(b"\x1a", b"")
            if raw:
                yield _decode(raw, source, number, warnings)


def null(value: str | None) -> str | None:
    """A field's text, or None for OFAC's ``-0-`` and for blanks."""
    if value is None:
        return None
    value = value.strip()
    if not value or value == "-0-":
        return None
    return value


def split_list(value: str | None, sep: str = ";") -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.split(sep) if part.strip())


_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
)}  # fmt: skip
_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:T[\d:.]*)?(?:Z|[+-]\d{2}:?\d{2})?$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DMY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$")
_YEAR = re.compile(r"^(?:circa\s+|c\.\s*)?(\d{4})$", re.IGNORECASE)
_EARLIEST = {"birth": 1850}
_LATEST_YEAR = 2150


def _ymd(text: str) -> tuple[int, int, int] | None:
    if m := _ISO.match(text):
        return int(m[1]), int(m[2]), int(m[3])
    if m := _US.match(text):
        return int(m[3]), int(m[1]), int(m[2])
    if (m := _DMY.match(text)) and m[2].lower() in _MONTHS:
        return int(m[3]), _MONTHS[m[2].lower()], int(m[1] or 1)
    if m := _YEAR.match(text):
        return int(m[1]), 1, 1
    return None


def parse_date(
    text: str, kind: str, *, source: str, line: int | str | None, warnings: Warnings
) -> DateRecord:
    """A dated event; the value is None (with a warning) when the text is no plausible date.

    Real lists carry typos such as a DPL ``Last_Update`` of ``3017-08-22``: the text is kept,
    the day is not trusted. A year alone ("1962", "circa 1962") reads as 1 January. Birth dates
    given as ranges ("1955 to 1958") are kept as text without a warning: that is how lists
    write uncertainty, not an error.
    """
    text = text.strip()
    ymd = _ymd(text)
    day: date | None = None
    if ymd is not None:
        try:
            day = date(*ymd)
        except ValueError:
            day = None
    if day is None:
        if kind != "birth":
            warnings.add(source, line, f"{kind} date {text!r} is not a date; kept as text")
        return DateRecord(kind=kind, value=None, text=text)
    if not _EARLIEST.get(kind, 1900) <= day.year <= _LATEST_YEAR:
        warnings.add(source, line, f"{kind} date {text!r} has an implausible year; kept as text")
        return DateRecord(kind=kind, value=None, text=text)
    return DateRecord(kind=kind, value=day, text=text)


def dedupe(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Values in first-seen order without repeats or blanks."""
    return tuple(dict.fromkeys(v for v in values if v))


def tally(lists: list[str]) -> dict[str, int]:
    return {f"list:{name}": n for name, n in sorted(Counter(lists).items())}


def entry_counts(
    entries: list[EntryRecord], rows: int, skipped: int, warnings: Warnings
) -> dict[str, int]:
    """What ``lists show`` reports for a file: rows read and skipped, entries, aliases (strong
    and weak), identifiers, warnings, and entries per list."""
    return {
        "rows": rows,
        "skipped": skipped,
        "entries": len(entries),
        "aliases": sum(len(e.aliases) for e in entries),
        "weak_aliases": sum(len(e.weak_aliases) for e in entries),
        "identifiers": sum(len(e.identifiers) for e in entries),
        "warnings": warnings.total,
        **tally([e.list for e in entries]),
    }


_IDENT_CLEAN = re.compile(r"[\s\-./]+")


def identifier(scheme: str, value: str, country: str | None = None) -> IdentifierRecord | None:
    scheme, value = scheme.strip(), value.strip().rstrip(".;")
    if not scheme or not value:
        return None
    return IdentifierRecord(scheme, value, country_code(country))


def identifier_key(scheme: str, value: str) -> tuple[str, str]:
    """The key under which identifiers meet: scheme words and value case and spacing ignored."""
    return (_scheme_key(scheme), _IDENT_CLEAN.sub("", value).upper())


@functools.lru_cache(maxsize=1024)
def _scheme_key(scheme: str) -> str:
    # A list uses a few dozen schemes for tens of thousands of identifiers.
    return " ".join(re.findall(r"\w+", scheme.casefold()))


__all__ = [
    "Warnings",
    "as_utf8",
    "check_size",
    "dedupe",
    "entry_counts",
    "identifier",
    "identifier_key",
    "null",
    "parse_date",
    "read_lines",
    "split_list",
    "tally",
    "text_encoding",
]
