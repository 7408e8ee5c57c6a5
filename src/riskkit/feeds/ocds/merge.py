"""Releases of one contracting process merged into its compiled release, with ``ocdsmerge``.

``ocdsmerge`` is the Open Contracting Partnership's reference implementation of the OCDS merge
routine. It is given the bundled 1.1.5 release schema (its merge rules: which arrays merge by
``id``, which fields are dropped); with no schema it would download one. Its warnings (an ``id``
repeated in one array) and its errors (a release with no ``date``), and two releases of one
process with the same date (their order is then unknown: ocdsmerge 0.8 does not warn of it), are
defects of the feed: they are counted in :class:`ReadStats`, never raised.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

from riskkit.feeds.ocds.defects import Origin, ReadStats
from riskkit.feeds.ocds.schema import RELEASE_SCHEMA, require

_WARNING_KINDS = {"DuplicateIdValueWarning": "duplicate_id"}


@functools.cache
def _merger() -> Any:
    ocdsmerge = require("ocdsmerge")
    return ocdsmerge.Merger(schema=str(RELEASE_SCHEMA))


def compile_releases(
    releases: list[dict[str, Any]], origin: Origin, stats: ReadStats
) -> dict[str, Any] | None:
    """The compiled release of ``releases`` (all of one ``ocid``), or None when they cannot be
    merged (counted as ``merge_failed`` at ``origin``, the first release's place)."""
    merger = _merger()
    dates = [r.get("date") for r in releases]
    if len(set(map(str, dates))) < len(dates):
        stats.add("repeated_date", origin, "releases of one process share a date")
    errors: tuple[type[Exception], ...] = (
        require("ocdsmerge.exceptions").OCDSMergeError, TypeError, ValueError, KeyError,
        AttributeError,
    )  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compiled: dict[str, Any] = merger.create_compiled_release(releases)
        except errors as exc:
            stats.add("merge_failed", origin, f"{type(exc).__name__}: {exc}", skipped=True)
            return None
    for warning in caught:
        kind = _WARNING_KINDS.get(warning.category.__name__)
        if kind is not None:
            stats.add(kind, origin, str(warning.message))
    return compiled
