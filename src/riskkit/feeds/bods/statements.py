"""One BODS entity or person statement of any version (0.2, 0.3, 0.4) in the shared shape.

0.2 and 0.3 describe a statement flat (``statementType``, ``statementID``) and link by statement
id; 0.4 nests the details in ``recordDetails`` and links by ``recordId``. 0.2 names the
jurisdiction ``incorporatedInJurisdiction``; 0.4 makes ``entityType`` an object.
"""

from __future__ import annotations

from typing import Any

from riskkit.feeds.bods.defects import ReadStats
from riskkit.feeds.bods.identifiers import identifier
from riskkit.feeds.bods.interests import INTEREST_TYPES
from riskkit.feeds.bods.shapes import Entity, Identifier, Person
from riskkit.feeds.ocds.defects import Origin

KINDS = {
    "entityStatement": "entity",
    "personStatement": "person",
    "ownershipOrControlStatement": "relationship",
    "entity": "entity",
    "person": "person",
    "relationship": "relationship",
}
"""Statement kinds of every version, by ``statementType`` (0.2, 0.3) or ``recordType`` (0.4)."""


def version_of(statement: dict[str, Any]) -> str:
    """``0.4`` for records, ``0.3`` when published or spelled as 0.3, else ``0.2``."""
    if "recordType" in statement:
        return "0.4"
    details = statement.get("publicationDetails")
    published = str(details.get("bodsVersion", "")) if isinstance(details, dict) else ""
    if published.startswith(("0.3", "0.4")):
        return "0.3"
    if published or "incorporatedInJurisdiction" in statement:
        return "0.2"
    interests = statement.get("interests")
    camel = isinstance(interests, list) and any(
        isinstance(i, dict) and str(i.get("type", "")) in INTEREST_TYPES - {"shareholding"}
        for i in interests
    )
    return (
        "0.3"
        if camel or "jurisdiction" in statement or "directOrIndirect" in str(interests)
        else "0.2"
    )


def identifiers(raw: Any) -> tuple[Identifier, ...]:
    """The distinct identifiers of an entity, normalised (registers repeat them)."""
    seen: dict[Identifier, None] = {}
    for item in raw if isinstance(raw, list) else ():
        if isinstance(item, dict) and item.get("id") not in (None, ""):
            seen.setdefault(identifier(item.get("scheme"), str(item["id"]), item.get("schemeName")))
    return tuple(seen)


def entity(
    ref: str,
    sid: str,
    d: dict[str, Any],
    version: str,
    origin: Origin,
    closed: bool,
    stats: ReadStats,
) -> Entity:
    """An entity from its statement (0.2/0.3) or record details (0.4)."""
    where = d.get("jurisdiction", d.get("incorporatedInJurisdiction"))
    code = where.get("code") if isinstance(where, dict) else None
    kind = d.get("entityType")
    kind = kind.get("type") if isinstance(kind, dict) else kind
    name = d.get("name") if isinstance(d.get("name"), str) and d.get("name") else None
    if name is None and kind not in ("anonymousEntity", "unknownEntity"):
        stats.add("missing_field", origin, "entity without a name")
    return Entity(
        ref,
        sid,
        name,
        code if isinstance(code, str) else None,
        kind if isinstance(kind, str) else None,
        identifiers(d.get("identifiers")),
        origin,
        version,
        closed,
    )


def person(ref: str, sid: str, d: dict[str, Any], version: str, origin: Origin) -> Person:
    """A person from its statement or record details: name, nationalities, type; nothing else."""
    names = d.get("names")
    first = names[0] if isinstance(names, list) and names and isinstance(names[0], dict) else {}
    name = first.get("fullName") or " ".join(
        str(first[k]) for k in ("givenName", "familyName") if first.get(k)
    )
    codes = tuple(
        str(n["code"])
        for n in d.get("nationalities") or ()
        if isinstance(n, dict) and n.get("code")
    )
    kind = d.get("personType")
    return Person(
        ref, sid, name or None, codes, kind if isinstance(kind, str) else None, origin, version
    )
