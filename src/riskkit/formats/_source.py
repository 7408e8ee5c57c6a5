"""Where a report's procurement came from, and where a subject path sits in that file's text.

Renderers never open files: the caller reads the procurement file and hands its name and text
in a :class:`Source`. Locating is best effort and line based; a path it cannot place gives
``None`` and the renderer falls back to the file alone.
"""

from __future__ import annotations

import bisect
import functools
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
    """The line that best matches ``path`` in the source text, or None when it cannot be found.

    The text is indexed once (its lines, its tables, the lines of each id and key), so that
    locating every subject and evidence path of a large report costs time linear in the text
    and the paths, not their product."""
    if source.text is None:
        return None
    segments = parse_path(path)
    if not segments or segments[0][0] not in _TOP_LEVEL:
        return None  # not a path into the procurement (curated entity data, say)
    index = _index(source.text, source.uri.lower().endswith(".json"))
    lines = index.lines
    found = _locate_json(index, segments) if index.json else _locate_toml(index, segments)
    if found is None:
        return None
    line = lines[found]
    start = len(line) - len(line.lstrip()) + 1
    return Region(line=found + 1, start_column=start, end_column=len(line.rstrip()) + 1)


_TOML_ID = re.compile(r"^\s*id\s*=\s*[\"']([^\"']*)[\"']")
_JSON_ID = re.compile(r"\"id\"\s*:\s*\"([^\"\\]*)\"")


class _Index:
    """A source text's lines, with what locating looks up in them found once."""

    def __init__(self, text: str, json: bool) -> None:
        self.lines = text.splitlines()
        self.json = json
        self._keys: dict[str, list[int]] = {}
        self.ids: dict[str, list[int]] = {}
        """The lines of each ``id = "x"`` (TOML) or ``"id": "x"`` (JSON), in order."""
        pattern = _JSON_ID if json else _TOML_ID
        for i, line in enumerate(self.lines):
            if json:
                for value in pattern.findall(line):
                    self.ids.setdefault(value, []).append(i)
            elif (match := pattern.match(line)) is not None:
                self.ids.setdefault(match.group(1), []).append(i)
        self.blocks: dict[str, list[tuple[int, int]]] = {}
        """Line spans (header line, end exclusive) of every ``[table]`` or ``[[table]]``."""
        if not json:
            start: int | None = None
            name = ""
            for i, line in enumerate(self.lines):
                header = _HEADER.match(line)
                if header is None:
                    continue
                if start is not None:
                    self.blocks.setdefault(name, []).append((start, i))
                start, name = i, header.group(1).replace('"', "").replace("'", "")
            if start is not None:
                self.blocks.setdefault(name, []).append((start, len(self.lines)))

    def key_lines(self, key: str) -> list[int]:
        """The lines naming ``key`` (``"key":`` in JSON, ``key =`` in TOML), in order; each
        key's lines are found once."""
        found = self._keys.get(key)
        if found is None:
            if self.json:
                pattern = re.compile(rf"\"{re.escape(key)}\"\s*:")
                found = [i for i, line in enumerate(self.lines) if pattern.search(line)]
            else:
                pattern = _key_line(key)
                found = [i for i, line in enumerate(self.lines) if pattern.match(line)]
            self._keys[key] = found
        return found


@functools.lru_cache(maxsize=2)
def _index(text: str, json: bool) -> _Index:
    return _Index(text, json)


def _first_at_or_after(lines: list[int], start: int, end: int | None = None) -> int | None:
    at = bisect.bisect_left(lines, start)
    if at < len(lines) and (end is None or lines[at] < end):
        return lines[at]
    return None


def _key_line(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")


def _find(lines: list[str], span: tuple[int, int], pattern: re.Pattern[str]) -> int | None:
    for i in range(*span):
        if pattern.match(lines[i]):
            return i
    return None


def _locate_toml(index: _Index, segments: list[Segment]) -> int | None:
    (name, item), rest = segments[0], segments[1:]
    lines = index.lines
    blocks = index.blocks.get(name, [])
    span: tuple[int, int] | None = None
    found: int | None = None
    if blocks and item is None:
        span = blocks[0]
        found = span[0]
    elif blocks and item is not None:
        # The first block of the table that holds the item's id line.
        starts = [b[0] for b in blocks]
        for line in index.ids.get(item, ()):
            at = bisect.bisect_right(starts, line) - 1
            if at >= 0 and line < blocks[at][1]:
                span, found = blocks[at], line
                break
    if span is None:
        # An inline array or table, or a top-level key: the first line that names it.
        found = None
        if item is not None:
            ids = index.ids.get(item)
            found = ids[0] if ids else None
        if found is None:
            keys = index.key_lines(name)
            found = keys[0] if keys else None
        return found
    for key, _ in rest:
        hit = _find(lines, (span[0] + 1, span[1]), _key_line(key))
        if hit is None:
            break
        found = hit
        span = (hit, hit + 1)
    return found


def _locate_json(index: _Index, segments: list[Segment]) -> int | None:
    text_from = 0
    found: int | None = None
    for key, item in segments:
        hit = _first_at_or_after(index.key_lines(key), text_from)
        if hit is None:
            break
        found = text_from = hit
        if item is not None and not item.isdigit():
            hit = _first_at_or_after(index.ids.get(item, []), text_from)
            if hit is None:
                break
            found = text_from = hit
    return found
