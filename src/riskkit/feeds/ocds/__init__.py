"""Reading OCDS feeds: contracting processes as compiled releases, with their defects counted.

``read_ocds(paths, stats=ReadStats())`` streams every process of a feed (JSON Lines of compiled
releases, record packages, release packages, single releases or records, JSON arrays; files or
folders), merging releases by ``ocid`` with ``ocdsmerge`` against the bundled OCDS 1.1.5 release
schema and checking each process against it with ``jsonschema``. Needs the ``feeds`` extra
(``pip install riskkit[feeds]``). ``map_process(process)`` maps one onto the procurement model
(:mod:`riskkit.feeds.ocds.mapping`), every fact OCDS does not give left unknown.
"""

from __future__ import annotations

from riskkit.feeds.ocds.defects import DEFECTS, Origin, ReadStats

# Last: the mapping reads processes (``read``) and items (``items``) of this package.
from riskkit.feeds.ocds.mapping import Gap, Mapped, ProcessSummary, map_process
from riskkit.feeds.ocds.read import Process, read_ocds
from riskkit.feeds.ocds.schema import RELEASE_SCHEMA, FeedsExtraMissing
from riskkit.feeds.ocds.sources import detect
from riskkit.feeds.ocds.validate import MAX_PROBLEMS, SchemaProblem

__all__ = [
    "DEFECTS",
    "MAX_PROBLEMS",
    "RELEASE_SCHEMA",
    "FeedsExtraMissing",
    "Gap",
    "Mapped",
    "Origin",
    "Process",
    "ProcessSummary",
    "ReadStats",
    "SchemaProblem",
    "detect",
    "map_process",
    "read_ocds",
]
