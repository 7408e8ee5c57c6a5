"""Output formats: each turns reports, comparisons and diffs into text, and opens no file.

``FORMATS`` is the one registry, by the name ``--format`` takes; every entry is a
:class:`~riskkit.formats.interface.Format`. Where a format points into the procurement files
(SARIF) or names them (HTML), the caller passes their :class:`Source`.
"""

from __future__ import annotations

from collections.abc import Mapping

from riskkit.formats import csv, html, json, markdown, sarif
from riskkit.formats._source import Source
from riskkit.formats.interface import Format

__all__ = ["FORMATS", "Format", "Source"]

FORMATS: Mapping[str, Format] = {
    f.name: f for f in (csv.FORMAT, html.FORMAT, json.FORMAT, markdown.FORMAT, sarif.FORMAT)
}
"""Every format by name, in the order ``--format`` lists them."""
