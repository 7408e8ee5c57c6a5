"""BODS statements of any version read into one register of entities, persons and relationships.

A register is read whole (ownership is a graph: a relationship names statements anywhere in the
files given), but each file is streamed where its form allows (see :mod:`.sources`). Updates are
applied as each version defines them: a 0.2/0.3 statement named in a later one's
``replacesStatements`` is dropped, and of the 0.4 statements of one ``recordId`` only the latest
(by ``statementDate``, then reading order) is kept. References that lead nowhere are counted and
kept, since registers publish entities and relationships in separate files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from riskkit.feeds.bods.defects import ReadStats
from riskkit.feeds.bods.graph import check_ownership
from riskkit.feeds.bods.links import relationship
from riskkit.feeds.bods.shapes import Entity, Person, Relationship
from riskkit.feeds.bods.sources import read_statements
from riskkit.feeds.bods.statements import KINDS, entity, person, version_of
from riskkit.feeds.bods.validate import has_schema, schema_problems
from riskkit.feeds.ocds.defects import Origin
from riskkit.feeds.ocds.schema import require
from riskkit.feeds.ocds.validate import SchemaProblem

Item = Entity | Person | Relationship


@attrs.frozen(eq=False)
class Register:
    """What a set of BODS files says: by ref, after updates; and every schema problem found."""

    entities: dict[str, Entity]
    persons: dict[str, Person]
    relationships: tuple[Relationship, ...]
    problems: dict[str, tuple[SchemaProblem, ...]]
    """The first schema problems of each statement id that has some."""


def read_bods(
    paths: str | Path | Iterable[str | Path],
    *,
    validate: bool = True,
    stats: ReadStats | None = None,
) -> Register:
    """The register in the BODS files (0.2, 0.3 or 0.4; JSON or JSON Lines) at ``paths``.

    Pass a :class:`ReadStats` as ``stats`` to learn what was read and every defect counted.
    Raises FeedsExtraMissing when validating without jsonschema, and LimitExceeded for a JSON
    (not JSON Lines) file over the ``input_bytes`` limit; nothing else in the data stops it.
    """
    if validate:
        require("jsonschema")
    stats = stats if stats is not None else ReadStats()
    kept: dict[str, tuple[str, int, Item]] = {}  # ref -> (statementDate, order, item)
    replaced: dict[str, Origin] = {}
    problems: dict[str, tuple[SchemaProblem, ...]] = {}
    listed = [paths] if isinstance(paths, str | Path) else paths
    for number, (origin, statement) in enumerate(read_statements(listed, stats)):
        item = _item(statement, origin, validate, problems, stats)
        if item is None:
            continue
        for old in statement.get("replacesStatements") or ():
            if isinstance(old, str):
                replaced[old] = origin
        _keep(kept, item, str(statement.get("statementDate") or ""), number, stats)
    for old in replaced:
        if old in kept and kept[old][2].version != "0.4":
            stats.add("replaced", kept[old][2].origin, f"{old} replaced ({replaced[old]})")
            del kept[old]
    return _register(kept, problems, stats)


def _item(
    statement: dict[str, Any],
    origin: Origin,
    validate: bool,
    problems: dict[str, tuple[SchemaProblem, ...]],
    stats: ReadStats,
) -> Item | None:
    kind = KINDS.get(str(statement.get("statementType", statement.get("recordType"))))
    if kind is None:
        stats.add("not_a_statement", origin, "no known statementType or recordType")
        return None
    stats.statements += 1
    version = version_of(statement)
    stats.versions[version] += 1
    sid = statement.get("statementID", statement.get("statementId"))
    ref = statement.get("recordId") if version == "0.4" else sid
    if not isinstance(sid, str) or not sid or not isinstance(ref, str) or not ref:
        stats.add("missing_id", origin, f"a {kind} statement")
        return None
    if validate and has_schema(version):
        found, more = schema_problems(statement, version, kind)
        if found:
            problems[sid] = found
            stats.add("schema_problems", origin, f"{found[0]} ({len(found) + more} in all)")
    elif validate:
        stats.add("not_validated", origin, f"BODS {version}")
    details = statement.get("recordDetails", {}) if version == "0.4" else statement
    details = details if isinstance(details, dict) else {}
    closed = statement.get("recordStatus") == "closed"
    if kind == "entity":
        return entity(ref, sid, details, version, origin, closed, stats)
    if kind == "person":
        return person(ref, sid, details, version, origin)
    return relationship(ref, sid, details, version, origin, closed, stats)


def _keep(
    kept: dict[str, tuple[str, int, Item]], item: Item, when: str, number: int, stats: ReadStats
) -> None:
    before = kept.get(item.ref)
    if before is None:
        kept[item.ref] = (when, number, item)
    elif item.version != "0.4":
        stats.add("duplicate_id", item.origin, f"{item.ref} also at {before[2].origin}")
        kept[item.ref] = (when, number, item)
    elif (when, number) >= before[:2]:
        stats.add(
            "superseded", before[2].origin, f"{before[2].statement_id} by {item.statement_id}"
        )
        kept[item.ref] = (when, number, item)
    else:
        stats.add("superseded", item.origin, f"{item.statement_id} by {before[2].statement_id}")


def _register(
    kept: dict[str, tuple[str, int, Item]],
    problems: dict[str, tuple[SchemaProblem, ...]],
    stats: ReadStats,
) -> Register:
    entities = {ref: i for ref, (_, _, i) in kept.items() if isinstance(i, Entity)}
    persons = {ref: i for ref, (_, _, i) in kept.items() if isinstance(i, Person)}
    relationships: list[Relationship] = []
    edges: list[tuple[str, str]] = []
    for _, _, item in kept.values():
        if not isinstance(item, Relationship):
            continue
        if item.party_kind == "unresolved" and item.interested_party in entities:
            item = attrs.evolve(item, party_kind="entity")
        elif item.party_kind == "unresolved" and item.interested_party in persons:
            item = attrs.evolve(item, party_kind="person")
        relationships.append(item)
        for end in (item.subject, item.interested_party):
            if end is not None and end not in entities and end not in persons:
                stats.add("unknown_reference", item.origin, f"{end} (from {item.statement_id})")
        if item.components:  # its chain is in its components: counting it too would double it
            continue
        party = item.interested_party
        known = party is not None and (party in entities or party in persons)
        if item.subject in entities and party is not None and known:
            edges.append((party, item.subject))
    check_ownership(edges, stats)
    return Register(entities, persons, tuple(relationships), problems)
