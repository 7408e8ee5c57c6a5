"""What went wrong while reading a feed, counted rather than raised.

Real OCDS feeds are full of defects (malformed lines, releases without an ``ocid``, placeholder
dates, duplicate ids); one of them must never stop the reading of a million processes. Each
defect is counted by kind in :class:`ReadStats`, with the first place it was seen, so a reader
can say "42 releases without ocid, first at feed.jsonl line 17" and carry on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

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


def _plausible_year(value: str) -> bool:
    head = value[:4]
    return not head.isdigit() or 1901 <= int(head) <= 2099


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
