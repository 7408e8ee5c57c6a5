"""The schema check of every process, compiled once: exactly jsonschema's problems, sooner.

Every process of a feed is checked against the OCDS release schema, so the check sets the speed
of a read. ``jsonschema`` (Draft 4) spends nearly all its time on OCDS in its machinery rather
than in the checks: for every subschema it builds a validator, resolves each ``$ref`` afresh,
and compares strings with a codelist's values through its general equality. Here the schema is
compiled once into plain functions that walk a release the way ``jsonschema`` does:

- local ``#/definitions/...`` references are inlined first. Draft 4 ignores the siblings of a
  ``$ref``, so each inlined subschema is exactly the one ``jsonschema`` would descend into;
- keywords are checked in the schema's order, properties in the order the schema lists them,
  array items in order, so problems come out in ``jsonschema``'s order with its paths;
- each check only proves a value *valid* by a test that is the same as ``jsonschema``'s (a
  type by the Python type a JSON value has, a string or null in a codelist, objects no two of
  which are alike). Anything else, and every failure, is handed to ``jsonschema``'s own keyword,
  which decides and writes the message, so a message never differs.

A schema with a keyword not compiled here (none in OCDS 1.1.5) is checked by ``jsonschema``
itself. tests/feeds/test_ocds_read_speed_invariants.py compares the two on real, synthetic and
generated releases. Format keywords are not checked, as ``Draft4Validator`` does by default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from riskkit.feeds.ocds.schema import require

_LOCAL_REF = re.compile(r"#/definitions/([A-Za-z0-9_]+)")

_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "object": (dict,),
    "array": (list,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "null": (type(None),),
}
"""Python types whose values jsonschema's Draft 4 type checker gives each type name (other
values, a ``Decimal`` say, are left to it)."""

Check = Callable[[Any, list[str | int], list[Any]], None]
"""A compiled subschema: (instance, its path, the problems found so far) -> None."""


class Unsupported(Exception):
    """The schema uses something not compiled here: jsonschema checks it instead."""


def release_checker(schema: dict[str, Any]) -> Any:
    """Something with jsonschema's ``iter_errors`` for ``schema`` (Draft 4, no format
    checking): the compiled checker, or ``Draft4Validator`` when the schema cannot be
    compiled."""
    jsonschema = require("jsonschema")
    try:
        return CompiledSchema(schema)
    except Unsupported:
        return jsonschema.Draft4Validator(schema)


class CompiledSchema:
    """A Draft 4 schema compiled to functions; ``iter_errors`` as jsonschema's."""

    def __init__(self, schema: dict[str, Any]) -> None:
        jsonschema = require("jsonschema")
        inlined = inline_refs(schema)
        self.base = jsonschema.Draft4Validator(inlined)
        self.compiled: dict[int, Check] = {}
        self.type_only: dict[int, frozenset[type]] = {}
        """The Python types of each compiled check that is a type check alone (by id)."""
        self.check = self._node(inlined)

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        """Every problem of ``instance``, as jsonschema's ``ValidationError`` (message,
        keyword, keyword value, path), in jsonschema's order."""
        found: list[Any] = []
        self.check(instance, [], found)
        return iter(found)

    def _node(self, schema: Any) -> Check:
        if type(schema) is not dict or "$ref" in schema:
            raise Unsupported
        known = self.compiled.get(id(schema))
        if known is not None:
            return known
        keywords = self.base.VALIDATORS
        steps = [self._keyword(k, v, schema) for k, v in schema.items() if k in keywords]
        found = [step for step in steps if step is not None]

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            for step in found:
                step(instance, path, out)

        compiled = found[0] if len(found) == 1 else check
        self.compiled[id(schema)] = compiled
        return compiled

    def _keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Check | None:
        if keyword == "format":
            if self.base.format_checker is not None:
                raise Unsupported
            return None
        if keyword == "properties":
            return self._properties(value)
        if keyword == "patternProperties":
            return self._pattern_properties(value)
        if keyword == "items":
            return self._items(value)
        if keyword == "type" and (allowed := _python_types(value)) is not None:
            return self._type(value, schema, allowed)
        valid = _proof(keyword, value)
        if valid is None:
            raise Unsupported
        return self._leaf(keyword, value, schema, valid)

    def _type(self, value: Any, schema: dict[str, Any], allowed: frozenset[type]) -> Check:
        """The commonest check, written out: a value of an allowed Python type is valid."""
        slow = self._leaf("type", value, schema, lambda instance: False)

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if type(instance) not in allowed:
                slow(instance, path, out)

        self.type_only[id(check)] = allowed
        return check

    def _leaf(
        self, keyword: str, value: Any, schema: dict[str, Any], valid: Callable[[Any], bool]
    ) -> Check:
        decide = self.base.VALIDATORS[keyword]
        base = self.base

        def leaf(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if valid(instance):
                return
            for error in decide(base, value, instance, schema) or ():
                error.validator, error.validator_value = keyword, value
                error.instance, error.schema = instance, schema
                error.path.extend(path)
                out.append(error)

        return leaf

    def _properties(self, properties: Any) -> Check:
        if type(properties) is not dict:
            raise Unsupported
        nodes = [(name, self._node(sub)) for name, sub in properties.items()]
        # a property whose schema is a type alone (most are) is checked here, without a call
        named = [(name, sub, self.type_only.get(id(sub), frozenset())) for name, sub in nodes]

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if isinstance(instance, dict):
                for name, sub, allowed in named:
                    if name in instance:
                        value = instance[name]
                        if type(value) in allowed:
                            continue
                        path.append(name)
                        sub(value, path, out)
                        path.pop()

        return check

    def _pattern_properties(self, patterns: Any) -> Check:
        if type(patterns) is not dict:
            raise Unsupported
        searches = [(re.compile(p).search, self._node(sub)) for p, sub in patterns.items()]

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if isinstance(instance, dict):
                for search, sub in searches:
                    for key, item in instance.items():
                        if search(key):
                            path.append(key)
                            sub(item, path, out)
                            path.pop()

        return check

    def _items(self, items: Any) -> Check:
        if isinstance(items, dict):
            each = self._node(items)

            def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
                if isinstance(instance, list):
                    for index, item in enumerate(instance):
                        path.append(index)
                        each(item, path, out)
                        path.pop()

            return check
        if type(items) is not list:
            raise Unsupported
        positional = [self._node(sub) for sub in items]

        def by_position(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if isinstance(instance, list):
                for index, (item, sub) in enumerate(zip(instance, positional, strict=False)):
                    path.append(index)
                    sub(item, path, out)
                    path.pop()

        return by_position


def _python_types(value: Any) -> frozenset[type] | None:
    """The Python types valid for the ``type`` keyword's ``value``, or None when it names a
    type jsonschema does not know (it raises for one, so it is left to it)."""
    names = [value] if isinstance(value, str) else value
    if type(names) is not list or not all(type(n) is str and n in _PYTHON_TYPES for n in names):
        return None
    return frozenset(t for n in names for t in _PYTHON_TYPES[n])


def _proof(keyword: str, value: Any) -> Callable[[Any], bool] | None:
    """A test that is True only for values jsonschema's ``keyword`` finds valid (False means
    "ask jsonschema"), or None for a keyword not compiled here."""
    if keyword == "type":
        return lambda instance: False  # an unknown type name: jsonschema raises for it
    if keyword == "enum":
        # jsonschema compares a string with each value by ==, and None by identity: membership
        # is the same test for both
        if type(value) is not list:
            return lambda instance: False
        return lambda instance: (instance is None or type(instance) is str) and instance in value
    if keyword == "minLength":
        return lambda instance: not isinstance(instance, str) or len(instance) >= value
    if keyword == "minItems":
        return lambda instance: not isinstance(instance, list) or len(instance) >= value
    if keyword == "required":
        if type(value) is not list:
            return lambda instance: False
        return lambda instance: not isinstance(instance, dict) or all(p in instance for p in value)
    if keyword == "uniqueItems":
        return lambda instance: not value or not isinstance(instance, list) or _distinct(instance)
    return None


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with each ``{"$ref": "#/definitions/Name", ...}`` replaced by that definition
    (itself inlined). A reference of another form, or one in a cycle, is left for jsonschema to
    resolve."""
    definitions = schema.get("definitions")
    if not isinstance(definitions, dict):
        return schema
    done: dict[str, Any] = {}

    def definition(name: str, trail: tuple[str, ...]) -> Any:
        if name not in done:
            done[name] = inline(definitions[name], (*trail, name))
        return done[name]

    def inline(node: Any, trail: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(value, trail) for value in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and (match := _LOCAL_REF.fullmatch(ref)):
            name = match.group(1)
            if name in definitions and name not in trail:
                return definition(name, trail)
        return {key: inline(value, trail) for key, value in node.items()}

    inlined: dict[str, Any] = inline(schema, ())
    return inlined


class _NotPlain(Exception):
    """A value whose jsonschema equality the canonical form does not follow (NaN, non-JSON)."""


def _distinct(items: list[Any]) -> bool:
    """True when no two of ``items`` are equal as jsonschema's ``uniqueItems`` compares them,
    for the lists whose test is plain: fewer than two items; strings (jsonschema sorts them and
    compares neighbours with ==); objects (it cannot sort them, so it compares every pair with
    its ``equal``, and two canonical forms are equal exactly when ``equal`` says so)."""
    if len(items) < 2:
        return True
    if all(type(value) is str for value in items):
        return len(set(items)) == len(items)
    if not all(type(value) is dict for value in items):
        return False
    # two objects whose first key holds different strings are not equal: most OCDS arrays
    # (parties, items, documents) are told apart by their ids without a deeper look
    first = next(iter(items[0]), None)
    heads = [value.get(first) for value in items]
    if all(type(head) is str for head in heads) and len(set(heads)) == len(heads):
        return True
    try:
        forms = {_canonical(value) for value in items}
    except _NotPlain:
        return False
    return len(forms) == len(items)


def _canonical(value: Any) -> Any:
    """A hashable form of a JSON value: equal forms exactly for values jsonschema's ``equal``
    calls equal (``True`` is not ``1``, ``1`` is ``1.0``, objects ignore key order)."""
    kind = type(value)
    if kind is str:
        return ("s", value)
    if kind is dict:
        if not all(type(key) is str for key in value):
            raise _NotPlain  # jsonschema looks keys up in the other dict, where 1 is True
        return ("o", frozenset((key, _canonical(item)) for key, item in value.items()))
    if kind is list:
        return ("a", tuple(_canonical(item) for item in value))
    if kind is bool:
        return ("b", value)
    if kind is int or (kind is float and value == value):
        return ("n", value)
    if value is None:
        return ("z",)
    raise _NotPlain
