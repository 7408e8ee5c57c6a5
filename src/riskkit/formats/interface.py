"""The one interface every output format implements, and nothing else.

A format turns a report, several reports, a comparison or a diff into text; it never opens a
file (the caller decides where the text goes). Where a format can point into the procurement
files (SARIF locations) or name them (HTML), the caller passes their :class:`Source`; the others
ignore it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from riskkit.decisions.compare import Comparison
from riskkit.decisions.diff import ReportDiff
from riskkit.formats._source import Source
from riskkit.report import Report


class Format(Protocol):
    """An output format: its name on the command line, its file extension, four renderers."""

    @property
    def name(self) -> str:
        """What ``--format`` calls it: ``markdown``."""

    @property
    def extension(self) -> str:
        """The file extension of its documents, with the dot: ``.md``."""

    def render_report(self, report: Report, source: Source | None = None) -> str:
        """One report; ``source`` is the procurement file it came from, when known."""

    def render_reports(
        self, reports: Sequence[Report], sources: Sequence[Source | None] = ()
    ) -> str:
        """One document holding every report, in order; ``sources[i]`` is where ``reports[i]``
        came from (missing or None when unknown). One report renders as ``render_report``."""

    def render_comparison(
        self, comparison: Comparison, sources: Mapping[str, Source] | None = None
    ) -> str:
        """A comparison; ``sources`` maps a candidate's label to its procurement file."""

    def render_diff(self, diff: ReportDiff, source: Source | None = None) -> str:
        """A diff; ``source`` is the newer report's procurement file, when known."""
