"""Rule packs: TOML files of rules (and curated entities), loaded, validated and indexed.

Loading is two passes, like followthemoney's: parse every file, then resolve references across
files (duplicate ids, entity ids named by rules), then fail with every problem at once. Packs are
data: nothing in them is ever executed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, NamedTuple

import attrs
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from riskkit._support.dates import day_after
from riskkit._support.identity_cache import IdentityCache
from riskkit._support.io import format_loc, read_document
from riskkit._support.spelling import did_you_mean
from riskkit.errors import InvalidInput, Problem
from riskkit.kinds import CompiledRule, registry
from riskkit.limits import LimitExceeded, current_limits, exceeded
from riskkit.model import Procurement
from riskkit.model.entities import Entity, EntityIndex
from riskkit.model.jurisdictions import contains, country, country_keys, parse
from riskkit.model.rule import PackInfo, Rule

ENTRY_POINT_GROUP = "riskkit.packs"
Schedule = tuple[tuple[CompiledRule, tuple[date, ...]], ...]
"""Rules to evaluate, each with the later days on which its result may change."""
_SCHEDULES_KEPT = 64


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


def builtin_pack_dir() -> Path:
    """The shipped packs: inside the installed package, or ``rules/`` of a source checkout."""
    packaged = resources.files("riskkit").joinpath("_rules")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_pack_paths() -> list[Path]:
    directory = builtin_pack_dir()
    return sorted(directory.glob("*.toml")) if directory.is_dir() else []


def plugin_pack_paths() -> list[tuple[str, Path]]:
    """Packs offered by installed packages: each entry point gives a callable returning paths."""
    found = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        provider = ep.load()
        for item in provider():
            found.append((ep.name, Path(str(item))))
    return found


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the ``*.toml`` files of directories, in a stable order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.glob("*.toml")))
        else:
            out.append(path)
    return out


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


def _where(source: str, text: str, rule_id: str | None) -> str:
    if rule_id is None:
        return source
    line = _line_of(text, rule_id)
    return f"{source}:{line}" if line else source


def _parse_pack(
    path: Path, label: str
) -> tuple[PackFile, LoadedPack, list[tuple[Rule, BaseModel]], str] | list[Problem]:
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
        return _pack_problems(label, text, data, exc)
    problems: list[Problem] = []
    compiled: list[tuple[Rule, BaseModel]] = []
    kinds = registry()
    for rule in pack.rules:
        where = _where(label, text, rule.id)
        kind = kinds.get(rule.kind)
        if kind is None:
            problems.append(
                Problem(
                    where,
                    f"rule {rule.id!r}: kind",
                    f"unknown rule kind {rule.kind!r}{did_you_mean(rule.kind, kinds)}; "
                    f"known kinds: {', '.join(sorted(kinds))}",
                )
            )
            continue
        try:
            params = kind.params_model.model_validate(rule.params)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                problems.append(
                    Problem(
                        where,
                        f"rule {rule.id!r}: params.{format_loc(tuple(err['loc']))}",
                        _message(err),
                    )
                )
            continue
        for message in kind.check(params, rule):
            problems.append(Problem(where, f"rule {rule.id!r}: params", message))
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
    return pack, loaded, compiled, text


def _message(err: Any) -> str:
    message = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        return "unknown field; check its spelling against `riskkit schema rule-pack`"
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "literal_error" and isinstance(err.get("input"), str):
        expected = re.findall(r"'([^']*)'", message)
        return f"{message}{did_you_mean(err['input'], expected)}"
    shown = repr(err.get("input"))
    return f"{message} (got {shown})" if len(shown) <= 60 else message


def _pack_problems(
    label: str, text: str, data: dict[str, Any], exc: ValidationError
) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        where, location = label, format_loc(loc)
        if len(loc) >= 2 and loc[0] in {"rules", "entities"} and isinstance(loc[1], int):
            items = data.get(str(loc[0]), [])
            item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
            item_id = item.get("id") if isinstance(item, dict) else None
            if isinstance(item_id, str):
                noun = "rule" if loc[0] == "rules" else "entity"
                where = _where(label, text, item_id)
                location = f"{noun} {item_id!r}: {format_loc(loc[2:])}"
        problems.append(Problem(where, location, _message(err)))
    return problems


@attrs.frozen
class RuleSet:
    """Loaded packs, compiled rules indexed by country, and the curated entities."""

    packs: tuple[LoadedPack, ...]
    rules: tuple[CompiledRule, ...]
    entities: EntityIndex
    _by_country: dict[str, tuple[CompiledRule, ...]] = attrs.field(repr=False)
    _by_places: dict[frozenset[str], tuple[CompiledRule, ...]] = attrs.field(
        factory=dict, repr=False, eq=False
    )
    _schedules: dict[tuple[frozenset[str], date, date], Schedule] = attrs.field(
        factory=dict, repr=False, eq=False
    )

    def rule(self, rule_id: str) -> CompiledRule:
        for compiled in self.rules:
            if compiled.id == rule_id:
                return compiled
        raise KeyError(rule_id)

    def candidates(self, procurement: Procurement) -> tuple[CompiledRule, ...]:
        """Rules whose scope takes in some place the procurement touches, in id order.

        Rules are indexed by their scope's countries (every member, ever, of a group), so a
        large pack of other jurisdictions' law costs a dictionary lookup per country. A rule of
        a state or a city is kept only when one of the places touched lies inside it: a city's
        ban is not looked at for a deployment nowhere near the city.
        """
        places = touched_places(procurement, self.entities)
        found = self._by_places.get(places)
        if found is None:
            seen: dict[str, CompiledRule] = {}
            for code in sorted({country(place) for place in places}):
                for compiled in self._by_country.get(code, ()):
                    if compiled.id not in seen and _takes_in(compiled.rule.scope, places):
                        seen[compiled.id] = compiled
            for compiled in self._by_country.get(_EVERYWHERE, ()):
                seen.setdefault(compiled.id, compiled)
            found = tuple(sorted(seen.values(), key=lambda c: c.id))
            self._by_places[places] = found
        return found

    def schedule(self, procurement: Procurement, as_of: date, horizon: date) -> Schedule:
        """The candidate rules in force on some day from ``as_of`` to ``horizon``, each with
        the later days in that span on which its result may change (its window's edges, its
        kind's dates), in rule id order.

        It depends on the rules, the dates and the places touched alone, so it is kept for the
        next procurement assessed on the same day (a few dozen schedules at most).
        """
        places = touched_places(procurement, self.entities)
        key = (places, as_of, horizon)
        found = self._schedules.get(key)
        if found is None:
            found = tuple(
                (rule, rule.change_dates_between(as_of, horizon))
                for rule in self.candidates(procurement)
                if rule.rule.effective.start <= horizon
                and (rule.rule.effective.until is None or as_of <= rule.rule.effective.until)
            )
            if len(self._schedules) >= _SCHEDULES_KEPT:
                self._schedules.clear()
            self._schedules[key] = found
        return found


def _touched_places(p: Procurement) -> frozenset[str]:
    codes = {p.buyer.jurisdiction}
    codes.update(site.jurisdiction for site in p.sites)
    for party in p.parties:
        codes.update(j for j in (party.incorporated_in, party.headquarters) if j)
        codes.update(party.operates_in)
        codes.update(s.state for s in party.state_ownership)
    codes.update(flow.to.location for flow in p.data_flows)
    return frozenset(codes)


def _takes_in(scope: tuple[str, ...], places: frozenset[str]) -> bool:
    """Whether a rule's scope takes in one of the places: always for a country or a group
    (whether a member was one on the day is for the rule's kind to decide), and for a state
    or a city when a place lies inside it."""
    for code in scope:
        parsed = parse(code)
        if parsed.subdivision is None and parsed.locality is None:
            return True
        if any(contains(code, place) for place in places):
            return True
    return False


_declared_places = IdentityCache(_touched_places)
"""Places the procurement declares: buyer, sites, parties, owners, data locations."""


def _curated_reach(p: Procurement, entities: EntityIndex) -> set[str]:
    """The curated entities the parties are (by identifier or exact name), those behind the
    components' brands, and every owner and OEM maker up their curated chains, on any day."""
    if not len(entities):
        return set()
    start: set[str] = set()
    for party in p.parties:
        for ident in party.identifiers:
            found = entities.by_identifier(ident.scheme, ident.value)
            if found is not None:
                start.add(found)
        for name in (party.name, *party.aliases):
            start.update(entities.by_name(name))
    for comp in p.components:
        brands = [comp.brand, *[part.brand for part in comp.contains]]
        for brand in brands:
            if brand:
                start.update(entities.by_name(brand))
                start.update(entities.brand_holders(brand))
    known = entities.entities
    seen = set(start)
    stack = list(start)
    while stack:
        entity = known[stack.pop()]
        for linked in (*[o.entity for o in entity.owners], *[m.entity for m in entity.made_by]):
            if linked not in seen and linked in known:
                seen.add(linked)
                stack.append(linked)
    return seen


class _Curated(NamedTuple):
    entities: EntityIndex
    places: frozenset[str]
    """The places the procurement declares, and the countries (and holding states) of the
    curated entities the deployment reaches."""
    days: frozenset[date]
    """The days on which one of their curated links (holdings, brands, OEM links) starts, or
    the day after one ends."""


def _curated(p: Procurement, entities: EntityIndex) -> _Curated:
    per_index = _curated_by_index(p)
    found = per_index.get(id(entities))
    if found is None or found.entities is not entities:
        reached = _curated_reach(p, entities)
        known = entities.entities
        places = (
            _declared_places(p)
            .union(c for c in (known[e].country for e in reached) if c is not None)
            .union(held.state for e in reached for held in known[e].state_ownership)
        )
        days: set[date] = set()
        for entity_id in reached:
            entity = known[entity_id]
            for link in (*entity.owners, *entity.brands, *entity.made_by):
                if link.start is not None:
                    days.add(link.start)
                after = day_after(link.until) if link.until is not None else None
                if after is not None:
                    days.add(after)
        found = per_index[id(entities)] = _Curated(entities, places, frozenset(days))
    return found


_curated_by_index: IdentityCache[Procurement, dict[int, _Curated]] = IdentityCache(lambda p: {})
"""What curated data adds to a procurement, by entity index (kept per procurement)."""


def touched_places(p: Procurement, entities: EntityIndex) -> frozenset[str]:
    """Places the deployment touches: buyer, sites, parties, owners, data locations, and the
    countries of the curated entities its parties and brands are and of their curated owners
    and makers (a superset: the rules' kinds decide what holds on the day)."""
    return _curated(p, entities).places


def curated_change_days(p: Procurement, entities: EntityIndex) -> frozenset[date]:
    """Days on which a curated link of an entity the deployment reaches starts or stops
    holding: a finding resting on it may start or end then."""
    return _curated(p, entities).days


def load_packs(
    paths: Sequence[str | Path] = (),
    *,
    builtin: bool = True,
    plugins: bool = True,
) -> RuleSet:
    """Load the shipped packs, installed plugin packs and ``paths`` into one rule set.

    Raises InvalidInput naming file, rule id and field for every problem found.
    """
    sources: list[tuple[Path, str]] = []
    if builtin:
        sources.extend((p, f"builtin:{p.name}") for p in builtin_pack_paths())
    if plugins:
        sources.extend((p, f"plugin:{name}:{p.name}") for name, p in plugin_pack_paths())
    sources.extend((p, str(p)) for p in expand_paths(paths))
    return _build(sources)


def _build(sources: list[tuple[Path, str]]) -> RuleSet:
    problems: list[Problem] = []
    parsed: list[tuple[PackFile, LoadedPack, list[tuple[Rule, BaseModel]], str]] = []
    for path, label in sources:
        try:
            result = _parse_pack(path, label)
        except LimitExceeded:
            raise
        except InvalidInput as exc:
            problems.extend(Problem(label, p.location, p.message) for p in exc.problems)
            continue
        if isinstance(result, list):
            problems.extend(result)
        else:
            parsed.append(result)

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
                        _where(loaded.source, text, rule.id),
                        f"rule {rule.id!r}: id",
                        f"duplicate rule id; first defined in {rule_home[rule.id]}",
                    )
                )
            rule_home.setdefault(rule.id, _where(loaded.source, text, rule.id))
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

    known = set(entity_home)
    for entity in entities:
        for i, owner in enumerate(entity.owners):
            if owner.entity not in known:
                problems.append(
                    Problem(
                        entity_home[entity.id],
                        f"entity {entity.id!r}: owners[{i}].entity",
                        f"no entity {owner.entity!r}{did_you_mean(owner.entity, known)}",
                    )
                )
        for i, link in enumerate(entity.made_by):
            if link.entity not in known:
                problems.append(
                    Problem(
                        entity_home[entity.id],
                        f"entity {entity.id!r}: made_by[{i}].entity",
                        f"no entity {link.entity!r}{did_you_mean(link.entity, known)}",
                    )
                )
    compiled: list[CompiledRule] = []
    for _pack, loaded, rules, text in parsed:
        for rule, params in rules:
            for field, entity_id in _entity_refs(params):
                if entity_id not in known:
                    problems.append(
                        Problem(
                            _where(loaded.source, text, rule.id),
                            f"rule {rule.id!r}: params.{field}",
                            f"no entity {entity_id!r}{did_you_mean(entity_id, known)}",
                        )
                    )
            compiled.append(
                CompiledRule(rule, params, registry()[rule.kind], loaded.info, loaded.source)
            )
    if problems:
        raise InvalidInput(problems)

    compiled.sort(key=lambda c: c.id)
    by_country: dict[str, list[CompiledRule]] = {}
    for entry in compiled:
        keys: set[str] = set()
        for scope in entry.rule.scope:
            keys.update(country_keys(scope))
        beyond = getattr(entry.kind, "speaks_beyond_scope", None)
        if callable(beyond) and beyond(entry.params):
            keys.add(_EVERYWHERE)
        for key in keys:
            by_country.setdefault(key, []).append(entry)
    return RuleSet(
        packs=tuple(loaded for _, loaded, _, _ in parsed),
        rules=tuple(compiled),
        entities=EntityIndex(tuple(sorted(entities, key=lambda e: e.id))),
        by_country={k: tuple(v) for k, v in by_country.items()},
    )


_EVERYWHERE = "*"
"""The index key of rules that are candidates wherever the deployment is."""


def _entity_refs(params: BaseModel) -> Iterator[tuple[str, str]]:
    """(field path, entity id) for every entity a rule's params name."""
    refs = getattr(params, "entity_refs", None)
    if callable(refs):
        yield from refs()


def rule_pack_json_schema() -> dict[str, Any]:
    """JSON Schema of a pack file, with each kind's params schema under ``$defs``."""
    schema = PackFile.model_json_schema()
    defs = schema.setdefault("$defs", {})
    for name, kind in sorted(registry().items()):
        defs[f"params.{name}"] = kind.params_model.model_json_schema()
    schema["description"] = (
        "A riskkit rule pack. Each rule's `params` must match `$defs/params.<kind>`."
    )
    return schema


def first_day(rules: Iterable[CompiledRule]) -> date | None:
    return min((r.rule.effective.start for r in rules), default=None)


__all__ = ["Field", "LoadedPack", "PackFile", "RuleSet", "load_packs"]
