"""The first pass of loading: one pack file read, validated, and its rules' params checked by
their kinds. Problems name the file, the line of the rule or entity, and the field."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Any, NamedTuple

import attrs
from pydantic import BaseModel, ConfigDict, ValidationError

from riskkit._support.io import format_loc, read_document
from riskkit._support.located import Loc, problems_from_validation
from riskkit._support.spelling import did_you_mean
from riskkit.errors import Problem
from riskkit.kinds import registry
from riskkit.limits import current_limits, exceeded
from riskkit.model.entities import Entity
from riskkit.model.rule import PackInfo, Rule

_UNKNOWN_FIELD = "unknown field; check its spelling against `riskkit schema rule-pack`"


class PackFile(BaseModel):
    """The whole of a pack file: ``[pack]``, ``[[rules]]`` and ``[[entities]]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    pack: PackInfo
    rules: tuple[Rule, ...] = ()
    entities: tuple[Entity, ...] = ()


@attrs.frozen
class LoadedPack:
    info: PackInfo
    source: str
    """Where the pack came from: ``builtin:<file>``, a path, or ``plugin:<name>:<file>``."""
    digest: str
    """``sha256:`` of the file's bytes."""
    rule_ids: tuple[str, ...]
    entity_ids: tuple[str, ...]


class ParsedPack(NamedTuple):
    """A pack file that passed the first pass, waiting for references across files."""

    pack: PackFile
    loaded: LoadedPack
    rules: list[tuple[Rule, BaseModel]]
    """Each rule with its params, validated by its kind's params model."""
    text: str
    """The file's text, to find the line of an id in."""


_ID_LINE = re.compile(r'^\s*id\s*=\s*["\']([^"\'\n]*)["\']', re.MULTILINE)


@functools.lru_cache(maxsize=16)
def _id_lines(text: str) -> dict[str, int]:
    """The line of the first ``id = "..."`` of each id in a pack's text, found in one pass: a
    search per rule made loading quadratic in the number of rules. (A pack's text is asked
    about once per rule; a string keeps its hash, so the cache costs nothing after the first.)
    """
    lines: dict[str, int] = {}
    line, counted = 1, 0
    for match in _ID_LINE.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.setdefault(match.group(1), line)
    return lines


def _line_of(text: str, rule_id: str) -> int | None:
    if "'" in rule_id or '"' in rule_id or "\n" in rule_id:  # not what _ID_LINE captures
        match = re.search(rf'^\s*id\s*=\s*["\']{re.escape(rule_id)}["\']', text, re.MULTILINE)
        return text.count("\n", 0, match.start()) + 1 if match else None
    return _id_lines(text).get(rule_id)


def where(source: str, text: str, item_id: str | None) -> str:
    """The file, with the line of the rule or entity ``item_id`` when it can be found."""
    if item_id is None:
        return source
    line = _line_of(text, item_id)
    return f"{source}:{line}" if line else source


def parse_pack(path: Path, label: str) -> ParsedPack | list[Problem]:
    """The pack file at ``path`` (reported as ``label``), or every problem found in it."""
    data, raw = read_document(path)
    rules = data.get("rules")
    if isinstance(rules, list) and len(rules) > current_limits().rules_per_pack:
        allowed = current_limits().rules_per_pack
        raise exceeded(
            label, "rules", "rules_per_pack", f"{len(rules):,} rules", f"{allowed:,}", len(rules)
        )
    text = raw.decode("utf-8-sig")
    try:
        pack = PackFile.model_validate(data)
    except ValidationError as exc:
        return problems_from_validation(
            label,
            exc,
            unknown_field=_UNKNOWN_FIELD,
            locate=functools.partial(_in_pack, label, text, data),
            shown="any",
        )
    problems: list[Problem] = []
    compiled: list[tuple[Rule, BaseModel]] = []
    kinds = registry()
    for rule in pack.rules:
        at = where(label, text, rule.id)
        kind = kinds.get(rule.kind)
        if kind is None:
            problems.append(
                Problem(
                    at,
                    f"rule {rule.id!r}: kind",
                    f"unknown rule kind {rule.kind!r}{did_you_mean(rule.kind, kinds)}; "
                    f"known kinds: {', '.join(sorted(kinds))}",
                )
            )
            continue
        try:
            params = kind.params_model.model_validate(rule.params)
        except ValidationError as exc:
            problems += problems_from_validation(
                at,
                exc,
                unknown_field=_UNKNOWN_FIELD,
                locate=functools.partial(_in_params, at, rule.id),
                shown="any",
            )
            continue
        for message in kind.check(params, rule):
            problems.append(Problem(at, f"rule {rule.id!r}: params", message))
        compiled.append((rule, params))
    if problems:
        return problems
    loaded = LoadedPack(
        info=pack.pack,
        source=label,
        digest="sha256:" + hashlib.sha256(raw).hexdigest(),
        rule_ids=tuple(r.id for r in pack.rules),
        entity_ids=tuple(e.id for e in pack.entities),
    )
    return ParsedPack(pack, loaded, compiled, text)


def _in_pack(label: str, text: str, data: dict[str, Any], loc: Loc) -> tuple[str, str]:
    """A field of a rule or an entity is reported at the item's line, by its id."""
    if len(loc) >= 2 and loc[0] in {"rules", "entities"} and isinstance(loc[1], int):
        items = data.get(str(loc[0]), [])
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        item_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item_id, str):
            noun = "rule" if loc[0] == "rules" else "entity"
            return where(label, text, item_id), f"{noun} {item_id!r}: {format_loc(loc[2:])}"
    return label, format_loc(loc)


def _in_params(at: str, rule_id: str, loc: Loc) -> tuple[str, str]:
    return at, f"rule {rule_id!r}: params.{format_loc(loc)}"
