"""``uniqueItems`` proved without jsonschema's pairwise comparison, for the lists OCDS has.

jsonschema sorts a list to compare neighbours and, for objects (which do not sort), compares
every pair with its ``equal``. Most OCDS arrays (parties, items, documents) are objects told
apart by an id or a description, so a cheap fingerprint of each object settles them; only a list
whose fingerprints collide is compared in full, and anything this module cannot follow exactly
is left to jsonschema.
"""

from __future__ import annotations

from typing import Any

_PLAIN = frozenset({str, dict, list, bool, int, float, type(None)})
"""Types whose jsonschema equality the fingerprint and the canonical form follow exactly."""


class _NotPlain(Exception):
    """A value whose jsonschema equality the canonical form does not follow (NaN, non-JSON)."""


def distinct(items: list[Any]) -> bool:
    """True when no two of ``items`` are equal as jsonschema's ``uniqueItems`` compares them,
    for the lists whose test is plain: fewer than two items; strings (jsonschema sorts them and
    compares neighbours with ==); objects (it cannot sort them, so it compares every pair with
    its ``equal``, and two canonical forms are equal exactly when ``equal`` says so). False
    means "ask jsonschema"."""
    if len(items) < 2:
        return True
    if all(type(value) is str for value in items):
        return len(set(items)) == len(items)
    if not all(type(value) is dict for value in items):
        return False
    # two objects whose ids (or first keys) hold different strings, or different integers, are
    # not equal: the commonest case
    if _told_apart_by(items, "id") or _told_apart_by(items, next(iter(items[0]), None)):
        return True
    prints = set()
    for value in items:
        mark = _fingerprint(value)
        if mark is None:
            return False
        prints.add(mark)
    if len(prints) == len(items):
        return True
    try:
        forms = {_canonical(value) for value in items}
    except _NotPlain:
        return False
    return len(forms) == len(items)


def _told_apart_by(items: list[Any], key: Any) -> bool:
    """Whether the values under ``key`` are all strings, or all integers, and all different."""
    heads = [value.get(key) for value in items]
    kind = type(heads[0])
    if kind is not str and kind is not int:
        return False
    for head in heads:
        if type(head) is not kind:
            return False
    return len(set(heads)) == len(heads)


def _fingerprint(value: dict[Any, Any]) -> frozenset[Any] | None:
    """The keys of an object, each with its value when that is a string: objects jsonschema
    calls equal have the same keys, and equal strings under each (a string equals no other
    JSON value), so two different fingerprints are two different objects. None for a value of
    a type the argument does not cover."""
    marks: list[Any] = []
    for key, item in value.items():
        kind = type(item)
        if kind is str:
            marks.append((key, item))
        elif kind in _PLAIN:
            marks.append(key)
        else:
            return None
    return frozenset(marks)


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
