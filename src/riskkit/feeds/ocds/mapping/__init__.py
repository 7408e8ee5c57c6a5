"""Mapping OCDS processes onto riskkit's procurement model, every fact OCDS does not give
left unknown.

``map_process(process)`` reads one process (``read_ocds``) into a procurement document and,
when the document is complete enough, a validated :class:`~riskkit.model.Procurement`; each
fact the release leaves out is a :class:`Gap` (buyer kind, term, a component's maker...), and
every correction and derivation is a warning. The steps, one module each: ``prepare``
(per-publisher corrections, logged), ``parties`` (buyer, suppliers, org-id identifiers,
countries from ``tables``), ``components`` (items found by ``find_items``), ``sites``,
``terms`` (term, value, dates), ``gaps``; ``document`` and ``toml`` write the result for
``riskkit import ocds``. See docs/feeds.md, "Mapping onto the procurement model".
"""

from __future__ import annotations

from riskkit.feeds.ocds.mapping.document import render
from riskkit.feeds.ocds.mapping.prepare import Prepared, prepare
from riskkit.feeds.ocds.mapping.process import map_process, procurement_id
from riskkit.feeds.ocds.mapping.shapes import Gap, Mapped, ProcessSummary
from riskkit.feeds.ocds.mapping.tables import country_code, orgid_scheme

__all__ = [
    "Gap",
    "Mapped",
    "Prepared",
    "ProcessSummary",
    "country_code",
    "map_process",
    "orgid_scheme",
    "prepare",
    "procurement_id",
    "render",
]
