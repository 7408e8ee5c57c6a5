"""A relationship statement of any version, with its subject and interested party as refs.

0.2 and 0.3 say what a link points at (``describedByEntityStatement``,
``describedByPersonStatement`` or ``unspecified``); 0.4 gives a bare record id, whose kind is
known only once the record it names has been read (it may never be: then it is ``unresolved``).
"""

from __future__ import annotations

from typing import Any

from riskkit.feeds.bods.defects import ReadStats
from riskkit.feeds.bods.interests import interests
from riskkit.feeds.bods.shapes import PartyKind, Relationship
from riskkit.feeds.ocds.defects import Origin

_DESCRIBED = (
    ("describedByEntityStatement", "entity"),
    ("describedByPersonStatement", "person"),
)


def relationship(
    ref: str,
    sid: str,
    d: dict[str, Any],
    version: str,
    origin: Origin,
    closed: bool,
    stats: ReadStats,
) -> Relationship:
    """A relationship from its statement (0.2/0.3) or record details (0.4)."""
    subject, _, _ = _link(d.get("subject"), version)
    party, kind, reason = _link(d.get("interestedParty"), version)
    if "subject" not in d or "interestedParty" not in d:
        stats.add("missing_field", origin, "relationship without subject or interestedParty")
    if "interestedParty" not in d:
        kind, reason = "unspecified", "notGiven"
    return Relationship(
        ref,
        sid,
        subject,
        party,
        kind,
        reason,
        interests(d.get("interests"), version, origin, stats),
        d.get("isComponent") is True,
        origin,
        version,
        closed,
        _components(d.get("componentRecords", d.get("componentStatementIDs"))),
    )


def _components(raw: Any) -> tuple[str, ...]:
    return tuple(str(ref) for ref in raw if isinstance(ref, str)) if isinstance(raw, list) else ()


def _link(raw: Any, version: str) -> tuple[str | None, PartyKind, str | None]:
    """(ref, kind, unspecified reason) of one end of a relationship."""
    if isinstance(raw, str) and raw:
        return raw, "unresolved" if version == "0.4" else "entity", None
    if isinstance(raw, dict):
        for key, kind in _DESCRIBED:
            value = raw.get(key)
            if isinstance(value, str) and value:
                return value, "entity" if kind == "entity" else "person", None
        unspecified = raw.get("unspecified", raw)
        if isinstance(unspecified, dict):
            reason = unspecified.get("reason")
            return None, "unspecified", reason if isinstance(reason, str) else "unknown"
    return None, "unspecified", "unknown"
