"""The releases and records of a feed, one at a time, each with where it came from.

A feed is files or folders of files. JSON Lines (``.jsonl``, ``.jsonl.gz``: the form data
registries publish, one compiled release a line) is read line by line, so a feed of any size
needs the memory of one line. Any other file (``.json``, ``.json.gz``) is one JSON document,
read whole and parsed at once: it is capped by the ``input_bytes`` limit (:mod:`riskkit.limits`)
before it is read, and a larger package is refused naming the limit and how to raise it.

What a document holds is detected here, not taken from its name: a release package
(``releases``), a record package (``records``), a record (``compiledRelease``,
``versionedRelease``, or ``releases`` beside an ``ocid``), a JSON array of releases or records,
or a single release. Real folders break the heuristics of other tools (docs/feeds.md), so the
rules are few and look at the keys that decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal

from riskkit.errors import InvalidInput
from riskkit.feeds._json import document, lines_with_text, open_file
from riskkit.feeds.ocds.defects import Origin, ReadStats, dates_clean

Form = Literal["release", "record"]
"""What one unit of a feed is: a release (to merge, or already compiled) or a record."""

SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz")
"""The file names a folder is searched for."""

Unit = tuple[Origin, Form, dict[str, Any]]
"""One release or record of a feed, with where it was read."""

CheckedUnit = tuple[Origin, Form, dict[str, Any], bool]
"""A unit, and whether the text it was read from shows that it has no date to count
(:func:`riskkit.feeds.ocds.defects.dates_clean`)."""


def feed_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Each path, and the feed files under each folder (sorted, so every run reads alike)."""
    for path in map(Path, paths):
        if not path.exists():
            raise InvalidInput.one(str(path), "", "no such file or folder")
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
            yield from sorted(found)
        else:
            yield path


def read_units(paths: Iterable[str | Path], stats: ReadStats) -> Iterator[Unit]:
    """Every release and record in the feed at ``paths``, in file order."""
    for origin, form, unit, _ in checked_units(paths, stats):
        yield origin, form, unit


def checked_units(paths: Iterable[str | Path], stats: ReadStats) -> Iterator[CheckedUnit]:
    """As :func:`read_units`, each unit with whether its text shows it has no date to count."""
    for path in feed_files(paths):
        stats.files += 1
        if path.name.endswith((".jsonl", ".jsonl.gz")):
            yield from _json_lines(path, stats)
        else:
            yield from _json_document(path, stats)


def _json_lines(path: Path, stats: ReadStats) -> Iterator[CheckedUnit]:
    with open_file(path) as stream:
        yield from line_units(path, stream, stats)


def line_units(
    path: Path, stream: IO[bytes], stats: ReadStats, *, number: int = 1
) -> Iterator[CheckedUnit]:
    """The units of the JSON Lines in ``stream`` (part of ``path``, starting at line
    ``number``), each with whether its line's text shows it has no date to count."""
    for origin, data, text in lines_with_text(path, stream, stats, number=number):
        clean = dates_clean(text)
        if detect(data) == "release":  # every line of a bulk feed: no unpacking to do
            stats.formats["release"] += 1
            yield origin, "release", data, clean
            continue
        for unit_origin, form, unit in unpack(data, origin, stats):
            yield unit_origin, form, unit, clean


def _json_document(path: Path, stats: ReadStats) -> Iterator[CheckedUnit]:
    with open_file(path) as stream:
        found = document(path, stream, stats)
    if found is not None:
        origin, data = found
        for unit_origin, form, unit in unpack(data, origin, stats):
            yield unit_origin, form, unit, False


def _at(origin: Origin, where: str) -> Origin:
    location = f"{origin.location} {where}" if origin.location else where
    return Origin(origin.file, location)


def detect(data: Any) -> str:
    """The format of one parsed JSON document or line (counted in ``ReadStats.formats``)."""
    if isinstance(data, list):
        return "array"
    if not isinstance(data, dict):
        return "not an object"
    if "records" in data:
        return "record package"
    if "compiledRelease" in data or "versionedRelease" in data:
        return "record"
    if "releases" in data:
        return "record" if "ocid" in data else "release package"
    return "release"


def unpack(data: Any, origin: Origin, stats: ReadStats) -> Iterator[Unit]:
    """The releases and records inside one parsed document or line, each with its origin."""
    form = detect(data)
    stats.formats[form] += 1
    if form == "not an object":
        stats.add("not_an_object", origin, type(data).__name__, skipped=True)
    elif form == "array":
        for index, item in enumerate(data):
            yield from _unit(item, _at(origin, f"[{index}]"), stats)
    elif form in ("record package", "release package"):
        key = "records" if form == "record package" else "releases"
        items = data[key]
        if not isinstance(items, list):
            stats.add("not_an_object", _at(origin, key), "not an array", skipped=True)
            return
        for index, item in enumerate(items):
            yield from _unit(item, _at(origin, f"{key}[{index}]"), stats)
    else:
        yield origin, "record" if form == "record" else "release", data


def _unit(item: Any, origin: Origin, stats: ReadStats) -> Iterator[Unit]:
    if not isinstance(item, dict):
        stats.add("not_an_object", origin, type(item).__name__, skipped=True)
    elif detect(item) == "record":
        yield origin, "record", item
    else:
        yield origin, "release", item
