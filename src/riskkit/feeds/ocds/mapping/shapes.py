"""What mapping a process gives: the procurement document, its gaps, and a summary row."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from riskkit.model import Procurement


@attrs.frozen
class Gap:
    """One fact OCDS did not give."""

    path: str
    """The procurement path it belongs at: ``buyer.kind``, ``term``,
    ``components[item-1].manufacturer``."""
    why: str
    """One sentence: what is missing and what it would decide."""


@attrs.frozen
class ProcessSummary:
    """What a batch row needs about the process itself."""

    ocid: str
    buyer: str | None
    country: str | None
    """ISO 3166-1 alpha-2 of the buyer, if known."""
    suppliers: tuple[str, ...]
    """Supplier names, in order of appearance."""
    amount: float | None
    """The process value: the sum of contract values, else of awards, else the tender's."""
    currency: str | None
    start: date | None
    end: date | None
    published: date | None
    """The compiled release's date."""


@attrs.frozen
class Mapped:
    """A process mapped onto the procurement model."""

    summary: ProcessSummary
    document: dict[str, Any]
    """The procurement as a TOML-shaped dict: exactly what ``riskkit import ocds`` writes."""
    procurement: Procurement | None
    """The procurement, or None when the document does not validate (the reason is in
    ``warnings``)."""
    gaps: tuple[Gap, ...]
    warnings: tuple[str, ...]
    """Import warnings, every prepare correction included (``prepare: ...``)."""
    origin: str
    """Where the process was first read: ``file: line N`` (``Process.origins[0]``)."""
