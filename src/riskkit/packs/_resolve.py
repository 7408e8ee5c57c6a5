"""The second pass of loading: references across pack files resolved.

Pack and rule ids must be unique over every file loaded, and so must entity ids; every entity
an entity's holdings or OEM links or a rule's params name must be one loaded. Every problem is
collected before any is raised.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from riskkit._support.spelling import did_you_mean
from riskkit.errors import InvalidInput, Problem
from riskkit.kinds import CompiledRule, registry
from riskkit.model.entities import Entity, EntityIndex
from riskkit.packs._parse import ParsedPack, where
from riskkit.packs.ruleset import RuleSet


def resolve(parsed: list[ParsedPack], problems: list[Problem]) -> RuleSet:
    """The rule set of the packs parsed; raise InvalidInput with ``problems`` (those of the
    first pass) and every reference that does not resolve, if there are any."""
    entities, entity_home = _unique_ids(parsed, problems)
    known = set(entity_home)
    for entity in entities:
        for field, entity_id in _links(entity):
            if entity_id not in known:
                problems.append(
                    Problem(
                        entity_home[entity.id],
                        f"entity {entity.id!r}: {field}",
                        f"no entity {entity_id!r}{did_you_mean(entity_id, known)}",
                    )
                )
    compiled: list[CompiledRule] = []
    kinds = registry()
    for _pack, loaded, rules, text in parsed:
        for rule, params in rules:
            for field, entity_id in _entity_refs(params):
                if entity_id not in known:
                    problems.append(
                        Problem(
                            where(loaded.source, text, rule.id),
                            f"rule {rule.id!r}: params.{field}",
                            f"no entity {entity_id!r}{did_you_mean(entity_id, known)}",
                        )
                    )
            kind = kinds[rule.kind]
            compiled.append(CompiledRule(rule, params, kind, loaded.info, loaded.source))
    if problems:
        raise InvalidInput(problems)
    return RuleSet.indexed(
        tuple(p.loaded for p in parsed),
        compiled,
        EntityIndex(tuple(sorted(entities, key=lambda e: e.id))),
    )


def _unique_ids(
    parsed: list[ParsedPack], problems: list[Problem]
) -> tuple[list[Entity], dict[str, str]]:
    """Every entity loaded, with the file of each entity id; a pack, rule or entity id seen
    before is a problem."""
    rule_home: dict[str, str] = {}
    pack_home: dict[str, str] = {}
    entity_home: dict[str, str] = {}
    entities: list[Entity] = []
    for pack, loaded, _, text in parsed:
        if loaded.info.id in pack_home:
            problems.append(
                Problem(
                    loaded.source,
                    "pack.id",
                    f"duplicate pack id {loaded.info.id!r}; also in {pack_home[loaded.info.id]}",
                )
            )
        pack_home.setdefault(loaded.info.id, loaded.source)
        for rule in pack.rules:
            if rule.id in rule_home:
                problems.append(
                    Problem(
                        where(loaded.source, text, rule.id),
                        f"rule {rule.id!r}: id",
                        f"duplicate rule id; first defined in {rule_home[rule.id]}",
                    )
                )
            rule_home.setdefault(rule.id, where(loaded.source, text, rule.id))
        for entity in pack.entities:
            if entity.id in entity_home:
                problems.append(
                    Problem(
                        loaded.source,
                        f"entity {entity.id!r}: id",
                        f"duplicate entity id; first defined in {entity_home[entity.id]}",
                    )
                )
            entity_home.setdefault(entity.id, loaded.source)
            entities.append(entity)
    return entities, entity_home


def _links(entity: Entity) -> Iterator[tuple[str, str]]:
    """(field path, entity id) for every entity an entity's owners and makers name, owners
    first."""
    for i, owner in enumerate(entity.owners):
        yield f"owners[{i}].entity", owner.entity
    for i, link in enumerate(entity.made_by):
        yield f"made_by[{i}].entity", link.entity


def _entity_refs(params: BaseModel) -> Iterator[tuple[str, str]]:
    """(field path, entity id) for every entity a rule's params name."""
    refs = getattr(params, "entity_refs", None)
    if callable(refs):
        yield from refs()
