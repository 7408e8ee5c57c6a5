"""A mapped process as the TOML file ``riskkit import ocds`` writes: the procurement with
every gap as an ``# UNKNOWN:`` comment in the table it belongs to, and where each mapped fact
came from as a comment beside it, so a person can complete the file and assess it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from riskkit.feeds.ocds.mapping.shapes import Mapped
from riskkit.feeds.ocds.mapping.toml import _is_table_array, dumps, table_name

_WIDTH = 98


def split_path(path: str) -> tuple[str, str]:
    """A procurement path as (table, field): ``buyer.kind`` -> (``buyer``, ``kind``),
    ``components[item-1].manufacturer`` -> (``components[item-1]``, ``manufacturer``),
    ``term`` -> (``""``, ``term``)."""
    close = path.rfind("]")
    if close >= 0:
        head, _, field = path[close + 1 :].partition(".")
        return (path[: close + 1], field) if not head else ("", path)
    table, dot, field = path.partition(".")
    return (table, field) if dot else ("", path)


def tables_of(document: dict[str, object]) -> set[str]:
    """The names notes may be placed under: ``""``, each table and each array entry."""
    names = {""}
    for name, value in document.items():
        if isinstance(value, dict):
            names.add(name)
        elif _is_table_array(value):
            assert isinstance(value, list)
            names.update(table_name(name, entry, i) for i, entry in enumerate(value))
    return names


def render(mapped: Mapped, header: Sequence[str] = ()) -> str:
    """The TOML text of ``mapped``: ``header`` lines, the warnings that belong to no table,
    then the document with gaps and notes in place."""
    places = tables_of(mapped.document)
    notes: dict[str, list[str]] = {}
    general: list[str] = []

    def place(path: str, line: str) -> bool:
        table, field = split_path(path)
        if table not in places:
            return False
        shown = line.replace("{field}: ", f"{field}: " if field else "")
        wrapped = textwrap.wrap(shown, _WIDTH - 2, subsequent_indent="    ")
        notes.setdefault(table, []).extend(wrapped)
        return True

    for warning in mapped.warnings:
        path, sep, rest = warning.partition(": ")
        if not (sep and " " not in path and place(path, f"{{field}}: {rest}")):
            general.append(warning)
    for gap in mapped.gaps:
        if not place(gap.path, f"UNKNOWN: {{field}}: {gap.why}"):
            notes.setdefault("", []).append(f"UNKNOWN: {gap.path}: {gap.why}")
    lines = list(header)
    if general:
        lines += ["", "Import warnings:"]
        for warning in general:
            lines += textwrap.wrap(f"- {warning}", _WIDTH - 2, subsequent_indent="    ")
    return dumps(mapped.document, header=lines, notes=notes)
