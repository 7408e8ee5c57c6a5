"""Official list files for an assessment: read once, screened against by listed-entity rules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import attrs

from riskkit.errors import InvalidInput
from riskkit.report import ListRef
from riskkit.screening import Screener, read_lists
from riskkit.screening.list_dates import list_date

MAX_LIST_AGE_DAYS = 30
"""Default for how old (in days, on the as-of date) a list may be before a report warns."""


@attrs.frozen
class ListSet:
    """A screener over the entries of the list files given, and what they were."""

    screener: Screener
    refs: tuple[ListRef, ...]
    max_age_days: int = MAX_LIST_AGE_DAYS
    """A list dated more than this many days before the as-of date is flagged as stale."""

    @classmethod
    def load(cls, paths: Iterable[str | Path], *, max_age_days: int = MAX_LIST_AGE_DAYS) -> ListSet:
        """Read list files (any supported format); raise InvalidInput naming each bad file.

        Each list's date is taken from the record ``riskkit lists fetch`` keeps next to the
        file, else from a date inside the file, else from its modification time (said so in
        ``ListRef.date_source``)."""
        if max_age_days < 0:
            raise InvalidInput.one(
                "max_age_days", "", f"must be 0 or more days, not {max_age_days}"
            )
        files = read_lists([Path(p) for p in paths])
        refs = []
        for list_file in files:
            digest = hashlib.sha256()
            for name in sorted(list_file.files):
                digest.update(Path(name).read_bytes())
            dated = list_date(list_file.path)
            refs.append(
                ListRef(
                    name=Path(list_file.path).name,
                    format=str(list_file.format),
                    entries=len(list_file.records),
                    digest="sha256:" + digest.hexdigest(),
                    list_date=dated.value,
                    date_source=dated.source,
                )
            )
        return cls(Screener.from_list_files(files), tuple(refs), max_age_days)

    def refs_on(self, as_of: date) -> tuple[ListRef, ...]:
        """The list references with each list's age on ``as_of`` and whether it is stale."""
        out = []
        for ref in self.refs:
            if ref.list_date is None:
                out.append(ref)
                continue
            age = (as_of - ref.list_date).days
            out.append(ref.model_copy(update={"age_days": age, "stale": age > self.max_age_days}))
        return tuple(out)
