"""What a list file held, for ``riskkit lists show FILE``: a JSON-ready dict or plain text."""

from __future__ import annotations

from collections import Counter
from typing import Any

from riskkit.screening.model import ListFile


def describe(list_file: ListFile) -> dict[str, Any]:
    """Path, format, files read, counts (entries per list and per entity type) and warnings."""
    return {
        "path": list_file.path,
        "format": list_file.format,
        "files": list(list_file.files),
        "counts": dict(list_file.counts),
        "entity_types": dict(sorted(Counter(e.entity_type for e in list_file.records).items())),
        "warnings": list(list_file.warnings),
    }


def render_text(list_file: ListFile) -> str:
    """The same facts as ``describe``, as lines of text for a terminal."""
    info = describe(list_file)
    counts = info["counts"]
    lines = [f"{info['path']} ({info['format']})"]
    if len(info["files"]) > 1:
        lines.append("  files read: " + ", ".join(info["files"]))
    lines.append(
        f"  {counts.get('entries', 0)} entries from {counts.get('rows', 0)} records"
        f" ({counts.get('skipped', 0)} skipped)"
    )
    for key in ("aliases", "weak_aliases", "identifiers"):
        if key in counts:
            lines.append(f"  {key.replace('_', ' ')}: {counts[key]}")
    per_list = {k[5:]: v for k, v in counts.items() if k.startswith("list:")}
    if per_list:
        lines.append("  lists: " + ", ".join(f"{k} {v}" for k, v in per_list.items()))
    lines.append(
        "  entity types: " + ", ".join(f"{k} {v}" for k, v in info["entity_types"].items())
    )
    warnings = info["warnings"]
    lines.append(f"  warnings: {counts.get('warnings', len(warnings))}")
    lines.extend(f"    {w}" for w in warnings)
    return "\n".join(lines) + "\n"
