"""Reading OCDS feeds: contracting processes as compiled releases, with their defects counted.

``read_ocds(paths, stats=ReadStats())`` streams every process of a feed (JSON Lines of compiled
releases, record packages, release packages, single releases or records, JSON arrays; files or
folders), merging releases by ``ocid`` with ``ocdsmerge`` against the bundled OCDS 1.1.5 release
schema and checking each process against it with ``jsonschema``. Needs the ``feeds`` extra
(``pip install riskkit[feeds]``). Mapping processes onto the procurement model is not built yet.
"""

from __future__ import annotations

from riskkit.feeds.ocds.defects import DEFECTS, Origin, ReadStats
from riskkit.feeds.ocds.read import Process, read_ocds
from riskkit.feeds.ocds.schema import RELEASE_SCHEMA, FeedsExtraMissing
from riskkit.feeds.ocds.sources import detect
from riskkit.feeds.ocds.validate import MAX_PROBLEMS, SchemaProblem

__all__ = [
    "DEFECTS",
    "MAX_PROBLEMS",
    "RELEASE_SCHEMA",
    "FeedsExtraMissing",
    "Origin",
    "Process",
    "ReadStats",
    "SchemaProblem",
    "detect",
    "read_ocds",
]
