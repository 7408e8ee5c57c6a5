"""What every reader shares: bounded line reading, warnings with locations, dates, countries."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

import pycountry

from riskkit.errors import InvalidInput
from riskkit.screening.model import DateRecord, EntryRecord, IdentifierRecord

MAX_FILE_BYTES = 256 * 1024 * 1024
"""List files larger than this are refused before reading (the full OFAC SDN CSV is 4 MB)."""
MAX_LINE_BYTES = 1024 * 1024
"""A line longer than this means the file is not a list file (the longest real line is ~20 KB)."""
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


def check_size(path: Path, max_bytes: int = MAX_FILE_BYTES) -> int:
    """The file's size in bytes; InvalidInput when it is missing, a folder or too large."""
    source = str(path)
    try:
        if path.is_dir():
            raise InvalidInput.one(source, "", "is a folder, expected a list file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput.one(source, "", "no such file") from None
    except OSError as exc:
        raise InvalidInput.one(source, "", f"cannot read: {exc.strerror}") from None
    if size > max_bytes:
        raise InvalidInput.one(
            source, "", f"file is {size / 1_048_576:.0f} MiB; the limit is "
            f"{max_bytes / 1_048_576:.0f} MiB for a list file",
        )  # fmt: skip
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
    max_bytes: int = MAX_FILE_BYTES,
    max_line: int = MAX_LINE_BYTES,
) -> Iterator[str]:
    """The file's lines, decoded, with line endings kept (``csv`` needs them).

    Raises InvalidInput for a file that is too large, a line over ``max_line`` bytes, or a NUL
    byte (binary data). A trailing 0x1A (the DOS end-of-file byte OFAC still writes) is dropped.
    Lines are read with a bounded ``readline``, so a 100 MB line costs 1 MB before it is refused.
    A UTF-16 file (Excel's "Unicode Text") is decoded as such, and a file whose lines end in a
    bare CR (classic Mac OS) is split there.
    """
    source = str(path)
    check_size(path, max_bytes)
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
            raw_lines = iter(lambda: handle.readline(max_line + 1), b"")
        for number, raw in enumerate(raw_lines, 1):
            if len(raw) > max_line:
                raise InvalidInput.one(
                    source, f"line {number}",
                    f"line is longer than {max_line:,} bytes; this is not a list file "
                    "(or it is damaged)",
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def surrogate_at(value: object, where: str = "") -> str | None:
    """The path of the first text in ``value`` (parsed JSON) holding a lone surrogate, if any.

    JSON may escape one (``"\\ud800"``), which is no character: such text cannot be stored or
    printed, so the record it is in is skipped."""
    if isinstance(value, str):
        return where if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = surrogate_at(key, where) or surrogate_at(item, f"{where}.{key}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = surrogate_at(item, f"{where}[{i}]")
            if found is not None:
                return found
    return None


def csv_rows(
    path: Path, warnings: Warnings, *, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(line number where the record starts, fields) for each CSV record.

    A malformed record (for example a field over the csv module's size limit) raises
    InvalidInput naming the line.
    """
    source = str(path)
    reader = csv.reader(read_lines(path, warnings), delimiter=delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InvalidInput.one(source, f"line {reader.line_num}", f"bad CSV: {exc}") from None
        yield start, row
        start = reader.line_num + 1


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


_COUNTRY_ALIASES = {
    "russia": "RU", "iran": "IR", "syria": "SY", "burma": "MM", "north korea": "KP",
    "korea, north": "KP", "south korea": "KR", "korea, south": "KR", "venezuela": "VE",
    "bolivia": "BO", "taiwan": "TW", "vietnam": "VN", "laos": "LA", "moldova": "MD",
    "tanzania": "TZ", "kosovo": "XK", "palestinian": "PS", "west bank": "PS", "gaza": "PS",
    "turkey": "TR", "czech republic": "CZ", "macau": "MO", "hong kong": "HK",
    "democratic republic of the congo": "CD", "congo, democratic republic of the": "CD",
    "republic of the congo": "CG", "congo": "CG", "ivory coast": "CI", "cote d ivoire": "CI",
    "united kingdom": "GB", "uk": "GB", "usa": "US", "united states": "US",
    "the united kingdom of great britain and northern ireland": "GB",
    "united states of america": "US", "iran (islamic republic of)": "IR",
    "syrian arab republic": "SY", "russian federation": "RU", "china": "CN",
    "democratic people's republic of korea": "KP", "region: gaza": "PS", "brunei": "BN",
    "cape verde": "CV", "micronesia": "FM", "the netherlands": "NL", "netherlands": "NL",
    "swaziland": "SZ", "macedonia": "MK", "north macedonia": "MK", "libya": "LY",
}  # fmt: skip


@functools.lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO 3166 alpha-2 code for a country as lists write it ("CN", "China", "Korea, North")."""
    if not text:
        return None
    text = text.strip().strip(".")
    if len(text) == 2 and text.isalpha():
        found = pycountry.countries.get(alpha_2=text.upper())
        return str(found.alpha_2) if found is not None else ("XK" if text.upper() == "XK" else None)
    alias = _COUNTRY_ALIASES.get(text.casefold())
    if alias:
        return alias
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


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
    "MAX_FILE_BYTES",
    "MAX_LINE_BYTES",
    "Warnings",
    "as_utf8",
    "check_size",
    "country_code",
    "csv_rows",
    "dedupe",
    "entry_counts",
    "identifier",
    "identifier_key",
    "null",
    "parse_date",
    "read_lines",
    "split_list",
    "surrogate_at",
    "tally",
    "text_encoding",
]
