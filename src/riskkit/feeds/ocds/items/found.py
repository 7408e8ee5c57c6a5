"""What ``find_items`` gives: the items a release bought, each as one rule read it from one
place, and the curated names found beside them.

Kept apart from the search itself (:mod:`riskkit.feeds.ocds.items.find`), which the optional
compiled build compiles: these records stay plain attrs classes that tests and callers build.
"""

from __future__ import annotations

import attrs

from riskkit.feeds.ocds.items.brands import BrandCandidate
from riskkit.model.vocabulary import Capability, ComponentKind, Confidence


@attrs.frozen
class DerivedItem:
    """An item the release bought, as one rule reads it from one place."""

    kind: ComponentKind | None
    """The component kind, or None when no kind fits (a telecom service)."""
    capabilities: tuple[Capability, ...]
    confidence: Confidence
    rule: str
    """The id of the rule that matched (``item-rules.toml``)."""
    matched: str
    """The exact text that matched, or the code as ``scheme:code``."""
    path: str
    """The OCDS path it was found at, such as ``tender.items[0].description_es``."""
    source: str
    """The whole text the match is in (for a code: its description, if any)."""


@attrs.frozen
class FoundItems:
    """What one release says it bought: derived items, and curated names as candidates."""

    items: tuple[DerivedItem, ...]
    brands: tuple[BrandCandidate, ...] = ()
    traps: tuple[tuple[str, str], ...] = ()
    """(trap id, OCDS path) of every trap that blanked text out."""
