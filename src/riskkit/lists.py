"""Official list files for an assessment: read once, screened against by listed-entity rules."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import attrs

from riskkit.report import ListRef
from riskkit.screening import Screener, read_lists


@attrs.frozen
class ListSet:
    """A screener over the entries of the list files given, and what they were."""

    screener: Screener
    refs: tuple[ListRef, ...]

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> ListSet:
        """Read list files (any supported format); raise InvalidInput naming each bad file."""
        files = read_lists([Path(p) for p in paths])
        refs = []
        for list_file in files:
            digest = hashlib.sha256()
            for name in sorted(list_file.files):
                digest.update(Path(name).read_bytes())
            refs.append(
                ListRef(
                    name=Path(list_file.path).name,
                    format=str(list_file.format),
                    entries=len(list_file.records),
                    digest="sha256:" + digest.hexdigest(),
                )
            )
        return cls(Screener.from_list_files(files), tuple(refs))
