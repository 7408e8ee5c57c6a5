"""The fast path of the schema check: prove a value valid, building nothing.

Most of a release conforms, so the check spends its time proving subtrees valid. Each subschema
compiles to a :data:`Rule`: the Python types a value may have with nothing more to check (a
``{"type": ["string", "null"]}`` property, the commonest, is that set alone), and a proof for
the rest, a function that walks an object's keys or an array's items with plain ``type()`` and
dict tests and calls nothing per value that a type settles. A subschema with no constraint
compiles to no rule at all, so its subtree is never visited.

A proof answers True only when jsonschema would find no problem in the value; False means only
"not proved": the exact walk (:mod:`.walk`) then asks jsonschema's own keywords, which decide
and word the problems. The proof can be wrong only in the safe direction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from riskkit.feeds.ocds.fast_schema.jsontypes import (
    JSON_TYPES,
    Unsupported,
    compiled_keywords,
    python_types,
)
from riskkit.feeds.ocds.fast_schema.unique import distinct

Proof = Callable[[Any], bool]
"""True only for a value that is valid (a value whose type is not in the rule's types)."""
Rule = tuple[frozenset[type], Proof | None]
"""How a subschema is checked: a value whose exact type is in the set is valid; any other is
valid when the proof (if any) says so. A subschema with no constraint has no rule (None)."""

_LEARNED_KEYS = 4096
"""Keys of objects under ``patternProperties`` whose rule is remembered, per object schema (the
keys of real feeds are few; beyond this many, each is matched afresh)."""

_OBJECT_KEYWORDS = ("properties", "patternProperties", "required")
_ARRAY_KEYWORDS = ("items", "minItems", "uniqueItems")


def _never(instance: Any) -> bool:
    return False


def _always(instance: Any) -> bool:
    return True


NEVER: Rule = (frozenset(), _never)
"""The rule of a subschema this module cannot prove anything for: jsonschema decides."""
ANYTHING: Rule = (JSON_TYPES, _always)
"""The rule of a key under no constraint."""


def holds(rule: Rule | None, instance: Any) -> bool:
    """Whether ``rule`` proves ``instance`` valid (no rule: nothing to prove)."""
    if rule is None:
        return True
    types, proof = rule
    return type(instance) in types or (proof is not None and proof(instance))


class Prover:
    """Compiles subschemas (already inlined) to rules, each once; Unsupported for a keyword
    not compiled here."""

    def __init__(self, keywords: Collection[str], checks_formats: bool) -> None:
        self.keywords = keywords
        self.checks_formats = checks_formats
        self.rules: dict[int, tuple[Any, Rule | None]] = {}
        """Each subschema compiled, by identity (with the subschema, so that it stays alive)."""

    def rule(self, schema: Any) -> Rule | None:
        """The rule of ``schema``, or None when it constrains nothing."""
        known = self.rules.get(id(schema))
        if known is None:
            keywords = compiled_keywords(schema, self.keywords, self.checks_formats)
            known = self.rules[id(schema)] = (schema, self._compile(keywords))
        return known[1]

    def _compile(self, keywords: dict[str, Any]) -> Rule | None:
        unknown = set(keywords) - {"type", "enum", "minLength", *_OBJECT_KEYWORDS,
                                   *_ARRAY_KEYWORDS}  # fmt: skip
        if unknown:
            raise Unsupported
        objects = self._object(keywords)  # compile every part first: Unsupported is found
        arrays = self._array(keywords)  # wherever it hides
        if not keywords:
            return None
        allowed = python_types(keywords["type"]) if "type" in keywords else JSON_TYPES
        if allowed is None:
            return NEVER
        strings = _min_length(keywords["minLength"]) if "minLength" in keywords else None
        by_type: dict[type, Proof | None] = {dict: objects, list: arrays, str: strings}
        checked = {kind: proof for kind, proof in by_type.items() if proof is not None}
        if "enum" in keywords:
            return frozenset(), _enum(keywords["enum"], allowed, checked)
        plain = frozenset(kind for kind in allowed if kind not in checked)
        checked = {kind: proof for kind, proof in checked.items() if kind in allowed}
        if not checked:
            return plain, None
        if len(checked) == 1:
            return plain, next(iter(checked.values()))
        return plain, _by_type(checked)

    def _object(self, keywords: dict[str, Any]) -> Proof | None:
        if not any(k in keywords for k in _OBJECT_KEYWORDS):
            return None
        properties = keywords.get("properties", {})
        patterns = keywords.get("patternProperties", {})
        required = keywords.get("required", [])
        if type(properties) is not dict or type(patterns) is not dict or type(required) is not list:
            return _never
        searches: list[tuple[Callable[[str], Any], Rule | None]] = [
            (re.compile(p).search, self.rule(sub)) for p, sub in patterns.items()
        ]
        kinds: dict[Any, frozenset[type]] = {}
        deep: dict[Any, Proof] = {}
        for name, sub in properties.items():
            _enter(kinds, deep, name, _all([self.rule(sub), *(r for s, r in searches if s(name))]))
        if not searches:
            return _known_keys(kinds, deep, tuple(required))
        return _every_key(kinds, deep, searches, tuple(required))

    def _array(self, keywords: dict[str, Any]) -> Proof | None:
        if not any(k in keywords for k in _ARRAY_KEYWORDS):
            return None
        items = keywords.get("items", {})
        least = keywords.get("minItems", 0)
        unique = keywords.get("uniqueItems", False)
        if type(least) is not int or type(unique) is not bool:
            return _never
        if type(items) is list:
            rules = [self.rule(sub) for sub in items]
            each: Rule | None = None
        elif type(items) is dict:
            rules, each = [], self.rule(items)
        else:
            return _never
        return _items(each, rules, least, unique)


def _by_type(checked: dict[type, Proof]) -> Proof:
    """The proof of a schema that constrains values of several types (none in OCDS)."""

    def proof(instance: Any) -> bool:
        check = checked.get(type(instance))
        return check is not None and check(instance)

    return proof


def _all(rules: list[Rule | None]) -> Rule | None:
    """One rule for a value under several (a property that also matches a pattern)."""
    found = [rule for rule in rules if rule is not None]
    if len(found) < 2:
        return found[0] if found else None
    types = frozenset.intersection(*(types for types, _ in found))
    return types, lambda instance: all(holds(rule, instance) for rule in found)


def _enter(
    kinds: dict[Any, frozenset[type]], deep: dict[Any, Proof], key: Any, rule: Rule | None
) -> None:
    """Files the rule of the values under ``key`` in an object's two tables (none: no entry)."""
    if rule is not None:
        kinds[key], proof = rule
        if proof is not None:
            deep[key] = proof


def _known_keys(
    kinds: dict[Any, frozenset[type]], deep: dict[Any, Proof], required: tuple[Any, ...]
) -> Proof:
    """An object's proof when only the keys its schema names are checked."""

    def proof(instance: Any) -> bool:
        if type(instance) is not dict:
            return False
        for key, value in instance.items():
            types = kinds.get(key)
            if types is not None and type(value) not in types:
                check = deep.get(key)
                if check is None or not check(value):
                    return False
        for name in required:  # noqa: SIM110 (a loop: all() over a generator costs twice this)
            if name not in instance:
                return False
        return True

    return proof


def _every_key(
    kinds: dict[Any, frozenset[type]],
    deep: dict[Any, Proof],
    searches: list[tuple[Callable[[str], Any], Rule | None]],
    required: tuple[Any, ...],
) -> Proof:
    """An object's proof when any key may match a pattern: each key's rule is learned the
    first time it is seen (the keys of a feed are few) and then looked up."""

    def learn(key: Any) -> frozenset[type]:
        rule = _all([r for search, r in searches if search(key)]) or ANYTHING
        if len(kinds) < _LEARNED_KEYS:
            _enter(kinds, deep, key, rule)
            return rule[0]
        return rule[0] if rule[1] is None else frozenset()  # not filed: not proved here

    def proof(instance: Any) -> bool:
        if type(instance) is not dict:
            return False
        for key, value in instance.items():
            types = kinds.get(key)
            if types is None:
                types = learn(key)
            if type(value) not in types:
                check = deep.get(key)
                if check is None or not check(value):
                    return False
        for name in required:  # noqa: SIM110 (a loop: all() over a generator costs twice this)
            if name not in instance:
                return False
        return True

    return proof


def _items(each: Rule | None, rules: list[Rule | None], least: int, unique: bool) -> Proof:
    def proof(instance: Any) -> bool:
        if type(instance) is not list or len(instance) < least:
            return False
        if each is not None:
            types, check = each
            for item in instance:
                if type(item) not in types and (check is None or not check(item)):
                    return False
        elif not all(holds(rule, item) for item, rule in zip(instance, rules, strict=False)):
            return False
        return not unique or distinct(instance)

    return proof


def _min_length(least: Any) -> Proof:
    if type(least) is not int:
        return _never
    return lambda instance: type(instance) is str and len(instance) >= least


def _enum(values: Any, allowed: frozenset[type], checked: dict[type, Proof]) -> Proof:
    """A value in a codelist: jsonschema compares a string with each value by == and None by
    identity, which set membership does for both."""
    if type(values) is not list:
        return _never
    try:
        members = frozenset(values)
    except TypeError:  # an unhashable value in the list: leave the keyword to jsonschema
        return _never

    def proof(instance: Any) -> bool:
        kind = type(instance)
        if kind not in allowed or not (instance is None or kind is str) or instance not in members:
            return False
        check = checked.get(kind)
        return check is None or check(instance)

    return proof
