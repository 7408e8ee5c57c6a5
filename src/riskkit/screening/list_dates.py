"""When a list file was published: from its fetch record, a date inside it, or its mtime.

``riskkit lists fetch`` writes a ``fetched.json`` next to the files it keeps (see
``riskkit.screening.fetch``); a file that is still the one fetched takes the list date recorded
there. Otherwise the date is one the file gives for itself (the UN's ``dateGenerated``), else
the file's modification time.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import attrs

MANIFEST = "fetched.json"
"""The fetch record kept in each list's folder."""


def load_manifest(folder: Path) -> dict[str, object]:
    """The ``fetched.json`` in ``folder``; empty when there is none or it is unreadable."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


_UN_DATE = re.compile(rb'dateGenerated="(\d{4}-\d{2}-\d{2})')


def date_inside(path: Path) -> date | None:
    """The date a file gives for itself, where the format has one (UN: ``dateGenerated``)."""
    if path.suffix.lower() != ".xml":
        return None
    with path.open("rb") as handle:
        head = handle.read(4096)
    found = _UN_DATE.search(head)
    return date.fromisoformat(found.group(1).decode()) if found else None


@attrs.frozen
class ListDate:
    """When a list file says it was published, and how that was found."""

    value: date
    source: str
    """``fetched``: the ``fetched.json`` that ``riskkit lists fetch`` wrote next to the file
    (whose SHA-256 still matches); ``file``: a date inside the file (the UN's
    ``dateGenerated``); ``modified``: the file's modification time (no better date known)."""


def list_date(path: Path | str) -> ListDate:
    """The date of the list file at ``path``: from the fetch record next to it when the file is
    the one fetched, else a date inside the file, else its modification time (UTC day)."""
    path = Path(path)
    manifest = load_manifest(path.parent)
    files = manifest.get("files")
    record = files.get(path.name) if isinstance(files, dict) else None
    raw = manifest.get("list_date")
    if isinstance(record, dict) and isinstance(raw, str):
        try:
            fetched = date.fromisoformat(raw)
            same = record.get("sha256") == hashlib.sha256(path.read_bytes()).hexdigest()
        except (ValueError, OSError):
            same = False
        if same:
            return ListDate(fetched, "fetched")
    try:
        inside = date_inside(path)
    except (OSError, ValueError):
        inside = None
    if inside is not None:
        return ListDate(inside, "file")
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    return ListDate(modified, "modified")
