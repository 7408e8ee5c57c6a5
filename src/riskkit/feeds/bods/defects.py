"""What was wrong in the BODS statements read, counted rather than raised.

Real ownership registers are partial: relationships name entities published in another file,
statements are replaced by later ones, dates are datetimes or nonsense, and some registers hold
ownership cycles. None of that stops a read; each is counted by kind in :class:`ReadStats`, with
the first place it was seen and (for cycles and diamonds) the ids involved.
"""

from __future__ import annotations

from collections import Counter

import attrs

from riskkit.feeds.ocds.defects import Origin, defect_lines

DEFECTS: dict[str, str] = {
    "malformed_json": "a line or file that is not valid JSON (skipped)",
    "not_utf8": "text that is not valid UTF-8 (read with replacement characters)",
    "line_too_long": "a JSON Lines line over the input_bytes limit (skipped)",
    "not_a_statement": "a value that is not a statement object, or of an unknown statement type "
    "(skipped)",
    "missing_id": "a statement with no statementID / statementId, or a 0.4 one with no recordId "
    "(skipped)",
    "duplicate_id": "a statement id read twice (the later one is kept)",
    "missing_field": "a statement without a field ownership needs (an entity's name, a "
    "relationship's subject or interested party)",
    "unknown_reference": "a relationship whose subject or interested party is not among the "
    "statements read (kept: it may be published in another file)",
    "replaced": "a 0.2/0.3 statement named in a later statement's replacesStatements (dropped)",
    "superseded": "a 0.4 statement followed by a later one of the same recordId (dropped)",
    "bad_date": "a date that is not an ISO date or datetime (read as unknown)",
    "bad_share": "a share that is not a number, outside 0..100, or with minimum above maximum "
    "(read as unknown)",
    "unknown_interest": "an interest type outside the BODS codelists (kept as published)",
    "schema_problems": "a statement that does not conform to its version's BODS schema (kept)",
    "not_validated": "a statement of a version with no bundled schema (0.3): read, not validated",
    "cycle": "an ownership cycle: the entities own each other, directly or through others",
    "diamond": "an entity owned through two paths from the same owner (counted once per place "
    "the paths meet)",
}
"""Every kind of defect counted, and what it means (docs/feeds.md lists the same)."""

MAX_LISTED = 50
"""Cycles and diamonds listed with their ids in ReadStats; more are only counted."""


@attrs.define
class ReadStats:
    """Counts of what a BODS read found: files, statements by version, and defects by kind."""

    files: int = 0
    statements: int = 0
    """Statements read (before replaced and superseded ones are dropped)."""
    skipped: int = 0
    """Statements lost to a defect (a line that is not JSON, or over the input limit)."""
    versions: Counter[str] = attrs.field(factory=Counter)
    """Statements per BODS version (``0.2``, ``0.3``, ``0.4``)."""
    defects: Counter[str] = attrs.field(factory=Counter)
    """How many of each defect kind (keys of :data:`DEFECTS`)."""
    examples: dict[str, str] = attrs.field(factory=dict)
    """For each defect kind, where it was first seen and what it was."""
    cycles: list[tuple[str, ...]] = attrs.field(factory=list)
    """The refs of each ownership cycle found (the first :data:`MAX_LISTED`), in owning order."""
    diamonds: list[tuple[str, str]] = attrs.field(factory=list)
    """(owner, owned) where two ownership paths from ``owner`` meet at ``owned``."""

    def add(
        self, kind: str, origin: Origin | None, detail: str = "", *, skipped: bool = False
    ) -> None:
        """Count one defect of ``kind`` at ``origin`` (None for one of the whole read);
        ``skipped`` when it cost a statement."""
        self.defects[kind] += 1
        if skipped:
            self.skipped += 1
        if kind not in self.examples:
            where = str(origin) if origin is not None else "the statements read"
            self.examples[kind] = f"{where}: {detail}" if detail else where

    def summary(self) -> list[str]:
        """One line per defect kind, most frequent first, each with its first example."""
        return defect_lines(self.defects, self.examples)
