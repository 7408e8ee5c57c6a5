"""What a run comes to: counts by status and verdict, the top processes, and what changed.

A :class:`Digest` is computed from any slice of the rows and digests add up
(:func:`combine`), so the Dask engine digests each partition where it lies and brings only the
digests to the client, while the local engine digests its rows at once: both give the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs

from riskkit.feeds.batch.row import ASSESSED, Row
from riskkit.report import VERDICT_ORDER

FLAGGED_FROM = VERDICT_ORDER["elevated_risk"]
"""A process is flagged at this verdict or worse (as ``--fail-on``'s default)."""

NO_RULE_IN_SCOPE = "no rule in scope"
NOTHING_FOUND = "no item found"
"""Assessed processes in which the mapping found no surveillance or telecom item: riskkit's
rules decide on what is bought, so these say ``no_rules_in_scope`` at best, never acceptable."""
NEW_FLAGS, CLEARED = "new flags", "cleared"


@attrs.frozen
class Digest:
    """Counts of the rows, the top ``n`` ranked, and the changes since an earlier run."""

    counts: Counter[str]
    """``rows``, ``status:<status>``, ``verdict:<verdict>``, ``no rule in scope``, and with an
    earlier run ``new flags`` and ``cleared``."""
    top: list[Row]
    """The worst assessed processes, ranked (:func:`rank_key`), at most ``n``."""
    new_flags: list[Row] = attrs.field(factory=list)
    """Flagged processes that are new or whose verdict got worse, ranked."""
    cleared: list[Row] = attrs.field(factory=list)
    """Processes flagged before that are no longer flagged, ranked by their old verdict."""


def digest(rows: Iterable[Row], n: int, previous: Mapping[str, str | None] | None = None) -> Digest:
    """The digest of ``rows`` (``previous``: an earlier run's verdict by ocid, for changes)."""
    counts: Counter[str] = Counter()
    assessed: list[Row] = []
    new_flags: list[Row] = []
    cleared: list[Row] = []
    for row in rows:
        counts["rows"] += 1
        counts[f"status:{row['status']}"] += 1
        if row["status"] != ASSESSED:
            continue
        assessed.append(row)
        counts[f"verdict:{row['verdict']}"] += 1
        if row["rules_in_scope"] == 0:
            counts[NO_RULE_IN_SCOPE] += 1
        if row["components"] == 0:
            counts[NOTHING_FOUND] += 1
        if previous is not None:
            change = row.get("change")
            if change in ("new", "worse") and flagged(row["verdict"]):
                counts[NEW_FLAGS] += 1
                new_flags.append(row)
            elif flagged(previous.get(str(row["ocid"]))) and not flagged(row["verdict"]):
                counts[CLEARED] += 1
                cleared.append(row)
    return Digest(counts, ranked(assessed, n), ranked(new_flags, n), ranked(cleared, n))


def combine(digests: Sequence[Digest], n: int) -> Digest:
    """One digest of the rows of every digest given, as if digested at once."""
    counts: Counter[str] = Counter()
    for part in digests:
        counts.update(part.counts)
    return Digest(
        counts,
        ranked([r for d in digests for r in d.top], n),
        ranked([r for d in digests for r in d.new_flags], n),
        ranked([r for d in digests for r in d.cleared], n),
    )


def flagged(verdict: object) -> bool:
    """Whether a verdict (or an empty one) is at or above :data:`FLAGGED_FROM`."""
    return isinstance(verdict, str) and VERDICT_ORDER.get(verdict, -1) >= FLAGGED_FROM


def ranked(rows: Iterable[Row], n: int) -> list[Row]:
    """The first ``n`` of ``rows`` by :func:`rank_key`."""
    return sorted(rows, key=rank_key)[:n]


def rank_key(row: Row) -> tuple[int, float, bool, float, str, str]:
    """Worst verdict first, then highest residual score, then largest amount (an unknown
    amount last), then ocid and source, so that ties always fall the same way."""
    residual = row["residual"]
    amount = row["amount"]
    return (
        -VERDICT_ORDER.get(str(row["verdict"]), -1),
        -float(residual) if isinstance(residual, int | float) else 0.0,
        amount is None,
        -float(amount) if isinstance(amount, int | float) else 0.0,
        str(row["ocid"]),
        str(row["source"]),
    )
