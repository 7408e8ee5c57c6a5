"""Where a report's procurement came from, and where a subject path sits in that file's text.

Renderers never open files: the caller reads the procurement file and hands its name and text
in a :class:`Source`. Locating is best effort and line based; a path it cannot place gives
``None`` and the renderer falls back to the file alone.
"""

from __future__ import annotations

import re

import attrs

from riskkit.model import Procurement

_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?")
_TOP_LEVEL = frozenset(
    name for key, field in Procurement.model_fields.items() for name in (key, field.alias) if name
)
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(?:#.*)?$")


@attrs.frozen
class Source:
    """The procurement file a report was computed from."""

    uri: str
    """The file name as the user gave it (a relative path stays relative), with ``/``."""
    text: str | None = None
    """The file's text, used to find the line of each subject; None to point at the file only."""


@attrs.frozen
class Region:
    """A line in the source file (1-based), with the columns of its non-blank text."""

    line: int
    start_column: int
    end_column: int


Segment = tuple[str, str | None]


def parse_path(path: str) -> list[Segment]:
    """``components[cam].remote_access[0]`` -> ``[("components", "cam"), ("remote_access", "0")]``.

    A path that is not of that shape gives ``[]``.
    """
    out: list[Segment] = []
    for part in path.split("."):
        match = _SEGMENT.fullmatch(part)
        if match is None:
            return []
        out.append((match.group(1), match.group(2)))
    return out


def locate(source: Source, path: str) -> Region | None:
    """The line that best matches ``path`` in the source text, or None when it cannot be found."""
    if source.text is None:
        return None
    segments = parse_path(path)
    if not segments or segments[0][0] not in _TOP_LEVEL:
        return None  # not a path into the procurement (curated entity data, say)
    lines = source.text.splitlines()
    if source.uri.lower().endswith(".json"):
        index = _locate_json(lines, segments)
    else:
        index = _locate_toml(lines, segments)
    if index is None:
        return None
    line = lines[index]
    start = len(line) - len(line.lstrip()) + 1
    return Region(line=index + 1, start_column=start, end_column=len(line.rstrip()) + 1)


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")


def _id_line(value: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(value)}[\"']")


def _blocks(lines: list[str], table: str) -> list[tuple[int, int]]:
    """Line spans (header line, end exclusive) of every ``[table]`` or ``[[table]]``."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        match = _HEADER.match(line)
        if match is None:
            continue
        if start is not None:
            spans.append((start, i))
            start = None
        if match.group(1).replace('"', "").replace("'", "") == table:
            start = i
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _find(lines: list[str], span: tuple[int, int], pattern: re.Pattern[str]) -> int | None:
    for i in range(*span):
        if pattern.match(lines[i]):
            return i
    return None


def _locate_toml(lines: list[str], segments: list[Segment]) -> int | None:
    (name, item), rest = segments[0], segments[1:]
    span: tuple[int, int] | None = None
    found: int | None = None
    for block in _blocks(lines, name):
        if item is None:
            span, found = block, block[0]
            break
        hit = _find(lines, block, _id_line(item))
        if hit is not None:
            span, found = block, hit
            break
    if span is None:
        # An inline array or table, or a top-level key: the first line that names it.
        top = (0, len(lines))
        found = _find(lines, top, _id_line(item)) if item is not None else None
        if found is None:
            found = _find(lines, top, _key_line(name))
        return found
    for key, _ in rest:
        hit = _find(lines, (span[0] + 1, span[1]), _key_line(key))
        if hit is None:
            break
        found = hit
        span = (hit, hit + 1)
    return found


def _locate_json(lines: list[str], segments: list[Segment]) -> int | None:
    text_from = 0
    found: int | None = None
    for key, item in segments:
        hit = _scan(lines, text_from, re.compile(rf"\"{re.escape(key)}\"\s*:"))
        if hit is None:
            break
        found = text_from = hit
        if item is not None and not item.isdigit():
            hit = _scan(lines, text_from, re.compile(rf"\"id\"\s*:\s*\"{re.escape(item)}\""))
            if hit is None:
                break
            found = text_from = hit
    return found


def _scan(lines: list[str], start: int, pattern: re.Pattern[str]) -> int | None:
    for i in range(start, len(lines)):
        if pattern.search(lines[i]):
            return i
    return None
