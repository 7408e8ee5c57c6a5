"""A feed read as contracting processes: one compiled release per ``ocid``, with its origin.

Three kinds of input give a process:

* a **compiled release** (its ``tag`` includes ``compiled``: every line of a data registry's
  JSON Lines file) is a process as it stands, passed on as soon as it is read;
* a **record** gives its ``compiledRelease``, or, when it has none, its full releases merged;
  a record with only linked releases gives nothing (counted as ``record_without_content``);
* any other **release** waits for the other releases of its ``ocid``, wherever in the feed they
  are, and the releases of each ``ocid`` are merged once the whole feed has been read. Memory
  then grows with the releases of this kind in the feed, which is why bulk feeds, published as
  compiled releases, never wait here.

Every defect is counted in the :class:`ReadStats` given (none is raised); every process is
checked against the release schema unless ``validate=False``, and carries what it found.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from riskkit.feeds.ocds.defects import Origin, ReadStats, check_release, count_dates
from riskkit.feeds.ocds.merge import compile_releases
from riskkit.feeds.ocds.schema import require
from riskkit.feeds.ocds.sources import CheckedUnit, checked_units
from riskkit.feeds.ocds.validate import SchemaProblem, schema_problems

Source = Literal["compiled release", "record", "merged releases"]
"""How a process was obtained: read as published, from a record, or merged here."""


@attrs.frozen(eq=False)
class Process:
    """One contracting process of a feed, as its compiled release."""

    ocid: str
    """The Open Contracting ID, as published (it may hold ``/`` and other characters)."""
    release: dict[str, Any]
    """The compiled release: the process's latest state, as OCDS gives it (not yet mapped)."""
    origins: tuple[Origin, ...]
    """Where it was read: one place, or one per release merged into it, in feed order."""
    source: Source
    """How it was obtained from the feed."""
    problems: tuple[SchemaProblem, ...] = ()
    """The first schema problems of the compiled release (empty when valid or not validated)."""
    more_problems: int = 0
    """Schema problems beyond those kept in ``problems``."""


def read_ocds(
    paths: str | Path | Iterable[str | Path],
    *,
    validate: bool = True,
    stats: ReadStats | None = None,
) -> Iterator[Process]:
    """Every contracting process in the OCDS feed at ``paths`` (files or folders), streamed.

    Pass a :class:`ReadStats` as ``stats`` to learn what was read and every defect counted.
    Raises FeedsExtraMissing without the ``feeds`` extra, and LimitExceeded for a JSON (not
    JSON Lines) file over the ``input_bytes`` limit; nothing else in a feed stops the read.
    """
    _installed("ocdsmerge")  # imported only when releases are merged: bulk feeds never are
    if validate:
        require("jsonschema")
    reading = _Reading(stats if stats is not None else ReadStats(), validate)
    yield from reading.run([paths] if isinstance(paths, str | Path) else paths)


class _Reading:
    """The state of one read: the counts, the ocids seen, and the releases waiting to merge."""

    def __init__(self, stats: ReadStats, validate: bool) -> None:
        self.stats = stats
        self.validate = validate
        self.seen: set[str] = set()
        self.waiting: dict[str, list[tuple[Origin, dict[str, Any]]]] = {}

    def run(self, paths: Iterable[str | Path]) -> Iterator[Process]:
        yield from self.units(checked_units(paths, self.stats))
        waiting, self.waiting = self.waiting, {}
        for ocid, group in waiting.items():
            compiled = compile_releases([r for _, r in group], group[0][0], self.stats)
            if compiled is not None:
                origins = tuple(o for o, _ in group)
                yield self._process(ocid, compiled, origins, "merged releases")

    def units(self, units: Iterable[CheckedUnit]) -> Iterator[Process]:
        """The process each unit gives as it is read: a record's compiled release, a compiled
        release as it is; releases to merge wait in ``waiting`` for the rest of the feed."""
        for origin, form, unit, dates_clean in units:
            if form == "record":
                process = self._record(unit, origin, dates_clean)
            else:
                process = self._release(unit, origin, dates_clean)
            if process is not None:
                yield process

    def _release(
        self, release: dict[str, Any], origin: Origin, dates_clean: bool = False
    ) -> Process | None:
        """The process of a compiled release; any other release waits to be merged.
        ``dates_clean``: its text showed it has no date to count (the scan is skipped)."""
        ocid = release.get("ocid")
        if not isinstance(ocid, str) or not ocid.strip():
            self.stats.add("release_without_ocid", origin, skipped=True)
            return None
        check_release(release, origin, self.stats)
        tag = release.get("tag")
        if tag == "compiled" or (isinstance(tag, list) and "compiled" in tag):
            return self._process(ocid, release, (origin,), "compiled release", dates_clean)
        self.waiting.setdefault(ocid, []).append((origin, release))
        return None

    def _record(
        self, record: dict[str, Any], origin: Origin, dates_clean: bool = False
    ) -> Process | None:
        """The process of a record: its compiled release, or its full releases merged."""
        compiled = record.get("compiledRelease")
        ocid = record.get("ocid")
        if not isinstance(ocid, str) or not ocid.strip():
            self.stats.add("record_without_ocid", origin)
            ocid = compiled.get("ocid") if isinstance(compiled, dict) else None
            if not isinstance(ocid, str) or not ocid.strip():
                self.stats.add("release_without_ocid", origin, skipped=True)
                return None
        if isinstance(compiled, dict):
            check_release(compiled, origin, self.stats)
            return self._process(ocid, compiled, (origin,), "record", dates_clean)
        releases = [r for r in _list(record.get("releases")) if _is_full_release(r)]
        if not releases:
            self.stats.add("record_without_content", origin, skipped=True)
            return None
        for release in releases:
            check_release(release, origin, self.stats)
        merged = compile_releases(releases, origin, self.stats)
        return None if merged is None else self._process(ocid, merged, (origin,), "record")

    def _process(
        self,
        ocid: str,
        release: dict[str, Any],
        origins: tuple[Origin, ...],
        source: Source,
        dates_clean: bool = False,
    ) -> Process:
        stats = self.stats
        if ocid in self.seen:
            stats.add("duplicate_ocid", origins[0], ocid)
        self.seen.add(ocid)
        if not dates_clean:
            count_dates(release, origins[0], stats)
        problems: tuple[SchemaProblem, ...] = ()
        more = 0
        if self.validate:
            problems, more = schema_problems(release)
            if problems:
                stats.add("schema_problems", origins[0], str(problems[0]))
        stats.processes += 1
        return Process(ocid, release, origins, source, problems, more)


def _installed(module: str) -> None:
    """FeedsExtraMissing unless ``module`` is installed, without importing it."""
    if importlib.util.find_spec(module) is None:
        require(module)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_full_release(value: Any) -> bool:
    """A release given in full, not a linked release (``url``, ``date``, ``tag`` only)."""
    return isinstance(value, dict) and "ocid" in value
