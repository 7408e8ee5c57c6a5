"""What went wrong while reading a feed, counted rather than raised.

Real OCDS feeds are full of defects (malformed lines, releases without an ``ocid``, placeholder
dates, duplicate ids); one of them must never stop the reading of a million processes. Each
defect is counted by kind in :class:`ReadStats`, with the first place it was seen, so a reader
can say "42 releases without ocid, first at feed.jsonl line 17" and carry on.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from riskkit.feeds._parse import canonical_json

DEFECTS: dict[str, str] = {
    "malformed_json": "a line or file that is not valid JSON (skipped)",
    "not_utf8": "text that is not valid UTF-8 (read with replacement characters)",
    "line_too_long": "a JSON Lines line over the input_bytes limit (skipped)",
    "not_an_object": "a release, record or package that is not a JSON object (skipped)",
    "release_without_ocid": "a release with no ocid: it cannot be joined to a process (skipped)",
    "record_without_ocid": "a record with no ocid (the ocid of its compiled release is used)",
    "record_without_content": "a record with only linked releases and no compiled release "
    "(skipped: nothing to read without fetching each release)",
    "release_without_id": "a release with no id",
    "tag_not_array": "a release whose tag is not an array",
    "empty_date": "a process with a date field that is an empty string",
    "placeholder_date": "a process with a date before 1901 or after 2099 (a placeholder such "
    "as 1900-01-01)",
    "duplicate_ocid": "a process whose ocid was already read (both are kept)",
    "duplicate_id": "releases that repeat an id inside one array (ocdsmerge warning)",
    "repeated_date": "releases of one process with the same date (their order is unknown)",
    "merge_failed": "releases that could not be merged (skipped)",
    "schema_problems": "a process that does not conform to the OCDS 1.1.5 release schema "
    "(kept, with its problems listed)",
}
"""Every kind of defect counted, and what it means (docs/feeds.md lists the same)."""


@attrs.frozen
class Origin:
    """Where something was read: a file and a place in it."""

    file: str
    """The file, as given or as found in a folder."""
    location: str = ""
    """``line 12`` (JSON Lines), ``releases[3]``, ``records[0]``, ``[5]`` (an array), or empty
    for a file that holds one release or record."""

    def __str__(self) -> str:
        return f"{self.file}: {self.location}" if self.location else self.file


@attrs.define
class ReadStats:
    """Counts of what a read found: files, formats, processes, skips and defects by kind."""

    files: int = 0
    """Files opened."""
    processes: int = 0
    """Processes read (yielded)."""
    skipped: int = 0
    """Releases, records or lines that gave no process (each also counted as a defect)."""
    formats: Counter[str] = attrs.field(factory=Counter)
    """How many files or lines of each format were seen (``release package``, ``record``...)."""
    defects: Counter[str] = attrs.field(factory=Counter)
    """How many of each defect kind (keys of :data:`DEFECTS`)."""
    examples: dict[str, str] = attrs.field(factory=dict)
    """For each defect kind, where it was first seen and what it was."""

    def add(self, kind: str, origin: Origin, detail: str = "", *, skipped: bool = False) -> None:
        """Count one defect of ``kind`` at ``origin``; ``skipped`` when it cost a process."""
        self.defects[kind] += 1
        if skipped:
            self.skipped += 1
        if kind not in self.examples:
            self.examples[kind] = f"{origin}: {detail}" if detail else str(origin)

    def summary(self) -> list[str]:
        """One line per defect kind, most frequent first, each with its first example."""
        return defect_lines(self.defects, self.examples)


_DATE_KEYS = frozenset({"date", "dateSigned", "startDate", "endDate", "datePublished"})


def check_dates(release: dict[str, Any], origin: Origin, stats: ReadStats) -> None:
    """Count an empty and a placeholder date in ``release`` (once per process each)."""
    found: dict[str, str] = {}
    _scan_dates(release, "", found)
    for kind, where in found.items():
        stats.add(kind, origin, where)


def count_dates(release: dict[str, Any], origin: Origin, stats: ReadStats) -> None:
    """Count as :func:`check_dates` does, faster: the kinds a release holds are read from its
    compact JSON (:func:`date_kinds`), and the walk that finds where runs only when a kind has
    no first example yet, or without ``orjson``."""
    kinds = date_kinds(release)
    if kinds is None or any(kind not in stats.examples for kind in kinds):
        check_dates(release, origin, stats)
        return
    for kind in kinds:  # each kind already has its example: where does not matter
        stats.add(kind, origin)


def date_kinds(release: dict[str, Any]) -> set[str] | None:
    """The date defects ``release`` holds (what :func:`check_dates` would count), or None when
    it cannot be written compactly (:func:`riskkit.feeds._parse.canonical_json`).

    In compact JSON written by ``orjson`` a key follows ``{`` or ``,`` directly, and inside a
    string every ``"`` is escaped, so ``,"date":"`` is exactly a date key with a string value,
    at any depth (:data:`_SUSPECT_PAIR` looks for its ``ate":"`` and checks what precedes
    it). A value that plainly passes (as in :func:`dates_clean`: ``orjson`` escapes no letter
    or digit) is skipped; any other is read back and judged as the walk judges it."""
    text = canonical_json(release)
    if text is None:
        return None
    kinds: set[str] = set()
    for match in _SUSPECT_PAIR.finditer(text):
        raw = match[1]
        value = json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode("utf-8")
        if value == "":
            kinds.add("empty_date")
        elif not _plausible_year(value):
            kinds.add("placeholder_date")
    return kinds


_PLAUSIBLE_HEAD = rb"(?:19(?:0[1-9]|[1-9][0-9])|20[0-9][0-9]|[0-9]{0,3}[^0-9\"\\\x80-\xff])"
_SUSPECT_DATE = re.compile(
    rb'ate(?:Signed|Published)?"[ \t\r\n]*:[ \t\r\n]*"(?!' + _PLAUSIBLE_HEAD + rb")"
)
_ESCAPED_ASCII = re.compile(rb"\\u00[2-7][0-9a-fA-F]")
_SUSPECT_PAIR = re.compile(
    rb'ate(?:(?<=[{,]"date)|(?<=[{,]"startDate)|(?<=[{,]"endDate)'
    rb'|Signed(?<=[{,]"dateSigned)|Published(?<=[{,]"datePublished))":"(?!'
    + _PLAUSIBLE_HEAD
    + rb')((?:[^"\\]|\\.)*)"'
)
"""A date key with a string value that does not plainly pass, in compact JSON: the key's
``ate`` first, so that ``re`` scans for a literal (eight times faster than from ``[{,]``), then
what comes before it checked behind (``,"startD``...): the same matches as
``[{,]"(?:date|dateSigned|startDate|endDate|datePublished)":"`` followed by the value."""


def dates_clean(text: bytes) -> bool:
    """True when the JSON ``text`` (a line of a feed, as read) cannot give an ``empty_date`` or
    a ``placeholder_date`` to :func:`check_dates` for any release inside it: the date scan can
    then be skipped. False means "perhaps": the scan decides, so the counts and the first
    examples are the scan's own.

    Why True is exact. Without a ``\\u`` escape of a printable ASCII character, every key
    and the first characters of every string value in the parsed value are in the text as
    written (no other escape gives a letter or a digit). A date key (``date``, ``dateSigned``,
    ``startDate``, ``endDate``, ``datePublished``) with a string value is therefore in the text
    as ``ate"``, ``ateSigned"`` or ``atePublished"`` closing a string, then ``:`` (so that
    string is a key), then a value starting with ``"``; :data:`_SUSPECT_DATE` finds each one
    whose value does not plainly pass ``check_dates``: it passes only when its first four bytes
    are an ASCII year from 1901 to 2099, or when its first byte that is not an ASCII digit, one
    of its first four, is an ASCII byte other than the closing quote and the ``\\`` of an
    escape (the value is then not empty and does not start with four digits). Any other value
    (empty, an escape, a byte of a non-ASCII character, which may be a digit in another script)
    is suspect. Matching more than the date keys (``updateDate"``, text inside strings, a key
    repeated with an earlier value) only sends more lines to the scan. Bytes that are not UTF-8
    are read as replacement characters, never as ASCII, so they change none of this. A process
    read from the line (a compiled release, a record's compiled release, each release of a
    package on one line) is a part of the parsed value, so what holds for the line holds for
    it; releases merged from several places are always counted by :func:`count_dates`.
    """
    if _SUSPECT_DATE.search(text) is not None:
        return False
    first_escape = text.find(b"\\")  # memchr: the pattern need not scan what comes before
    return first_escape < 0 or _ESCAPED_ASCII.search(text, first_escape) is None


def _plausible_year(value: str) -> bool:
    """Whether a date's first four characters are no implausible year: a year from 1901 to
    2099, or not a year at all. ``isdecimal``, not ``isdigit``: superscript digits ("²⁰²⁰")
    are digits that ``int`` refuses, and a feed may hold them."""
    head = value[:4]
    return not head.isdecimal() or 1901 <= int(head) <= 2099


def _scan_dates(node: dict[str, Any] | list[Any], path: str, found: dict[str, str]) -> bool:
    """Note in ``found`` the first empty and the first placeholder date under ``node``, depth
    first in document order; True once both are found. A path is built only for a container
    entered or a date found: most of a release is scalars, and this runs on every process."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _DATE_KEYS and isinstance(value, str):
                if value == "":
                    found.setdefault("empty_date", f"{path}.{key}" if path else str(key))
                elif not _plausible_year(value):
                    where = f"{path}.{key}" if path else str(key)
                    found.setdefault("placeholder_date", f"{where} = {value!r}")
                if len(found) == 2:
                    return True
            elif (
                isinstance(value, dict | list)
                and value
                and _scan_dates(value, f"{path}.{key}" if path else str(key), found)
            ):
                return True
    else:
        for index, value in enumerate(node):
            if (
                isinstance(value, dict | list)
                and value
                and _scan_dates(value, f"{path}[{index}]", found)
            ):
                return True
    return False


def check_release(release: dict[str, Any], origin: Origin, stats: ReadStats) -> None:
    """Count the shape defects of one release as published (before any merge)."""
    if "id" not in release:
        stats.add("release_without_id", origin)
    tag = release.get("tag")
    if tag is not None and not isinstance(tag, list):
        stats.add("tag_not_array", origin, f"tag = {tag!r}")


def defect_lines(defects: Mapping[str, int], examples: Mapping[str, str]) -> list[str]:
    """One line per defect kind, most frequent first, each with its first example (every feed
    reader's ``ReadStats.summary``)."""
    return [
        f"{kind}: {count} (first at {examples[kind]})"
        for kind, count in sorted(defects.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
