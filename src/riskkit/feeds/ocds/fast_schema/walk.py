"""The exact path of the schema check: every problem, in jsonschema's order and words.

The walk goes through a value the way jsonschema does: keywords in the schema's order,
properties in the order the schema lists them, array items in order, patterns before keys, so
problems come out in jsonschema's order with its paths. Before it descends into a property or
an item it asks the fast path (:mod:`.proof`) whether that subtree is valid, and skips it when
it is, so a release with one problem is walked along the path to that problem only.

Each keyword proves a value valid only by a test that is the same as jsonschema's; anything
else, and every failure, is handed to jsonschema's own keyword, which decides and writes the
message, so a message never differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from riskkit.feeds.ocds.fast_schema.jsontypes import Unsupported, compiled_keywords, python_types
from riskkit.feeds.ocds.fast_schema.proof import Prover, Rule, holds
from riskkit.feeds.ocds.fast_schema.unique import distinct
from riskkit.feeds.ocds.schema import require

_REMEMBERED_KEYS = 4096
"""Keys whose pattern matches are remembered, per ``patternProperties``."""

Check = Callable[[Any, list[str | int], list[Any]], None]
"""A compiled subschema: (instance, its path, the problems found so far) -> None."""


class Walker:
    """Compiles subschemas (already inlined) to checks that add jsonschema's problems."""

    def __init__(self, base: Any, prover: Prover) -> None:
        self.base = base
        """jsonschema's Draft4Validator of the inlined schema: its keywords word the problems."""
        self.prover = prover
        self.compiled: dict[int, tuple[Any, Check]] = {}
        """Each subschema compiled, by identity (with the subschema, so that it stays alive)."""

    def node(self, schema: Any) -> Check:
        """The check of ``schema``: its keywords' checks in the schema's order."""
        known = self.compiled.get(id(schema))
        if known is not None:
            return known[1]
        keywords = compiled_keywords(
            schema, self.base.VALIDATORS, self.base.format_checker is not None
        )
        steps = [self._keyword(k, v, schema) for k, v in keywords.items()]

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            for step in steps:
                step(instance, path, out)

        compiled = steps[0] if len(steps) == 1 else check
        self.compiled[id(schema)] = (schema, compiled)
        return compiled

    def _child(self, schema: Any) -> tuple[Check, Rule | None]:
        return self.node(schema), self.prover.rule(schema)

    def _keyword(self, keyword: str, value: Any, schema: dict[str, Any]) -> Check:
        if keyword == "properties":
            return self._properties(value)
        if keyword == "patternProperties":
            return self._pattern_properties(value)
        if keyword == "items":
            return self._items(value)
        valid = _leaf_proof(keyword, value)
        if valid is None:
            raise Unsupported
        if keyword == "enum" and (worded := self._enum_wording(value, schema)) is not None:
            return self._codelist(value, schema, valid, worded)
        return self._leaf(keyword, value, schema, valid)

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

    def _enum_wording(self, values: Any, schema: dict[str, Any]) -> str | None:
        """The end of jsonschema's message for a string or null not in the codelist ``values``
        (" is not one of [...]"), when every value in it is a string or null and jsonschema
        words the message that way (asked once, here); else None."""
        if type(values) is not list or not all(v is None or type(v) is str for v in values):
            return None
        probe = "\x00" + "".join(v for v in values if v is not None)  # in no codelist
        wording = f" is not one of {values!r}"
        told = [error.message for error in self.base.VALIDATORS["enum"](self.base, values, probe,
                                                                         schema)]  # fmt: skip
        return wording if told == [repr(probe) + wording] else None

    def _codelist(
        self, values: Any, schema: dict[str, Any], valid: Callable[[Any], bool], wording: str
    ) -> Check:
        """An ``enum`` of strings and nulls: a string or null not in it is a problem for
        certain (a string equals only an equal string), worded as jsonschema words it, without
        comparing it with every value of a long codelist (currencies) the way jsonschema does."""
        slow = self._leaf("enum", values, schema, valid)
        problem = require("jsonschema").ValidationError

        def leaf(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if valid(instance):
                return
            if instance is not None and type(instance) is not str:
                slow(instance, path, out)
                return
            message = repr(instance) + wording
            out.append(problem(message, validator="enum", path=path, validator_value=values,
                               instance=instance, schema=schema))  # fmt: skip

        return leaf

    def _properties(self, properties: Any) -> Check:
        if type(properties) is not dict:
            raise Unsupported
        named = [(name, *self._child(sub)) for name, sub in properties.items()]

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if isinstance(instance, dict):
                for name, sub, rule in named:
                    if name in instance:
                        value = instance[name]
                        if holds(rule, value):
                            continue
                        path.append(name)
                        sub(value, path, out)
                        path.pop()

        return check

    def _pattern_properties(self, patterns: Any) -> Check:
        if type(patterns) is not dict:
            raise Unsupported
        searches = [(re.compile(p).search, *self._child(sub)) for p, sub in patterns.items()]
        matched: dict[Any, tuple[bool, ...]] = {}
        """Which patterns each key seen matches (keys of real feeds are few)."""

        def matches(key: Any) -> tuple[bool, ...]:
            found = matched.get(key)
            if found is None:
                found = tuple(bool(search(key)) for search, _, _ in searches)
                if len(matched) < _REMEMBERED_KEYS:
                    matched[key] = found
            return found

        def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if isinstance(instance, dict):
                keys = [(key, matches(key)) for key in instance]
                for index, (_, sub, rule) in enumerate(searches):
                    for key, hits in keys:
                        if hits[index] and not holds(rule, item := instance[key]):
                            path.append(key)
                            sub(item, path, out)
                            path.pop()

        return check

    def _items(self, items: Any) -> Check:
        if isinstance(items, dict):
            each, rule = self._child(items)

            def check(instance: Any, path: list[str | int], out: list[Any]) -> None:
                if isinstance(instance, list):
                    for index, item in enumerate(instance):
                        if not holds(rule, item):
                            path.append(index)
                            each(item, path, out)
                            path.pop()

            return check
        if type(items) is not list:
            raise Unsupported
        positional = [self._child(sub) for sub in items]

        def by_position(instance: Any, path: list[str | int], out: list[Any]) -> None:
            if isinstance(instance, list):
                for index, (item, (sub, rule)) in enumerate(
                    zip(instance, positional, strict=False)
                ):
                    if not holds(rule, item):
                        path.append(index)
                        sub(item, path, out)
                        path.pop()

        return by_position


def _leaf_proof(keyword: str, value: Any) -> Callable[[Any], bool] | None:
    """A test that is True only for values jsonschema's ``keyword`` finds valid (False means
    "ask jsonschema"), or None for a keyword not compiled here."""
    if keyword == "type":
        allowed = python_types(value)
        if allowed is None:
            return lambda instance: False  # an unknown type name: jsonschema raises for it
        return lambda instance: type(instance) in allowed
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
        return lambda instance: not value or not isinstance(instance, list) or distinct(instance)
    return None
