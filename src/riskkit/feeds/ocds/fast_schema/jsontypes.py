"""What the compiled schema check shares: JSON types as Python types, and when to give up.

jsonschema's Draft 4 type checker gives each type name to values of certain Python types. The
compiled check accepts a value by its *exact* Python type only (``type(v) is str``, never a
subclass), so a value it cannot place (a ``Decimal``, a ``str`` subclass) is never proved valid
here: it is handed to jsonschema, which decides.
"""

from __future__ import annotations

from typing import Any

PYTHON_TYPES: dict[str, tuple[type, ...]] = {
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

JSON_TYPES: frozenset[type] = frozenset(t for types in PYTHON_TYPES.values() for t in types)
"""The Python types a parsed JSON value has: what a schema without ``type`` allows here."""


class Unsupported(Exception):
    """The schema uses something not compiled here: jsonschema checks it instead."""


def python_types(value: Any) -> frozenset[type] | None:
    """The Python types valid for the ``type`` keyword's ``value``, or None when it names a
    type jsonschema does not know (it raises for one, so it is left to it)."""
    names = [value] if isinstance(value, str) else value
    if type(names) is not list or not all(type(n) is str and n in PYTHON_TYPES for n in names):
        return None
    return frozenset(t for n in names for t in PYTHON_TYPES[n])


def compiled_keywords(schema: Any, keywords: Any, checks_formats: bool) -> dict[str, Any]:
    """The keywords of ``schema`` that Draft 4 checks (``keywords``: its validator table), in
    the schema's order; Unsupported for a schema that cannot be compiled (not an object, a
    ``$ref`` left, ``format`` checked by a format checker)."""
    if type(schema) is not dict or "$ref" in schema:
        raise Unsupported
    found = {key: value for key, value in schema.items() if key in keywords}
    if "format" in found:
        if checks_formats:
            raise Unsupported
        del found["format"]  # Draft4Validator checks no format unless given a format checker
    return found
